"""What every built page is made of, read from the real build: unique headings, change notes, the mail
link, cell codes as secondary text, the answers' hints from the report, and the start page.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from conftest import ROOT, Built
from htmlscan import parse
from seed import section_lines, squash
from site_inputs import CONTENT, advice_steps, expected_cells, filled_cells, load_table, questions, step_path, tip_pages

HEADING = re.compile(r"h[1-6]")
CODE = re.compile(r"^[A-Z](?:a|\d\d)$")  # a cell's name in the report: Fa, A12, ...


def test_no_two_headings_on_a_page_have_the_same_text(built: Built) -> None:
    repeated = {}
    for name, html in built.pages().items():
        counts = Counter(e.words() for e in parse(html).iter() if HEADING.fullmatch(e.tag))
        if twice := [text for text, count in counts.items() if count > 1]:
            repeated[name] = twice
    assert repeated == {}


def test_an_advice_has_one_change_note_per_question_naming_the_blocks_its_answer_brought(built: Built) -> None:
    for path, answers in advice_steps().items():
        doc = parse(built.html(path))
        notes = doc.with_class("change-note")
        assert [n.get("id") for n in notes] == [f"gewijzigd-{q.number}-{a['slug']}" for q, a in zip(questions(), answers)]
        answer_of = {code: slug for (activity, slug), code in filled_cells().items()}
        for note, answer in zip(notes, answers):
            shown = expected_cells(tuple(a["slug"] for a in answers))  # in page order
            brought = [code.lower() for code in shown if answer_of[code] == answer["slug"]]
            assert [a.get("href") for a in note.find_all("a")] == [f"#{code}" for code in brought], path
            assert note.get("tabindex") == "-1"
            question = next(q for q in load_table()["questions"] if answer in q["answers"])
            other = next(a for a in question["answers"] if a != answer)  # every question has two answers
            lost = sorted(activity for (activity, slug) in filled_cells() if slug == other["slug"])
            said = [p.words() for p in note.find_all("p") if p.words().startswith("Niet meer in uw advies")]
            assert len(said) == (1 if lost else 0), (path, said)
            if lost:
                names = ", ".join(a["name"] for a in load_table()["activities"] if a["id"] in lost)
                assert said[0] == f"Niet meer in uw advies: de tips bij ‘{other['short']}’ voor {names}.", said[0]


def test_the_stylesheet_marks_new_blocks_for_every_question(built: Built) -> None:
    """CSS cannot compare attributes, so site.css has one rule per question number: one for each question."""
    css = (ROOT / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    for number in range(1, len(questions()) + 1):
        assert f'.advice:has([id^="gewijzigd-{number}-"]:target) .cell__new[data-vraag="{number}"]' in css


# RFC 6068: a header value is unreserved characters, %-escapes and a few delimiters ("/" and "?" are not among them).
HFVALUE = re.compile(r"^(?:[A-Za-z0-9\-._~!$'()*+,;:@]|%[0-9A-F]{2})*$")


def test_mail_this_link_carries_the_permalink_encoded_as_rfc_6068_asks(built: Built) -> None:
    site_url = built.loaded.config["site_url"]
    for path, answers in advice_steps().items():
        links = [a.get("href") for a in parse(built.html(path)).find_all("a") if a.words() == "Mail deze link"]
        assert len(links) == 1
        match = re.fullmatch(r"mailto:\?subject=([^&]*)&body=([^&]*)", links[0] or "")
        assert match, links[0]
        assert all(HFVALUE.match(value) for value in match.groups()), links[0]
        subject, body = map(unquote, match.groups())
        assert all(a["short"] in subject for a in answers)
        assert body.endswith("\r\n" + site_url + "/" + path)


def test_cell_codes_are_secondary_text_only(built: Built) -> None:
    schema = parse(built.html("wegwijzer/schema/"))
    link_texts = [a.words() for a in schema.find_all("a") if (a.get("href") or "").lstrip("/") in tip_pages()]
    assert len(link_texts) == len(filled_cells())
    assert all(re.match(r"^\d+ tips?\b", text) for text in link_texts), link_texts
    assert sorted(e.words() for e in schema.with_class("cell__code")) == sorted(filled_cells().values())
    for path in tip_pages():
        doc = parse(built.html(path))
        crumbs = [li.words() for li in doc.with_class("breadcrumb")[0].find_all("li")]
        assert not any(CODE.match(word) for crumb in crumbs for word in crumb.split()), crumbs
        assert [e.words() for e in doc.find_all("h1")][0].split()[-1] not in filled_cells().values()


def words_of(text: str) -> list[str]:
    """The words of a wording, without case, punctuation or order: 'Complex, uniek' words the same as
    'Complex / Uniek', and 'Vooral focus op' the same as 'Focus vooral op'."""
    return sorted(re.findall(r"\w+", squash(text).lower()))


def heading_wordings() -> dict[str, str]:
    """How the heading of III.4 to III.8 words each answer of its question: its lines '1. ...', '2. ...'."""
    found = {}
    for index, question in enumerate(questions()):
        end = f"III.{index + 5}." if index + 1 < len(questions()) else "IV. CHECKLIST"
        lines = [squash(line) for line in section_lines(f"III.{index + 4}.", end)]
        for number, answer in enumerate(question.answers, 1):
            found[answer["slug"]] = next(line.removeprefix(f"{number}. ") for line in lines if line.startswith(f"{number}. "))
    return found


def test_an_answer_has_a_hint_exactly_where_the_report_words_it_differently() -> None:
    wordings = heading_wordings()
    example_input = squash(" ".join(section_lines("V.1.", "V.2.")))
    hinted = []
    for question in questions():
        for answer in question.answers:
            assert squash(answer["label"]) in example_input  # V.1 words every answer as III.2 does
            variant = wordings[answer["slug"]]
            other_words = words_of(variant) != words_of(answer["label"])
            assert answer.get("hint") == (variant if other_words else None), answer["slug"]
            hinted += [answer["slug"]] if other_words else []
    assert hinted, "the report words at least one answer differently"


def test_the_start_page_says_what_the_tools_give_before_the_report_text(built: Built) -> None:
    html = built.html("")
    doc = parse(html)
    main = doc.find_all("main")[0]
    text = main.words()
    report_start = text.index("PIANOo heeft het adviesbureau Policy Research Corporation")
    intro = text[:report_start]
    assert f"{len(questions())} vragen" in intro
    assert "&lt;" not in html and "[[" not in html  # the page's HTML and its markers are not shown as text
    starts = [a.get("href") for a in main.with_class("button")]
    assert starts[:2] == ["/wegwijzer/", "/checklist/"]
    assert text.index("Start de wegwijzer") < report_start and text.index("Start de checklist") < report_start
    figure = main.with_class("framework")[0]
    assert {a.words(): a.get("href") for a in figure.find_all("a")} == {"Wegwijzer": "/wegwijzer/", "Checklist": "/checklist/"}


def test_sentences_about_the_reports_chapters_are_left_out_with_a_comment() -> None:
    source = (CONTENT / "pages" / "home.md").read_text(encoding="utf-8")
    sentence = "In de volgende hoofdstukken worden de wegwijzer en de checklist nader toegelicht."
    assert any(sentence in squash(line) for line in section_lines("II. TEKST VOOR LANDINGSPAGINA", "III. WEGWIJZER"))
    comments = " ".join(re.findall(r"<!--(.*?)-->", source, re.S))
    assert sentence in squash(comments) and "Weggelaten" in comments
    assert sentence not in re.sub(r"<!--.*?-->", "", source, flags=re.S)


def test_the_summary_lists_every_answer_with_a_change_link_per_other_answer(built: Built) -> None:
    """Every advice lists its answers in question order, each with a change link per other answer."""
    table = load_table()
    for path, answers in list(advice_steps().items())[:4]:
        rows = parse(built.html(path)).with_class("summary")[0].find_all("li")
        assert len(rows) == len(table["questions"])
        for row, question, answer in zip(rows, table["questions"], answers):
            others = [a for a in question["answers"] if a["slug"] != answer["slug"]]
            assert [a.get("href").split("#")[0].lstrip("/") for a in row.find_all("a")] == [
                step_path([x["slug"] if x is not answer else o["slug"] for x in answers]) for o in others]
