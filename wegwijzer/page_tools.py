"""The tools at the foot of a page: "Bewerk deze pagina" for editors and "Feedback op deze pagina" for visitors.

With `edit_url` in site_config.yaml (a prefix such as https://github.com/org/repo/edit/main/), every page
built from a content file links to that file: the prefix and its path from the project root. With
`feedback_email` (or `feedback_url`), the advice, tip and checklist pages get a feedback link that carries
the permalink, the answers and the cell codes: a mailto: encoded as RFC 6068 says, or the form's URL with
them as query parameters. Without these settings, no links. A visitor's checklist answers are never sent.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from .config import SiteConfig
from .model import Cell, Step, Wegwijzer
from .routes import Route
from .urls import Urls

FEEDBACK_KINDS = ("advice", "tip", "checklist")


@dataclass(frozen=True)
class EditLink:
    text: str
    hidden: str  # said to screen readers after the text, to tell the links apart
    href: str


@dataclass(frozen=True)
class Tools:
    edit: tuple[EditLink, ...]
    feedback: str | None  # the href

    def __bool__(self) -> bool:
        return bool(self.edit or self.feedback)


@dataclass(frozen=True)
class Feedback:
    subject: str
    lines: tuple[str, ...]  # the body before the visitor's own words
    fields: dict[str, str]  # the same, as query parameters of a form


class PageTools:
    def __init__(self, config: SiteConfig, urls: Urls):
        self.config, self.urls = config, urls
        self._content, self._root = config.dir("content_dir").resolve(), config.root.resolve()

    def for_route(self, route: Route, weg: Wegwijzer) -> Tools:
        return Tools(self._edit_links(route), self._feedback_href(route, weg))

    # --- Bewerk deze pagina ---

    @functools.cache  # noqa: B019 - one per build; every advice page asks again for the files of its cells
    def _edit_href(self, source: Path) -> str | None:
        prefix = self.config["edit_url"]
        resolved = source.resolve()
        if not prefix or self._content not in resolved.parents:
            return None
        return prefix + resolved.relative_to(self._root).as_posix()

    def _edit_links(self, route: Route) -> tuple[EditLink, ...]:
        if route.kind == "advice":  # built from the cells it shows, each its own file
            cells = [c for part in route.context["advice"] for c in part.cells]
            links = [(c.code, f": de tips van {c.activity.name}" + (f" bij ‘{c.answer.short}’" if c.answer else ", algemeen"),
                      self._edit_href(c.source)) for c in cells]
        elif route.kind in ("redirect", "not-found"):
            links = []
        else:
            links = [("Bewerk deze pagina", "", self._edit_href(route.origin.path))]
        return tuple(EditLink(text, hidden, href) for text, hidden, href in links if href)

    # --- Feedback op deze pagina ---

    def _feedback_href(self, route: Route, weg: Wegwijzer) -> str | None:
        email, form = self.config["feedback_email"], self.config["feedback_url"]
        if route.kind not in FEEDBACK_KINDS or not (email or form):
            return None
        feedback = self._feedback(route, weg)
        if form:
            return form + ("&" if "?" in form else "?") + urlencode(feedback.fields, quote_via=quote)
        return mailto(email, feedback.subject, "\r\n".join([*feedback.lines, "", "Mijn feedback:", "", ""]))

    def _feedback(self, route: Route, weg: Wegwijzer) -> Feedback:
        permalink = self.urls.absolute(route.path)
        if route.kind == "advice":
            step: Step = route.context["step"]
            cells = [c.code for part in route.context["advice"] for c in part.cells]
            answers = [f"{a.question_number}. {weg.question_of(a).text} Antwoord: {a.label}" for a in step.answers]
            subject = "Feedback op het advies: " + ", ".join(a.short for a in step.answers)
            lines = (f"Pagina: {permalink}", "Mijn antwoorden:", *answers, f"Cellen op deze pagina: {', '.join(cells)}")
            return Feedback(subject, lines, {"pagina": permalink, "antwoorden": "; ".join(answers), "cellen": ",".join(cells)})
        if route.kind == "tip":
            cell: Cell = route.context["cell"]
            what = f"{cell.activity.name}, " + (f"vraag {cell.answer.question_number}: {cell.answer.label}" if cell.answer else "algemene tips")
            lines = (f"Pagina: {permalink}", f"Cel: {cell.code} ({what})")
            return Feedback(f"Feedback op de tips {cell.code} ({what})", lines, {"pagina": permalink, "cellen": cell.code})
        version = route.context["checklist"].version
        lines = (f"Pagina: {permalink}", f"Checklist, versie {version}. (Uw antwoorden in de checklist worden niet meegestuurd.)")
        return Feedback("Feedback op de checklist", lines, {"pagina": permalink, "versie": str(version)})


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: URL as RFC 6068 asks: UTF-8, every reserved or non-ASCII character percent-encoded
    (spaces as %20, never '+'), line breaks in the body as %0D%0A."""
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
