"""The decision model: questions and answers, the steps through them, and the cells each advice selects.

A step is the list of answers given so far. A step with fewer answers than there are
questions asks the next question; a step with all of them is an advice page. The sizes
come from the decision table only.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .content import Content, PageRecord
from .markup import Markup
from .urls import tip_path, wegwijzer_path


@dataclass(frozen=True)
class Answer:
    slug: str
    label: str
    short: str
    hint: str
    question_number: int  # 1-based
    number: int  # 1-based, within its question


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
class Cell:
    """The tips of one activity for one answer, or its general tips (answer None)."""

    activity: Activity
    answer: Answer | None
    tips_html: str
    leeswijzer_html: str
    source: Path
    updated: date

    @property
    def code(self) -> str:
        """The cell's name in the report: F11 ... U52, or Fa for general tips."""
        if self.answer is None:
            return self.activity.letter + "a"
        return f"{self.activity.letter}{self.answer.question_number}{self.answer.number}"

    @property
    def path(self) -> str:
        return tip_path(self.activity.id, self.answer.slug if self.answer else None)


@dataclass(frozen=True)
class Step:
    answers: tuple[Answer, ...]

    @property
    def path(self) -> str:
        return wegwijzer_path(a.slug for a in self.answers)

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
class Wegwijzer:
    activities: tuple[Activity, ...]
    questions: tuple[Question, ...]
    cells: dict[tuple[str, str | None], Cell]
    updated: date

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

    def advice_steps(self) -> list[Step]:
        return [s for s in self.steps() if self.question_for(s) is None]

    def advice(self, step: Step) -> tuple[ActivityAdvice, ...]:
        """Per activity: its general tips, then the cell of each answer, in question order."""
        result = []
        for activity in self.activities:
            keys = [None, *(a.slug for a in step.answers)]
            cells = tuple(self.cells[(activity.id, key)] for key in keys if (activity.id, key) in self.cells)
            result.append(ActivityAdvice(activity, cells))
        return tuple(result)

    def steps_with(self, cell: Cell) -> list[Step]:
        return [s for s in self.advice_steps() if cell.answer is None or cell.answer in s.answers]

    def step_from(self, answers: dict[str, str]) -> Step:
        """The advice step for a mapping of question id to answer slug (validated in `content`)."""
        return Step(tuple(next(a for a in q.answers if a.slug == answers[q.id]) for q in self.questions))

    def cell_grid(self) -> list[tuple[Answer | None, list[tuple[Activity, Cell | None]]]]:
        """The report's schema: a row for the general tips, then one per answer; a column per activity."""
        rows: list[Answer | None] = [None, *(a for q in self.questions for a in q.answers)]
        return [
            (answer, [(act, self.cells.get((act.id, answer.slug if answer else None))) for act in self.activities])
            for answer in rows
        ]


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
    questions = tuple(
        Question(
            q.id, qn, q.category, q.text, q.help,
            tuple(Answer(a.slug, a.label, a.short, a.hint, qn, an) for an, a in enumerate(q.answers, 1)),
        )
        for qn, q in enumerate(table.questions, 1)
    )
    activities = tuple(Activity(a.id, a.letter, a.name, a.description) for a in table.activities)
    answers = {a.slug: a for q in questions for a in q.answers}
    by_id = {a.id: a for a in activities}
    cells = {}
    for tip in content.tips:
        answer = answers[tip.answer] if tip.answer else None
        cells[(tip.activity, tip.answer)] = Cell(
            by_id[tip.activity],
            answer,
            markup.render(tip.tips.markdown),
            markup.render(tip.leeswijzer.markdown) if tip.leeswijzer else "",
            tip.path,
            tip.updated or table.updated,
        )
    return Wegwijzer(activities, questions, cells, table.updated)


@dataclass(frozen=True)
class Page:
    """A content page from content/pages, rendered to HTML."""

    slug: str
    title: str
    description: str
    body_html: str
    updated: date
    example: Step | None


def build_pages(pages: tuple[PageRecord, ...], wegwijzer: Wegwijzer, markup: Markup) -> tuple[Page, ...]:
    return tuple(
        Page(
            p.slug, p.title, p.description, markup.render(p.body.markdown),
            p.updated or wegwijzer.updated,
            wegwijzer.step_from(p.answers) if p.answers else None,
        )
        for p in pages
    )
