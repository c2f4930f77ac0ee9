"""Accessibility (WCAG 2.1 AA): axe-core on every page type in a real Chromium, and the checks axe cannot make.

axe runs with the WCAG 2.0/2.1 A and AA rules on the served site, at desktop and phone widths,
with JavaScript on and off. The static checks read every HTML file of the real build.
"""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

import site_inputs
from axe_check import violations
from htmlscan import Element, parse
from wegwijzer.urls import output_file, site_path

TITLE_SEPARATOR = " – "


# ---------------------------------------------------------------- static checks over every page


def headings(doc: Element) -> list[tuple[int, str]]:
    return [(int(e.tag[1]), e.text().strip()) for e in doc.iter() if re.fullmatch(r"h[1-6]", e.tag)]


def title_of(doc: Element) -> str:
    return " ".join(doc.find_all("title")[0].text().split())


@pytest.fixture(scope="module")
def docs(built) -> dict[str, Element]:
    """Every HTML file of the build, parsed."""
    return {name: parse(html) for name, html in built.pages().items()}


def test_every_page_has_exactly_one_h1(docs: dict[str, Element]) -> None:
    wrong = {name: [text for level, text in headings(doc) if level == 1]
             for name, doc in docs.items() if [level for level, _ in headings(doc)].count(1) != 1}
    assert not wrong, f"pages without exactly one h1: {wrong}"


def test_no_heading_level_is_skipped(docs: dict[str, Element]) -> None:
    skips = []
    for name, doc in docs.items():
        previous = 0
        for level, text in headings(doc):
            # Going deeper may only go one level at a time; going back up may jump.
            if level > previous + 1:
                skips.append(f"{name}: h{level} '{text}' follows h{previous}")
            previous = level
    assert not skips, "\n".join(skips)


def test_every_page_is_in_dutch(docs: dict[str, Element]) -> None:
    wrong = [name for name, doc in docs.items() if doc.find_all("html")[0].get("lang") != "nl"]
    assert not wrong, f'pages without <html lang="nl">: {wrong}'


def test_skip_link_is_the_first_link_and_its_target_is_main(docs: dict[str, Element]) -> None:
    problems = []
    for name, doc in docs.items():
        body = doc.find_all("body")[0]
        first_link = body.find_all("a")[0]
        targets = [e for e in doc.iter() if e.get("id") == "inhoud"]
        if first_link.get("href") != "#inhoud" or not first_link.text().strip():
            problems.append(f"{name}: first link is {first_link.attrs} '{first_link.text()}'")
        if [t.tag for t in targets] != ["main"]:
            problems.append(f"{name}: #inhoud is {[t.tag for t in targets]}, expected one <main>")
    assert not problems, "\n".join(problems)


def test_english_passages_are_not_empty(docs: dict[str, Element]) -> None:
    english = [(name, e) for name, doc in docs.items() for e in doc.iter() if e.get("lang") == "en"]
    empty = [f"{name}:{e.line}" for name, e in english if not e.text().strip()]
    assert english, "the content marks English quotes with lang=en; none found in the build"
    assert not empty, f'empty lang="en" elements: {empty}'


def test_every_title_names_the_page_and_the_site(built, docs: dict[str, Element]) -> None:
    suffix = TITLE_SEPARATOR + built.loaded.config["site_name"]
    wrong = [f"{name}: {title_of(doc)!r}" for name, doc in docs.items()
             if not title_of(doc).endswith(suffix) or len(title_of(doc)) <= len(suffix) + 3]
    assert not wrong, "\n".join(wrong)


def test_question_page_titles_say_which_question_of_how_many(docs: dict[str, Element]) -> None:
    total = len(site_inputs.questions())
    expected = site_inputs.question_steps()
    wrong = []
    for path, question in expected.items():
        start = f"Vraag {question.number} van {total}{TITLE_SEPARATOR}{question.text}{TITLE_SEPARATOR}"
        title = title_of(docs[output_file(path)])
        if not title.startswith(start):
            wrong.append(f"{path}: {title!r} does not start with {start!r}")
    assert not wrong, "\n".join(wrong)


def test_advice_titles_are_unique_and_name_every_answer(docs: dict[str, Element]) -> None:
    advice = site_inputs.advice_steps()
    titles = {path: title_of(docs[output_file(path)]) for path in advice}
    missing = [f"{path}: {titles[path]!r} lacks {a['short']!r}"
               for path, answers in advice.items() for a in answers if a["short"] not in titles[path]]
    assert not missing, "\n".join(missing)
    assert len(set(titles.values())) == len(titles), "two advice pages share a title"


def test_only_pages_asking_the_same_question_share_a_title(docs: dict[str, Element]) -> None:
    questions = site_inputs.question_steps()
    by_title: dict[str, list[str]] = defaultdict(list)
    for name, doc in docs.items():
        by_title[title_of(doc)].append(site_path(name))
    shared = {title: names for title, names in by_title.items() if len(names) > 1}
    wrong = {title: names for title, names in shared.items()
             if not all(n in questions for n in names) or len({questions[n].number for n in names}) != 1}
    assert not wrong, f"pages sharing a title: {wrong}"


# ---------------------------------------------------------------- axe-core in the browser


def pages_by_type() -> dict[str, list[str]]:
    """One or more pages of every page type, chosen from the inputs."""
    by_depth: dict[int, list[str]] = defaultdict(list)
    for path, question in site_inputs.question_steps().items():
        by_depth[question.number].append(path)
    advice = list(site_inputs.advice_steps())
    tips = site_inputs.tip_pages()
    general = [t for t in tips if t.endswith("-algemeen/")]
    return {
        "question": [paths[-1] for _, paths in sorted(by_depth.items())],  # each depth, the last answers
        "advice": list(dict.fromkeys([site_inputs.step_path(site_inputs.worked_example()), advice[0], advice[-1]])),
        "checklist": ["checklist/"],
        "tip": [general[0], next(t for t in tips if t not in general)],
        "other": ["wegwijzer/schema/", *site_inputs.content_pages(), NOT_FOUND],
    }


NOT_FOUND = "bestaat-niet/"  # the 404 page, as a visitor reaches it
ENHANCED = ("question", "advice", "checklist")  # the page types that JavaScript changes
VARIANTS = {  # fixture, JavaScript on
    "desktop": ("page", True),
    "phone": ("phone", True),
    "desktop-nojs": ("page", False),
    "phone-nojs": ("phone", False),
}


def axe_cases() -> list[tuple[str, str]]:
    """Every page at both widths; with JavaScript off too where JavaScript changes the page.

    On the other pages the document is the same either way (test_static_pages_are_the_same_without_javascript).
    """
    cases = []
    for kind, paths in pages_by_type().items():
        variants = list(VARIANTS) if kind in ENHANCED else ["desktop", "phone"]
        cases += [(path, variant) for path in paths for variant in variants]
    return cases


def block_site_scripts(page) -> None:
    """JavaScript off, for axe: the site's own scripts are refused, so the DOM is the one without JS.

    Playwright cannot run axe in a context with JavaScript disabled (axe's promises never settle
    there); test_blocked_scripts_give_the_nojs_page checks that both give the same document.
    """
    page.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())


@pytest.mark.browser
@pytest.mark.parametrize(("path", "variant"), axe_cases())
def test_axe_finds_no_wcag_violations(server: str, request: pytest.FixtureRequest, path: str, variant: str) -> None:
    fixture, javascript = VARIANTS[variant]
    page = request.getfixturevalue(fixture)
    if not javascript:
        block_site_scripts(page)
    response = page.goto(f"{server}/{path}")
    assert response is not None and response.status == (404 if path == NOT_FOUND else 200)
    assert violations(page) == []
    assert page.outside_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("device", ["page", "phone"])
def test_axe_finds_no_violations_in_checklist_results(server: str, request: pytest.FixtureRequest, device: str) -> None:
    page = request.getfixturevalue(device)
    page.goto(f"{server}/checklist/")
    # Score the first question of every theme, with a low and a high score, to show results and attention points.
    themes = page.locator("[data-theme]")
    for index in range(themes.count()):
        radios = themes.nth(index).locator("input[type=radio]")
        radios.nth(0 if index % 2 == 0 else radios.count() - 1).check()
    page.locator("[data-results]").wait_for(state="visible")
    assert violations(page) == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_axe_finds_no_violations_after_the_wizard_advances_in_place(server: str, page) -> None:
    page.goto(f"{server}/wegwijzer/")
    second = site_inputs.questions()[1]
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Verder").click()
    # The page is swapped in place (no load event): wait for the next question's heading.
    page.wait_for_function("text => document.querySelector('main h1').textContent.trim() === text", arg=second.text)
    assert violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", [paths[0] for kind, paths in pages_by_type().items()])
def test_blocked_scripts_give_the_nojs_page(server: str, page, page_nojs, path: str) -> None:
    block_site_scripts(page)
    page.goto(f"{server}/{path}")
    page_nojs.goto(f"{server}/{path}")
    assert page.content() == page_nojs.content()


@pytest.mark.browser
def test_static_pages_are_the_same_without_javascript(server: str, page, page_nojs) -> None:
    static = [path for kind, paths in pages_by_type().items() if kind not in ENHANCED for path in paths]
    for path in static:
        page.goto(f"{server}/{path}")
        page_nojs.goto(f"{server}/{path}")
        assert page.content() == page_nojs.content(), f"JavaScript changes {path}: test it with JavaScript off too"


# ---------------------------------------------------------------- keyboard: skip link and visible focus


@pytest.mark.browser
@pytest.mark.parametrize("fixture", ["page", "page_nojs"])
@pytest.mark.parametrize("path", ["", "wegwijzer/", site_inputs.step_path(site_inputs.worked_example()), "checklist/"])
def test_skip_link_moves_focus_into_main_by_keyboard(server: str, request: pytest.FixtureRequest, fixture: str, path: str) -> None:
    page = request.getfixturevalue(fixture)
    page.goto(f"{server}/{path}")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#inhoud", "the first Tab should reach the skip link"
    # Off-screen until focused, then inside the viewport (WCAG 2.4.7).
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0, f"focused skip link is off-screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "Enter on the skip link should focus main"
    # The next Tab goes on from inside main, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "the next Tab should stay inside main"


# The look of the focused element, then of the same element unfocused; focus is put back so the
# next Tab continues from there. One round trip per tab stop.
FOCUS_LOOK = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const look = () => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join('|');
  };
  const focused = look();
  el.blur();
  const unfocused = look();
  el.focus();
  return {what: el.tagName + ' ' + (el.getAttribute('href') || el.id || el.textContent.trim().slice(0, 40)), focused, unfocused};
}"""


def focus_stops(page, limit: int) -> list[dict[str, str]]:
    """Tab through the page; for each stop its description and its look focused and unfocused."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_LOOK)
        if stop is None:
            break
        stops.append(stop)
    return stops


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "wegwijzer/complex/", site_inputs.step_path(site_inputs.worked_example()), "checklist/"])
def test_focus_is_visible_on_every_tab_stop(server: str, page, path: str) -> None:
    page.goto(f"{server}/{path}")
    stops = focus_stops(page, limit=60)
    invisible = [stop["what"] for stop in stops if stop["focused"] == stop["unfocused"]]
    assert len(stops) >= 5, f"too few tab stops reached: {stops}"
    assert not invisible, f"focus not visible on: {invisible}"
