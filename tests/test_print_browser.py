"""Printed pages, as Chromium makes them into a PDF: the advice (with and without its Leeswijzers) and a tip page.

Page counts and texts are read from the real PDF with pypdf; the limits come from benchmarks/advice_report.py.
"""
from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from reports import advice as report
from site_inputs import load_table, step_path, tip_pages, worked_example

pytestmark = pytest.mark.browser
EXAMPLE = "/" + step_path(worked_example())

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")


def words(text: str) -> str:
    """White space folded and ligatures undone (the PDF writes "ﬁ" for "fi"), on both sides of a comparison."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def dutch(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def joined(pages: list[str]) -> str:
    """PDF text in one line; a URL broken over lines in print joins up again without the breaks."""
    return words(" ".join(pages))


# The longest run of plain text in each element: printed as it is, unlike a link (its address follows it).
LONGEST_TEXT = """items => items.map(item => {
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let longest = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('.visually-hidden') && node.data.trim().length > longest.trim().length) longest = node.data;
  }
  return longest.trim();
})"""


def lowest_text(pdf: bytes) -> list[float]:
    """Per page, how far down the page its lowest line of text is, as a share of the page's height."""
    shares = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lows: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
            if text.strip():
                lows.append(cm[5] + tm[5] * cm[3])  # the text's baseline in page space (y from the bottom)
        page.extract_text(visitor_text=visit)
        shares.append(1 - min(lows) / height if lows else 0.0)
    return shares


def test_the_advice_prints_on_at_most_five_a4_pages_without_the_leeswijzers(page: Page, server: str, built: Any) -> None:
    page.goto(server + EXAMPLE)
    pdf = report.printed(page)
    pages = report.pdf_pages(pdf)
    print(f"\nvoorbeeldadvies geprint: {len(pages)} A4-pagina's zonder leeswijzer")
    assert len(pages) <= report.MAX_PRINT_PAGES
    text = joined(pages)
    first = words(pages[0])
    # The head of the first page: the site, the permalink written out, the content date, the five answers.
    config = built.loaded.config
    assert first.startswith(config["site_name"])
    assert config["site_url"] + EXAMPLE in first.replace(" ", "")
    updated = page.locator("footer time").get_attribute("datetime")
    assert f"Inhoud laatst gewijzigd op {dutch(date.fromisoformat(updated or ''))}" in first
    for question, slug in zip(load_table()["questions"], worked_example()):
        label = next(a["label"] for a in question["answers"] if a["slug"] == slug)
        assert words(label) in first, label
    # The tips are there, the Leeswijzers and the page's tools are not.
    tip = words(page.locator("article.cell .cell__tips p").first.inner_text())
    assert tip[:60] in text
    leeswijzers = page.locator("details.cell__leeswijzer > ul > li:first-child").evaluate_all(LONGEST_TEXT)
    assert [t for t in leeswijzers if words(t)[:30] in text] == []
    for tool in ("Kopieer link", "Mail deze link", "Verander in:", "Open alle leeswijzers", "Hoofdmenu"):
        assert tool not in text


def test_no_printed_page_is_left_half_blank(page: Page, server: str) -> None:
    """Every page but the last is filled into its lower half (a block kept whole must not push half a page on)."""
    page.goto(server + EXAMPLE)
    for pdf in (report.printed(page), report.print_with_leeswijzer(page)):
        filled = lowest_text(pdf)
        assert len(filled) > 1
        assert all(share > 0.75 for share in filled[:-1]), [round(share, 2) for share in filled]


def test_print_with_leeswijzer_prints_them_all_with_their_link_addresses(page: Page, server: str) -> None:
    page.goto(server + EXAMPLE)
    without = len(report.pdf_pages(report.printed(page)))
    details = page.locator("details.cell__leeswijzer")
    firsts = [words(t)[:30] for t in details.locator(":scope > ul > li:first-child").evaluate_all(LONGEST_TEXT)]
    hrefs = page.locator("details.cell__leeswijzer a.extern").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    pages = report.pdf_pages(report.print_with_leeswijzer(page))
    print(f"\nvoorbeeldadvies geprint met leeswijzer: {len(pages)} A4-pagina's")
    assert len(pages) > without
    text = joined(pages)
    assert [t for t in firsts if t not in text] == []  # every Leeswijzer, though all were closed
    squeezed = text.replace(" ", "")
    assert [h for h in hrefs if h.replace(" ", "") not in squeezed] == []  # printed as written, "(https://...)"
    # Chromium's PDF ends with "afterprint", as a real print does: the page is as the visitor left it.
    assert details.evaluate_all("all => all.every(d => !d.open)")
    assert not page.evaluate("document.documentElement.classList.contains('print-leeswijzer')")


def test_leeswijzers_the_visitor_opened_are_printed_the_others_not(page_nojs: Page, server: str) -> None:
    page_nojs.goto(server + EXAMPLE)
    first, second = page_nojs.locator("details.cell__leeswijzer").nth(0), page_nojs.locator("details.cell__leeswijzer").nth(1)
    first.locator("summary").click()
    text = joined(report.pdf_pages(report.printed(page_nojs)))
    opened, closed = (words(block.locator("li").first.evaluate(f"item => ({LONGEST_TEXT})([item])[0]"))[:30] for block in (first, second))
    assert opened in text
    assert closed not in text


def test_a_tip_page_prints_with_the_same_head(page: Page, server: str, built: Any) -> None:
    path = "/" + tip_pages()[0]
    page.goto(server + path)
    pages = report.pdf_pages(report.printed(page))
    first = words(pages[0])
    config = built.loaded.config
    assert first.startswith(config["site_name"])
    assert config["site_url"] + path in first.replace(" ", "")
    assert "Inhoud laatst gewijzigd op" in first
    assert "In welk advies staan deze tips?" not in joined(pages)
    expect(page.locator(".print-header")).to_be_hidden()  # on screen the head is not shown


def test_the_print_head_is_only_on_paper(page: Page, server: str) -> None:
    page.goto(server + EXAMPLE)
    expect(page.locator(".print-header")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".print-header")).to_be_visible()
    expect(page.locator(".advice__answers")).to_be_hidden()  # the head lists the answers in full instead
    assert re.search(r"\S", page.locator(".print-header").inner_text())
    assert step_path(worked_example()) in page.locator(".print-header").inner_text()
