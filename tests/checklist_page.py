"""Driving the served /checklist/ in Chromium as a visitor would, for the checklist's browser tests.

Expected scores come from the answers given and the rule the page states (checklist_inputs); labels,
counts and ids from content/checklist.yaml.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from checklist_inputs import (STORAGE_KEY, Answers, dutch_number, expected_scores, question_ids, spec, top_score)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")
IMPORT_LABEL = "Metingen importeren (JSON-bestand of rapport)"
TEAM_LABEL = "Bestanden van het team (JSON of rapport, meerdere tegelijk)"


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def label(day: date, name: str = "") -> str:
    """How the page names a measurement."""
    return f"meting van {dutch_date(day)}" + (f" ({name})" if name else "")


def open_checklist(page: Page, server: str, fragment: str = "") -> list[str]:
    """Opens /checklist/ and returns the list that collects script errors and CSP violations."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{server}/checklist/{fragment}")
    expect(page.locator("[data-results]")).to_be_visible()
    return errors


def put_stored(page: Page, data: Any, key: str = STORAGE_KEY) -> None:
    """Stores data (or a text as it is) as the page would have, and reloads."""
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, data if isinstance(data, str) else json.dumps(data)])
    page.reload()
    expect(page.locator("[data-results]")).to_be_visible()


def stored(page: Page) -> Any:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", STORAGE_KEY)


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


def form_answers(page: Page) -> Answers:
    return dict(page.locator("[data-checklist] input:checked").evaluate_all("inputs => inputs.map(i => [i.name, +i.value])"))


def table_rows(table: Locator) -> list[list[str]]:
    return [[" ".join(c.split()) for c in row] for row in table.locator("tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")]


def expect_scores(page: Page, answers: Answers, where: str = "[data-scores]") -> None:
    """The score table and the bars show each theme's mean and 'n van m', and the total, as computed from the answers."""
    expected = expected_scores(answers)
    rows = [[t["title"], dutch_number(t["mean"]), f"{t['n']} van {t['m']}"] for t in expected["themes"]]
    rows.append(["Totaal", dutch_number(expected["overall"]), f"{expected['n']} van {len(question_ids())}"])
    table = page.locator(f"{where} table").first
    expect(table.locator("tr").nth(len(rows))).to_contain_text(rows[-1][2])  # wait for the last update
    assert table_rows(table)[1:] == rows
    bars = page.locator(f"{where} .bars__row:has(.bars__label)")
    assert [[bar.locator(".bars__label").text_content(), bar.locator(".bars__value").text_content()] for bar in bars.all()] == \
        [row[:2] for row in rows]


def expect_attention(page: Page, answers: Answers, where: str = "[data-attention]") -> None:
    wanted = expected_scores(answers)["attention"]
    links = page.locator(f"{where} .attention > li > a")
    expect(links).to_have_count(len(wanted))
    assert [link.get_attribute("href") for link in links.all()] == [f"#{q}" for q in wanted]


def save(page: Page, name: str = "") -> None:
    page.get_by_label("Naam van de meting (niet verplicht)").fill(name)
    page.get_by_role("button", name="Meting bewaren").click()


def history_names(page: Page) -> list[str]:
    """The saved measurements as the page lists them: the newest first."""
    return [" ".join(t.split()) for t in page.locator("[data-history] .measurement h4").all_text_contents()]


def download(page: Page, button: str | Locator, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        (page.get_by_role("button", name=button, exact=True) if isinstance(button, str) else button).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


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


def no_sideways_scroll(page: Page) -> int:
    """How far the page scrolls sideways (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def re_text(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


def today() -> date:
    """The date the page gives a measurement made now: asked for when needed, not once at import, since a run
    of the suite may pass midnight."""
    return date.today()
