"""Loading and validating content/: the decision table, the tip cells and the pages.

Every problem is collected with its file and line, so that `check` can list them all.
The decision table comes out as the model's own classes; tips and pages come out as
records of Markdown, which `model` renders into cells and pages.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .model import Activity, Answer, Change, DecisionTable, Question
from .problems import Problems, suggestion
from .sources import LineDict, LineFinder, MarkdownSource, blank_comments, list_sources, load_markdown_file, load_yaml_file
from .urls import link_kind, link_problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SITE_PATH = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+$")
CATEGORIES = ("WAT", "HOE", "WIE")
TIP_SECTIONS = ("Tips", "Leeswijzer")
# Every way Markdown and HTML make a link: inline `](target)`, a reference definition `[id]: target`,
# an autolink `<scheme:...>` and an HTML attribute `href=...` (in any order among the others).
LINK_TARGET = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|<([A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*)>"
    r"|\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+))",
    re.IGNORECASE | re.MULTILINE,
)
# Markdown headings other than the '## ' lines that split a tip: underlined with '---' or '===', or
# written after a quote or list marker.
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:-+|=+)[ \t]*$")
HIDDEN_HEADING = re.compile(r"^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True)
class Section:
    markdown: str
    line: int


@dataclass(frozen=True)
class TipRecord:
    path: Path
    activity: str
    question: str | None  # None for an activity's general tips
    answer: str | None
    tips: Section
    leeswijzer: Section | None
    updated: date | None
    former_paths: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class PageRecord:
    path: Path
    slug: str
    title: str
    description: str
    body: Section
    updated: date | None
    answers: dict[str, str] = field(default_factory=dict)
    former_paths: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Content:
    table: DecisionTable
    tips: tuple[TipRecord, ...]
    pages: tuple[PageRecord, ...]


class Fields:
    """Reads typed fields from one YAML mapping and reports problems against its file and line."""

    def __init__(self, data: LineDict, path: Path, problems: Problems, what: str):
        self.data, self.path, self.problems, self.what = data, path, problems, what

    def text(self, key: str, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problems.add(self.path, self.data.line, f"{self.what}: het veld '{key}' ontbreekt")
            return ""
        if not isinstance(value, str):
            self.problems.add(self.path, self.data.line_of(key), not_text(self.what, key, value))
            return ""
        if not value.strip():
            self.problems.add(self.path, self.data.line_of(key), f"{self.what}: '{key}' moet een niet-lege tekst zijn")
            return ""
        return " ".join(value.split())

    def slug(self, key: str) -> str:
        value = self.text(key)
        if value and not SLUG.match(value):
            self.problems.add(
                self.path, self.data.line_of(key),
                f"{self.what}: '{value}' is geen geldige {key}: alleen kleine letters, cijfers en '-'",
            )
        return value

    def date(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, date) or isinstance(value, datetime):
            self.problems.add(self.path, self.data.line_of(key), f"{self.what}: '{key}' moet een datum zijn (JJJJ-MM-DD), zonder tijd")
            return None
        return value

    def mapping_list(self, key: str) -> list[LineDict]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            self.problems.add(self.path, self.data.line_of(key), f"{self.what}: '{key}' moet een niet-lege lijst zijn")
            return []
        good = [item for item in value if isinstance(item, LineDict)]
        if len(good) != len(value):
            self.problems.add(self.path, self.data.line_of(key), f"{self.what}: elk item van '{key}' moet velden 'naam: waarde' hebben")
        return good

    def slugs(self, key: str) -> tuple[str, ...]:
        """An optional list of slugs, such as `former_slugs: [oude-slug]`."""
        return self._matching_list(key, SLUG, "slugs zijn, zoals [oude-slug]: kleine letters, cijfers en '-'")

    def site_paths(self, key: str) -> tuple[str, ...]:
        """An optional list of paths on this site, such as `former_paths: [/oude-pagina/]`, without the leading '/'."""
        found = self._matching_list(key, SITE_PATH, "adressen op deze site zijn, zoals [/oude-pagina/]: "
                                                    "beginnen en eindigen met '/', met kleine letters, cijfers en '-'")
        return tuple(v.lstrip("/") for v in found)

    def _matching_list(self, key: str, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and pattern.match(v) for v in value):
            self.problems.add(self.path, self.data.line_of(key), f"{self.what}: '{key}' moet een lijst van {what}")
            return ()
        return tuple(value)

    def changes(self, key: str) -> tuple[Change, ...]:
        """Optional dated change notes: `changes:` with a list of `- date: 2026-12-01` and `note: ...`."""
        if key not in self.data:
            return ()
        found = []
        for item in self.mapping_list(key):
            entry = Fields(item, self.path, self.problems, "wijziging")
            entry.only({"date", "note"})
            when, note = entry.date("date"), entry.text("note")
            if when is None and "date" not in item:
                self.problems.add(self.path, item.line, "wijziging: het veld 'date' (JJJJ-MM-DD) ontbreekt")
            if when and note:
                found.append(Change(when, note))
        return tuple(sorted(found, key=lambda c: c.date, reverse=True))

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problems.add(self.path, self.data.line_of(key), f"{self.what}: onbekend veld '{key}'{suggestion(key, allowed)}")


def not_text(what: str, key: str, value: object) -> str:
    """Why a value that YAML did not read as text is refused, and how to make it text."""
    if isinstance(value, (list, dict)):
        return f"{what}: '{key}' moet een tekst zijn, geen lijst of groep velden"
    written = str(value).lower() if isinstance(value, bool) else str(value)
    kind = ("een ja/nee-waarde" if isinstance(value, bool) else "een getal" if isinstance(value, (int, float))
            else "een datum" if isinstance(value, date) else "iets anders dan tekst")
    return (f"{what}: '{key}' moet een tekst zijn, maar YAML leest {written} als {kind}; "
            f"zet de tekst tussen aanhalingstekens: {key}: \"{written}\"")


def _unique(items: list[tuple[str, LineDict]], path: Path, problems: Problems, what: str) -> None:
    seen: dict[str, int] = {}
    for value, data in items:
        if value in seen:
            problems.add(path, data.line, f"{what} '{value}' komt twee keer voor (ook op regel {seen[value]})")
        seen.setdefault(value, data.line)


def load_table(path: Path, problems: Problems) -> DecisionTable | None:
    known = problems.count
    data = load_yaml_file(path, problems)
    if data is None:
        if problems.count == known:
            problems.add(path, 1, "het bestand is leeg")
        return None
    if not isinstance(data, LineDict):
        problems.add(path, 1, "de beslistabel moet velden 'activities' en 'questions' hebben")
        return None
    top = Fields(data, path, problems, "beslistabel")
    top.only({"updated", "activities", "questions"})
    updated = top.date("updated")
    if "updated" not in data:
        problems.add(path, data.line, "beslistabel: het veld 'updated' (datum van de laatste wijziging) ontbreekt")

    activities = []
    activity_items = top.mapping_list("activities")
    for item in activity_items:
        f = Fields(item, path, problems, "activiteit")
        f.only({"id", "letter", "name", "description"})
        letter = f.text("letter")
        if letter and not re.fullmatch(r"[A-Z]", letter):
            problems.add(path, item.line_of("letter"), f"activiteit: 'letter' moet één hoofdletter zijn, niet '{letter}'")
        activities.append(Activity(f.slug("id"), letter, f.text("name"), f.text("description")))
    pairs = list(zip(activities, activity_items))
    _unique([(a.id, d) for a, d in pairs], path, problems, "activiteit")
    _unique([(a.letter, d) for a, d in pairs], path, problems, "activiteitletter")

    questions = []
    question_items = top.mapping_list("questions")
    for number, item in enumerate(question_items, 1):
        f = Fields(item, path, problems, "vraag")
        f.only({"id", "category", "text", "help", "answers"})
        category = f.text("category")
        if category and category not in CATEGORIES:
            problems.add(path, item.line_of("category"), f"vraag: 'category' moet een van {', '.join(CATEGORIES)} zijn, niet '{category}'")
        answers = []
        answer_list = f.mapping_list("answers")
        if 0 < len(answer_list) < 2:
            problems.add(path, item.line_of("answers"), "vraag: een vraag heeft minstens twee antwoorden")
        question_id = f.slug("id")
        answer_items: list[tuple[str, LineDict]] = []
        for answer_number, answer_item in enumerate(answer_list, 1):
            a = Fields(answer_item, path, problems, "antwoord")
            a.only({"slug", "label", "short", "hint", "former_slugs"})
            slug, label = a.slug("slug"), a.text("label")
            answers.append(Answer(question_id, slug, label, a.text("short", required=False) or label,
                                  a.text("hint", required=False), number, answer_number, answer_item.line_of("slug"),
                                  a.slugs("former_slugs")))
            answer_items.append((slug, answer_item))
        _unique(answer_items, path, problems, "antwoordslug")
        questions.append(Question(question_id, number, category, f.text("text"), f.text("help", required=False), tuple(answers)))
    _unique([(q.id, d) for q, d in zip(questions, question_items)], path, problems, "vraag")
    return DecisionTable(path, tuple(activities), tuple(questions), updated or date.min)


def _split_sections(source: MarkdownSource, problems: Problems) -> dict[str, Section]:
    """Split a body at its `## ` headings; text before the first one is a problem."""
    sections: dict[str, Section] = {}
    current: str | None = None
    buffer: list[str] = []
    start = source.body_line

    def close() -> None:
        if current is not None:
            sections[current] = Section("".join(buffer), start)

    previous = ""
    for offset, line in enumerate(blank_comments(source.body).splitlines(keepends=True)):
        number = source.body_line + offset
        _check_hidden_heading(line, previous, number, source.path, problems)
        previous = line
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading is None:
            if current is not None:
                buffer.append(line)
            elif line.strip():
                problems.add(source.path, number, "tekst vóór de eerste kop: begin met '## Tips'")
            continue
        level, title = len(heading.group(1)), heading.group(2)
        if level != 2:
            problems.add(source.path, number, f"kop '{line.strip()}' is niet toegestaan: gebruik alleen '## Tips' en '## Leeswijzer'")
        elif title not in TIP_SECTIONS:
            problems.add(source.path, number, f"onbekende kop '## {title}': gebruik '## Tips' of '## Leeswijzer'")
        elif title in sections or title == current:
            problems.add(source.path, number, f"de kop '## {title}' staat er twee keer")
        else:
            close()
            current, buffer, start = title, [], number + 1
    close()
    return sections


def _check_hidden_heading(line: str, previous: str, number: int, path: Path, problems: Problems) -> None:
    """A heading that the '## ' rule above would not see still becomes one on the page."""
    if SETEXT_UNDERLINE.match(line) and previous.strip() and not previous.lstrip().startswith("#"):
        problems.add(path, number, "een regel met alleen '-' of '=' onder tekst maakt die tekst een kop: "
                                   "laat de regel weg, of zet er een lege regel boven")
    elif HIDDEN_HEADING.match(line):
        problems.add(path, number, f"kop '{line.strip()}' in een lijst of citaat is niet toegestaan: gebruik alleen '## Tips' en '## Leeswijzer'")


# Neither alternative may run past the start of the next one ('[' or '<'): on "![![![…" or "<img <img …" a
# match attempt at every position would otherwise scan to the end of the line (8 s for one 246 kB line).
IMAGE_TARGET = re.compile(r"!\[[^\[\]]*\]\(\s*<?([^()\s>]+)|<img\b[^<>]*\ssrc\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)


def check_images(section: Section, path: Path, problems: Problems) -> None:
    """Images must be files of this site: an image from elsewhere would not load (CSP) and would tell that host who reads."""
    for offset, line in enumerate(section.markdown.splitlines()):
        for match in IMAGE_TARGET.finditer(line):
            target = match.group(1) or match.group(2)
            if link_kind(html.unescape(target)) != "site":
                problems.add(path, section.line + offset,
                             f"de afbeelding '{target}' moet op deze site staan: zet het bestand in assets/img/ "
                             "en schrijf ![beschrijving](/assets/img/naam.png)")


def check_links(section: Section, path: Path, problems: Problems) -> None:
    """Links must go where they seem to: absolute http(s) addresses, mailto, paths or #fragments of the
    site, judged as a browser reads them (see `urls.link_problem`); images, files of the site."""
    check_images(section, path, problems)
    line_of = LineFinder(section.markdown, section.line)
    for offset, target in link_targets(section.markdown):
        problem = link_problem(html.unescape(target))  # nh3 decodes what Python-Markdown passes through
        if problem:
            problems.add(path, line_of(offset), f"ongeldige link '{target}': {problem}")


@functools.lru_cache(maxsize=4096)  # serve checks every text after every save; most did not change
def link_targets(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, target) of every link that Markdown or HTML text makes, in order."""
    return tuple((match.start(match.lastindex or 0), next(group for group in match.groups() if group is not None))
                 for match in LINK_TARGET.finditer(text))


def load_tip(path: Path, table: DecisionTable, problems: Problems) -> TipRecord | None:
    source = load_markdown_file(path, problems)
    if source is None:
        return None
    f = Fields(source.meta, path, problems, "tip")
    f.only({"activity", "question", "answer", "general", "updated", "changes", "former_paths"})
    activity = f.text("activity")
    if activity and activity not in {a.id for a in table.activities}:
        problems.add(path, source.meta.line_of("activity"), f"onbekende activiteit '{activity}' (zie {table.path.name})")
    general = source.meta.get("general", False)
    question = answer = None
    if general is True:
        if "question" in source.meta or "answer" in source.meta:
            problems.add(path, source.meta.line_of("general"), "algemene tips horen niet bij een vraag: laat 'question' en 'answer' weg")
    elif general is not False:
        problems.add(path, source.meta.line_of("general"), "'general' moet true of false zijn")
    else:
        question, answer = f.text("question"), f.text("answer")
        lines = (source.meta.line_of("question"), source.meta.line_of("answer"))
        _check_answer(question, answer, lines, table, path, problems)
    sections = _split_sections(source, problems)
    tips = sections.get("Tips")
    if tips is None or not tips.markdown.strip():
        problems.add(path, source.body_line, "de sectie '## Tips' ontbreekt of is leeg")
        tips = Section("", source.body_line)
    leeswijzer = sections.get("Leeswijzer")
    for section in filter(None, (tips, leeswijzer)):
        check_links(section, path, problems)
    if leeswijzer is not None and not leeswijzer.markdown.strip():
        problems.add(path, leeswijzer.line - 1, "de sectie '## Leeswijzer' is leeg: vul hem of haal de kop weg")
    return TipRecord(path, activity, question, answer, tips, leeswijzer, f.date("updated"),
                     f.site_paths("former_paths"), f.changes("changes"))


def _check_answer(question: str, answer: str, lines: tuple[int, int], table: DecisionTable, path: Path, problems: Problems) -> None:
    """`lines`: where the question and the answer are named in the file."""
    match = next((q for q in table.questions if q.id == question), None)
    if question and match is None:
        known = ", ".join(q.id for q in table.questions)
        problems.add(path, lines[0], f"onbekende vraag '{question}' (bekend: {known})")
    elif match and answer and answer not in {a.slug for a in match.answers}:
        renamed = next((a for a in match.answers if answer in a.former_slugs), None)
        if renamed:
            problems.add(path, lines[1], f"'{answer}' is de oude slug van antwoord '{renamed.slug}': schrijf hier '{renamed.slug}'")
            return
        known = ", ".join(a.slug for a in match.answers)
        problems.add(path, lines[1], f"'{answer}' is geen antwoord op vraag '{question}' (wel: {known})")


def _check_duplicate_cells(tips: list[TipRecord], problems: Problems) -> None:
    seen: dict[tuple[str, str | None, str | None], TipRecord] = {}
    for tip in tips:
        key = (tip.activity, tip.question, tip.answer)
        if key in seen:
            which = f"antwoord '{tip.answer}'" if tip.answer else "de algemene tips"
            problems.add(tip.path, 1, f"dubbele cel: {seen[key].path.name} bevat al de tips van '{tip.activity}' bij {which}")
        else:
            seen[key] = tip


def load_page(path: Path, table: DecisionTable, problems: Problems) -> PageRecord | None:
    source = load_markdown_file(path, problems)
    if source is None:
        return None
    slug = path.stem
    if not SLUG.match(slug):
        problems.add(path, None, f"de bestandsnaam '{path.name}' wordt het adres: gebruik kleine letters, cijfers en '-'")
    f = Fields(source.meta, path, problems, "pagina")
    f.only({"title", "description", "updated", "answers", "changes", "former_paths"})
    answers: dict[str, str] = {}
    raw: Any = source.meta.get("answers")
    if raw is not None:
        if not isinstance(raw, LineDict):
            problems.add(path, source.meta.line_of("answers"), "'answers' moet per vraag een antwoord geven: 'vraag: antwoord'")
        else:
            for question, answer in raw.items():
                _check_answer(question, str(answer), (raw.line_of(question),) * 2, table, path, problems)
                answers[question] = str(answer)
            missing = [q.id for q in table.questions if q.id not in raw]
            if missing:
                problems.add(path, raw.line, f"'answers' mist een antwoord op: {', '.join(missing)}")
    body = Section(blank_comments(source.body), source.body_line)
    check_links(body, path, problems)
    return PageRecord(path, slug, f.text("title"), f.text("description"), body, f.date("updated"), answers,
                      f.site_paths("former_paths"), f.changes("changes"))


def load_content(content_dir: Path, problems: Problems) -> Content | None:
    table = load_table(content_dir / "wegwijzer.yaml", problems)
    if table is None:
        return None
    tip_files = list_sources(content_dir / "tips", problems, ".md", required=True)
    tips = [t for p in tip_files if (t := load_tip(p, table, problems))]
    _check_duplicate_cells(tips, problems)
    page_files = list_sources(content_dir / "pages", problems, ".md", required=True)
    pages = [p for f in page_files if (p := load_page(f, table, problems))]
    return Content(table, tuple(tips), tuple(pages))
