"""The team comparison in a real Chromium: three colleagues' exports (two JSON files and an HTML report) and one
broken file opened at once. Every figure expected here is computed in Python from the generated answers.
"""
from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist_inputs import FORMAT, content, dutch_number, expected_scores, question_ids, record, spec
from checklist_page import TEAM_LABEL, download, open_checklist, put_stored, table_rows

pytestmark = pytest.mark.browser
VERSION = content()["version"]


def colleague_answers(seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    return {q: rng.randint(1, 4) for q in question_ids() if rng.random() < 0.9}


TEAM = {"Anna": colleague_answers(21), "Bram": colleague_answers(22), "Chris": colleague_answers(23)}


def export_file(tmp_path: Path, name: str, *measurements: dict) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"format": FORMAT, "checklistVersion": VERSION, "measurements": list(measurements)}), encoding="utf-8")
    return path


def texts() -> dict[str, str]:
    """How the page names each question outside the form: "Strategie, vraag 1: …"."""
    return {q["id"]: f"{t['short']}, vraag {n}: {' '.join(q['text'].split())}"
            for t in content()["themes"] for n, q in enumerate(t["questions"], 1)}


def spread(values: list[float]) -> list[str]:
    """Lowest, median and highest as the page writes them; "geen" for a question nobody answered."""
    if not values:
        return ["geen"] * 3
    return [dutch_number(float(v)) for v in (min(values), statistics.median(values), max(values))]


def most_different(team: dict[str, dict[str, int]]) -> list[str]:
    """The issue's rule as the page states it: at most 5, at least 2 points apart, widest first, then the larger variance."""
    found = []
    for q in question_ids():
        values = [answers[q] for answers in team.values() if q in answers]
        if values and max(values) - min(values) >= 2:
            found.append((-(max(values) - min(values)), -statistics.pvariance(values), question_ids().index(q), q))
    return [q for *_, q in sorted(found)[:5]]


@pytest.fixture
def team_files(page: Page, server: str, tmp_path: Path) -> list[Path]:
    """Anna's and Bram's JSON exports (Bram's with an older measurement too), Chris's HTML report, and a broken file."""
    anna = export_file(tmp_path, "anna", record("2026-02-01", TEAM["Anna"], "Anna", id="ma"))
    bram = export_file(tmp_path, "bram", record("2025-02-01", {q: 4 for q in question_ids()}, "Bram", id="mb0"),
                       record("2026-02-02", TEAM["Bram"], "Bram", id="mb"))
    open_checklist(page, server)
    put_stored(page, {"measurements": [record("2026-02-03", TEAM["Chris"], "Chris", id="mc")], "current": {}})
    chris = download(page, page.locator("[data-history]").get_by_role("button", name="Download de meting van 3 februari 2026 (Chris) als rapport (HTML)"), tmp_path)
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format": "wegwijzer-checklist", "measurem', encoding="utf-8")
    page.evaluate("localStorage.clear()")
    page.reload()
    return [anna, bram, broken, chris]


def test_the_team_view_shows_everyones_scores_the_spread_and_the_differences(page: Page, team_files: list[Path]) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.get_by_label(TEAM_LABEL).set_input_files(team_files)
    team = page.locator("[data-team]")
    expect(team.get_by_role("heading", name="Vergelijking van het team")).to_be_focused()
    expect(team).to_contain_text("Gelezen: 3 bestanden.")
    # The broken file is named with the reason; the others still count.
    expect(team.get_by_role("alert")).to_have_text("Niet gelezen: 1 bestand.kapot.json: Dit bestand is geen geldig JSON-bestand.")
    names = list(TEAM)

    themes = table_rows(team.locator("table").nth(0))
    assert themes[0] == ["Thema", *names, "Laagste", "Mediaan", "Hoogste"]
    scores = {name: expected_scores(answers) for name, answers in TEAM.items()}
    for index, theme in enumerate(spec()["themes"]):
        means = [scores[name]["themes"][index]["mean"] for name in names]
        assert themes[1 + index] == [theme["title"], *map(dutch_number, means), *spread(means)]
    totals = [scores[name]["overall"] for name in names]
    assert themes[-1] == ["Totaal", *map(dutch_number, totals), *spread(totals)]

    questions = table_rows(team.locator("table").nth(1))
    for row, q in zip(questions[1:], question_ids(), strict=True):
        given = [TEAM[name].get(q) for name in names]
        values = [v for v in given if v]
        assert row == [texts()[q], *(str(v) if v else "–" for v in given), *spread(values)]

    listed = team.locator(".team__different > li strong").all_text_contents()
    assert listed == [texts()[q] for q in most_different(TEAM)] and listed
    # Nothing left the browser: the only requests were for the site's own files (the modules of the team view).
    assert all(url.startswith(page.url.split("/checklist/")[0] + "/assets/") for url in requests), requests
    assert any(url.endswith("/team.js") for url in requests)
    assert page.outside_requests == []  # type: ignore[attr-defined]


def test_the_team_view_prints_on_its_own(page: Page, team_files: list[Path]) -> None:
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_label(TEAM_LABEL).set_input_files(team_files)
    page.get_by_role("button", name="Print deze vergelijking").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    expect(page.locator("[data-team] table").first).to_be_visible()
    for hidden in ["[data-checklist]", "[data-results]", "h1", "#team-bestanden"]:
        expect(page.locator(hidden).first).to_be_hidden()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(page.locator("[data-checklist]")).to_be_visible()  # the page prints whole again


def test_a_team_of_only_unreadable_files_says_so(page: Page, server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    foreign = tmp_path / "package.json"
    foreign.write_text('{"name": "iets"}', encoding="utf-8")
    older = export_file(tmp_path, "oud", record("2020-01-01", {"strategie-1": 2}))
    older.write_text(older.read_text(encoding="utf-8").replace(f'"checklistVersion": {VERSION}', f'"checklistVersion": {VERSION + 1}'), encoding="utf-8")
    page.get_by_label(TEAM_LABEL).set_input_files([foreign, older])
    alert = page.locator("[data-team]").get_by_role("alert")
    expect(alert).to_contain_text("package.json: Dit bestand is geen export van deze checklist.")
    expect(alert).to_contain_text(f"oud.json: Dit bestand hoort bij versie {VERSION + 1}")
    expect(page.locator("[data-team] table")).to_have_count(0)
