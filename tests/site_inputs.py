"""What the quality tests expect, read straight from the project's inputs rather than from the generator.

The decision table (content/wegwijzer.yaml), the pages and the tips say which pages the site
must have and what their titles must say; the tests compare the build against these.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    answers: tuple[dict, ...]  # each with slug, short, label


def questions() -> list[Question]:
    table = yaml.safe_load((CONTENT / "wegwijzer.yaml").read_text(encoding="utf-8"))
    return [Question(n, " ".join(q["text"].split()), tuple(q["answers"])) for n, q in enumerate(table["questions"], 1)]


def step_path(slugs: tuple[str, ...]) -> str:
    """The site path of the wegwijzer after these answers (the public URL contract)."""
    return "/".join(["wegwijzer", *slugs]) + "/"


def question_steps() -> dict[str, Question]:
    """Site path of every question page -> the question it asks."""
    qs = questions()
    return {
        step_path(tuple(a["slug"] for a in combo)): qs[depth]
        for depth in range(len(qs))
        for combo in itertools.product(*(q.answers for q in qs[:depth]))
    }


def advice_steps() -> dict[str, tuple[dict, ...]]:
    """Site path of every advice page -> the answers that lead there."""
    return {step_path(tuple(a["slug"] for a in combo)): combo
            for combo in itertools.product(*(q.answers for q in questions()))}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def worked_example() -> str:
    """The advice path of the worked example: content/pages/voorbeeld.md names its answers."""
    chosen = front_matter(CONTENT / "pages" / "voorbeeld.md")["answers"]
    table = yaml.safe_load((CONTENT / "wegwijzer.yaml").read_text(encoding="utf-8"))
    return step_path(tuple(chosen[q["id"]] for q in table["questions"]))


def content_pages() -> list[str]:
    """Site paths of the Markdown pages and the site's own pages (privacy, colofon, ...)."""
    slugs = [p.stem for p in sorted((CONTENT / "pages").glob("*.md"))]
    slugs += [p.stem for p in sorted((ROOT / "templates" / "pages").glob("*.html"))]
    return ["" if slug == "home" else f"{slug}/" for slug in slugs]


def tip_pages() -> list[str]:
    """Site paths of the tip pages: one per file in content/tips."""
    paths = []
    for tip in sorted((CONTENT / "tips").glob("*.md")):
        meta = front_matter(tip)
        paths.append(f"wegwijzer/tips/{meta['activity']}-{'algemeen' if meta.get('general') else meta['answer']}/")
    return paths
