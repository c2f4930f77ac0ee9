"""Fidelity to the report: each cell's own words reach exactly the pages that select it, with all its links."""
from __future__ import annotations

import html as htmllib
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Built
from seed import SECOND_EXTRACTION, listed_urls, lines as seed_lines, section_lines, squash
from site_inputs import combinations, expected_cells, filled_cells, front_matter, load_table, step_path, worked_example

DATA = ROOT / "tests" / "data"


@cache
def text_of(html: str) -> str:
    return squash(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)))


@cache
def articles(html: str) -> dict[str, str]:
    """Cell code (as on the page, lower case) -> text of its article."""
    return {m.group(1): text_of(m.group(2)) for m in re.finditer(r'<article class="cell" id="(\w+)">(.*?)</article>', html, re.S)}


@cache
def phrases() -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for path in sorted((DATA / "fidelity").glob("*.yaml")):
        for code, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            data[code] = [squash(p) for p in items]
    return data


def tip_files() -> dict[str, Path]:
    codes = filled_cells()
    result = {}
    for path in sorted((ROOT / "content" / "tips").glob("*.md")):
        meta = front_matter(path)
        result[codes[(meta["activity"], None if meta.get("general") else meta["answer"])]] = path
    return result


def test_fidelity_data_covers_every_filled_cell() -> None:
    assert set(phrases()) == set(filled_cells().values())
    assert len(phrases()) == 29
    assert sum(1 for items in phrases().values() if len(items) >= 3) >= 27


@pytest.mark.parametrize("code", sorted(filled_cells().values()))
def test_a_cells_phrases_come_from_the_seed_and_from_that_cell_only(code: str) -> None:
    files = {c: squash(p.read_text(encoding="utf-8")) for c, p in tip_files().items()}
    for phrase in phrases()[code]:
        assert any(phrase in line for line in seed_lines()), f"{code}: not in the seed: {phrase}"
        holders = [c for c, text in files.items() if phrase in text]
        assert holders == [code], f"{phrase!r} is in {holders}"


@pytest.mark.parametrize("code", sorted(filled_cells().values()))
def test_a_cells_text_is_on_exactly_the_advice_pages_that_select_it(built: Built, code: str) -> None:
    for combination in combinations():
        html = built.html(step_path(combination))
        page_articles = articles(html)
        if code in expected_cells(combination):
            for phrase in phrases()[code]:
                assert phrase in page_articles[code.lower()], f"{code} on {combination}: {phrase}"
        else:
            assert code.lower() not in page_articles
            page_text = text_of(html)
            for phrase in phrases()[code]:
                assert phrase not in page_text, f"{code} leaked onto {combination}: {phrase}"


def markdown_links(path: Path) -> list[str]:
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    # A URL may hold balanced parentheses, as "...TecnaliaON%2520(1).pdf" does.
    return re.findall(r"\]\((https?://(?:[^()\s]|\([^()\s]*\))+)\)", text)


@pytest.mark.parametrize("code", sorted(filled_cells().values()))
def test_every_link_of_a_cell_is_a_link_wherever_the_cell_is_shown(built: Built, code: str) -> None:
    path = tip_files()[code]
    links = {htmllib.escape(url) for url in markdown_links(path)}
    meta = front_matter(path)
    shown_on = [f"wegwijzer/tips/{meta['activity']}-{meta.get('answer', 'algemeen')}/"]
    shown_on += [step_path(c) for c in combinations() if code in expected_cells(c)][:3]
    for site_path in shown_on:
        html = built.html(site_path)
        block = re.search(rf'<article class="cell" id="{code.lower()}">(.*?)</article>', html, re.S)
        scope = block.group(1) if block else html
        hrefs = set(re.findall(r'<a href="([^"]+)"', scope))
        assert links <= hrefs, f"{code} on {site_path}: missing {links - hrefs}"


def test_every_url_of_the_wegwijzer_sections_is_in_a_tip() -> None:
    seed_urls = listed_urls("III.3.", "IV. CHECKLIST")
    tip_urls = set()
    for path in tip_files().values():
        tip_urls.update(markdown_links(path))
    # A malformed URL of the seed is mended in the tip and kept beside it in a comment marked "ongeverifieerd".
    comments = " ".join(re.findall(r"<!--(.*?)-->", " ".join(p.read_text(encoding="utf-8") for p in tip_files().values()), re.S))
    missing = {u for u in seed_urls if u not in tip_urls and u not in comments}
    assert missing == set()
    assert len(seed_urls) >= 70  # the slice of the seed really holds the wegwijzer sections


def test_the_worked_example_shows_the_blocks_of_v2_in_v2_order(built: Built) -> None:
    """V.2 of the report is the output for the example's answers; the permalink must match it."""
    v2 = squash(" ".join(section_lines("V.2. OUTPUT WEGWIJZER", SECOND_EXTRACTION)))
    page_order = [c[0].upper() + c[1:] for c in articles(built.html(step_path(worked_example())))]
    assert page_order == expected_cells(worked_example())

    def position(code: str) -> int | None:
        found = [v2.find(p) for p in phrases()[code] if p in v2]
        return min(found) if found else None

    positions = [position(code) for code in page_order]
    assert None not in positions, dict(zip(page_order, positions))
    assert positions == sorted(positions)
    # And no cell that the example does not select is in V.2.
    others = [c for c in phrases() if c not in page_order and phrases()[c]]
    assert [c for c in others if position(c) is not None] == []


def test_the_example_page_links_to_its_advice(built: Built) -> None:
    html = built.html("voorbeeld/")
    assert f'href="/{step_path(worked_example())}"' in html
    labels = [a["label"] for q, slug in zip(load_table()["questions"], worked_example()) for a in q["answers"] if a["slug"] == slug]
    for label in labels:
        assert htmllib.escape(label, quote=False) in html


@pytest.mark.parametrize("page", ["home", "over-dit-onderzoek", "voorbeeld"])
def test_seed_pages_hold_the_reports_own_words(built: Built, page: str) -> None:
    data = yaml.safe_load((DATA / "pages_fidelity.yaml").read_text(encoding="utf-8"))
    html_text = text_of(built.html("" if page == "home" else f"{page}/"))
    for phrase in map(squash, data[page]):
        assert any(phrase in line for line in seed_lines()), phrase
        assert phrase in html_text, phrase


def test_sentences_for_the_tool_builder_are_left_out(built: Built) -> None:
    for html in built.pages().values():
        assert "MS Word format" not in html
        assert "dit blad printen" not in html


def test_english_quotes_are_marked_as_english(built: Built) -> None:
    html = built.html("wegwijzer/tips/fundering-algemeen/")
    assert '<span lang="en">If a category is highly strategic' in html
