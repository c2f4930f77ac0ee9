"""The checklist when the browser's storage lets it down (issue 8, rows 6 to 8), in a real Chromium:
damaged stored data is never overwritten but kept aside and offered as a download; a save into a full
or blocked storage says it failed and nothing saved before is lost; two tabs follow each other.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checklist_inputs import DAMAGED_PREFIX, LEGACY_KEY, STORAGE_KEY, legacy, question_ids, record, without_ids
from checklist_page import (today, answers_a, answers_b, download, form_answers, history_names, label, open_checklist, put_stored,
                            save, score_by_clicking, stored)
from conftest import new_page

pytestmark = pytest.mark.browser

# Fills this origin's localStorage until the browser refuses even one more character: the storage is really full.
FILL = """() => {
    let size = 1 << 23, count = 0;
    while (size >= 1) {
        try { localStorage.setItem("vulsel-" + count, "x".repeat(size)); count += 1; } catch (error) { size = Math.floor(size / 2); }
    }
    return count;
}"""
EMPTY_FILL = """() => Object.keys(localStorage).filter((k) => k.startsWith("vulsel-")).forEach((k) => localStorage.removeItem(k))"""


def damaged_keys(page: Page) -> dict[str, str]:
    return page.evaluate("prefix => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith(prefix)))", DAMAGED_PREFIX)


def truncated(key: str) -> str:
    """What the issue reproduces: the stored JSON of two measurements, 12 characters cut off its end."""
    measurements = [record("2025-01-01", answers_a(), "Inkoop"), record("2026-01-01", answers_b(), "HR")]
    if key == LEGACY_KEY:
        measurements = [legacy(m) for m in measurements]
    return json.dumps({"measurements": measurements, "current": answers_a()})[:-12]


@pytest.mark.parametrize("key", [LEGACY_KEY, STORAGE_KEY])
def test_damaged_storage_is_kept_aside_announced_and_offered_as_a_download(page: Page, server: str, tmp_path: Path, key: str) -> None:
    errors = open_checklist(page, server)
    text = truncated(key)
    put_stored(page, text, key=key)
    notice = page.locator("[data-storage-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("waren beschadigd en konden niet worden gelezen. Ze zijn apart gezet; er is niets overschreven.")
    assert list(damaged_keys(page).values()) == [text]
    # Answering goes on, and the damaged text is still there, untouched.
    page.locator(f"label[for='{question_ids()[0]}-3']").click()
    expect(page.locator("[data-progress]")).to_have_text(f"1 van {len(question_ids())} beantwoord")
    assert list(damaged_keys(page).values()) == [text]
    page.reload()
    expect(notice).to_be_visible()  # said again on every visit until the visitor removes it
    saved = download(page, "Download de beschadigde gegevens", tmp_path).read_text(encoding="utf-8")
    assert text in saved
    page.get_by_role("button", name="Verwijder de beschadigde gegevens").click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.locator("[data-form-status]")).to_have_text("De beschadigde gegevens zijn verwijderd.")
    expect(notice).to_be_hidden()
    assert damaged_keys(page) == {}
    assert errors == [] and page.outside_requests == []  # type: ignore[attr-defined]


def test_damaged_storage_in_a_full_browser_is_never_overwritten(page: Page, server: str, tmp_path: Path) -> None:
    open_checklist(page, server)
    text = truncated(STORAGE_KEY)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, text])
    page.evaluate(FILL)  # no room left to keep a copy aside
    page.reload()
    notice = page.locator("[data-storage-notice]")
    expect(notice).to_contain_text("Om ze niet te overschrijven, bewaart deze pagina niets")
    page.locator(f"label[for='{question_ids()[0]}-2']").click()
    save(page, "probeer")
    expect(page.locator("[data-save-status]")).to_contain_text("is niet bewaard")
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY) == text
    assert text in download(page, "Download de beschadigde gegevens", tmp_path).read_text(encoding="utf-8")
    page.evaluate(EMPTY_FILL)


def test_a_full_storage_says_the_save_failed_and_loses_nothing_saved(page: Page, server: str) -> None:
    errors = open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "bewaard")
    expect(page.locator("[data-save-status]")).to_contain_text("is bewaard in deze browser")
    before = stored(page)
    assert page.evaluate(FILL) > 0
    score_by_clicking(page, answers_b())
    notice = page.locator("[data-storage-notice]")
    expect(notice).to_contain_text("Uw laatste wijziging is niet bewaard: de opslag van deze browser is vol.")
    save(page, "vol")
    status = page.locator("[data-save-status]")
    expect(status).to_contain_text(f"De {label(today(), 'vol')} is niet bewaard: de opslag van deze browser is vol.")
    expect(status).not_to_contain_text("is bewaard")
    assert history_names(page) == [label(today(), "bewaard")]  # the page does not pretend
    assert form_answers(page) == answers_b()  # and the answers stay on the page while it is open
    page.reload()
    # A change of the same length may still fit; the saved measurements are exactly as they were.
    assert history_names(page) == [label(today(), "bewaard")] and stored(page)["measurements"] == before["measurements"]
    # Room again: saving works and says so.
    page.evaluate(EMPTY_FILL)
    score_by_clicking(page, answers_b())
    save(page, "nu wel")
    expect(status).to_have_text(f"✔ De {label(today(), 'nu wel')} is bewaard in deze browser.")
    expect(notice).to_be_hidden()
    assert errors == []


def test_a_browser_that_refuses_storage_is_told_and_nothing_is_called_saved(browser: object, request: pytest.FixtureRequest, server: str) -> None:
    for page in new_page(browser, request):
        page.add_init_script("""Object.defineProperty(window, "localStorage", {get() { throw new DOMException("nee", "SecurityError"); }});""")
        errors = open_checklist(page, server)
        expect(page.locator("[data-storage-notice]")).to_contain_text("Deze browser staat niet toe dat de checklist iets bewaart")
        score_by_clicking(page, answers_a())
        save(page, "nergens")
        expect(page.locator("[data-save-status]")).to_contain_text("is niet bewaard: deze browser staat niet toe")
        expect(page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
        assert errors == []


def test_two_tabs_follow_each_other_and_never_erase_what_the_other_saved(page: Page, server: str) -> None:
    earlier = page.context.new_page()  # the tab opened first
    open_checklist(earlier, server)
    open_checklist(page, server)
    score_by_clicking(page, answers_a())
    save(page, "tab 1")
    # The earlier tab sees the new measurement without a reload, and says why its page changed.
    expect(earlier.locator("[data-history] .measurement h4")).to_have_text([label(today(), "tab 1")])
    expect(earlier.locator("[data-history-status]")).to_contain_text("bijgewerkt vanuit een ander tabblad")
    assert form_answers(earlier) == answers_a()
    # An answer in the earlier tab keeps the measurement the other tab saved, and shows up there too.
    earlier.locator(f"label[for='{question_ids()[-1]}-1']").click()
    assert without_ids(stored(page)["measurements"]) == [record(today().isoformat(), answers_a(), "tab 1")]
    expect(page.locator(f"input[name='{question_ids()[-1]}'][value='1']")).to_be_checked()
    earlier.reload()
    assert history_names(earlier) == [label(today(), "tab 1")]
    earlier.close()


def test_a_deletion_in_another_tab_is_followed(page: Page, server: str) -> None:
    open_checklist(page, server)
    put_stored(page, {"measurements": [record("2026-01-01", answers_a(), "weg", id="m1")], "current": {}})
    other = page.context.new_page()
    open_checklist(other, server)
    other.get_by_role("button", name=f"{label(date(2026, 1, 1), 'weg')} verwijderen").click()
    other.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.locator("[data-history]")).to_have_text("U hebt nog geen metingen bewaard.")
    other.close()
