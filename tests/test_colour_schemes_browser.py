"""Colour schemes in Chromium: axe-core finds no WCAG 2.1 AA violation on any page type in the dark scheme
and in forced colours (the light scheme is tested in test_accessibility.py), the dark scheme really applies,
and paper stays light.
"""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

import site_inputs
from axe_check import violations
from conftest import new_page

pytestmark = pytest.mark.browser

# One page of each type: the types whose pages differ only in content are not repeated.
KINDS = ["voorpagina", "vraag-laatste", "advies", "tip", "schema", "checklist", "pagina voorbeeld", "pagina toegankelijkheid", "404"]
SCHEMES = {"donker": {"color_scheme": "dark"}, "geforceerde-kleuren": {"forced_colors": "active"}}


@pytest.fixture(params=list(SCHEMES), scope="module")
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def schemed(browser: Any, request: pytest.FixtureRequest, scheme: str) -> Any:
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900}, **SCHEMES[scheme])


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a CSS rgb() colour."""
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_violations_in_every_scheme(schemed: Page, server: str, kind: str) -> None:
    response = schemed.goto(f"{server}/{site_inputs.page_types()[kind]}")
    assert response is not None
    assert violations(schemed) == []


def test_axe_finds_no_violations_in_an_advice_opened_up(schemed: Page, server: str) -> None:
    """Every Leeswijzer open, a change note shown and its new blocks marked."""
    slugs = site_inputs.worked_example()
    schemed.goto(f"{server}/{site_inputs.step_path(slugs)}#gewijzigd-1-{slugs[0]}")
    schemed.get_by_role("button", name="Open alle leeswijzers").click()
    expect(schemed.locator(".change-note:visible")).to_have_count(1)
    assert violations(schemed) == []


def test_axe_finds_no_violations_in_a_question_with_its_error(schemed: Page, server: str) -> None:
    schemed.goto(f"{server}/wegwijzer/")
    schemed.get_by_role("button", name="Verder").click()
    expect(schemed.locator(".error-summary")).to_be_visible()
    assert violations(schemed) == []


@pytest.fixture
def dark(browser: Any, request: pytest.FixtureRequest) -> Any:
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900}, color_scheme="dark")


@pytest.mark.parametrize("kind", ["voorpagina", "advies", "vraag-1"])
def test_the_dark_scheme_is_dark_and_the_light_one_light(page: Page, dark: Page, server: str, kind: str) -> None:
    looks = {}
    for scheme, each in (("light", page), ("dark", dark)):
        each.goto(f"{server}/{site_inputs.page_types()[kind]}")
        body = each.locator("body").evaluate("body => [getComputedStyle(body).backgroundColor, getComputedStyle(body).color]")
        heading = each.locator("main h1").evaluate("h1 => getComputedStyle(h1).color")
        looks[scheme] = [luminance(body[0]), luminance(body[1]), luminance(heading)]
    assert looks["light"][0] > 0.9 and looks["light"][1] < 0.1, looks
    assert looks["dark"][0] < 0.05 and looks["dark"][1] > 0.6 and looks["dark"][2] > 0.5, looks


def test_paper_stays_light_in_the_dark_scheme(dark: Page, server: str) -> None:
    dark.goto(f"{server}/{site_inputs.page_types()['advies']}")
    dark.emulate_media(media="print")
    colours = dark.evaluate("""() => ['body', 'main h1', '.activity__description', '.cell__tips p']
      .map(selector => getComputedStyle(document.querySelector(selector)).color)""")
    assert all(luminance(colour) < 0.2 for colour in colours), colours
    background = dark.locator("body").evaluate("body => getComputedStyle(body).backgroundColor")
    assert luminance(background) > 0.9
