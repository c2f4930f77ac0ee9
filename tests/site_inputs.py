"""What the site must be, read straight from the project's inputs rather than from the generator.

The decision table (content/wegwijzer.yaml), the tip files and the pages say which pages the
site must have, which cells each advice shows and what titles must say; tests compare the
build against these.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


@cache
def load_table() -> dict[str, Any]:
    return yaml.safe_load((CONTENT / "wegwijzer.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    answers: tuple[dict, ...]  # each with slug, short, label


@cache
def questions() -> list[Question]:
    return [Question(n, " ".join(q["text"].split()), tuple(q["answers"])) for n, q in enumerate(load_table()["questions"], 1)]


def step_path(slugs: tuple[str, ...] | list[str]) -> str:
    """The site path of the wegwijzer after these answers (the public URL contract)."""
    return "/".join(["wegwijzer", *slugs]) + "/"


@cache
def combinations() -> list[tuple[str, ...]]:
    """Every full answer path, as slugs, in table order."""
    return list(itertools.product(*([a["slug"] for a in q.answers] for q in questions())))


@cache
def prefixes() -> list[tuple[str, ...]]:
    """Every answer path that still has a question to ask."""
    qs = questions()
    return [p for depth in range(len(qs)) for p in itertools.product(*([a["slug"] for a in q.answers] for q in qs[:depth]))]


def question_steps() -> dict[str, Question]:
    """Site path of every question page -> the question it asks."""
    return {step_path(prefix): questions()[len(prefix)] for prefix in prefixes()}


def advice_steps() -> dict[str, tuple[dict, ...]]:
    """Site path of every advice page -> the answers that lead there."""
    return {step_path(tuple(a["slug"] for a in combo)): combo for combo in itertools.product(*(q.answers for q in questions()))}


@cache
def filled_cells() -> dict[tuple[str, str | None], str]:
    """(activity id, answer slug or None for general tips) -> the report's cell code (F11, Fa), from the tip files."""
    letters = {a["id"]: a["letter"] for a in load_table()["activities"]}
    position = {a["slug"]: (q.number, n) for q in questions() for n, a in enumerate(q.answers, 1)}
    cells = {}
    for path in sorted((CONTENT / "tips").glob("*.md")):
        meta = front_matter(path)
        answer = None if meta.get("general") else meta["answer"]
        cells[(meta["activity"], answer)] = letters[meta["activity"]] + ("a" if answer is None else "%d%d" % position[answer])
    return cells


@cache
def expected_cells(slugs: tuple[str, ...]) -> list[str]:
    """The cell codes an advice must show, in order: per activity its general tips, then per answer."""
    cells = filled_cells()
    return [
        cells[(activity["id"], key)]
        for activity in load_table()["activities"]
        for key in (None, *slugs)
        if (activity["id"], key) in cells
    ]


def worked_example() -> tuple[str, ...]:
    """The answers of the report's example case: content/pages/voorbeeld.md names them per question."""
    chosen = front_matter(CONTENT / "pages" / "voorbeeld.md")["answers"]
    return tuple(chosen[q["id"]] for q in load_table()["questions"])


def content_pages() -> list[str]:
    """Site paths of the Markdown pages and the site's own pages (privacy, colofon, ...)."""
    slugs = [p.stem for p in sorted((CONTENT / "pages").glob("*.md"))]
    slugs += [p.stem for p in sorted((ROOT / "templates" / "pages").glob("*.html"))]
    return ["" if slug == "home" else f"{slug}/" for slug in slugs]


def tip_pages() -> list[str]:
    """Site paths of the tip pages: one per file in content/tips."""
    return [f"wegwijzer/tips/{activity}-{answer or 'algemeen'}/" for activity, answer in filled_cells()]


def page_types() -> dict[str, str]:
    """One site path per page type, and every content page and every one of the site's own pages."""
    tips = tip_pages()
    types = {
        "voorpagina": "",
        "vraag-1": "wegwijzer/",
        "vraag-laatste": step_path(worked_example()[:-1]),
        "advies": step_path(worked_example()),
        "tip-algemeen": next(t for t in tips if t.endswith("-algemeen/")),
        "tip": next(t for t in tips if not t.endswith("-algemeen/")),
        "schema": "wegwijzer/schema/",
        "checklist": "checklist/",
        "404": "bestaat-niet/",
    }
    types.update({f"pagina {path.strip('/')}": path for path in content_pages() if path})
    return types
