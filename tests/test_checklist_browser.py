"""The checklist in a real Chromium on the served site: answering by keyboard, a measurement's life (save once,
a new measurement, rename and note, start again from an earlier one, compare, delete), export and import,
share links, the page without JavaScript, and measurements kept from before the checklist's version was raised.

Expected scores come from the answers given and the rule the page states (checklist_inputs).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from axe_check import violations
from checklist_inputs import (LEGACY_KEY, Answers, content, csv_rows, dutch_difference, dutch_number, expected_csv,
                              expected_scores, legacy, question_ids, record, spec, without_ids)
from checklist_page import (today, IMPORT_LABEL, answers_a, answers_b, download, expect_attention, expect_scores, form_answers,
                            history_names, label, open_checklist, put_stored, save, score_by_clicking, score_by_keyboard,
                            stored, tab_to, table_rows)
from conftest import copy_project, new_page, serving
from wegwijzer.pipeline import build

pytestmark = pytest.mark.browser
VERSION = content()["version"]


@pytest.fixture
def fresh_page(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A second, separate browser context (its own localStorage), like another computer."""
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900})


# --- answering -----------------------------------------------------------------------------------


def test_scoring_by_keyboard_updates_scores_chart_and_attention_points(page: Page, server: str) -> None:
    errors = open_checklist(page, server)
    page.locator("main").focus()
    answers = answers_a()
    score_by_keyboard(page, answers)
    expect_scores(page, answers)
    expect_attention(page, answers)
    last = spec()["themes"][1]
    theme = expected_scores(answers)["themes"][1]
    # The status says what it is about: the theme, its average, how many of its questions.
    expect(page.locator("[data-answer-status]")).to_have_text(
        f"{last['title']}: gemiddelde {dutch_number(theme['mean'])} ({theme['n']} van {theme['m']} vragen beantwoord).")
    expect(page.locator("[data-progress]")).to_have_text(f"{len(answers)} van {len(question_ids())} beantwoord")
    total = expected_scores(answers)
    expect(page.locator("[data-summary]")).to_have_text(
        f"Totaal: gemiddelde {dutch_number(total['overall'])} ({total['n']} van {len(question_ids())} vragen beantwoord).")
    # The tips come along with each attention point, copied from the question.
    first_attention = total["attention"][0]
    tip_links = page.locator(f"#{first_attention} [data-tips] a").evaluate_all("links => links.map(a => a.href)")
    copied = page.locator("[data-attention] .attention > li").first.locator("details a").evaluate_all("links => links.map(a => a.href)")
    assert copied == tip_links and tip_links
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_every_statement_is_a_heading_with_its_scale_below_and_its_tips_closed(page: Page, server: str) -> None:
    open_checklist(page, server)
    headings = page.locator("[data-checklist] fieldset legend h3")
    expect(headings).to_have_count(len(question_ids()))
    texts = [q["text"] for theme in content()["themes"] for q in theme["questions"]]
    for heading, text in zip(headings.all(), texts):
        expect(heading).to_contain_text(" ".join(text.split()))
    # The statements, not their tips, are what a screen reader's list of headings shows.
    level3 = page.get_by_role("heading", level=3).all_text_contents()
    assert not [h for h in level3 if "Tips" in h]
    for fieldset in page.locator("[data-checklist] fieldset").all():
        assert fieldset.evaluate("f => f.querySelector('legend').nextElementSibling.matches('.scale')")
        details = fieldset.locator("details")
        if details.count():
            assert details.get_attribute("open") is None
    expect(page.get_by_role("link", name="Bekijk de uitslag")).to_be_visible()


# --- a measurement's life ------------------------------------------------------------------------


def test_save_reload_and_find_it_back(page: Page, server: str) -> None:
    errors = open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "Inkoop =Noord")
    expect(page.locator("[data-save-status]")).to_have_text(f"✔ De {label(today(), 'Inkoop =Noord')} is bewaard in deze browser.")
    # After a save the page says plainly where the answers live, and offers a backup.
    expect(page.locator("[data-backup]")).to_contain_text("alleen in deze browser")
    expect(page.get_by_role("button", name="Download een reservekopie (JSON)")).to_be_visible()
    page.reload()
    assert history_names(page) == [label(today(), "Inkoop =Noord")]
    assert without_ids(stored(page)["measurements"]) == [record(today().isoformat(), answers_a(), "Inkoop =Noord")]
    assert form_answers(page) == answers_a()  # the answers came back too
    expect_scores(page, answers_a())
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_the_first_save_asks_the_browser_to_keep_the_data(browser: object, request: pytest.FixtureRequest, server: str) -> None:
    for page in new_page(browser, request):
        page.add_init_script("""window.persistAsked = 0;
            navigator.storage.persist = async () => { window.persistAsked += 1; return true; };""")
        open_checklist(page, server)
        score_by_clicking(page, {question_ids()[0]: 2})
        save(page)
        expect(page.locator("[data-backup]")).to_contain_text("heeft toegezegd ze niet vanzelf te wissen")
        score_by_clicking(page, {question_ids()[0]: 3})
        save(page)
        expect(page.locator("[data-save-status]")).to_contain_text("is bewaard")
        assert page.evaluate("window.persistAsked") == 1  # on the first save only


def test_the_same_answers_are_not_saved_twice(page: Page, server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    button = page.get_by_role("button", name="Meting bewaren")
    expect(button).to_have_attribute("aria-disabled", "true")  # nothing to save yet
    score_by_clicking(page, answers_a())
    expect(button).to_have_attribute("aria-disabled", "false")
    save(page, "eerste")
    expect(button).to_have_attribute("aria-disabled", "true")
    hint = f"Deze antwoorden zijn al bewaard als de {label(today(), 'eerste')}. Verander een antwoord, of begin een nieuwe meting."
    expect(page.locator("[data-save-hint]")).to_have_text(hint)
    expect(button).to_have_accessible_description(hint)
    button.click(force=True)  # pressed anyway
    expect(page.locator("[data-save-status]")).to_have_text(hint)
    assert len(stored(page)["measurements"]) == 1
    rows = csv_rows(download(page, "Download als CSV", tmp_path).read_bytes().decode("utf-8"))
    assert len(rows) == 2  # the header and one measurement
    score_by_clicking(page, answers_b())
    expect(button).to_have_attribute("aria-disabled", "false")


def test_a_new_measurement_empties_the_form_after_a_question_and_keeps_the_saved_ones(page: Page, server: str) -> None:
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "vorig jaar")
    new = page.get_by_role("button", name="Nieuwe meting")
    new.click()
    question = page.locator("[data-confirm-text]")
    expect(question).to_be_focused()
    expect(question).to_contain_text("Uw bewaarde metingen blijven staan")
    page.keyboard.press("Escape")
    expect(new).to_be_focused()
    assert form_answers(page) == answers_a()
    new.click()
    page.get_by_role("button", name="Ja, maak het formulier leeg").click()
    expect(page.locator("[data-form-status]")).to_have_text("Het formulier is leeg. Uw bewaarde metingen staan er nog.")
    assert form_answers(page) == {} and stored(page)["current"] == {}
    assert history_names(page) == [label(today(), "vorig jaar")]
    expect(page.locator("[data-progress]")).to_have_text(f"0 van {len(question_ids())} beantwoord")
    # Unsaved answers are named as such before they go.
    score_by_clicking(page, {question_ids()[0]: 1})
    new.click()
    expect(question).to_contain_text("nog niet als meting bewaard")


def test_rename_and_note_a_saved_measurement(page: Page, server: str) -> None:
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "concept")
    page.get_by_role("button", name=f"Naam en notitie van de {label(today(), 'concept')} wijzigen").click()
    name = page.get_by_label("Naam", exact=True)
    expect(name).to_be_focused()
    name.fill("Inkoop Noord")
    page.get_by_label("Notitie (bijvoorbeeld wie meededen of wat u afsprak)").fill("Met Anna en Bram.\nVolgend jaar opnieuw.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-history-status]")).to_have_text("✔ De naam en de notitie zijn bewaard.")
    assert history_names(page) == [label(today(), "Inkoop Noord")]
    expect(page.locator("[data-history] .measurement__note")).to_have_text("Notitie: Met Anna en Bram.\nVolgend jaar opnieuw.")
    [kept] = stored(page)["measurements"]
    assert (kept["name"], kept["note"]) == ("Inkoop Noord", "Met Anna en Bram.\nVolgend jaar opnieuw.")
    page.reload()
    assert history_names(page) == [label(today(), "Inkoop Noord")]


def test_a_reassessment_starts_from_an_earlier_measurement(page: Page, server: str) -> None:
    open_checklist(page, server)
    put_stored(page, {"measurements": [record("2025-04-01", answers_a(), "2025", id="m2025")], "current": {}})
    page.get_by_role("button", name=f"Neem de antwoorden over van de {label(date(2025, 4, 1), '2025')}").click()
    # The button loads its module with import() first: the focus moving to the first theme says it is done.
    expect(page.locator("[data-theme] h2").first).to_be_focused()
    assert form_answers(page) == answers_a()
    # Unchanged, these are the answers of the newest measurement: nothing new to save yet.
    expect(page.get_by_role("button", name="Meting bewaren")).to_have_attribute("aria-disabled", "true")
    score_by_clicking(page, answers_b())
    # The change per question since that measurement is at hand.
    changes = page.locator("[data-changes] details")
    expect(changes.locator("summary")).to_have_text(f"Verandering per vraag sinds de {label(date(2025, 4, 1), '2025')}")
    changes.locator("summary").click()
    expect(changes.locator("table")).to_be_visible()  # loaded when opened
    rows = table_rows(changes.locator("table"))[1:]
    first = question_ids()[0]
    scale = [p["label"] for p in content()["scale"]]
    before, after = answers_a()[first], answers_b()[first]
    assert rows[0][1:] == [f"{before}, {scale[before - 1]}", f"{after}, {scale[after - 1]}", f"+{after - before}" if after > before else f"−{before - after}"]
    save(page, "2026")
    assert history_names(page) == [label(today(), "2026"), label(date(2025, 4, 1), "2025")]
    assert [m["answers"] for m in stored(page)["measurements"]] == [answers_a(), answers_b()]


def test_compare_two_chosen_measurements_per_theme_and_see_the_trend(page: Page, server: str) -> None:
    open_checklist(page, server)
    strategy, processes = spec()["themes"][0]["questions"], spec()["themes"][1]["questions"]
    # Totals 2.0 and 1.75: shown as 2,0 and 1,8, so the difference shown is −0,2 (not −0,3 from the raw figures).
    first, last = {q: 2 for q in question_ids()}, {q: 2 for q in strategy} | {processes[0]: 1, processes[1]: 2}
    put_stored(page, {"measurements": [record("2024-01-01", first, "een", id="m1"), record("2025-01-01", {q: 3 for q in question_ids()}, "twee", id="m2"),
                                       record("2026-01-01", last, "drie", id="m3")]})
    page.get_by_role("button", name="Vergelijk metingen").click()
    heading = page.get_by_role("heading", name="Metingen vergelijken")
    expect(heading).to_be_focused()
    assert page.get_by_label("Eerdere meting").input_value() == "1" and page.get_by_label("latere meting").input_value() == "2"  # the latest two
    page.get_by_label("Eerdere meting").select_option(label=f"{dutch_date_of('2024-01-01')} (een)")
    caption = f"Verschil per thema van de {label(date(2024, 1, 1), 'een')} naar de {label(date(2026, 1, 1), 'drie')}"
    table = page.locator("[data-compare] table").first
    expect(table.locator("caption")).to_have_text(caption)
    before, after = expected_scores(first)["overall"], expected_scores(last)["overall"]
    total = ["Totaal", dutch_number(before), dutch_number(after), dutch_difference(before, after)]
    assert total[1:] == ["2,0", "1,8", "−0,2"]
    assert table_rows(table)[-1] == total
    # A line per theme through all measurements, with its figures in a table.
    trend = page.locator("[data-compare] .trend svg")
    assert trend.locator("polyline").count() == len(spec()["themes"])
    assert len(table_rows(page.locator("[data-compare] table").last)) == 1 + 3


def dutch_date_of(iso: str) -> str:
    return label(date.fromisoformat(iso)).removeprefix("meting van ")


def test_delete_one_and_all_with_a_keyboard_confirmation(page: Page, server: str) -> None:
    open_checklist(page, server)
    put_stored(page, {"measurements": [record("2025-05-05", {"strategie-1": 2}, "oud", id="m1"), record("2026-05-05", {"strategie-1": 3}, "nieuw", id="m2")]})
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


# --- export and import ---------------------------------------------------------------------------


def test_export_and_reimport_in_a_fresh_browser(page: Page, fresh_page: Page, server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, 'Team "A", inkoop')
    score_by_clicking(page, answers_b())
    save(page, "@team B")
    saved = stored(page)["measurements"]

    exported = download(page, "Download als JSON", tmp_path)
    assert exported.name == f"checklist-metingen-{today().isoformat()}.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["checklistVersion"] == VERSION and data["measurements"] == saved

    sheet = download(page, "Download als CSV", tmp_path).read_bytes().decode("utf-8")
    assert sheet == expected_csv(saved)
    assert [r[1] for r in csv_rows(sheet)[1:]] == ['Team "A", inkoop', "'@team B"]

    open_checklist(fresh_page, server)
    expect(fresh_page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
    fresh_page.get_by_label(IMPORT_LABEL).set_input_files(exported)
    expect(fresh_page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 2 metingen. Overgeslagen omdat ze er al waren: 0.")
    assert stored(fresh_page)["measurements"] == saved
    fresh_page.get_by_label(IMPORT_LABEL).set_input_files(exported)
    expect(fresh_page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 0 metingen. Overgeslagen omdat ze er al waren: 2.")
    assert history_names(fresh_page) == [label(today(), "@team B"), label(today(), 'Team "A", inkoop')]
    assert page.outside_requests == [] and fresh_page.outside_requests == []  # type: ignore[attr-defined]


def test_an_export_from_before_ids_and_the_first_stored_shape_still_load(page: Page, server: str, tmp_path: Path) -> None:
    """What visitors saved and exported before this version keeps working (the v1 shape has no id and no note)."""
    open_checklist(page, server)
    old = [legacy(record("2025-01-01", answers_a(), "toen")), legacy(record("2026-01-01", answers_b()))]
    put_stored(page, {"measurements": old[:1], "current": {question_ids()[0]: 1}}, key=LEGACY_KEY)
    assert history_names(page) == [label(date(2025, 1, 1), "toen")]
    assert form_answers(page) == {question_ids()[0]: 1}
    exported = tmp_path / "oud.json"
    exported.write_text(json.dumps({"format": "wegwijzer-checklist", "checklistVersion": VERSION, "measurements": old}), encoding="utf-8")
    page.get_by_label(IMPORT_LABEL).set_input_files(exported)
    # The one already there (same content) is recognised; the other is added.
    expect(page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 1 meting. Overgeslagen omdat ze er al waren: 1.")
    assert without_ids(stored(page)["measurements"]) == [m | {"note": ""} for m in old]
    assert page.evaluate("key => localStorage.getItem(key)", LEGACY_KEY) is None  # migrated


@pytest.mark.parametrize("text, message", [
    ("{ dit is geen json", "Dit bestand is geen geldig JSON-bestand."),
    (json.dumps({"name": "iets anders"}), "Dit bestand is geen export van deze checklist."),
    (json.dumps({"format": "wegwijzer-checklist", "checklistVersion": 0, "measurements": []}), "Dit bestand hoort bij versie 0"),
    (json.dumps({"format": "wegwijzer-checklist", "checklistVersion": 1,
                 "measurements": [{"date": "2026-01-01", "checklistVersion": 1, "answers": {"strategie-1": 7}}]}), "strategie-1"),
    ("<!DOCTYPE html><html><body><p>Een andere pagina</p></body></html>", "Dit HTML-bestand is geen rapport van deze checklist."),
])
def test_a_bad_import_says_what_is_wrong_and_changes_nothing(page: Page, server: str, tmp_path: Path, text: str, message: str) -> None:
    open_checklist(page, server)
    score_by_clicking(page, {question_ids()[0]: 3})
    save(page, "blijft")
    before = page.evaluate("() => JSON.stringify(localStorage)")
    bad = tmp_path / "metingen.json"
    bad.write_text(text, encoding="utf-8")
    page.get_by_label(IMPORT_LABEL).set_input_files(bad)
    status = page.locator("[data-history-status]")
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("Er is niets geïmporteerd.")
    assert page.evaluate("() => JSON.stringify(localStorage)") == before
    assert history_names(page) == [label(today(), "blijft")]


# --- share links ---------------------------------------------------------------------------------


def test_share_link_opens_read_only_and_can_be_taken_over(page: Page, fresh_page: Page, server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    open_checklist(page, server)
    answers = answers_a()
    score_by_clicking(page, answers)
    page.get_by_role("button", name="Kopieer deellink").click()
    expect(page.locator("[data-form-status]")).to_contain_text("De deellink is gekopieerd.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{server}/checklist/#score=")

    errors = open_checklist(fresh_page, server, link[len(server) + len("/checklist/"):])
    shared = fresh_page.locator("[data-shared-view]")
    expect(shared).to_be_visible()
    expect(shared.get_by_role("heading", name="Gedeeld resultaat")).to_be_focused()
    expect_scores(fresh_page, answers, "[data-shared-scores]")
    expect_attention(fresh_page, answers, "[data-shared-scores]")
    assert form_answers(fresh_page) == {}  # read-only: the form is untouched
    assert stored(fresh_page) is None

    shared.get_by_role("button", name="Neem dit resultaat over in het formulier").click()
    expect(shared).to_be_hidden()
    expect(fresh_page.locator("#resultaat-titel")).to_be_focused()
    assert fresh_page.url == f"{server}/checklist/"
    assert form_answers(fresh_page) == answers
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


# --- without JavaScript --------------------------------------------------------------------------


def test_without_javascript_all_questions_scale_and_tips_are_there(page_nojs: Page, server: str) -> None:
    page_nojs.goto(f"{server}/checklist/")
    expect(page_nojs.locator("[data-checklist] fieldset legend")).to_have_count(len(question_ids()))
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
                summary = group.locator("details summary")
                expect(summary).to_be_visible()
                summary.click()  # a closed <details> opens without JavaScript
                expect(group.locator("[data-tips]")).to_be_visible()
    expect(page_nojs.locator("[data-checklist-nojs]")).to_be_visible()
    expect(page_nojs.locator("[data-results]")).to_be_hidden()
    expect(page_nojs.locator("[data-bar]")).to_be_hidden()
    assert page_nojs.outside_requests == []  # type: ignore[attr-defined]


# --- after a new version of the checklist ------------------------------------------------------

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


def next_version_record(day: str, answers: Answers, name: str = "", id: str | None = None) -> dict:
    return record(day, answers, name, id=id) | {"checklistVersion": VERSION + 1}


def test_measurements_of_an_older_version_are_kept_announced_and_exported(page: Page, next_version_server: str, tmp_path: Path) -> None:
    errors = open_checklist(page, next_version_server)
    older = record("2025-03-01", answers_a(), "Inkoop", id="m1")
    current = next_version_record("2026-03-01", answers_b(), "Inkoop", id="m2")
    put_stored(page, {"measurements": [older, current]})
    expect(page.locator("[data-history] .notice")).to_have_text(OLDER_NOTICE)
    assert history_names(page) == [label(date(2026, 3, 1), "Inkoop")]  # only this version's measurement is shown
    expect(page.locator("[data-compare-part]")).to_be_hidden()  # nor compared with
    assert violations(page) == []

    score_by_clicking(page, answers_a())
    save(page, "Nieuw")
    new = next_version_record(today().isoformat(), answers_a(), "Nieuw")
    saved = stored(page)["measurements"]
    assert saved[:2] == [older, current] and without_ids(saved[2:]) == [new]  # saving keeps the older one
    exported = json.loads(download(page, "Download als JSON", tmp_path).read_text(encoding="utf-8"))
    assert exported["checklistVersion"] == VERSION + 1 and exported["measurements"] == saved
    sheet = download(page, "Download als CSV", tmp_path).read_bytes().decode("utf-8")
    assert sheet == expected_csv(saved, version=VERSION + 1)

    # Deleting all deletes the older ones too, and says how many there are in all.
    page.get_by_role("button", name="Alle metingen verwijderen").click()
    expect(page.locator("[data-confirm-text]")).to_contain_text("alle 3 bewaarde metingen")
    page.get_by_role("button", name="Ja, verwijder alles").click()
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
    importer = fresh_page.get_by_label(IMPORT_LABEL)
    importer.set_input_files(exported)
    status = fresh_page.locator("[data-history-status]")
    expect(status).to_have_text(f"Geïmporteerd: 1 meting. Overgeslagen omdat ze er al waren: 0. {OLDER_NOTICE}")
    expect(fresh_page.locator("[data-history]")).to_have_text(OLDER_NOTICE)
    assert stored(fresh_page)["measurements"] == stored(page)["measurements"]
    importer.set_input_files(exported)
    expect(status).to_have_text("Geïmporteerd: 0 metingen. Overgeslagen omdat ze er al waren: 1.")
    assert errors == [] and fresh_page.outside_requests == []  # type: ignore[attr-defined]
