"""The checklist is complete against the report (seed section IV): questions, remarks, links, key phrases.

Expected values come from the seed itself (first extraction, from "IV. CHECKLIST" to "V. VOORBEELD
INKOOPCASE"), from content/checklist.yaml and tests/data/checklist_fidelity.yaml, never from the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import pytest
import yaml

import site_inputs
from checklist_inputs import content
from conftest import ROOT, Built
from seed import URL, section, squash, text as seed_text
from seed import raw_lines as seed_lines

BULLET = "\uf0b7"  # the report's list bullet in the extracted text
# A question in section IV starts a line with one of these verbs (checked: exactly the report's questions).
QUESTION_START = re.compile(r"^(Zijn|Is|Wordt|Beschikken|Zorgt) ")


@dataclass
class SeedQuestion:
    theme: int  # 1, 2 or 3: IV.1, IV.2, IV.3
    first_line: str
    line: int
    bullets: list[str] = field(default_factory=list)  # first line of each sub-remark


def section_iv() -> tuple[int, int]:
    """Line indexes of the first extraction's section IV: from its heading to section V's."""
    return section("IV. CHECKLIST", "V. VOORBEELD INKOOPCASE")


@cache
def seed_questions() -> list[SeedQuestion]:
    start, end = section_iv()
    theme, found = 0, []
    for number, line in enumerate(seed_lines()[start:end], start + 1):
        text = line.strip()
        if re.match(r"IV\.\d\. ", text):
            theme += 1
        elif QUESTION_START.match(text):
            found.append(SeedQuestion(theme, text, number))
        if BULLET in line and found:
            # A remark belongs to the last question above it (also when it sits mid-line, after a column).
            found[-1].bullets.append(squash(line.split(BULLET, 1)[1]))
    return found


def yaml_questions() -> list[tuple[int, dict]]:
    return [(n, q) for n, theme in enumerate(content()["themes"], 1) for q in theme["questions"]]


class _Questions(HTMLParser):
    """Text of each question's fieldset and of its remarks; every link's href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, str] = {}
        self.remarks: dict[str, str] = {}
        self.legend: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.current: str | None = None
        self.depth = 0
        self.where: list[str] = []  # open elements inside the current fieldset that we track

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "fieldset" and a.get("data-question"):
            self.current = a["data-question"]
            for store in (self.text, self.remarks, self.legend):
                store[self.current] = ""
        elif self.current and tag in ("div", "legend"):
            kind = "remarks" if "check-question__remarks" in (a.get("class") or "") else tag
            self.where.append(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset":
            self.current = None
        elif self.current and tag in ("div", "legend") and self.where:
            self.where.pop()

    def handle_data(self, data: str) -> None:
        if self.current:
            self.text[self.current] += data
            if "remarks" in self.where:
                self.remarks[self.current] += data
            if "legend" in self.where:
                self.legend[self.current] += data


@pytest.fixture(scope="module")
def page(built: Built) -> _Questions:
    parser = _Questions()
    parser.feed(built.html("checklist/"))
    for store in (parser.text, parser.remarks, parser.legend):
        for key in store:
            store[key] = squash(store[key])
    return parser


def test_the_seed_has_twelve_questions_in_three_themes() -> None:
    # Guards the reading of the seed itself: if this breaks, the tests below would check too little.
    counts = [sum(1 for q in seed_questions() if q.theme == t) for t in (1, 2, 3)]
    assert counts == [3, 2, 7]


def test_each_theme_has_the_seeds_number_of_questions(page: _Questions) -> None:
    themes = content()["themes"]
    for number, theme in enumerate(themes, 1):
        in_seed = [q for q in seed_questions() if q.theme == number]
        assert len(theme["questions"]) == len(in_seed), theme["id"]
        on_page = [qid for qid in page.legend if qid.startswith(theme["id"] + "-")]
        assert on_page == [q["id"] for q in theme["questions"]]


def test_every_seed_question_is_in_the_content_in_order_and_verbatim() -> None:
    for seed, (theme, question) in zip(seed_questions(), yaml_questions(), strict=True):
        assert theme == seed.theme
        # The question's first line in the report starts the question text (up to its own end).
        start = squash(seed.first_line.split("?")[0])
        assert question["text"].startswith(start), (question["id"], seed.line)
        assert squash(question["text"]) in seed_text(), question["id"]


def test_every_question_text_is_the_legend_on_the_page(page: _Questions) -> None:
    for _, question in yaml_questions():
        assert page.legend[question["id"]].endswith(squash(question["text"])), question["id"]


def test_every_sub_remark_of_the_seed_is_under_its_question(page: _Questions) -> None:
    bullets = [(seed, bullet) for seed in seed_questions() for bullet in seed.bullets]
    assert len(bullets) >= 20  # the report's remarks, including the eight e-procurement tools
    for seed, (_, question) in zip(seed_questions(), yaml_questions(), strict=True):
        for bullet in seed.bullets:
            assert bullet in page.remarks[question["id"]], (question["id"], bullet)


def test_every_url_of_section_iv_is_a_link_on_the_checklist(page: _Questions) -> None:
    start, end = section_iv()
    urls = {m.group(0) for line in seed_lines()[start:end] for m in URL.finditer(line)}
    assert len(urls) > 40
    missing = sorted(urls - set(page.hrefs))
    assert not missing


@cache
def fidelity() -> dict[str, list[str]]:
    return yaml.safe_load((ROOT / "tests" / "data" / "checklist_fidelity.yaml").read_text(encoding="utf-8"))


def test_fidelity_phrases_are_from_one_line_of_the_seed() -> None:
    lines = seed_lines()
    for qid, phrases in fidelity().items():
        for phrase in phrases:
            assert any(phrase in line for line in lines), (qid, phrase)


def test_fidelity_phrases_are_under_their_own_question_only(page: _Questions) -> None:
    assert set(fidelity()) == {q["id"] for _, q in yaml_questions()}
    for qid, phrases in fidelity().items():
        for phrase in phrases:
            holders = [other for other, text in page.text.items() if squash(phrase) in text]
            assert holders == [qid], (qid, phrase, holders)


def test_the_page_shows_the_scale_of_the_content_for_every_question(built: Built) -> None:
    html = built.html("checklist/")
    scale = content()["scale"]
    for _, question in yaml_questions():
        for point in scale:
            qid, score = question["id"], point["score"]
            assert re.search(rf'<input type="radio" id="{qid}-{score}" name="{qid}" value="{score}">', html), (qid, score)
            assert re.search(rf'<label for="{qid}-{score}">.*?{re.escape(point["label"])}</label>', html), (qid, score)


def test_the_checklist_is_linked_from_the_landing_page_and_every_advice_page(built: Built) -> None:
    target = built.loaded.config.base_url + "checklist/"
    advice = list(site_inputs.advice_steps())  # every combination of answers in content/wegwijzer.yaml
    assert advice
    for path in ["", *advice]:
        parser = _Questions()
        parser.feed(built.html(path))
        # The header menu links it on every page; the landing and advice pages link it in their text too.
        assert parser.hrefs.count(target) >= 2, path
