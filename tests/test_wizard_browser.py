"""The wegwijzer wizard end to end in a real Chromium, on the built site served over HTTP on 127.0.0.1.

Every expected URL, heading and cell is computed from the inputs: the questions and answer slugs
of content/wegwijzer.yaml, the filled cells of content/tips/, the worked example of
content/pages/voorbeeld.md and base_url of site_config.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from site_inputs import CONTENT, ROOT, filled_cells, front_matter, load_table, tip_pages, worked_example
from site_inputs import expected_cells as site_expected_cells

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375

# --- the inputs ------------------------------------------------------------------------------


def questions() -> list[dict[str, Any]]:
    return load_table()["questions"]


@cache
def base_url() -> str:
    config = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8")) or {}
    return config.get("base_url", "/")


def words(text: str) -> str:
    """Text as the browser shows it: YAML's folded lines become single spaces."""
    return " ".join(text.split())


def answer(question_index: int, slug: str) -> dict[str, Any]:
    return next(a for a in questions()[question_index]["answers"] if a["slug"] == slug)


def permalink(slugs: Sequence[str]) -> str:
    """The public URL contract: /wegwijzer/ is question 1, each answer slug adds a level."""
    return base_url() + "wegwijzer/" + "".join(f"{slug}/" for slug in slugs)


def pick(rule: Callable[[int, int], int]) -> tuple[str, ...]:
    """A path through the wizard: rule(question index, number of answers) gives the answer index."""
    return tuple(q["answers"][rule(i, len(q["answers"]))]["slug"] for i, q in enumerate(questions()))


FIRST_ANSWERS = pick(lambda i, n: 0)
LAST_ANSWERS = pick(lambda i, n: n - 1)
ALTERNATING = pick(lambda i, n: i % n)


def expected_cells(slugs: Sequence[str]) -> list[str]:
    """Ids of the cells an advice shows: the report's codes (Fa, F11, ...) in lower case."""
    return [code.lower() for code in site_expected_cells(tuple(slugs))]


def first_tip_path() -> str:
    """The page of one tip file: /wegwijzer/tips/<activity>-<answer or algemeen>/ (content/README.md)."""
    return base_url() + tip_pages()[0]


# --- what the visitor sees -------------------------------------------------------------------


def heading(page: Page) -> Locator:
    return page.locator("main h1")


def expect_question(page: Page, server: str, slugs: Sequence[str]) -> None:
    """The page for these answers asks the next question, at its permalink, with 'Vraag N van M' in the title."""
    number = len(slugs) + 1
    expect(page).to_have_url(server + permalink(slugs))
    expect(heading(page)).to_have_text(words(questions()[number - 1]["text"]))
    expect(page).to_have_title(re.compile(rf"^Vraag {number} van {len(questions())}\b"))


def expect_advice(page: Page, server: str, slugs: Sequence[str], note: str = "") -> None:
    """The advice for these answers at its permalink (with a change note's #fragment, if given):
    the title names the answers, the cells are the table's."""
    expect(page).to_have_url(server + permalink(slugs) + (f"#{note}" if note else ""))
    for qi, slug in enumerate(slugs):  # whole words: "voldoende" must not match "onvoldoende"
        expect(page).to_have_title(re.compile(rf"(?<!\w){re.escape(answer(qi, slug)['short'])}(?!\w)"))
    expect_cells(page, expected_cells(slugs))


def expect_cells(page: Page, expected: list[str]) -> None:
    """The advice's cells, in order; each check waits, as the wizard may still be swapping the page in."""
    cells = page.locator("article.cell")
    expect(cells).to_have_count(len(expected))
    for index, cell_id in enumerate(expected):
        expect(cells.nth(index)).to_have_id(cell_id)


def choose_by_mouse(page: Page, label: str) -> None:
    page.locator(".choice-form label").get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Verder").click()


def expect_present_but_hidden(locator: Locator) -> None:
    """Hidden, and not merely absent: a locator that matches nothing would pass to_be_hidden."""
    expect(locator).not_to_have_count(0)
    for element in locator.all():
        expect(element).to_be_hidden()


def assert_stayed_on_127(page: Page) -> None:
    assert page.outside_requests == []  # type: ignore[attr-defined]


# --- JavaScript off: the links do the job ------------------------------------------------------


@pytest.mark.parametrize("slugs", [worked_example(), FIRST_ANSWERS, LAST_ANSWERS], ids=["voorbeeld", "eerste", "laatste"])
def test_without_javascript_answer_links_lead_through_every_permalink(page_nojs: Page, server: str, slugs: tuple[str, ...]) -> None:
    page = page_nojs
    page.goto(server + permalink(()))
    for qi, slug in enumerate(slugs):
        expect_question(page, server, slugs[:qi])
        expect(page.get_by_role("button", name="Verder")).to_have_count(0)  # the links, not a form
        page.locator(".choices").get_by_text(answer(qi, slug)["label"], exact=True).click()
    expect_advice(page, server, slugs)
    # The copy and print buttons need JavaScript, so they stay hidden without it.
    expect_present_but_hidden(page.get_by_role("button", name="Kopieer link", include_hidden=True))
    assert_stayed_on_127(page)


# --- JavaScript on, by mouse -----------------------------------------------------------------


def test_by_mouse_each_answer_shows_the_next_question_in_place_and_focuses_it(page: Page, server: str) -> None:
    slugs = worked_example()
    page.goto(server + permalink(()))
    page.evaluate("window.sameDocument = true")  # survives only if no step loads a new page
    for qi, slug in enumerate(slugs):
        choose_by_mouse(page, answer(qi, slug)["label"])
        if qi + 1 < len(slugs):
            expect_question(page, server, slugs[: qi + 1])
        else:
            expect_advice(page, server, slugs)
        expect(heading(page)).to_be_focused()
    assert page.evaluate("window.sameDocument") is True
    expect(page.get_by_role("button", name="Kopieer link")).to_be_visible()
    expect(page.get_by_role("button", name="Print", exact=True)).to_be_visible()

    # Back and forward move between the steps and show the right question.
    page.go_back()
    expect_question(page, server, slugs[:-1])
    page.go_back()
    expect_question(page, server, slugs[:-2])
    page.go_forward()
    expect_question(page, server, slugs[:-1])
    page.go_forward()
    expect_advice(page, server, slugs)
    assert page.evaluate("window.sameDocument") is True

    # The permalink is a real page: reloading shows the same advice.
    page.reload()
    assert page.evaluate("window.sameDocument") is None
    expect_advice(page, server, slugs)
    assert_stayed_on_127(page)


def test_verder_without_a_choice_shows_the_error_pattern_and_stays(page: Page, server: str) -> None:
    """GOV.UK's pattern: a summary at the top that gets focus and links to the options, 'Fout: ' before
    the title, and the message above the options."""
    page.goto(server + permalink(()))
    title = page.title()
    page.get_by_role("button", name="Verder").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("alert")).to_contain_text("Er is een probleem")
    expect(page).to_have_title("Fout: " + title)
    message = page.locator("fieldset .error-message")
    expect(message).to_have_text("Fout: Kies een antwoord op deze vraag.")
    radios = page.get_by_role("radio")
    assert message.bounding_box()["y"] < radios.first.bounding_box()["y"]  # type: ignore[index]
    assert summary.bounding_box()["y"] < heading(page).bounding_box()["y"]  # type: ignore[index]
    expect(page.get_by_role("group")).to_have_attribute("aria-describedby", re.compile(r"\bantwoord-fout\b"))
    # A second try does not stack a second summary; the summary's link takes focus to the first option.
    page.get_by_role("button", name="Verder").click()
    expect(summary).to_have_count(1)
    expect(page).to_have_title("Fout: " + title)
    summary.get_by_role("link", name="Kies een antwoord").click()
    expect(radios.first).to_be_focused()
    expect(page).to_have_url(server + permalink(()))
    # Choosing an answer after the error goes on as usual.
    first = questions()[0]["answers"][0]
    choose_by_mouse(page, first["label"])
    expect_question(page, server, (first["slug"],))
    assert_stayed_on_127(page)


def test_from_the_landing_page_into_the_wizard_and_back(page: Page, server: str) -> None:
    """The landing page is no wizard page: going back to it must show it again, not a question."""
    landing = server + base_url()
    page.goto(landing)
    page.locator("main").locator(f"a[href='{permalink(())}']").first.click()
    expect_question(page, server, ())
    expect(heading(page)).to_be_focused()
    page.go_back()
    expect(page).to_have_url(landing)
    expect(heading(page)).to_have_text(words(front_matter(CONTENT / "pages" / "home.md")["title"]))
    # The landing page is loaded anew; forward works once its scripts have run, as for a visitor.
    page.wait_for_function("() => document.readyState === 'complete'")
    page.go_forward()
    expect_question(page, server, ())
    assert_stayed_on_127(page)


def test_in_place_pages_match_the_pre_rendered_pages(page: Page, server: str) -> None:
    """What the wizard swaps in (content, title, menu state, head links, date) equals a fresh load of that URL."""
    snapshot = """() => ({
      title: document.title,
      before: document.getElementById('voor-inhoud').innerText,
      main: document.getElementById('inhoud').innerText,
      menu: [...document.querySelectorAll('header nav a')].map(a => a.getAttribute('aria-current')),
      head: [...document.head.querySelectorAll('meta[name=robots], meta[name=description], link[rel=canonical]')]
        .map(node => node.outerHTML).sort(),
      updated: [...document.querySelectorAll('footer time')].map(time => time.dateTime),
    })"""
    slugs = LAST_ANSWERS
    page.goto(server + permalink(()))
    in_place = []
    for qi, slug in enumerate(slugs):
        choose_by_mouse(page, answer(qi, slug)["label"])
        expect(page).to_have_url(server + permalink(slugs[: qi + 1]))
        expect(heading(page)).to_be_focused()  # focus moves last, after the swap
        in_place.append(page.evaluate(snapshot))
    for depth, seen in enumerate(in_place, start=1):
        page.goto(server + permalink(slugs[:depth]))
        assert seen == page.evaluate(snapshot), permalink(slugs[:depth])
    assert_stayed_on_127(page)


# --- JavaScript on, keyboard only ------------------------------------------------------------


def test_keyboard_only_reaches_a_permalink(page: Page, server: str) -> None:
    slugs = ALTERNATING
    page.goto(server + permalink(()))
    for _ in range(40):  # Tab from the top of the page (skip link, menu, back link) to the answers
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    for qi, slug in enumerate(slugs):
        if qi:
            expect(heading(page)).to_be_focused()
            page.keyboard.press("Tab")
        radios = page.get_by_role("radio")
        expect(radios.first).to_be_focused()
        index = [a["slug"] for a in questions()[qi]["answers"]].index(slug)
        if index == 0:
            page.keyboard.press("Space")
        for _ in range(index):
            page.keyboard.press("ArrowDown")  # moves to the next answer and chooses it
        expect(radios.nth(index)).to_be_checked()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Verder")).to_be_focused()
        page.keyboard.press("Enter" if qi % 2 else "Space")
        if qi + 1 < len(slugs):
            expect_question(page, server, slugs[: qi + 1])
    expect_advice(page, server, slugs)
    expect(heading(page)).to_be_focused()
    assert_stayed_on_127(page)


# --- change links, back link and sibling links, with and without JavaScript --------------------


@pytest.mark.parametrize("browser_page", ["page", "page_nojs"])
def test_change_and_back_links_on_a_question_page(request: pytest.FixtureRequest, server: str, browser_page: str) -> None:
    page: Page = request.getfixturevalue(browser_page)
    given = worked_example()[:-1]  # the last question page: every earlier answer has a change link
    for qi in range(len(given)):
        page.goto(server + permalink(given))
        page.get_by_role("link", name=f"Wijzig uw antwoord op vraag {qi + 1}", exact=True).click()
        expect_question(page, server, given[:qi])
    page.goto(server + permalink(given))
    page.get_by_role("link", name=re.compile(rf"\bTerug naar vraag {len(given)}$")).click()
    expect_question(page, server, given[:-1])
    assert_stayed_on_127(page)


@pytest.mark.parametrize("browser_page", ["page", "page_nojs"])
def test_sibling_links_on_an_advice_page(request: pytest.FixtureRequest, server: str, browser_page: str) -> None:
    page: Page = request.getfixturevalue(browser_page)
    slugs = worked_example()
    for qi, question in enumerate(questions()):
        for other in question["answers"]:
            if other["slug"] == slugs[qi]:
                continue
            page.goto(server + permalink(slugs))
            page.get_by_role("link", name=f"Verander in: {other['short']} (vraag {qi + 1})", exact=True).click()
            note = f"gewijzigd-{qi + 1}-{other['slug']}"
            expect_advice(page, server, slugs[:qi] + (other["slug"],) + slugs[qi + 1 :], note)
            expect_change_note(page, qi, other, focused=browser_page == "page")
    assert_stayed_on_127(page)


def expect_change_note(page: Page, question_index: int, new: dict[str, Any], focused: bool) -> None:
    """The one change note says what changed and lists the blocks that came with the new answer; exactly
    those blocks are marked new. With JavaScript the note has focus; without it, Tab goes on from it."""
    note = page.locator(f"#gewijzigd-{question_index + 1}-{new['slug']}")
    expect(note).to_be_visible()
    expect(page.locator(".change-note:visible")).to_have_count(1)
    expect(note).to_contain_text(f"U heeft het antwoord op vraag {question_index + 1} gewijzigd in ‘{words(new['label'])}’.")
    brought = [code.lower() for (activity, slug), code in filled_cells().items() if slug == new["slug"]]
    expect(note.get_by_role("link")).to_have_count(len(brought))
    marked = page.locator("article.cell:has(.cell__new:visible)")
    expect(marked).to_have_count(len(brought))
    assert sorted(marked.evaluate_all("cells => cells.map(cell => cell.id)")) == sorted(brought)
    if focused:
        expect(note).to_be_focused()
    else:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.change-note') !== null")


# --- changing an answer: the wizard shows the current answer chosen ------------------------------


def answer_index(question_index: int, slug: str) -> int:
    return [a["slug"] for a in questions()[question_index]["answers"]].index(slug)


def expect_chosen(page: Page, question_index: int, slug: str) -> None:
    """The question's radio buttons, with exactly the given answer chosen."""
    radios = page.get_by_role("radio")
    expect(radios).to_have_count(len(questions()[question_index]["answers"]))
    for index in range(radios.count()):
        if index == answer_index(question_index, slug):
            expect(radios.nth(index)).to_be_checked()
        else:
            expect(radios.nth(index)).not_to_be_checked()


def test_back_and_change_links_open_the_question_with_the_current_answer_chosen(page: Page, server: str) -> None:
    slugs = worked_example()
    page.goto(server + permalink(()))
    expect(page.get_by_role("radio", checked=True)).to_have_count(0)  # a new visitor has chosen nothing
    for qi, slug in enumerate(slugs):
        choose_by_mouse(page, answer(qi, slug)["label"])
    expect_advice(page, server, slugs)
    # The browser's back button, then the page's own back link, then a change link.
    page.go_back()
    expect_question(page, server, slugs[:4])
    expect_chosen(page, 4, slugs[4])
    page.get_by_role("link", name=re.compile(r"\bTerug naar vraag 4$")).click()
    expect_question(page, server, slugs[:3])
    expect_chosen(page, 3, slugs[3])
    page.get_by_role("link", name="Wijzig uw antwoord op vraag 2", exact=True).click()
    expect_question(page, server, slugs[:1])
    expect_chosen(page, 1, slugs[1])
    assert_stayed_on_127(page)


def test_an_answer_changed_through_the_questions_is_named_on_the_new_advice(page: Page, server: str) -> None:
    """Opened from a shared link, the advice's answers are known from its URL: going back to the first
    question through the breadcrumb, every question shows its answer; changing one leads to the note."""
    slugs = worked_example()
    page.goto(server + permalink(slugs))
    page.locator("#voor-inhoud").get_by_role("link", name="Wegwijzer", exact=True).click()
    changed = 2
    other = next(a for a in questions()[changed]["answers"] if a["slug"] != slugs[changed])
    for qi, slug in enumerate(slugs):
        expect_question(page, server, slugs[:qi] if qi <= changed else slugs[:changed] + (other["slug"],) + slugs[changed + 1 : qi])
        expect_chosen(page, qi, slug)
        if qi == changed:
            page.locator(".choice-form label").get_by_text(other["label"], exact=True).click()
        page.get_by_role("button", name="Verder").click()
    new = slugs[:changed] + (other["slug"],) + slugs[changed + 1 :]
    expect_advice(page, server, new, f"gewijzigd-{changed + 1}-{other['slug']}")
    expect_change_note(page, changed, other, focused=True)
    # Without a change (the same answers again) there is no note.
    page.go_back()
    expect_question(page, server, new[:-1])
    page.get_by_role("button", name="Verder").click()
    expect_advice(page, server, new)
    expect(page.locator(".change-note:visible")).to_have_count(0)
    expect(heading(page)).to_be_focused()
    assert_stayed_on_127(page)


def test_starting_again_forgets_the_answers(page: Page, server: str) -> None:
    page.goto(server + permalink(worked_example()))
    page.get_by_role("link", name="Opnieuw beginnen").click()
    expect_question(page, server, ())
    expect(page.get_by_role("radio", checked=True)).to_have_count(0)
    assert_stayed_on_127(page)


CARD_LOOK = """cards => cards.map(card => {
  const style = getComputedStyle(card);
  const mark = card.querySelector('.choice__mark, input[type=radio]');
  const label = card.querySelector('.choice__label');
  const box = card.getBoundingClientRect();
  return {
    box: [box.x, box.y, box.width, box.height].map(Math.round),
    card: [style.borderTop, style.borderRadius, style.padding, style.backgroundColor, style.color].join(' | '),
    mark: [getComputedStyle(mark).border, mark.getBoundingClientRect().width, mark.getBoundingClientRect().height].join(' | '),
    label: [getComputedStyle(label).font, getComputedStyle(label).color].join(' | '),
  };
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_answer_cards_look_the_same_with_and_without_javascript(browser: Any, server: str, width: int) -> None:
    looks = []
    for javascript in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(server + permalink(()))
        cards = page.locator(".choice-form .choice" if javascript else ".choices .choice")
        expect(cards).to_have_count(len(questions()[0]["answers"]))
        looks.append(cards.evaluate_all(CARD_LOOK))
        context.close()
    assert looks[0] == looks[1]


# --- advice page tools: copy link, print ------------------------------------------------------


def test_copy_link_puts_the_permalink_on_the_clipboard_and_says_so(page: Page, server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    slugs = worked_example()
    page.goto(server + permalink(slugs))
    # Go to a sibling advice in place first: the link copied must be the one now in the address bar.
    changed = next(a for a in questions()[0]["answers"] if a["slug"] != slugs[0])
    page.get_by_role("link", name=f"Verander in: {changed['short']} (vraag 1)", exact=True).click()
    target = server + permalink((changed["slug"], *slugs[1:]))
    expect(page).to_have_url(f"{target}#gewijzigd-1-{changed['slug']}")
    expect(page.locator(".change-note:visible")).to_be_focused()
    status = page.get_by_role("status")
    expect(status).to_have_text("")
    page.get_by_role("button", name="Kopieer link").click()
    expect(status).not_to_have_text("")
    assert page.evaluate("navigator.clipboard.readText()") == target  # the permalink, without the note
    assert_stayed_on_127(page)


def test_print_shows_the_advice_without_navigation_and_with_link_addresses(page: Page, server: str) -> None:
    page.goto(server + permalink(worked_example()))
    page.emulate_media(media="print")
    for name, role in [("Hoofdmenu", "navigation"), ("Kruimelpad", "navigation"), ("Inhoud", "navigation"),
                       ("Kopieer link", "button"), ("Print", "button"), ("Direct naar de inhoud", "link")]:
        expect_present_but_hidden(page.get_by_role(role, name=name, exact=True, include_hidden=True))  # type: ignore[arg-type]
    siblings = page.get_by_role("link", name=re.compile(r"^Verander in:"), include_hidden=True)
    expect(siblings).to_have_count(sum(len(q["answers"]) - 1 for q in questions()))
    expect_present_but_hidden(siblings)
    expect(heading(page)).to_be_visible()
    expect(page.locator("article.cell").first).to_be_visible()
    external = page.locator(".cell__leeswijzer a[href^='http']").first
    href = external.get_attribute("href")
    after = external.evaluate("link => getComputedStyle(link, '::after').content")
    assert href and href in after
    assert_stayed_on_127(page)


# --- the main page types at phone and desktop width -------------------------------------------

PAGE_TYPES = {
    "landing": lambda: base_url(),
    "vraag-1": lambda: permalink(()),
    "vraag-laatste": lambda: permalink(worked_example()[:-1]),
    "advies": lambda: permalink(worked_example()),
    "tip": first_tip_path,
    "checklist": lambda: base_url() + "checklist/",
}


@pytest.mark.parametrize("browser_page", ["phone", "page"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_types_fit_the_screen(request: pytest.FixtureRequest, server: str, browser_page: str, kind: str) -> None:
    """No horizontal scrolling at 375 px or on the desktop (the fixtures screenshot a failure to test-artifacts/)."""
    page: Page = request.getfixturevalue(browser_page)
    response = page.goto(server + PAGE_TYPES[kind]())
    assert response is not None and response.ok
    expect(page.locator("h1")).to_be_visible()
    width = page.viewport_size["width"] if page.viewport_size else PHONE_WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_stayed_on_127(page)


def every_wizard_path() -> list[tuple[str, ...]]:
    """All question pages and advice pages: every prefix of every combination of answers."""
    level: list[tuple[str, ...]] = [()]
    paths = list(level)
    for question in questions():
        level = [path + (a["slug"],) for path in level for a in question["answers"]]
        paths += level
    return paths


def test_no_wizard_page_scrolls_sideways_on_a_phone(phone: Page, server: str) -> None:
    """Long question texts and answer labels must wrap at 375 px, on every question and advice page."""
    too_wide = []
    for path in every_wizard_path():
        # The deferred site.js runs only after site.css has loaded, so the layout is final here.
        phone.goto(server + permalink(path), wait_until="domcontentloaded")
        if phone.evaluate("document.documentElement.scrollWidth") > PHONE_WIDTH:
            too_wide.append(permalink(path))
    assert too_wide == []
    assert_stayed_on_127(phone)


def test_phone_answers_by_touch(phone: Page, server: str) -> None:
    slugs = FIRST_ANSWERS
    phone.goto(server + permalink(()))
    for qi, slug in enumerate(slugs):
        phone.locator(".choice-form label").get_by_text(answer(qi, slug)["label"], exact=True).tap()
        phone.get_by_role("button", name="Verder").tap()
        if qi + 1 < len(slugs):
            expect_question(phone, server, slugs[: qi + 1])
    expect_advice(phone, server, slugs)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert_stayed_on_127(phone)


# --- in-page links on an advice page -----------------------------------------------------------


def test_table_of_contents_jumps_to_its_section_without_reloading_the_advice(page: Page, server: str) -> None:
    url = server + permalink(worked_example())
    page.goto(url)
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    link = page.get_by_role("navigation", name="Inhoud").get_by_role("link").nth(1)
    fragment = link.get_attribute("href") or ""
    link.click()
    expect(page).to_have_url(url + fragment)
    # A fetch made now is requested after anything the click set off, so the list is complete.
    sentinel = server + base_url() + "robots.txt"
    page.evaluate("address => fetch(address).then(response => response.text())", sentinel)
    assert sentinel in requested
    assert url not in requested, "the advice was fetched again"
    expect(page.locator(fragment)).to_be_in_viewport()
    expect(heading(page)).not_to_be_focused()
    assert_stayed_on_127(page)
