"""Browsing without the wizard: per activity an overview of its filled cells with the answer each belongs
to, reached from the schema, the tips overview, the tip pages and the advice pages; breadcrumbs on every
page but the home page and the question pages (which have a back link instead)."""
from __future__ import annotations

from conftest import Built
from htmlscan import parse
from site_inputs import combinations, filled_cells, load_table, step_path, tip_pages


def overview(activity_id: str) -> str:
    return f"wegwijzer/tips/{activity_id}/"


def links(html: str) -> list[str]:
    return [a.attrs["href"].lstrip("/") for a in parse(html).find_all("a") if a.get("href", "").startswith("/")]


def test_each_activity_overview_lists_its_filled_cells_with_their_answers(built: Built) -> None:
    table = load_table()
    for activity in table["activities"]:
        page = parse(built.html(overview(activity["id"])))
        main = page.find_all("main")[0]
        shown = {a.attrs["href"].lstrip("/"): a.words() for a in main.find_all("a")
                 if a.attrs["href"].lstrip("/").startswith(f"wegwijzer/tips/{activity['id']}-")}
        cells = {f"wegwijzer/tips/{activity['id']}-{answer or 'algemeen'}/": answer
                 for (act, answer) in filled_cells() if act == activity["id"]}
        assert set(shown) == set(cells), activity["id"]
        labels = {a["slug"]: " ".join(a["label"].split()) for q in table["questions"] for a in q["answers"]}
        for path, answer in cells.items():
            assert shown[path] == (labels[answer] if answer else f"Algemene tips voor {activity['name']}")
        assert main.find_all("h1")[0].words() == f"Alle tips voor {activity['name']}"
        # Every question is there, so a visitor sees which answers have no tips of their own.
        assert len([h for h in main.find_all("h2") if h.words().startswith("Vraag ")]) == len(table["questions"])


def test_the_overviews_are_linked_from_schema_tips_tip_pages_and_advice_pages(built: Built) -> None:
    activities = [a["id"] for a in load_table()["activities"]]
    for source in ("wegwijzer/schema/", "wegwijzer/tips/", "zoeken/"):
        assert {overview(a) for a in activities} <= set(links(built.html(source))), source
    for tip in tip_pages():
        activity = tip.removeprefix("wegwijzer/tips/").split("-")[0]
        assert overview(activity) in links(built.html(tip)), tip
    for combination in combinations():
        assert {overview(a) for a in activities} <= set(links(built.html(step_path(combination))))


def test_every_page_but_home_and_questions_has_a_breadcrumb_that_ends_on_itself(built: Built) -> None:
    checked = 0
    for route in built.loaded.routes:
        if not route.is_page or route.kind in ("home", "question"):
            continue
        crumbs = parse(built.html(route.path)).with_class("breadcrumb")
        assert len(crumbs) == 1, route.path
        items = crumbs[0].find_all("li")
        assert items[0].find_all("a")[0].attrs["href"] == built.loaded.urls.href("")
        assert items[-1].find_all("span")[0].attrs.get("aria-current") == "page", route.path
        checked += 1
    assert checked > 60


def test_a_tip_pages_breadcrumb_goes_through_its_activity(built: Built) -> None:
    for tip in tip_pages():
        activity = tip.removeprefix("wegwijzer/tips/").split("-")[0]
        crumbs = [a.attrs["href"].lstrip("/") for a in parse(built.html(tip)).with_class("breadcrumb")[0].find_all("a")]
        assert crumbs == ["", "wegwijzer/", "wegwijzer/tips/", overview(activity)], tip
