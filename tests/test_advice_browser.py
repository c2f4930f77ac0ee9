"""The advice page in Chromium: short by default, complete on demand, with its overview always at hand.

Expected answers, blocks and counts come from the inputs (content/wegwijzer.yaml, the tip files, the
worked example of content/pages/voorbeeld.md); the limits from benchmarks/advice_report.py.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import new_page
from reports import advice as report
from site_inputs import expected_cells, filled_cells, load_table, step_path, worked_example

pytestmark = pytest.mark.browser


EXAMPLE = "/" + step_path(worked_example())
SCREENS = {"phone": report.PHONE, "desktop": report.DESKTOP}


@pytest.fixture(params=[(screen, js) for screen in SCREENS for js in (True, False)],
                ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}")
def first_screen(browser: Any, request: pytest.FixtureRequest) -> Any:
    """A page at exactly the size of a phone (390 x 844) or a laptop (1280 x 800), JavaScript on or off."""
    screen, javascript = request.param
    yield from new_page(browser, request, viewport=SCREENS[screen], java_script_enabled=javascript)


@pytest.fixture
def phone_390(browser: Any, request: pytest.FixtureRequest) -> Any:
    yield from new_page(browser, request, viewport=report.PHONE)


@pytest.fixture
def laptop_1000(browser: Any, request: pytest.FixtureRequest) -> Any:
    """The narrowest window in which the contents stand beside the text."""
    yield from new_page(browser, request, viewport={"width": 1000, "height": 800})


def in_first_screen(page: Page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        "node => { const box = node.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight && box.height > 0; }")


def test_the_first_screen_shows_the_answers_with_change_links_and_the_overview(first_screen: Page, server: str) -> None:
    page = first_screen
    page.goto(server + EXAMPLE)
    questions = load_table()["questions"]
    answers = page.locator(".advice__answers li")
    expect(answers).to_have_count(len(questions))
    assert in_first_screen(page, ".advice__answers .summary")
    changes = page.locator(".advice__answers").get_by_role("link", name=re.compile(r"^Verander in: "))
    expect(changes).to_have_count(sum(len(q["answers"]) - 1 for q in questions))
    for link in changes.all():
        expect(link).to_be_in_viewport()
    # The overview: per activity a jump link, how many blocks, and one jump link per block.
    assert in_first_screen(page, "[data-toc] > ol")
    codes = [code.lower() for code in expected_cells(worked_example())]
    for activity in load_table()["activities"]:
        item = page.locator("[data-toc] > ol > li").filter(has=page.locator(f"a[href='#{activity['id']}']"))
        blocks = [c for c in codes if c[0] == activity["letter"].lower()]
        expect(item.locator(".toc__count")).to_have_text(f"{len(blocks)} {'blok' if len(blocks) == 1 else 'blokken'}")
        targets = item.locator(".toc__cells a").evaluate_all("links => links.map(link => link.hash.slice(1))")
        assert targets == blocks


def test_the_worked_example_is_short_on_a_phone_with_the_leeswijzers_closed(phone_390: Page, server: str) -> None:
    page = phone_390
    page.goto(server + EXAMPLE)
    closed = report.document_height(page)
    report.open_leeswijzers(page)
    opened = report.document_height(page)
    print(f"\nvoorbeeldadvies op 390 px: {closed} px (leeswijzers dicht), {opened} px (open)")
    assert closed <= report.MAX_PHONE_HEIGHT
    assert opened > closed  # the Leeswijzers are on the page, only folded


def leeswijzer_summary(code: str, items: list[bool]) -> str:
    """What the summary of a cell's Leeswijzer says, from the inputs and its list items (True: a 'Ref.')."""
    activity, slug = next(key for key, c in filled_cells().items() if c.lower() == code)
    name = next(a["name"] for a in load_table()["activities"] if a["id"] == activity)
    answer = next((a["short"] for q in load_table()["questions"] for a in q["answers"] if a["slug"] == slug), "algemene tips")
    references = sum(items)
    examples = len(items) - references
    holds = [f"{examples} {'voorbeeld' if examples == 1 else 'voorbeelden'}" if examples else "",
             f"{references} {'referentie' if references == 1 else 'referenties'}" if references else ""]
    return f"Leeswijzer bij {name}, {answer}: " + " en ".join(h for h in holds if h)


def test_each_leeswijzer_is_closed_and_says_what_it_holds(page_nojs: Page, server: str) -> None:
    page = page_nojs
    page.goto(server + EXAMPLE)
    details = page.locator("article.cell details.cell__leeswijzer")
    expect(details).not_to_have_count(0)
    for index in range(details.count()):
        block = details.nth(index)
        assert block.evaluate("details => details.open") is False
        items = block.locator(":scope > ul > li").evaluate_all(
            "items => items.map(item => item.textContent.trim().startsWith('Ref.'))")
        assert items, "a Leeswijzer is one list"
        code = block.evaluate("details => details.closest('article').id")
        expect(block.locator("summary")).to_have_text(leeswijzer_summary(code, items))
        # Closed, but in the page: find-in-page, printing and search engines still have the text.
        expect(block.locator("li").first).to_be_hidden()
        assert block.locator("li").first.evaluate("item => item.textContent.trim().length") > 0
    # Without JavaScript a Leeswijzer opens on its own.
    details.first.locator("summary").click()
    expect(details.first.locator("li").first).to_be_visible()


def test_one_control_opens_and_closes_all_leeswijzers(page: Page, server: str) -> None:
    page.goto(server + EXAMPLE)
    toggle = page.get_by_role("button", name="Open alle leeswijzers")
    details = page.locator("details.cell__leeswijzer")
    toggle.click()
    assert details.evaluate_all("all => all.every(d => d.open)")
    toggle = page.get_by_role("button", name="Sluit alle leeswijzers")
    toggle.click()
    assert details.evaluate_all("all => all.every(d => !d.open)")
    expect(page.get_by_role("button", name="Open alle leeswijzers")).to_be_visible()
    # Opening every one by hand also turns the control into "Sluit alle".
    for summary in page.locator("details.cell__leeswijzer > summary").all():
        summary.click()
    expect(page.get_by_role("button", name="Sluit alle leeswijzers")).to_be_visible()


def test_without_javascript_the_control_is_not_offered(page_nojs: Page, server: str) -> None:
    page_nojs.goto(server + EXAMPLE)
    control = page_nojs.get_by_role("button", name="Open alle leeswijzers", include_hidden=True)
    expect(control).to_have_count(1)
    expect(control).to_be_hidden()


def current_sections(page: Page) -> list[str]:
    return page.locator("[data-toc] a[aria-current]").evaluate_all("links => links.map(link => link.hash)")


def test_from_1000_px_the_contents_stay_in_view_and_mark_the_current_section(laptop_1000: Page, server: str) -> None:
    page = laptop_1000
    page.goto(server + EXAMPLE)
    toc = page.locator("[data-toc]")
    text = page.locator(".advice__body")
    assert toc.bounding_box()["x"] > text.bounding_box()["x"] + text.bounding_box()["width"]  # type: ignore[index]
    for activity in load_table()["activities"][1:]:
        page.locator(f"#{activity['id']}").evaluate("section => section.scrollIntoView()")
        page.mouse.wheel(0, 200)  # into the section, as a reader scrolls
        expect(toc).to_be_in_viewport(ratio=1)
        expect(page.locator(f"[data-toc] a[href='#{activity['id']}']")).to_have_attribute("aria-current", "true")
        assert current_sections(page) == [f"#{activity['id']}"]


def test_on_a_phone_the_contents_stay_at_the_top(phone_390: Page, server: str) -> None:
    page = phone_390
    page.goto(server + EXAMPLE)
    page.locator("#uitvoering").evaluate("section => section.scrollIntoView()")
    expect(page.locator("[data-toc]")).not_to_be_in_viewport()


def test_mail_this_link_is_offered_with_and_without_javascript(page: Page, page_nojs: Page, server: str) -> None:
    for each in (page, page_nojs):
        each.goto(server + EXAMPLE)
        mail = each.get_by_role("link", name="Mail deze link")
        expect(mail).to_be_visible()
        expect(mail).to_have_attribute("href", re.compile(r"^mailto:\?subject=[^&]+&body="))
