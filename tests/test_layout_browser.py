"""Layout that holds, in Chromium: no page type scrolls sideways at 320 CSS px (400 % zoom), the schema
scrolls inside its own box, boxes keep to the text width, no empty gaps, and in forced colours the
current menu item and the focus stay visible. Pages are chosen from the inputs, one or more per type.
"""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

import site_inputs
from conftest import new_page
from reports import advice as report

pytestmark = pytest.mark.browser

EXAMPLE = site_inputs.step_path(site_inputs.worked_example())


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def narrow(browser: Any, request: pytest.FixtureRequest) -> Any:
    """320 CSS px wide: a 1,280 px screen at 400 % zoom (WCAG 1.4.10)."""
    yield from new_page(browser, request, viewport={"width": report.NARROW, "height": 640}, java_script_enabled=request.param)


@pytest.fixture
def forced(browser: Any, request: pytest.FixtureRequest) -> Any:
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900}, forced_colors="active")


# Elements wider than their box that are not inside a box that scrolls on its own.
SPILLS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5 && !el.closest('.table-scroll') && el.getClientRects().length)
  .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""


def test_no_page_type_scrolls_sideways_at_320_css_px(narrow: Page, server: str) -> None:
    too_wide = {}
    for kind, path in site_inputs.page_types().items():
        narrow.goto(f"{server}/{path}")
        width = report.document_width(narrow)
        if width > report.NARROW:
            too_wide[kind] = (width, narrow.evaluate(SPILLS))
    assert too_wide == {}


def test_the_schema_scrolls_inside_its_own_box_at_320_css_px(narrow: Page, server: str) -> None:
    narrow.goto(f"{server}/wegwijzer/schema/")
    box = narrow.locator(".table-scroll")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the table fits: nothing to test"
    assert report.document_width(narrow) <= report.NARROW
    # The visually hidden names of the cells are placed within the box (they used to escape it and widen the page).
    escaped = box.locator(".visually-hidden").evaluate_all(
        "spans => spans.filter(span => !span.closest('.table-scroll').contains(span.offsetParent)).length")
    assert box.locator(".visually-hidden").count() > 0 and escaped == 0


def test_in_forced_colours_the_current_menu_item_stands_out(forced: Page, server: str) -> None:
    look = """link => { const s = getComputedStyle(link);
      return [s.borderBottomStyle, s.borderBottomWidth, s.textDecorationLine, s.fontWeight].join(' '); }"""
    for path, current in [("wegwijzer/", "Wegwijzer"), ("checklist/", "Checklist"), (EXAMPLE, "Wegwijzer")]:
        forced.goto(f"{server}/{path}")
        menu = forced.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
        looks = {link.inner_text(): link.evaluate(look) for link in menu.all()}
        others = {looks[name] for name in looks if name != current}
        assert looks[current] not in others, looks
        assert len(others) == 1, f"the other items differ among themselves: {looks}"


@pytest.mark.parametrize("path", ["", "wegwijzer/", EXAMPLE])
def test_in_forced_colours_focus_is_visible_on_every_tab_stop(forced: Page, server: str, path: str) -> None:
    """Forced colours drop box shadows and backgrounds: every focused element needs a real outline."""
    forced.goto(f"{server}/{path}")
    invisible, stops = [], 0
    for _ in range(40):
        forced.keyboard.press("Tab")
        focus = forced.evaluate("""() => { const el = document.activeElement; if (el === document.body) return null;
          const card = el.closest('.choice') || el; const s = getComputedStyle(card);
          return {what: el.tagName + ' ' + (el.getAttribute('href') || el.id || el.textContent.trim().slice(0, 30)),
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")
        if focus is None:
            break
        stops += 1
        if not focus["outline"]:
            invisible.append(focus["what"])
    assert stops >= 5
    assert invisible == []


@pytest.mark.parametrize(("path", "fixture"), [
    ("checklist/", "page_nojs"),  # its notice for visitors without JavaScript
    (EXAMPLE + "#gewijzigd-1-" + site_inputs.worked_example()[0], "page_nojs"),  # a change note
    ("wegwijzer/", "page"),  # the error summary
])
def test_boxes_keep_to_the_text_width(request: pytest.FixtureRequest, server: str, path: str, fixture: str) -> None:
    """Notice boxes, the change note and the error summary are no wider than a line of text (46 rem)."""
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/{path}")
    if fixture == "page":
        page.get_by_role("button", name="Verder").click()
    boxes = page.locator(".notice:visible, .change-note:visible, .error-summary:visible")
    expect(boxes).not_to_have_count(0)
    measure = 46 * 16  # px: --measure at the browser's default font size
    widths = boxes.evaluate_all("boxes => boxes.map(box => box.getBoundingClientRect().width)")
    assert max(widths) <= measure + 1, widths


@pytest.fixture(params=[report.PHONE, report.DESKTOP], ids=["390", "1280"])
def phone_or_desktop(browser: Any, request: pytest.FixtureRequest) -> Any:
    yield from new_page(browser, request, viewport=request.param)


def test_no_empty_gaps_between_the_blocks_of_an_advice(phone_or_desktop: Page, server: str) -> None:
    """Between the answers, the tools and the tips there is at most 3 rem (48 px) of white."""
    page = phone_or_desktop
    page.goto(f"{server}/{EXAMPLE}")
    # Each block and the block right below it in the same column.
    gaps = page.evaluate("""() => {
      const blocks = ['.advice__intro', '.advice__answers', '.advice__toc', '.advice__tools', '.advice__body > :first-child'];
      const boxes = blocks.map(selector => document.querySelector(selector).getBoundingClientRect());
      return boxes.map(box => {
        const below = boxes.filter(other => other.top >= box.bottom - 1 && other.left < box.right && other.right > box.left);
        return below.length ? Math.round(Math.min(...below.map(other => other.top)) - box.bottom) : 0;
      });
    }""")
    assert all(gap <= 48 for gap in gaps), gaps


def test_a_tip_page_lists_its_advice_pages_compactly(page: Page, server: str) -> None:
    for path in (site_inputs.page_types()["tip"], site_inputs.page_types()["tip-algemeen"]):
        page.goto(f"{server}/{path}")
        listing = page.locator("details.in-advice")
        expect(listing).to_have_count(1)
        assert listing.evaluate("details => details.open") is False
        assert listing.evaluate("details => details.getBoundingClientRect().height") < 60
        links = listing.locator("li a")
        total = len(site_inputs.combinations())
        expect(listing.locator("summary")).to_have_text(f"In {links.count()} van de {total} adviezen")
        # One row per combination of the other answers, a link per answer to the last open question.
        slug = path.rstrip("/").split("/")[-1].split("-", 1)[1]
        last = [q for q in site_inputs.questions() if slug not in {a["slug"] for a in q.answers}][-1]
        assert listing.locator("li").count() * len(last.answers) == links.count()
        listing.locator("summary").click()
        expect(links.first).to_be_visible()


def test_the_framework_boxes_on_the_start_page_are_links(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    page.locator(".framework").get_by_role("link", name="Wegwijzer", exact=True).click()
    expect(page).to_have_url(f"{server}/wegwijzer/")
    page.goto(f"{server}/")
    page.locator(".framework__box--checklist").scroll_into_view_if_needed()
    themes = page.locator(".framework__box--checklist .framework__themes").bounding_box()
    assert themes is not None
    page.mouse.click(themes["x"] + themes["width"] / 2, themes["y"] + themes["height"] / 2)  # anywhere in the box
    expect(page).to_have_url(f"{server}/checklist/")
