"""Change notes: shown where the text is, on the Wijzigingen page and in a valid Atom feed, with dates
from the content only and feed ids that stay the same."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

import site_inputs
from htmlscan import parse
from editing import check, edit, line_of
from wegwijzer.pipeline import build
from wegwijzer.urls import output_file

ATOM = "{http://www.w3.org/2005/Atom}"
TIP = "content/tips/analyse-complex.md"  # cell A12: answer 'complex' to question 1


def add_notes(project: Path) -> None:
    edit(project, TIP, "answer: complex\n", "answer: complex\nchanges:\n  - date: 2026-12-03\n    note: Link naar KOINNO hersteld.\n"
                                             "  - date: 2026-11-30\n    note: Tikfout verbeterd.\n")
    edit(project, "content/checklist.yaml", "      - id: strategie-2\n",
         "      - id: strategie-2\n        changes:\n          - date: 2026-12-02\n            note: Toelichting aangevuld.\n")
    edit(project, "content/pages/voorbeeld.md", "updated: 2026-11-24\n",
         "updated: 2026-11-24\nchanges:\n  - date: 2026-12-01\n    note: Uitleg bij de vijf antwoorden.\n")


def notes_on(html: str) -> list[str]:
    return [li.words() for box in parse(html).with_class("changes") for li in box.find_all("li")]


@pytest.fixture
def noted(project: Path) -> tuple[object, dict[str, bytes]]:
    add_notes(project)
    return build(project)


def test_a_cells_notes_show_on_its_tip_page_and_on_every_advice_page_that_includes_it(noted) -> None:
    loaded, files = noted
    expected = ["Gewijzigd op 3 december 2026: Link naar KOINNO hersteld.", "Gewijzigd op 30 november 2026: Tikfout verbeterd."]
    assert notes_on(files["wegwijzer/tips/analyse-complex/index.html"].decode()) == expected
    with_cell = [p for p, answers in site_inputs.advice_steps().items() if answers[0]["slug"] == "complex"]
    assert len(with_cell) == 16
    for path, answers in site_inputs.advice_steps().items():
        html = files[output_file(path)].decode()
        assert notes_on(html) == (expected if path in with_cell else []), path


def test_the_page_says_it_was_last_changed_on_the_newest_note(noted) -> None:
    _, files = noted
    footer = parse(files["wegwijzer/tips/analyse-complex/index.html"].decode()).with_class("site-footer")[0]
    assert footer.find_all("time")[0].get("datetime") == "2026-12-03"


def test_a_checklist_statement_and_a_page_show_their_notes(noted) -> None:
    _, files = noted
    checklist = parse(files["checklist/index.html"].decode())
    statement = next(e for e in checklist.find_all("fieldset") if e.get("id") == "strategie-2")
    assert [li.words() for li in statement.with_class("changes")[0].find_all("li")] == [
        "Gewijzigd op 2 december 2026: Toelichting aangevuld."]
    assert notes_on(files["voorbeeld/index.html"].decode()) == ["Gewijzigd op 1 december 2026: Uitleg bij de vijf antwoorden."]


def test_the_wijzigingen_page_lists_every_note_newest_first_with_a_link_to_its_page(noted) -> None:
    loaded, files = noted
    page = parse(files["wijzigingen/index.html"].decode())
    days = [h.words() for h in page.find_all("main")[0].find_all("h2")]
    assert days == ["3 december 2026", "2 december 2026", "1 december 2026", "30 november 2026"]
    every = [li for ul in page.with_class("change-list") for li in ul.find_all("li")]
    assert every[0].words() == "Analyse: Complex / Uniek / Innovatief (A12): Link naar KOINNO hersteld."
    assert [li.find_all("a")[0].get("href") for li in every] == [
        "/wegwijzer/tips/analyse-complex/", "/checklist/#strategie-2", "/voorbeeld/", "/wegwijzer/tips/analyse-complex/"]
    assert page.find_all("link", rel="alternate")[0].get("href") == "/wijzigingen.xml"


def test_the_feed_is_valid_atom_with_dates_from_the_content(noted) -> None:
    loaded, files = noted
    data = files["wijzigingen.xml"]
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.summary for e in feed.entries] == ["Link naar KOINNO hersteld.", "Toelichting aangevuld.",
                                                 "Uitleg bij de vijf antwoorden.", "Tikfout verbeterd."]
    assert feed.entries[1].link == loaded.urls.absolute("checklist/#strategie-2")
    assert feed.feed.updated == "2026-12-03T00:00:00Z"
    # RFC 4287: a feed has one id, title and updated, an author, a self link; every entry an id, title, updated and link.
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == loaded.urls.absolute("wijzigingen.xml")
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(set(ids)) == len(ids) == 4
    assert "tag:wegwijzer.pianoo.nl,2026-12-03:tip/A12/1" in ids


def test_feed_ids_stay_the_same_when_a_note_is_added(project: Path) -> None:
    add_notes(project)
    before = dict(build(project)[1])  # a build's files are read from dist/: keep these before the next one
    edit(project, TIP, "changes:\n", "changes:\n  - date: 2026-12-05\n    note: Nog een link.\n")
    _, after = build(project)
    ids = lambda data: [e.id for e in feedparser.parse(data).entries]  # noqa: E731
    assert ids(after["wijzigingen.xml"])[1:] == ids(before["wijzigingen.xml"])
    assert ids(after["wijzigingen.xml"])[0] == "tag:wegwijzer.pianoo.nl,2026-12-05:tip/A12/1"


def test_two_builds_with_notes_are_byte_identical(project: Path) -> None:
    add_notes(project)
    first = dict(build(project)[1])  # a build's files are read from dist/: keep these before the next one
    _, second = build(project)
    assert first["wijzigingen.xml"] == second["wijzigingen.xml"] and first == second


def test_without_notes_the_page_says_so_and_the_feed_is_still_valid(built) -> None:
    page = parse(built.html("wijzigingen/"))
    assert "Er zijn nog geen wijzigingen" in page.find_all("main")[0].words()
    feed = feedparser.parse(built.files["wijzigingen.xml"])
    assert feed.bozo == 0 and feed.entries == []
    assert "wijzigingen/" in built.loaded.routes.indexed_paths() and "wijzigingen.xml" in built.loaded.routes.public_paths()


@pytest.mark.parametrize(("new", "at", "message"), [
    ("changes:\n  - note: Zonder datum.\n", "- note", "wijziging: het veld 'date' (JJJJ-MM-DD) ontbreekt"),
    ("changes:\n  - date: 3 december\n    note: Datum als tekst.\n", "date: 3 december", "wijziging: 'date' moet een datum zijn (JJJJ-MM-DD)"),
    ("changes:\n  - date: 2026-12-03\n    note: 12\n", "note: 12", "wijziging: 'note' moet een tekst zijn, maar YAML leest 12 als een getal"),
    ("changes:\n  - date: 2026-12-03\n    noot: Tikfout.\n", "noot", "wijziging: onbekend veld 'noot'; bedoelt u 'note'?"),
    ("changes: Tikfout verbeterd.\n", "changes:", "tip: 'changes' moet een niet-lege lijst zijn"),
])
def test_a_badly_written_note_is_named_with_its_line(project: Path, capsys: pytest.CaptureFixture[str], new: str, at: str,
                                                     message: str) -> None:
    edit(project, TIP, "answer: complex\n", "answer: complex\n" + new)
    status, out = check(project, capsys)
    assert status == 1
    assert f"{TIP}:{line_of(project, TIP, at)}: {message}" in out


@pytest.mark.browser
@pytest.mark.parametrize("device", ["page", "phone"])
def test_notes_and_the_wijzigingen_page_pass_axe(project: Path, request: pytest.FixtureRequest, device: str) -> None:
    from axe_check import violations
    from conftest import serving

    add_notes(project)
    configure_tools = project.read_text(encoding="utf-8") + "edit_url: https://example.org/edit/main/\n"
    project.write_text(configure_tools, encoding="utf-8")
    loaded, _ = build(project)
    page = request.getfixturevalue(device)
    with serving(loaded.config.dir("output_dir")) as server:
        for path in ("wijzigingen/", "wegwijzer/tips/analyse-complex/", site_inputs.step_path(site_inputs.worked_example()),
                     "checklist/"):
            page.goto(f"{server}/{path}")
            assert page.locator(".changes").count() >= (0 if path == "wijzigingen/" else 1), path
            assert violations(page) == [], path
        assert page.outside_requests == []


def test_pages_with_notes_and_page_tools_are_valid_html(project: Path) -> None:
    from test_html_valid import run_checker

    add_notes(project)
    project.write_text(project.read_text(encoding="utf-8") + "edit_url: https://example.org/edit/main/\n", encoding="utf-8")
    loaded, _ = build(project)
    dist = loaded.config.dir("output_dir")
    pages = [dist / output_file(p) for p in ("wijzigingen/", "wegwijzer/tips/analyse-complex/", "checklist/", "voorbeeld/",
                                             site_inputs.step_path(site_inputs.worked_example()))]
    assert run_checker(pages) == []
