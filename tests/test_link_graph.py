"""The wizard's link graph: plain links (no JavaScript) reach every step, and change links land right."""
from __future__ import annotations

from conftest import Built
from htmlscan import parse
from site_inputs import combinations, load_table, prefixes, step_path


def answer_links(html: str) -> list[str]:
    return [a.attrs["href"].lstrip("/") for a in parse(html).with_class("choice")]


def test_following_answer_links_from_the_start_reaches_every_step(built: Built) -> None:
    seen: set[str] = set()
    queue = ["wegwijzer/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        queue.extend(answer_links(built.html(path)))
    expected = {step_path(p) for p in prefixes()} | {step_path(c) for c in combinations()}
    assert seen == expected
    assert len(seen) == 63


def test_answer_links_add_exactly_one_answer(built: Built) -> None:
    questions = load_table()["questions"]
    for prefix in prefixes():
        slugs = [a["slug"] for a in questions[len(prefix)]["answers"]]
        assert answer_links(built.html(step_path(prefix))) == [step_path((*prefix, s)) for s in slugs]


def test_change_links_on_a_question_page_go_back_to_that_question(built: Built) -> None:
    for prefix in prefixes():
        page = parse(built.html(step_path(prefix)))
        main = page.find_all("main")[0]
        changes = [a.attrs["href"].lstrip("/") for a in main.find_all("a") if a.words().startswith("Wijzig ")]
        assert changes == [step_path(prefix[:i]) for i in range(len(prefix))]
        back = [a.attrs["href"].lstrip("/") for a in page.find_all("a") if a.words().startswith("Terug")]
        assert back == [step_path(prefix[:-1]) if prefix else ""]


def test_sibling_links_on_an_advice_page_change_exactly_one_answer(built: Built) -> None:
    """Each lands on the advice with that one answer changed, at the note there that says so (#gewijzigd-N-slug)."""
    questions = load_table()["questions"]
    for combination in combinations():
        page = parse(built.html(step_path(combination)))
        siblings = [a.attrs["href"].lstrip("/") for a in page.find_all("a") if a.words().startswith("Verander in")]
        expected = [
            f"{step_path(combination[:i] + (other['slug'],) + combination[i + 1 :])}#gewijzigd-{i + 1}-{other['slug']}"
            for i, question in enumerate(questions)
            for other in question["answers"]
            if other["slug"] != combination[i]
        ]
        assert siblings == expected
        for link in siblings:
            target, note = link.split("#")
            assert [e for e in parse(built.html(target)).iter() if e.get("id") == note], f"{link}: no note #{note}"


def test_question_pages_say_which_question_and_are_not_indexed(built: Built) -> None:
    questions = load_table()["questions"]
    for prefix in prefixes():
        html = built.html(step_path(prefix))
        page = parse(html)
        number = len(prefix) + 1
        assert page.find_all("title")[0].words().startswith(f"Vraag {number} van {len(questions)} – ")
        assert f"Vraag {number} van {len(questions)}" in page.with_class("wizard__progress")[0].words()
        assert page.find_all("h1")[0].words() == " ".join(questions[number - 1]["text"].split())
        assert page.find_all("meta", name="robots")[0].attrs["content"] == "noindex"
        assert not page.find_all("link", rel="canonical")


def test_advice_pages_carry_a_canonical_link_to_themselves(built: Built) -> None:
    site_url = built.loaded.config["site_url"]
    for combination in combinations():
        page = parse(built.html(step_path(combination)))
        assert page.find_all("link", rel="canonical")[0].attrs["href"] == f"{site_url}/{step_path(combination)}"
        assert not page.find_all("meta", name="robots")
