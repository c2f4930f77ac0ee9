"""The decision model, checked on the built advice pages against the table and the tip files."""
from __future__ import annotations

from conftest import Built
from htmlscan import parse
from site_inputs import combinations, expected_cells, filled_cells, load_table, prefixes, step_path
from wegwijzer.urls import output_file


def cell_ids_on(html: str) -> list[str]:
    """The report codes of the cells on an advice page, in page order (ids are codes in lower case)."""
    return [e.attrs["id"][0].upper() + e.attrs["id"][1:] for e in parse(html).with_class("cell") if e.tag == "article"]


def test_the_table_has_as_many_pages_as_its_answers_allow(built: Built) -> None:
    questions = load_table()["questions"]
    answer_counts = [len(q["answers"]) for q in questions]
    advice_count = 1
    for count in answer_counts:
        advice_count *= count
    assert len(combinations()) == advice_count == 32
    assert len(prefixes()) == 31
    for slugs in [*combinations(), *prefixes()]:
        assert output_file(step_path(slugs)) in built.files


def test_every_advice_page_holds_exactly_the_selected_cells_in_order(built: Built) -> None:
    for slugs in combinations():
        assert cell_ids_on(built.html(step_path(slugs))) == expected_cells(slugs), slugs


def test_each_block_names_the_answer_that_brought_it(built: Built) -> None:
    table = load_table()
    labels = {a["slug"]: a["label"] for q in table["questions"] for a in q["answers"]}
    cells = filled_cells()
    for slugs in combinations()[:4]:
        headings = [h.words() for h in parse(built.html(step_path(slugs))).with_class("cell__title")]
        expected = [
            "Algemene tips" if key is None else f"Bij uw antwoord: {labels[key]}"
            for activity in table["activities"]
            for key in (None, *slugs)
            if (activity["id"], key) in cells
        ]
        # Each heading may go on with the activity for screen readers ("Algemene tips bij Fundering").
        assert len(headings) == len(expected) and all(h.startswith(e) for h, e in zip(headings, expected)), headings


def test_activities_come_in_table_order_with_their_description(built: Built) -> None:
    activities = load_table()["activities"]
    page = parse(built.html(step_path(combinations()[0])))
    sections = [s.attrs["id"] for s in page.with_class("activity")]
    assert sections == [a["id"] for a in activities]
    html = built.html(step_path(combinations()[0]))
    for activity in activities:
        assert " ".join(activity["description"].split()) in html


def test_empty_cells_produce_nothing(built: Built) -> None:
    """A cell without a tip file never appears, neither on advice pages nor as a tip page."""
    table = load_table()
    cells = filled_cells()
    empty = [(a["id"], ans["slug"]) for a in table["activities"] for q in table["questions"] for ans in q["answers"]
             if (a["id"], ans["slug"]) not in cells]
    assert len(empty) == 15
    for activity, slug in empty:
        assert output_file(f"wegwijzer/tips/{activity}-{slug}/") not in built.files


def test_every_filled_cell_has_a_page_linking_to_the_advice_that_includes_it(built: Built) -> None:
    for (activity, answer), code in filled_cells().items():
        page = parse(built.html(f"wegwijzer/tips/{activity}-{answer or 'algemeen'}/"))
        advice_links = {a.attrs["href"].strip("/") for a in page.find_all("a")} & {step_path(c).strip("/") for c in combinations()}
        expected = {step_path(c).strip("/") for c in combinations() if answer is None or answer in c}
        assert advice_links == expected, code
