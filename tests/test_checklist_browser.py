"""The checklist in a real Chromium on the served site: keyboard scoring, measurements, export/import, share links,
the page without JavaScript and on paper, and measurements kept from before the checklist's version was raised.

Expected scores come from the answers given and the rule the page states (checklist_inputs); labels,
counts and ids from content/checklist.yaml.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from checklist_inputs import (STORAGE_KEY, Answers, content, csv_rows, dutch_difference, dutch_number, expected_csv,
                              expected_scores, question_ids, record, spec, top_score)
from conftest import Built, copy_project, new_page, serving
from axe_check import violations
from wegwijzer.pipeline import build

pytestmark = pytest.mark.browser

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")
JS_BUDGET = 15_000  # the site's own JavaScript per page, uncompressed (1 KB = 1,000 bytes, as in test_budgets.py)


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def label(day: date, name: str = "") -> str:
    """How the page names a measurement."""
    return f"meting van {dutch_date(day)}" + (f" ({name})" if name else "")


# --- driving the page --------------------------------------------------------------------------


@pytest.fixture
def fresh_page(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A second, separate browser context (its own localStorage), like another computer."""
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900})


def open_checklist(page: Page, server: str, fragment: str = "") -> list[str]:
    """Opens /checklist/ and returns the list that collects script errors and CSP violations."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{server}/checklist/{fragment}")
    expect(page.locator("[data-results]")).to_be_visible()
    return errors


def tab_to(page: Page, selector: str, key: str = "Tab", limit: int = 400) -> None:
    """Presses Tab until the focus is on an element matching selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {key}")


def score_by_keyboard(page: Page, answers: Answers) -> None:
    """Tab into each question's radio group (in page order), Space picks the first option, arrows move on."""
    for qid in question_ids():
        if qid not in answers:
            continue
        tab_to(page, f"input[name='{qid}']")
        if not page.locator(f"input[name='{qid}']:checked").count():
            page.keyboard.press("Space")
        current = int(page.locator(f"input[name='{qid}']:checked").get_attribute("value") or 0)
        for _ in range(abs(answers[qid] - current)):
            page.keyboard.press("ArrowRight" if answers[qid] > current else "ArrowLeft")
        expect(page.locator(f"input[name='{qid}']:checked")).to_have_value(str(answers[qid]))


def score_by_clicking(page: Page, answers: Answers) -> None:
    checked = dict(page.locator("[data-checklist] input:checked").evaluate_all("inputs => inputs.map(i => [i.name, +i.value])"))
    for qid, score in answers.items():
        if checked.get(qid) != score:
            page.locator(f"label[for='{qid}-{score}']").click()


def table_rows(table: Locator) -> list[list[str]]:
    return [[" ".join(c.split()) for c in row] for row in table.locator("tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")]


def expect_scores(page: Page, answers: Answers, where: str = "[data-scores]") -> None:
    """The score table shows each theme's mean and 'n van m', and the total, as computed from the answers."""
    expected = expected_scores(answers)
    rows = [[t["title"], dutch_number(t["mean"]), f"{t['n']} van {t['m']}"] for t in expected["themes"]]
    rows.append(["Totaal (gemiddelde van de thema’s)", dutch_number(expected["overall"]), f"{expected['n']} van {len(question_ids())}"])
    table = page.locator(f"{where} table")
    expect(table.locator("tr").nth(len(rows))).to_contain_text(rows[-1][2])  # wait for the last update
    assert table_rows(table)[1:] == rows
    chart = page.locator(f"{where} svg[role=img]")
    for theme in expected["themes"]:
        expect(chart).to_have_attribute("aria-label", re.compile(re.escape(f"{theme['title']} {dutch_number(theme['mean'])}")))


def expect_attention(page: Page, answers: Answers, where: str = "[data-attention]") -> None:
    wanted = expected_scores(answers)["attention"]
    links = page.locator(f"{where} .attention > li > a")
    expect(links).to_have_count(len(wanted))
    assert [link.get_attribute("href") for link in links.all()] == [f"#{q}" for q in wanted]


def stored(page: Page) -> Any:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", STORAGE_KEY)


def save(page: Page, name: str) -> None:
    page.get_by_label("Naam van de meting (niet verplicht)").fill(name)
    page.get_by_role("button", name="Meting bewaren").click()


def history_names(page: Page) -> list[str]:
    return [row[0] for row in table_rows(page.locator("[data-history] table"))[1:]]


def answers_a() -> Answers:
    """Every question of the first theme and one of the second, mixing low and high scores."""
    first, second = spec()["themes"][:2]
    top = top_score()
    return {q: (i % top) + 1 for i, q in enumerate(first["questions"])} | {second["questions"][0]: top}


def answers_b() -> Answers:
    changed = dict(answers_a())
    first_question = question_ids()[0]
    changed[first_question] = top_score() if changed[first_question] != top_score() else 1
    changed[question_ids()[-1]] = 2
    return changed


# --- budget ------------------------------------------------------------------------------------


def test_the_checklists_own_javascript_stays_within_the_budget(built: Built) -> None:
    scripts = re.findall(r'<script src="/?([^"]+)"', built.html("checklist/"))
    assert built.asset("js/checklist-core.js") in scripts and built.asset("js/checklist.js") in scripts
    assert sum(len(built.files[s]) for s in scripts) < JS_BUDGET


# --- with JavaScript ---------------------------------------------------------------------------


def test_scoring_by_keyboard_updates_scores_chart_and_attention_points(page: Page, server: str) -> None:
    errors = open_checklist(page, server)
    page.locator("main").focus()
    answers = answers_a()
    score_by_keyboard(page, answers)
    expect_scores(page, answers)
    expect_attention(page, answers)
    last = spec()["themes"][1]
    mean = expected_scores(answers)["themes"][1]
    expect(page.locator("[data-status]")).to_have_text(f"{last['title']}: score {dutch_number(mean['mean'])}, {mean['n']} van {mean['m']} beantwoord.")
    # The tips come along with each attention point, copied from the question.
    first_attention = expected_scores(answers)["attention"][0]
    tip_links = page.locator(f"#{first_attention} [data-tips] a").evaluate_all("links => links.map(a => a.href)")
    copied = page.locator("[data-attention] .attention > li").first.locator("details a").evaluate_all("links => links.map(a => a.href)")
    assert copied == tip_links and tip_links
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_save_reload_and_find_it_back_then_compare_with_a_second(page: Page, server: str) -> None:
    errors = open_checklist(page, server)
    today = date.today()
    score_by_clicking(page, answers_a())
    save(page, "Inkoop =Noord")
    expect(page.locator("[data-status]")).to_have_text(f"De {label(today, 'Inkoop =Noord')} is bewaard in deze browser.")
    page.reload()
    expect(page.locator("[data-history] table")).to_be_visible()
    assert history_names(page) == [label(today, "Inkoop =Noord")]
    assert stored(page)["measurements"] == [record(today.isoformat(), answers_a(), "Inkoop =Noord")]
    # The unsaved answers came back too.
    for qid, score in answers_a().items():
        expect(page.locator(f"input[name='{qid}']:checked")).to_have_value(str(score))
    expect_scores(page, answers_a())

    score_by_clicking(page, answers_b())
    save(page, "Inkoop Zuid")
    assert history_names(page) == [label(today, "Inkoop =Noord"), label(today, "Inkoop Zuid")]
    compare = page.locator("[data-compare] table")
    expect(compare).to_be_visible()
    before, after = expected_scores(answers_a()), expected_scores(answers_b())
    rows = table_rows(compare)[1:]
    themes = [t["title"] for t in before["themes"]] + ["Totaal"]
    pairs = list(zip([t["mean"] for t in before["themes"]] + [before["overall"]], [t["mean"] for t in after["themes"]] + [after["overall"]]))
    assert [r[0] for r in rows] == themes
    assert [row[1:] for row in rows] == [[dutch_number(old), dutch_number(new), dutch_difference(old, new)] for old, new in pairs]
    # The trend chart draws a line per theme that has scores, and the figures are in the history table.
    trend = page.locator("[data-trend] svg[role=img]")
    expect(trend).to_have_attribute("aria-label", re.compile("Lijndiagram"))
    assert trend.locator("polyline").count() == len(spec()["themes"])
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("button", ["Meting bewaren", "Kopieer deellink"])
def test_saving_or_sharing_without_answers_says_what_to_do(page: Page, server: str, button: str) -> None:
    open_checklist(page, server)
    page.get_by_role("button", name=button).click()
    expect(page.locator("[data-status]")).to_have_text("Beantwoord eerst ten minste één vraag.")
    assert stored(page) is None  # nothing is written before the visitor answers


def test_compare_follows_the_two_chosen_measurements(page: Page, server: str) -> None:
    open_checklist(page, server)
    strategy, processes = spec()["themes"][0]["questions"], spec()["themes"][1]["questions"]
    # Totals 2.0 and 1.75: shown as 2,0 and 1,8, so the difference shown is −0,2 (not −0,3 from the raw figures).
    first, last = {q: 2 for q in question_ids()}, {q: 2 for q in strategy} | {processes[0]: 1, processes[1]: 2}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps({"measurements": [
        record("2024-01-01", first, "een"), record("2025-01-01", {q: 3 for q in question_ids()}, "twee"),
        record("2026-01-01", last, "drie")]})])
    page.reload()
    boxes = page.locator("[data-history] input[type=checkbox]")
    expect(boxes).to_have_count(3)
    assert [b.is_checked() for b in boxes.all()] == [False, True, True]  # the latest two by default
    boxes.nth(1).uncheck()
    expect(page.locator("[data-compare]")).to_contain_text("Kies in de kolom Vergelijken twee metingen.")
    boxes.nth(0).check()
    caption = f"Verschil per thema van de {label(date(2024, 1, 1), 'een')} naar de {label(date(2026, 1, 1), 'drie')}"
    expect(page.locator("[data-compare] caption")).to_have_text(caption)
    before, after = expected_scores(first)["overall"], expected_scores(last)["overall"]
    total = ["Totaal", dutch_number(before), dutch_number(after), dutch_difference(before, after)]
    assert total[1:] == ["2,0", "1,8", "−0,2"]
    assert table_rows(page.locator("[data-compare] table"))[-1] == total


def test_delete_one_and_all_with_a_keyboard_confirmation(page: Page, server: str) -> None:
    open_checklist(page, server)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps({"measurements": [
        record("2025-05-05", {"strategie-1": 2}, "oud"), record("2026-05-05", {"strategie-1": 3}, "nieuw")]})])
    page.reload()
    old = label(date(2025, 5, 5), "oud")
    delete = page.get_by_role("button", name=f"{old} verwijderen")
    delete.focus()
    page.keyboard.press("Enter")
    question = page.locator("[data-confirm-text]")
    expect(question).to_be_focused()
    expect(question).to_have_text(f"Weet u zeker dat u de {old} wilt verwijderen?")
    page.keyboard.press("Escape")  # changed my mind: nothing happens, focus goes back
    expect(page.locator("[data-confirm]")).to_be_hidden()
    expect(delete).to_be_focused()
    assert len(stored(page)["measurements"]) == 2

    page.keyboard.press("Enter")
    tab_to(page, "[data-confirm-yes]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-history-status]")).to_have_text(f"De {old} is verwijderd.")
    expect(page.locator("#metingen-titel")).to_be_focused()
    assert history_names(page) == [label(date(2026, 5, 5), "nieuw")]
    assert [m["name"] for m in stored(page)["measurements"]] == ["nieuw"]

    everything = page.get_by_role("button", name="Alle metingen verwijderen")
    everything.focus()
    page.keyboard.press("Enter")
    expect(question).to_contain_text("alle 1 bewaarde metingen")
    tab_to(page, "[data-confirm-yes]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
    assert stored(page)["measurements"] == []


def download(page: Page, button: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_export_and_reimport_in_a_fresh_browser(page: Page, fresh_page: Page, server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, 'Team "A", inkoop')
    score_by_clicking(page, answers_b())
    save(page, "@team B")
    saved = stored(page)["measurements"]

    exported = download(page, "Download als JSON", tmp_path)
    assert exported.name == f"checklist-metingen-{date.today().isoformat()}.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["checklistVersion"] == content()["version"] and data["measurements"] == saved

    sheet = download(page, "Download als CSV", tmp_path).read_bytes().decode("utf-8")
    assert sheet == expected_csv(saved)
    assert [r[1] for r in csv_rows(sheet)[1:]] == ['Team "A", inkoop', "'@team B"]

    open_checklist(fresh_page, server)
    expect(fresh_page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
    fresh_page.get_by_label("Metingen importeren (JSON-bestand)").set_input_files(exported)
    expect(fresh_page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 2 metingen. Overgeslagen omdat ze er al waren: 0.")
    assert stored(fresh_page)["measurements"] == saved
    fresh_page.get_by_label("Metingen importeren (JSON-bestand)").set_input_files(exported)
    expect(fresh_page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 0 metingen. Overgeslagen omdat ze er al waren: 2.")
    assert history_names(fresh_page) == [label(date.today(), 'Team "A", inkoop'), label(date.today(), "@team B")]
    assert page.outside_requests == [] and fresh_page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("text, message", [
    ("{ dit is geen json", "Dit bestand is geen geldig JSON-bestand."),
    (json.dumps({"name": "iets anders"}), "Dit bestand is geen export van deze checklist."),
    (json.dumps({"format": "wegwijzer-checklist", "checklistVersion": 0, "measurements": []}), "Dit bestand hoort bij versie 0"),
    (json.dumps({"format": "wegwijzer-checklist", "checklistVersion": 1,
                 "measurements": [{"date": "2026-01-01", "checklistVersion": 1, "answers": {"strategie-1": 7}}]}), "strategie-1"),
])
def test_a_bad_import_says_what_is_wrong_and_changes_nothing(page: Page, server: str, tmp_path: Path, text: str, message: str) -> None:
    open_checklist(page, server)
    score_by_clicking(page, {question_ids()[0]: 3})
    save(page, "blijft")
    before = page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY)
    bad = tmp_path / "metingen.json"
    bad.write_text(text, encoding="utf-8")
    page.get_by_label("Metingen importeren (JSON-bestand)").set_input_files(bad)
    status = page.locator("[data-history-status]")
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("Er is niets geïmporteerd.")
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY) == before
    assert history_names(page) == [label(date.today(), "blijft")]


def test_share_link_opens_read_only_and_can_be_taken_over(page: Page, fresh_page: Page, server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    open_checklist(page, server)
    answers = answers_a()
    score_by_clicking(page, answers)
    page.get_by_role("button", name="Kopieer deellink").click()
    expect(page.locator("[data-status]")).to_contain_text("De deellink is gekopieerd.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{server}/checklist/#score=")

    errors = open_checklist(fresh_page, server, link[len(server) + len("/checklist/"):])
    shared = fresh_page.locator("[data-shared-view]")
    expect(shared).to_be_visible()
    expect(shared.get_by_role("heading", name="Gedeeld resultaat")).to_be_focused()
    expect_scores(fresh_page, answers, "[data-shared-scores]")
    expect_attention(fresh_page, answers, "[data-shared-scores]")
    assert fresh_page.locator("[data-checklist] input:checked").count() == 0  # read-only: the form is untouched
    assert stored(fresh_page) is None

    shared.get_by_role("button", name="Neem dit resultaat over in het formulier").click()
    expect(shared).to_be_hidden()
    expect(fresh_page.locator("#resultaat-titel")).to_be_focused()
    assert fresh_page.url == f"{server}/checklist/"
    for qid, score in answers.items():
        expect(fresh_page.locator(f"input[name='{qid}']:checked")).to_have_value(str(score))
    expect_scores(fresh_page, answers)
    assert stored(fresh_page)["current"] == answers
    assert errors == [] and fresh_page.outside_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("fragment", [
    "#score=1.strategie-34",  # cut off
    "#score=1.strategie-341.processen-12.mensen-1234123.zz",  # edited: checksum no longer fits
    "#score=1.strategie-3<img src=x onerror=alert(document.domain)>.aa",
    "#score=1.<script>alert(1)</script>.zz",
])
def test_a_damaged_share_link_gives_a_clear_message_and_no_injection(page: Page, server: str, fragment: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = open_checklist(page, server, fragment)
    shared = page.locator("[data-shared-view]")
    expect(shared).to_be_visible()
    expect(page.locator("[data-shared-error]")).to_have_text("Deze deellink is beschadigd of aangepast. Vraag de afzender om een nieuwe link.")
    expect(page.locator("[data-shared-result]")).to_be_hidden()
    assert page.locator("main img, main script").count() == 0
    # The page still works: answering updates the scores.
    page.locator(f"label[for='{question_ids()[0]}-1']").click()
    expect_scores(page, {question_ids()[0]: 1})
    assert dialogs == [] and errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_results_history_and_comparison_fit_a_phone_screen(phone: Page, server: str) -> None:
    open_checklist(phone, server)
    phone.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps({
        "measurements": [record("2025-01-01", answers_a(), "Afdeling Inkoop en Aanbesteden"), record("2026-01-01", answers_b(), "Afdeling Inkoop")],
        "current": answers_a()})])
    phone.reload()
    expect(phone.locator("[data-compare] table")).to_be_visible()
    expect(phone.locator("[data-trend] svg")).to_be_visible()
    # Wide tables scroll inside their own region; the page itself never scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


# --- without JavaScript, and on paper -----------------------------------------------------------


def test_without_javascript_all_questions_scale_and_tips_are_there(page_nojs: Page, server: str) -> None:
    page_nojs.goto(f"{server}/checklist/")
    legends = page_nojs.locator("[data-checklist] fieldset legend")
    expect(legends).to_have_count(len(question_ids()))
    for theme in content()["themes"]:
        for question in theme["questions"]:
            group = page_nojs.get_by_role("group", name=re.compile(re.escape(" ".join(question["text"].split()))))
            expect(group).to_be_visible()
            radios = group.get_by_role("radio")
            expect(radios).to_have_count(len(content()["scale"]))
            labels = [f"{point['score']} {point['label']}" for point in content()["scale"]]
            assert [" ".join(t.split()) for t in group.locator("label").all_inner_texts()] == labels
            assert all(radio.is_visible() for radio in radios.all())
            if question.get("tips"):
                expect(group.locator("[data-tips]")).to_be_visible()
    expect(page_nojs.locator("[data-checklist-nojs]")).to_be_visible()
    expect(page_nojs.locator("[data-results]")).to_be_hidden()
    assert page_nojs.outside_requests == []  # type: ignore[attr-defined]


def test_print_keeps_the_questions_and_hides_the_interactive_parts(page: Page, server: str) -> None:
    open_checklist(page, server)
    score_by_clicking(page, {question_ids()[0]: 2})
    page.emulate_media(media="print")
    expect(page.locator("[data-checklist] fieldset").first).to_be_visible()
    expect(page.locator("[data-tips]").first).to_be_visible()
    for hidden in ["[data-save]", ".history", "[data-share-button]", "[data-import]", "[data-delete-all]", ".toc",
                   ".site-header", "[data-checklist-nojs]", ".notice--privacy"]:
        expect(page.locator(hidden)).to_be_hidden()
    # On paper, each link shows its address.
    first_link = page.locator("[data-tips] a[href^='http']").first
    after = first_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert (first_link.get_attribute("href") or "") in after


# --- after a new version of the checklist ------------------------------------------------------

VERSION = content()["version"]
OLDER_NOTICE = ("1 eerdere meting hoort bij een oudere versie van de checklist en wordt niet getoond; "
                "ze blijft bewaard en gaat mee in een download.")


@pytest.fixture(scope="module")
def next_version_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built after an editor raised the checklist's version, on its own port (its own localStorage)."""
    config = copy_project(tmp_path_factory.mktemp("next-version") / "project")
    checklist = config.parent / "content" / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8")
    assert f"\nversion: {VERSION}\n" in text
    checklist.write_text(text.replace(f"\nversion: {VERSION}\n", f"\nversion: {VERSION + 1}\n", 1), encoding="utf-8")
    loaded, _ = build(config)
    with serving(loaded.config.dir("output_dir")) as url:
        yield url


def next_version_record(day: str, answers: Answers, name: str = "") -> dict[str, Any]:
    return record(day, answers, name) | {"checklistVersion": VERSION + 1}


def test_measurements_of_an_older_version_are_kept_announced_and_exported(page: Page, next_version_server: str, tmp_path: Path) -> None:
    errors = open_checklist(page, next_version_server)
    older = record("2025-03-01", answers_a(), "Inkoop")
    current = next_version_record("2026-03-01", answers_b(), "Inkoop")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps({"measurements": [older, current]})])
    page.reload()
    notice = page.locator("[data-history] .notice")
    expect(notice).to_have_text(OLDER_NOTICE)
    assert history_names(page) == [label(date(2026, 3, 1), "Inkoop")]  # only this version's measurement is shown
    expect(page.locator("[data-trend] svg")).to_have_count(0)  # nor drawn or compared with
    assert violations(page) == []

    score_by_clicking(page, answers_a())
    save(page, "Nieuw")
    new = next_version_record(date.today().isoformat(), answers_a(), "Nieuw")
    assert stored(page)["measurements"] == [older, current, new]  # saving keeps the older one
    exported = json.loads(download(page, "Download als JSON", tmp_path).read_text(encoding="utf-8"))
    assert exported["checklistVersion"] == VERSION + 1 and exported["measurements"] == [older, current, new]
    sheet = download(page, "Download als CSV", tmp_path).read_bytes().decode("utf-8")
    assert sheet == expected_csv([older, current, new], version=VERSION + 1)

    # Deleting all deletes the older ones too, and says how many there are in all.
    page.get_by_role("button", name="Alle metingen verwijderen").click()
    expect(page.locator("[data-confirm-text]")).to_contain_text("alle 3 bewaarde metingen")
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
    assert stored(page)["measurements"] == []
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_an_export_of_the_older_version_imports_as_kept_but_not_shown(
        page: Page, fresh_page: Page, server: str, next_version_server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "vorig jaar")
    exported = download(page, "Download als JSON", tmp_path)
    assert json.loads(exported.read_text(encoding="utf-8"))["checklistVersion"] == VERSION

    errors = open_checklist(fresh_page, next_version_server)
    importer = fresh_page.get_by_label("Metingen importeren (JSON-bestand)")
    importer.set_input_files(exported)
    status = fresh_page.locator("[data-history-status]")
    expect(status).to_have_text(f"Geïmporteerd: 1 meting. Overgeslagen omdat ze er al waren: 0. {OLDER_NOTICE}")
    expect(fresh_page.locator("[data-history]")).to_have_text(OLDER_NOTICE)
    assert stored(fresh_page)["measurements"] == [record(date.today().isoformat(), answers_a(), "vorig jaar")]
    importer.set_input_files(exported)
    expect(status).to_have_text("Geïmporteerd: 0 metingen. Overgeslagen omdat ze er al waren: 1.")
    assert errors == [] and fresh_page.outside_requests == []  # type: ignore[attr-defined]
