"""The checklist's inputs and the scoring rule the page states, computed in Python for the checklist tests.

A theme's score is the mean of its answered questions, the total the mean of the theme scores,
aandachtspunten are the questions scored 1 or 2 (templates/checklist.html says so to the visitor).
"""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import yaml

from conftest import ROOT

Answers = dict[str, int]
FORMAT = "wegwijzer-checklist"  # the export's format marker
STORAGE_KEY = "wegwijzer-checklist-v1"


@cache
def content() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "content" / "checklist.yaml").read_text(encoding="utf-8"))


def spec(**changes: Any) -> dict[str, Any]:
    """What the page tells the core: version, scale labels, themes with their question ids."""
    data = content()
    base = {
        "version": data["version"],
        "scale": [point["label"] for point in data["scale"]],
        "themes": [{"id": t["id"], "title": t["short"], "questions": [q["id"] for q in t["questions"]]} for t in data["themes"]],
    }
    return {**base, **changes}


def question_ids() -> list[str]:
    return [q for theme in spec()["themes"] for q in theme["questions"]]


def top_score() -> int:
    return len(content()["scale"])


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def expected_scores(answers: Answers) -> dict[str, Any]:
    themes = []
    for theme in spec()["themes"]:
        given = [answers[q] for q in theme["questions"] if q in answers]
        themes.append({"id": theme["id"], "title": theme["title"], "mean": mean(given), "n": len(given), "m": len(theme["questions"])})
    return {
        "themes": themes,
        "overall": mean([t["mean"] for t in themes if t["n"]]),
        "n": len(answers),
        "attention": [q for q in question_ids() if answers.get(q, top_score()) <= 2],
    }


def random_answers(seed: int, share: float = 1.0) -> Answers:
    rng = random.Random(seed)
    return {q: rng.randint(1, top_score()) for q in question_ids() if rng.random() < share}


def record(date: str, answers: Answers, name: str = "") -> dict[str, Any]:
    return {"date": date, "name": name, "checklistVersion": content()["version"], "answers": answers}


def rounded(value: float) -> Decimal:
    """One decimal, half up, like JavaScript's toFixed(1) on these positive means."""
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dutch_number(value: float | Decimal | None) -> str:
    """The page's way of writing a score: one decimal with a comma; "geen" without answers."""
    if value is None:
        return "geen"
    return str(rounded(value) if isinstance(value, float | int) else value).replace(".", ",")


def dutch_difference(old: float | None, new: float | None) -> str:
    """The difference of the two scores as shown (rounded first, so 2,0 to 1,8 is −0,2)."""
    if old is None or new is None:
        return "geen"
    change = rounded(new) - rounded(old)
    return ("+" if change > 0 else "−" if change < 0 else "") + dutch_number(abs(change))
