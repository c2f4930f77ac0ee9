"""Open Graph: a link pasted in Teams, Outlook or LinkedIn shows a clear preview, for every indexable page.

The indexable pages are those in sitemap.xml; the tags are read from the built HTML, and once in Chromium
after the wizard has swapped a page in place.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import site_inputs
from conftest import Built
from htmlscan import Element, parse


def sitemap_paths(built: Built) -> list[str]:
    site_url = built.loaded.config["site_url"]
    return [loc.removeprefix(site_url + built.loaded.config.base_url) for loc in re.findall(r"<loc>([^<]+)</loc>", built.html("sitemap.xml"))]


def graph(doc: Element) -> dict[str, str]:
    return {meta.get("property", ""): meta.get("content", "") for meta in doc.find_all("meta") if meta.get("property", "").startswith("og:")}


def test_every_indexable_page_has_the_preview_tags(built: Built) -> None:
    config = built.loaded.config
    paths = sitemap_paths(built)
    assert len(paths) > len(site_inputs.combinations())  # the sitemap really lists the pages
    problems = []
    for path in paths:
        doc = parse(built.html(path))
        tags = graph(doc)
        canonical = doc.find_all("link", rel="canonical")[0].get("href")
        description = doc.find_all("meta", name="description")[0].get("content")
        title = " ".join(doc.find_all("title")[0].text().split())
        expected = {
            "og:type": "website",
            "og:site_name": config["site_name"],
            "og:locale": "nl_NL",
            "og:url": config["site_url"] + config.base_url + path,
            "og:description": description,
            "og:title": title.removesuffix(" – " + config["site_name"]),
        }
        if tags != expected or canonical != expected["og:url"] or not description:
            problems.append(f"{path}: {tags}")
    assert problems == []


def test_an_advice_preview_names_its_answers(built: Built) -> None:
    for path, answers in site_inputs.advice_steps().items():
        title = graph(parse(built.html(path)))["og:title"]
        assert all(a["short"] in title for a in answers), title


def test_pages_that_are_not_indexed_have_no_preview_and_say_noindex(built: Built) -> None:
    for path in [*site_inputs.question_steps(), "404.html"]:
        doc = parse(built.html(path))
        assert graph(doc) == {}
        assert doc.find_all("meta", name="robots")[0].get("content") == "noindex"


@pytest.mark.browser
def test_the_wizard_swaps_the_preview_tags_with_the_page(page: Page, server: str, built: Built) -> None:
    """After answering in place, the head carries the new page's tags, as a fresh load of its URL does."""
    slugs = site_inputs.worked_example()
    page.goto(f"{server}/{site_inputs.step_path(slugs[:-1])}")
    expect(page.locator("meta[property='og:url']")).to_have_count(0)
    page.get_by_role("radio").nth(0).check()
    page.get_by_role("button", name="Verder").click()
    expect(page.locator("main h1")).to_be_focused()
    swapped = page.locator("meta[property^='og:']").evaluate_all("tags => tags.map(tag => tag.outerHTML)")
    page.reload()
    assert swapped == page.locator("meta[property^='og:']").evaluate_all("tags => tags.map(tag => tag.outerHTML)")
    assert swapped
