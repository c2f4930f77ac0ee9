"""The checklist as people see it, measured in a real Chromium: the layout figures of issue 12 at 390 px
(the first scale within 844 px of the top, consecutive scales at most 600 px apart), no sideways scroll
at 320 CSS px (400 % zoom), cards below 600 px, and axe-core at 0 in light, dark and forced colours with
every part of the page open.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from axe_check import violations
from checklist_inputs import FORMAT, content, question_ids, record
from checklist_page import TEAM_LABEL, answers_a, answers_b, no_sideways_scroll, open_checklist, put_stored

pytestmark = pytest.mark.browser
FIRST_SCALE_WITHIN = 844  # px from the top of the page, at 390 px wide (an iPhone's first screen)
MAX_SCALE_DISTANCE = 600  # px between the tops of consecutive scales, tips closed

# The top of every answer scale, in page coordinates.
SCALE_TOPS = """() => [...document.querySelectorAll("[data-checklist] .scale")]
    .map((scale) => scale.getBoundingClientRect().top + scrollY)"""


def phone_page(browser: object, request: pytest.FixtureRequest, width: int, **options: object) -> Iterator[Page]:
    from conftest import new_page
    yield from new_page(browser, request, viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True, **options)


@pytest.fixture
def phone390(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from phone_page(browser, request, 390)


@pytest.fixture
def phone320(browser: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from phone_page(browser, request, 320)


def test_at_390_px_the_first_scale_is_on_the_first_screen_and_scales_are_close(phone390: Page, server: str) -> None:
    open_checklist(phone390, server)
    tops = phone390.evaluate(SCALE_TOPS)
    assert len(tops) == len(question_ids())
    assert tops[0] <= FIRST_SCALE_WITHIN, f"the first scale starts {tops[0]:.0f} px down"
    distances = [later - earlier for earlier, later in zip(tops, tops[1:])]
    assert max(distances) <= MAX_SCALE_DISTANCE, f"scales up to {max(distances):.0f} px apart"
    # Nothing of the form hides the first scale before the visitor answers.
    bar = phone390.locator("[data-bar]").bounding_box()
    assert bar is not None and bar["y"] > tops[0]


def team_file(tmp_path: Path, name: str, answers: dict[str, int]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"format": FORMAT, "checklistVersion": content()["version"],
                                "measurements": [record("2026-01-01", answers, f"Afdeling {name} met een lange naam", id="m" + name)]}),
                    encoding="utf-8")
    return path


def open_everything(page: Page, server: str, tmp_path: Path) -> None:
    """The page with all it can show: answers, saved measurements, the changes, the comparison, the team view,
    an editing form, the tips of every question, and a broken file in the team."""
    open_checklist(page, server)
    put_stored(page, {"measurements": [
        record("2024-06-01", answers_b(), "Afdeling Inkoop en Aanbesteden", "Een notitie met een heel lang woord: inkoopvolwassenheidsmeting", id="m1"),
        record("2025-06-01", answers_a(), "Afdeling Inkoop", id="m2")], "current": answers_b() | {question_ids()[-2]: 1}})
    page.get_by_role("button", name="Vergelijk metingen").click()
    expect(page.locator("[data-compare] table").first).to_be_visible()
    page.locator("[data-compare] details summary").click()
    page.locator("[data-changes] summary").click()
    expect(page.locator("[data-changes] table")).to_be_visible()
    page.get_by_role("button", name="Naam en notitie van de meting van 1 juni 2025 (Afdeling Inkoop) wijzigen").click()
    broken = tmp_path / "kapot-bestand-met-een-lange-naam-zonder-spaties.json"
    broken.write_text("{", encoding="utf-8")
    page.get_by_label(TEAM_LABEL).set_input_files([team_file(tmp_path, "Noord", answers_a()), team_file(tmp_path, "Zuid", answers_b()), broken])
    expect(page.locator("[data-team] table").first).to_be_visible()
    page.locator("[data-checklist] details, [data-attention] details").evaluate_all("all => all.forEach((d) => { d.open = true; })")


def test_nothing_scrolls_sideways_at_320_css_px(phone320: Page, server: str, tmp_path: Path) -> None:
    errors = open_checklist(phone320, server)
    assert no_sideways_scroll(phone320) == 0
    open_everything(phone320, server, tmp_path)
    wide = phone320.evaluate("""() => [...document.querySelectorAll("main *")]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map((e) => e.tagName + "." + e.className)""")
    assert wide == [] and no_sideways_scroll(phone320) == 0
    assert errors == []


@pytest.mark.parametrize("width, cards", [(390, True), (1280, False)])
def test_history_comparison_and_team_are_cards_below_600_px(browser: object, request: pytest.FixtureRequest, server: str,
                                                             tmp_path: Path, width: int, cards: bool) -> None:
    for page in phone_page(browser, request, width):
        open_everything(page, server, tmp_path)
        shown = page.locator("[data-compare] table tr, [data-team] table tr").evaluate_all(
            "rows => [...new Set(rows.map((row) => getComputedStyle(row).display))]")
        assert shown == (["block"] if cards else ["table-row"])
        assert page.locator("[data-history] .measurement").count() == 2
        if cards:  # each cell says which column it is
            cell = page.locator("[data-team] table td").first
            assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{cell.get_attribute("data-label")}"'


# Not forced colours with a dark palette: there axe-core takes the author's text colour and the forced black
# background (it reports every heading of the home page); test_charts_use_system_colours_in_forced_colours
# checks that case itself.
SCHEMES = {
    "licht": {},
    "donker": {"color_scheme": "dark"},
    "geforceerde kleuren": {"forced_colors": "active"},
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_with_everything_open(browser: object, request: pytest.FixtureRequest, server: str, tmp_path: Path, scheme: str) -> None:
    for page in phone_page(browser, request, 390):
        page.emulate_media(**SCHEMES[scheme])
        open_everything(page, server, tmp_path)
        page.evaluate("scrollTo(0, 0)")  # axe reads the colours of what it scrolls to; from the top it is steady
        assert violations(page) == []


def test_charts_use_system_colours_in_forced_colours(browser: object, request: pytest.FixtureRequest, server: str, tmp_path: Path) -> None:
    for page in phone_page(browser, request, 390, forced_colors="active", color_scheme="dark"):
        open_everything(page, server, tmp_path)
        colours = page.evaluate("""() => {
            const style = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
            return {text: style("body", "color"), canvas: style("body", "backgroundColor"),
                    chartText: style("[data-compare] .chart text", "fill"), bar: style(".bars__bar", "borderTopColor"),
                    line: style("[data-compare] .chart polyline", "stroke")};
        }""")
        # Chart text in the text colour of the forced scheme (not the site's dark grey on black), bars and lines visible.
        assert colours["chartText"] == colours["text"] == colours["line"]
        assert colours["bar"] not in (colours["canvas"], "rgba(0, 0, 0, 0)")
