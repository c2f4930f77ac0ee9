"""Small readers for the built HTML and the content, independent of the generator's own code."""
from __future__ import annotations

import itertools
import re
from functools import cache
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs.get("class", "").split()]


class _Collector(HTMLParser):
    """Records every start tag with its attributes and the text inside it (for a and headings)."""

    TEXT_TAGS = {"a", "h1", "h2", "h3", "h4", "title", "legend", "dt", "dd", "p", "li", "label", "th", "td", "caption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.page.elements.append(element)
        if tag in self.TEXT_TAGS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def parse(html: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html)
    for element in collector.page.elements:
        element.text = " ".join(element.text.split())
    return collector.page


@cache
def load_table() -> dict:
    return yaml.safe_load((ROOT / "content" / "wegwijzer.yaml").read_text(encoding="utf-8"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


@cache
def filled_cells() -> dict[tuple[str, str | None], str]:
    """(activity id, answer slug or None) -> the report's cell code, read from the tip files."""
    table = load_table()
    letters = {a["id"]: a["letter"] for a in table["activities"]}
    position = {a["slug"]: (qn, an) for qn, q in enumerate(table["questions"], 1) for an, a in enumerate(q["answers"], 1)}
    cells = {}
    for path in sorted((ROOT / "content" / "tips").glob("*.md")):
        meta = front_matter(path)
        answer = None if meta.get("general") else meta["answer"]
        code = letters[meta["activity"]] + ("a" if answer is None else "%d%d" % position[answer])
        cells[(meta["activity"], answer)] = code
    return cells


@cache
def combinations() -> list[tuple[str, ...]]:
    """Every full answer path, as slugs, in table order."""
    return list(itertools.product(*([a["slug"] for a in q["answers"]] for q in load_table()["questions"])))


@cache
def prefixes() -> list[tuple[str, ...]]:
    """Every answer path that still has a question to ask."""
    questions = load_table()["questions"]
    return [p for depth in range(len(questions)) for p in itertools.product(*([a["slug"] for a in q["answers"]] for q in questions[:depth]))]


def step_path(slugs: tuple[str, ...] | list[str]) -> str:
    return "wegwijzer/" + "".join(s + "/" for s in slugs)


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


def cell_ids_on(html: str) -> list[str]:
    """The report codes of the cells on an advice page, in page order (ids are codes in lower case)."""
    ids = [e.attrs["id"] for e in parse(html).find("article") if "cell" in e.attrs.get("class", "").split()]
    return [i[0].upper() + i[1:] for i in ids]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
