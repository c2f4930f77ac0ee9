#!/usr/bin/env python3
"""The advice page as a visitor gets it, measured in Chromium: `.venv/bin/python benchmarks/advice_report.py`.

Prints the worked example's height on a 390 px phone with its Leeswijzers closed and open, its printed
A4 pages (Chromium's PDF) without and with the Leeswijzers, and per page type the document's width at
320 CSS px (400 % zoom of a 1,280 px screen), with JavaScript on and off. Builds a temporary copy of the
project and serves it on 127.0.0.1. The limits here are the ones the browser tests enforce
(tests/test_advice_browser.py, tests/test_print_browser.py, tests/test_layout_browser.py).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

MAX_PHONE_HEIGHT = 9_000  # CSS px, the worked example at 390 px wide with its Leeswijzers closed
MAX_PRINT_PAGES = 5  # A4 pages of the worked example without the Leeswijzers
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
NARROW = 320  # CSS px: 1,280 px at 400 % zoom
PRINT_WITH_LEESWIJZER = "print-leeswijzer"  # the class on <html> while "Print met leeswijzer" prints


def document_height(page: Any) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def document_width(page: Any) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def open_leeswijzers(page: Any) -> None:
    page.evaluate("document.querySelectorAll('details.cell__leeswijzer').forEach(details => { details.open = true; })")


def printed(page: Any) -> bytes:
    """The page as Chromium prints it on A4, with the page's own @page margins."""
    page.emulate_media(media="print")
    try:
        return page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page.emulate_media(media="screen")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def print_with_leeswijzer(page: Any) -> bytes:
    """What "Print met leeswijzer" prints: its click, with the browser's print dialog left out."""
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print met leeswijzer").click()
    return printed(page)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from conftest import CHROMIUM_ARGS, serving
    from playwright.sync_api import sync_playwright
    from project_copy import copied_project
    from site_inputs import step_path, worked_example

    from wegwijzer.pipeline import build

    example = "/" + step_path(worked_example())
    types = {"voorpagina": "/", "vraag": "/wegwijzer/", "advies": example, "tip": "/wegwijzer/tips/analyse-complex/",
             "schema": "/wegwijzer/schema/", "checklist": "/checklist/", "voorbeeld": "/voorbeeld/",
             "inhoudspagina": "/over-dit-onderzoek/", "eigen pagina": "/toegankelijkheid/", "404": "/bestaat-niet/"}
    with copied_project() as config:
        loaded, _ = build(config)
        with serving(loaded.config.dir("output_dir")) as url, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = chromium.new_page(viewport=PHONE)
            page.goto(url + example)
            closed = document_height(page)
            open_leeswijzers(page)
            print(f"voorbeeldadvies op 390 px: {closed:,} px hoog met de leeswijzers dicht (grens {MAX_PHONE_HEIGHT:,}), "
                  f"{document_height(page):,} px met alle leeswijzers open")
            page = chromium.new_page(viewport=DESKTOP)
            page.goto(url + example)
            without = len(pdf_pages(printed(page)))
            with_leeswijzer = len(pdf_pages(print_with_leeswijzer(page)))
            print(f"voorbeeldadvies geprint (A4): {without} pagina's zonder leeswijzer (grens {MAX_PRINT_PAGES}), "
                  f"{with_leeswijzer} met leeswijzer")
            print(f"\nbreedte van het document bij {NARROW} CSS px (meer dan {NARROW} = scrollt opzij):")
            for javascript in (True, False):
                context = chromium.new_context(viewport={"width": NARROW, "height": 640}, java_script_enabled=javascript)
                narrow = context.new_page()
                widths = []
                for kind, path in types.items():
                    narrow.goto(url + path)
                    widths.append(f"{kind} {document_width(narrow)}")
                print(f"  JavaScript {'aan' if javascript else 'uit'}: " + ", ".join(widths))
                context.close()
            chromium.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
