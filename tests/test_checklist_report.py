"""A report of one measurement, in a real Chromium: the page on paper (the result first, every chosen answer as
text, results and aandachtspunten on at most 4 A4 pages) and the downloadable HTML report (one file, no
requests, opens offline, prints, and importing it restores the measurement).
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from checklist_inputs import content, expected_scores, question_ids, spec
from checklist_page import IMPORT_LABEL, download, label, open_checklist, save, score_by_clicking, stored
from conftest import new_page

pytestmark = pytest.mark.browser
MAX_RESULT_PAGES = 4  # issue 12: results and aandachtspunten on at most 4 A4 pages
SCALE = [point["label"] for point in content()["scale"]]


def low_answers() -> dict[str, int]:
    """Every question answered 1 or 2: every question is an aandachtspunt, the longest result there is."""
    return {q: 1 + i % 2 for i, q in enumerate(question_ids())}


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, with its whitespace squashed."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def first_page_with(pages: list[str], text: str) -> int:
    """1-based number of the first page holding text (compared without spaces, as PDF text may break anywhere)."""
    wanted = re.sub(r"\s+", "", text)
    return next(number for number, page in enumerate(pages, 1) if wanted in re.sub(r"\s+", "", page))


@pytest.fixture
def answered(page: Page, server: str) -> Page:
    open_checklist(page, server)
    score_by_clicking(page, low_answers())
    return page


def test_print_puts_the_result_first_and_its_aandachtspunten_on_at_most_4_pages(answered: Page, tmp_path: Path) -> None:
    pdf = answered.pdf(format="A4")
    (tmp_path / "checklist.pdf").write_bytes(pdf)
    pages = pdf_pages(pdf)
    attention = expected_scores(low_answers())["attention"]
    assert len(attention) == len(question_ids())
    last_point = spec()["themes"][-1]["questions"][-1]
    theme, number = spec()["themes"][-1]["title"], last_point.rsplit("-", 1)[1]
    result_end = first_page_with(pages, f"{theme}, vraag {number}:")  # the last aandachtspunt
    form_start = first_page_with(pages, "Thema 1. " + content()["themes"][0]["title"])  # the form's first heading
    assert first_page_with(pages, "Uw resultaat") == 1
    assert result_end <= MAX_RESULT_PAGES, f"results and aandachtspunten end on page {result_end} of {len(pages)}"
    assert result_end <= form_start  # the questions follow the result


def test_print_shows_each_chosen_answer_as_text_and_hides_what_cannot_be_used_on_paper(answered: Page) -> None:
    answered.emulate_media(media="print")
    first = question_ids()[0]
    options = answered.locator(f"#{first} .scale__option")
    expect(options.filter(has=answered.locator("input:checked"))).to_be_visible()
    assert [o.is_visible() for o in options.all()].count(True) == 1  # only the chosen answer
    chosen = options.filter(has=answered.locator("input:checked")).locator("label")
    shown = chosen.evaluate("l => getComputedStyle(l, '::before').content + l.textContent.trim()"
                            " .replace(/\\s+/g, ' ').replace(/^(\\d)/, '$1' + getComputedStyle(l.querySelector('.scale__score'), '::after').content)")
    assert shown.replace('"', "") == f"✔ 1, {SCALE[0]}"
    for hidden in ["[data-save]", ".history", ".team", ".checklist-toc", ".site-header", "[data-bar]", "[data-checklist-nojs]",
                   "[data-checklist] details summary", "[data-checklist] details [data-tips]"]:
        expect(answered.locator(hidden).first).to_be_hidden()
    # A statement's remarks are part of it ("… tools zoals:" lists them): on paper they show, though closed on screen.
    remarks = answered.locator("[data-checklist] .check-question__remarks")
    assert remarks.count() > 0 and all(r.is_visible() for r in remarks.all())
    pages = pdf_pages(answered.pdf(format="A4"))
    assert f"1, {SCALE[0]}" in " ".join(pages) and f"2, {SCALE[1]}" in " ".join(pages)


def test_the_empty_form_prints_as_a_form_to_fill_in(page_nojs: Page, server: str) -> None:
    page_nojs.goto(f"{server}/checklist/")
    page_nojs.emulate_media(media="print")
    options = page_nojs.locator(f"#{question_ids()[0]} .scale__option")
    assert all(option.is_visible() for option in options.all()) and options.count() == len(SCALE)


# --- the HTML report ---------------------------------------------------------------------------------


class _Loads(HTMLParser):
    """What a document would load: stylesheets, scripts with a src, images, frames; and its data blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
        if tag == "link" or a.get("src") or (tag == "object" and a.get("data")):
            self.loads.append(f"{tag} {a}")


@pytest.fixture
def fresh_page(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900})


@pytest.fixture
def offline_page(browser: object) -> Iterator[Page]:
    """A phone-sized page with the network off, where every request but a local file's is refused and recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.refused = []  # type: ignore[attr-defined]

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            page.refused.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()
    context.route("**/*", guard)
    yield page
    context.close()


def test_the_html_report_is_one_file_that_opens_offline_and_imports_again(
        answered: Page, fresh_page: Page, offline_page: Page, server: str, tmp_path: Path) -> None:
    save(answered, 'Inkoop "Noord" </script>')
    answered.get_by_role("button", name=re.compile("^Naam en notitie van de")).click()
    answered.get_by_label("Notitie (bijvoorbeeld wie meededen of wat u afsprak)").fill("Besproken met het MT <b>niet vet</b>")
    answered.get_by_role("button", name="Opslaan").click()
    [measurement] = stored(answered)["measurements"]
    report = download(answered, answered.locator("[data-history]").get_by_role("button", name=re.compile("als rapport \\(HTML\\)$")), tmp_path)
    assert report.name == f"checklist-rapport-{date.today().isoformat()}.html"
    html = report.read_text(encoding="utf-8")

    loads = _Loads()
    loads.feed(html)
    assert loads.loads == []  # no stylesheet, script, image or frame from anywhere: the styles are inside
    assert loads.scripts == [{"type": "application/json", "id": "checklist-gegevens"}]
    assert "<b>" not in html and "</script>\"" not in html  # the note and name are text, even inside the data block

    requests: list[str] = []
    offline_page.on("request", lambda r: requests.append(r.url))
    offline_page.goto(report.as_uri())
    assert requests == [report.as_uri()] and offline_page.refused == []  # type: ignore[attr-defined]
    expect(offline_page.locator("h1")).to_contain_text(label(date.today(), 'Inkoop "Noord" </script>'))
    expect(offline_page.get_by_text("Notitie: Besproken met het MT <b>niet vet</b>")).to_be_visible()
    first = question_ids()[0]
    expect(offline_page.locator(f"#{first} .report__answer")).to_have_text(f"✔ 1, {SCALE[0]}")
    assert offline_page.locator(".attention > li").count() == len(question_ids())
    assert offline_page.evaluate("document.documentElement.scrollWidth <= innerWidth")  # fits a phone
    pages = pdf_pages(offline_page.pdf(format="A4"))
    assert first_page_with(pages, "Uitslag") == 1 and len(pages) <= 6

    open_checklist(fresh_page, server)
    fresh_page.get_by_label(IMPORT_LABEL).set_input_files(report)
    expect(fresh_page.locator("[data-history-status]")).to_have_text("Geïmporteerd: 1 meting. Overgeslagen omdat ze er al waren: 0.")
    assert stored(fresh_page)["measurements"] == [measurement]
    assert json.loads(re.search(r'id="checklist-gegevens">(.*?)</script>', html, re.S).group(1))["measurements"] == [measurement]


def test_a_report_of_the_answers_in_the_form_can_be_downloaded_before_saving(answered: Page, tmp_path: Path) -> None:
    report = download(answered, "Download als rapport (HTML)", tmp_path).read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="checklist-gegevens">(.*?)</script>', report, re.S).group(1))
    [measurement] = data["measurements"]
    assert measurement["answers"] == low_answers() and measurement["date"] == date.today().isoformat()
    assert stored(answered)["measurements"] == []  # downloading is not saving
