"""The checklist's inputs and the scoring rule the page states, computed in Python for the checklist tests.

A theme's score is the mean of its answered questions, the total the mean of the theme scores,
aandachtspunten are the questions scored 1 or 2 (templates/checklist.html says so to the visitor).
"""
from __future__ import annotations

import csv
import io
import random
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import yaml

from conftest import ROOT

Answers = dict[str, int]
FORMAT = "wegwijzer-checklist"  # the export's format marker
STORAGE_KEY = "wegwijzer-checklist-v2"  # the stored shape with an id and a note per measurement
LEGACY_KEY = "wegwijzer-checklist-v1"  # the shape before, which the page reads and migrates
DAMAGED_PREFIX = "wegwijzer-checklist-beschadigd-"
CORE = "/assets/js/checklist/core.js"


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


def record(date: str, answers: Answers, name: str = "", note: str = "", id: str | None = None) -> dict[str, Any]:
    """A measurement as the page stores it; without an id, as an export of before ids (the page derives one)."""
    made = {"date": date, "name": name, "note": note, "checklistVersion": content()["version"], "answers": answers}
    return made if id is None else {"id": id, **made}


def legacy(measurement: dict[str, Any]) -> dict[str, Any]:
    """The same measurement as the first stored shape had it: no id, no note."""
    return {k: v for k, v in measurement.items() if k not in ("id", "note")}


def without_ids(measurements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in m.items() if k != "id"} for m in measurements]


def rounded(value: float) -> Decimal:
    """One decimal, half up, like JavaScript's toFixed(1) on these positive means."""
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dutch_number(value: float | Decimal | None) -> str:
    """The page's way of writing a score: one decimal with a comma; "geen" without answers."""
    if value is None:
        return "geen"
    return str(rounded(value) if isinstance(value, float | int) else value).replace(".", ",")


def csv_score(mean: float | None) -> str:
    """A score in the CSV: at most two decimals, half up like JavaScript's toFixed, with a decimal comma."""
    if mean is None:
        return ""
    two_decimals = Decimal(mean).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return format(two_decimals, "f").replace(".", ",")


def defused(cell: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula; a ' before it stops that."""
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell


def expected_csv(measurements: list[dict[str, Any]], version: int | None = None) -> str:
    """The CSV export for Dutch spreadsheets, made from the measurements and the scoring rule by Python's csv module:
    a byte order mark, ";" between fields, scores with a decimal comma, and a field holding ";", a quote or a
    line break quoted with its quotes doubled. A measurement of an older version than `version` (the page's)
    has no scores; answers to questions the checklist no longer has get their own columns after its questions."""
    version = content()["version"] if version is None else version
    gone = [q for m in measurements for q in m["answers"] if q not in question_ids()]
    columns = question_ids() + list(dict.fromkeys(gone))
    themes = [t["id"] for t in spec()["themes"]]
    rows = [["datum", "naam", "notitie", "versie", *columns, *(f"score {t}" for t in themes), "score totaal"]]
    for m in measurements:
        scores = expected_scores(m["answers"] if m["checklistVersion"] == version else {})
        means = [t["mean"] for t in scores["themes"]] + [scores["overall"]]
        answers = [str(m["answers"].get(q, "")) for q in columns]
        rows.append([m["date"], m["name"], m.get("note", ""), str(m["checklistVersion"]), *answers, *map(csv_score, means)])
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows([[defused(cell) for cell in row] for row in rows])
    return "\ufeff" + text.getvalue()


def csv_rows(text: str) -> list[list[str]]:
    """The rows of an exported CSV as a Dutch spreadsheet reads them: byte order mark first, ";" between fields."""
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def dutch_difference(old: float | None, new: float | None) -> str:
    """The difference of the two scores as shown (rounded first, so 2,0 to 1,8 is −0,2)."""
    if old is None or new is None:
        return "geen"
    change = rounded(new) - rounded(old)
    return ("+" if change > 0 else "−" if change < 0 else "") + dutch_number(abs(change))
