"""The checklist (report section IV): themes of questions scored on an agreement scale.

Loaded from content/checklist.yaml, validated like the rest of the content. Question ids
are stable: a visitor's saved answers are keyed by them, never by position, and the
`version` tells the browser when old answers no longer fit the questions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .content import Section, Fields, check_links
from .markup import Markup
from .model import Change, last_changed
from .problems import Problems
from .sources import LineDict, blank_comments, check_markdown, load_yaml_file


@dataclass(frozen=True)
class ScalePoint:
    score: int
    label: str


@dataclass(frozen=True)
class ChecklistQuestion:
    id: str
    number: int
    text: str
    remarks_html: str
    tips_html: str
    changes: tuple[Change, ...] = ()  # newest first


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    short: str
    questions: tuple[ChecklistQuestion, ...]


@dataclass(frozen=True)
class Checklist:
    version: int
    updated: date
    scale: tuple[ScalePoint, ...]
    themes: tuple[Theme, ...]
    source: Path

    def question_ids(self) -> list[str]:
        return [q.id for t in self.themes for q in t.questions]


def _markdown_field(data: LineDict, key: str, path: Path, problems: Problems, markup: Markup) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.add(path, data.line_of(key), f"'{key}' moet tekst (Markdown) zijn")
        return ""
    # A block scalar starts on the line after its key.
    section = Section(blank_comments(value), data.line_of(key) + 1)
    known = problems.count
    check_markdown(value, section.line, path, problems)
    check_links(section, path, problems)
    return "" if problems.count > known else markup.render(section.markdown)


def _load_scale(data: LineDict, path: Path, problems: Problems) -> tuple[ScalePoint, ...]:
    points = []
    for item in Fields(data, path, problems, "checklist").mapping_list("scale"):
        score, label = item.get("score"), Fields(item, path, problems, "schaal").text("label")
        if not isinstance(score, int) or isinstance(score, bool):
            problems.add(path, item.line_of("score"), "schaal: 'score' moet een heel getal zijn")
            continue
        points.append(ScalePoint(score, label))
    scores = [p.score for p in points]
    if points and scores != list(range(1, len(points) + 1)):
        problems.add(path, data.line_of("scale"), "schaal: de scores moeten 1, 2, 3, ... zijn, in die volgorde")
    return tuple(points)


def _load_theme(item: LineDict, path: Path, problems: Problems, markup: Markup, seen: dict[str, int]) -> Theme:
    f = Fields(item, path, problems, "thema")
    f.only({"id", "title", "short", "questions"})
    theme_id = f.slug("id")
    questions = []
    for number, q in enumerate(f.mapping_list("questions"), 1):
        qf = Fields(q, path, problems, "checklistvraag")
        qf.only({"id", "text", "remarks", "tips", "changes"})
        qid = qf.slug("id")
        if qid and not re.fullmatch(rf"{re.escape(theme_id)}-\d+", qid):
            problems.add(path, q.line_of("id"), f"checklistvraag: de id '{qid}' moet de vorm '{theme_id}-<nummer>' hebben")
        if qid in seen:
            problems.add(path, q.line_of("id"), f"checklistvraag: de id '{qid}' komt twee keer voor (ook op regel {seen[qid]})")
        seen.setdefault(qid, q.line_of("id"))
        questions.append(ChecklistQuestion(
            qid, number, qf.text("text"),
            _markdown_field(q, "remarks", path, problems, markup),
            _markdown_field(q, "tips", path, problems, markup),
            qf.changes("changes"),
        ))
    return Theme(theme_id, f.text("title"), f.text("short"), tuple(questions))


def load_checklist(path: Path, problems: Problems, markup: Markup) -> Checklist | None:
    known = problems.count
    data = load_yaml_file(path, problems)
    if not isinstance(data, LineDict):
        if problems.count == known:  # read and parsed, but not a mapping
            problems.add(path, 1, "de checklist moet velden 'version', 'scale' en 'themes' hebben")
        return None
    f = Fields(data, path, problems, "checklist")
    f.only({"version", "updated", "scale", "themes"})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.add(path, data.line_of("version"), "checklist: 'version' moet een heel getal vanaf 1 zijn")
        version = 1
    updated = f.date("updated")
    if updated is None and "updated" not in data:
        problems.add(path, data.line, "checklist: het veld 'updated' (datum van de laatste wijziging) ontbreekt")
    seen: dict[str, int] = {}
    themes = tuple(_load_theme(t, path, problems, markup, seen) for t in f.mapping_list("themes"))
    changes = tuple(c for t in themes for q in t.questions for c in q.changes)
    return Checklist(version, last_changed(updated or date.min, changes), _load_scale(data, path, problems), themes, path)
