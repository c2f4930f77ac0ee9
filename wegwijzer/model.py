"""The model of the site: the decision table (activities, questions, answers), the steps through it, the
cells each advice selects, the content pages and the checklist, as one `Site`.

A step is the list of answers given so far. A step with fewer answers than there are
questions asks the next question; a step with all of them is an advice page. The sizes
come from the decision table only.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .urls import tip_path, wegwijzer_path

if TYPE_CHECKING:
    from .checklist import Checklist
    from .config import SiteConfig
    from .content import Content, PageRecord
    from .markup import Markup

# A Leeswijzer item as Markdown renders it (a loose list wraps it in <p>); "Ref." opens a reference.
LEESWIJZER_ITEM = re.compile(r"<li>\s*(?:<p>)?(Ref\.)?")


@dataclass(frozen=True)
class Change:
    """A dated note about a change to a cell, a checklist statement or a page, written by the editors."""

    date: date
    note: str


def last_changed(updated: date, changes: tuple[Change, ...]) -> date:
    """A text was last changed on its `updated` date or on its latest change note, whichever is later."""
    return max([updated, *(c.date for c in changes)])


@dataclass(frozen=True)
class Answer:
    question: str  # the id of its question
    slug: str
    label: str
    short: str
    hint: str
    question_number: int  # 1-based
    number: int  # 1-based, within its question
    line: int = field(default=0, compare=False)  # where content/wegwijzer.yaml names its slug
    former_slugs: tuple[str, ...] = field(default=(), compare=False)  # slugs it had before, kept alive by redirects


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    category: str
    text: str
    help: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Activity:
    id: str
    letter: str
    name: str
    description: str


@dataclass(frozen=True)
class DecisionTable:
    """content/wegwijzer.yaml as read: the activities, and the questions with their answers."""

    path: Path
    activities: tuple[Activity, ...]
    questions: tuple[Question, ...]
    updated: date


def cell_code(activity: Activity, answer: Answer | None) -> str:
    """A cell's name in the report, filled or not: F11 ... U52, or Fa for an activity's general tips."""
    return activity.letter + ("a" if answer is None else f"{answer.question_number}{answer.number}")


CellKey = tuple[str, Answer | None]  # (activity id, the answer, or None for the activity's general tips)


@dataclass(frozen=True)
class Cell:
    """The tips of one activity for one answer, or its general tips (answer None)."""

    activity: Activity
    answer: Answer | None
    tips_html: str
    leeswijzer_html: str
    source: Path
    updated: date
    changes: tuple[Change, ...] = ()  # newest first
    former_paths: tuple[str, ...] = ()  # site paths its tip page had before

    @property
    def code(self) -> str:
        return cell_code(self.activity, self.answer)

    @property
    def path(self) -> str:
        return tip_path(self.activity.id, self.answer.slug if self.answer else None)

    @property
    def leeswijzer_counts(self) -> tuple[int, int]:
        """How many examples and how many references ('Ref. ...') the Leeswijzer lists."""
        items = [m.group(1) for m in LEESWIJZER_ITEM.finditer(self.leeswijzer_html)]
        references = sum(1 for ref in items if ref)
        return len(items) - references, references


@dataclass(frozen=True)
class Step:
    answers: tuple[Answer, ...]

    @functools.cached_property  # a step is named on many pages (each tip page lists its advice)
    def path(self) -> str:
        return wegwijzer_path(a.slug for a in self.answers)

    @functools.cached_property
    def shorts(self) -> str:
        """The answers in their short words, as a page names this step: "uniek, weinig aanbieders, …"."""
        return ", ".join(a.short for a in self.answers)

    def prefix(self, length: int) -> Step:
        """The step after only the first `length` answers: where a change link for answer length+1 goes."""
        return Step(self.answers[:length])

    def then(self, answer: Answer) -> Step:
        return Step(self.answers + (answer,))

    def with_answer(self, answer: Answer) -> Step:
        """The same step with the answer to `answer`'s question replaced."""
        index = answer.question_number - 1
        return Step(self.answers[:index] + (answer,) + self.answers[index + 1 :])


@dataclass(frozen=True)
class ActivityAdvice:
    activity: Activity
    cells: tuple[Cell, ...]  # general tips first, then each answer's cell (cell.answer says which brought it)


@dataclass(frozen=True)
class AdviceRow:
    """A line of a tip page's list of the advice that includes it: the other answers, then a link per last answer."""
    label: str  # "complex, weinig aanbieders, …: "
    steps: tuple[tuple[Step, Answer], ...]  # each advice step with its answer to the last open question


@dataclass(frozen=True)
class AnswerChange:
    """What an advice says when a "Verander in" link brought the visitor to it: the answer to one question changed."""
    question: Question
    answer: Answer  # the answer it now has
    new: tuple[Cell, ...]  # the tip blocks this answer brings, in page order
    other: Answer | None  # the answer it replaced, when the question has two
    gone: tuple[Activity, ...]  # the activities whose tips for `other` are no longer in the advice


@dataclass(frozen=True)
class Wegwijzer:
    activities: tuple[Activity, ...]
    questions: tuple[Question, ...]
    cells: dict[CellKey, Cell]
    updated: date
    source: Path  # content/wegwijzer.yaml

    def question_for(self, step: Step) -> Question | None:
        """The question a step asks, or None for an advice step."""
        return self.questions[len(step.answers)] if len(step.answers) < len(self.questions) else None

    def question_of(self, answer: Answer) -> Question:
        return self.questions[answer.question_number - 1]

    def steps(self) -> Iterator[Step]:
        """Every question step and every advice step, depth first in table order."""
        for depth in range(len(self.questions) + 1):
            for answers in itertools.product(*(q.answers for q in self.questions[:depth])):
                yield Step(tuple(answers))

    def advice_steps(self) -> tuple[Step, ...]:
        return self._advice_steps

    @functools.cached_property  # asked for by every tip page and its route
    def _advice_steps(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps() if self.question_for(s) is None)

    def advice(self, step: Step) -> tuple[ActivityAdvice, ...]:
        """Per activity: its general tips, then the cell of each answer, in question order."""
        return tuple(
            ActivityAdvice(activity, tuple(
                self.cells[(activity.id, key)] for key in (None, *step.answers) if (activity.id, key) in self.cells
            ))
            for activity in self.activities
        )

    def answer_changes(self, step: Step, advice: tuple[ActivityAdvice, ...]) -> list[AnswerChange]:
        """One per question of an advice step: what changing its answer into this one brought and took away."""
        changes = []
        for answer in step.answers:
            question = self.question_of(answer)
            others = [a for a in question.answers if a != answer]
            other = others[0] if len(others) == 1 else None
            changes.append(AnswerChange(
                question, answer, tuple(c for part in advice for c in part.cells if c.answer == answer), other,
                tuple(a for a in self.activities if other is not None and (a.id, other) in self.cells)))
        return changes

    def advice_rows(self, cell: Cell, steps: list[Step]) -> tuple[AdviceRow, ...]:
        """`steps` (the cell's `steps_with`, in table order) as rows: one per combination of the other answers,
        with a step per answer to the last question still open, so each row is one batch."""
        open_questions = self._open_questions(cell)
        last = open_questions[-1]
        size = len(last.answers)
        rows = []
        for start in range(0, len(steps), size):
            batch = tuple(steps[start:start + size])
            label = "".join(f"{batch[0].answers[q.number - 1].short}{', ' if n < len(open_questions) - 2 else ':'} "
                            for n, q in enumerate(open_questions[:-1]))
            rows.append(AdviceRow(label, tuple((step, step.answers[last.number - 1]) for step in batch)))
        return tuple(rows)

    def last_open_question(self, cell: Cell) -> Question:
        """The last question whose answer a cell leaves open: a tip page links to the advice per answer to it."""
        return self._open_questions(cell)[-1]

    def _open_questions(self, cell: Cell) -> list[Question]:
        return [q for q in self.questions if cell.answer is None or q.number != cell.answer.question_number]

    def steps_with(self, cell: Cell) -> list[Step]:
        return [s for s in self.advice_steps() if cell.answer is None or cell.answer in s.answers]

    def step_from(self, answers: dict[str, str]) -> Step:
        """The advice step for a mapping of question id to answer slug (validated in `content`)."""
        return Step(tuple(next(a for a in q.answers if a.slug == answers[q.id]) for q in self.questions))

    def cells_by_question(self, activity: Activity) -> list[tuple[Question, list[tuple[Answer, Cell | None]]]]:
        """One activity's column of the schema, question by question: each answer with its cell, if it has one."""
        return [(q, [(a, self.cells.get((activity.id, a))) for a in q.answers]) for q in self.questions]

    def cell_grid(self) -> list[tuple[Answer | None, list[tuple[Activity, Cell | None]]]]:
        """The report's schema: a row for the general tips, then one per answer; a column per activity."""
        rows: list[Answer | None] = [None, *(a for q in self.questions for a in q.answers)]
        return [(answer, [(act, self.cells.get((act.id, answer))) for act in self.activities]) for answer in rows]


def step_count(answer_counts: Iterable[int]) -> int:
    """How many steps `Wegwijzer.steps` yields for questions with these numbers of answers, without
    making them: one per sequence of answers given so far, the empty one included."""
    total = combinations = 1
    for count in answer_counts:
        combinations *= count
        total += combinations
    return total


def build_wegwijzer(content: Content, markup: Markup) -> Wegwijzer:
    table = content.table
    answers = {(a.question, a.slug): a for q in table.questions for a in q.answers}
    by_id = {a.id: a for a in table.activities}
    cells: dict[CellKey, Cell] = {}
    for tip in content.tips:
        answer = answers[(tip.question, tip.answer)] if tip.answer else None
        cells[(tip.activity, answer)] = Cell(
            by_id[tip.activity],
            answer,
            markup.render(tip.tips.markdown),
            markup.render(tip.leeswijzer.markdown) if tip.leeswijzer else "",
            tip.path,
            last_changed(tip.updated or table.updated, tip.changes),
            tip.changes,
            tip.former_paths,
        )
    return Wegwijzer(table.activities, table.questions, cells, table.updated, table.path)


@dataclass(frozen=True)
class Page:
    """A content page from content/pages, rendered to HTML."""

    slug: str
    title: str
    description: str
    body_html: str
    updated: date
    example: Step | None
    source: Path
    changes: tuple[Change, ...] = ()  # newest first
    former_paths: tuple[str, ...] = ()


def build_pages(pages: tuple[PageRecord, ...], wegwijzer: Wegwijzer, markup: Markup) -> tuple[Page, ...]:
    return tuple(
        Page(
            p.slug, p.title, p.description, markup.render(p.body.markdown),
            last_changed(p.updated or wegwijzer.updated, p.changes),
            wegwijzer.step_from(p.answers) if p.answers else None,
            p.path,
            p.changes,
            p.former_paths,
        )
        for p in pages
    )


@dataclass(frozen=True)
class Site:
    """Everything the site shows, loaded and validated; nothing rendered yet."""

    config: SiteConfig
    wegwijzer: Wegwijzer
    pages: tuple[Page, ...]
    checklist: Checklist

    @property
    def updated(self) -> date:
        return max([self.wegwijzer.updated, self.checklist.updated, *(p.updated for p in self.pages),
                    *(c.updated for c in self.wegwijzer.cells.values())])

    def sources(self) -> tuple[Path, ...]:
        """Every content file the site is built from."""
        return (self.wegwijzer.source, self.checklist.source, *(p.source for p in self.pages),
                *(c.source for c in self.wegwijzer.cells.values()))
