"""Routes: the one map of the site. Every output the build makes is a route, declared here.

A route says where an output lives (its site path), what kind of page it is, which
template renders it with which context, which content files and templates it depends on,
and whether search engines may index it. The site map refuses two routes with one path
and names both sources, so an editor's page can never silently replace another.

Everything that needs to know the site's paths asks the site map: the sitemap, canonical
links and `noindex`, the list of public URLs, the budget report and the tests.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls as paths
from .headers import header_rules
from .model import Site
from .problems import Problems
from .sources import list_sources

TemplateClosure = Callable[[str], frozenset[str]]  # a template -> it and every template it extends or includes


@dataclass(frozen=True)
class Origin:
    """Where a route comes from, for messages: a content file (and line) or a template."""

    path: Path
    line: int | None = None
    what: str = ""  # e.g. "antwoord 'complex' van vraag 'product'"

    def describe(self, root: Path) -> str:
        try:
            where = self.path.relative_to(root).as_posix()
        except ValueError:
            where = self.path.as_posix()
        where += f":{self.line}" if self.line else ""
        return f"{self.what} ({where})" if self.what else where


@dataclass(frozen=True)
class Route:
    path: str  # the site path: "" for the home page, "wegwijzer/complex/" for a page, "sitemap.xml" for a file
    kind: str  # one of KINDS
    template: str
    origin: Origin
    context: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()  # the content files whose text or dates the output shows
    indexed: bool = True  # listed in sitemap.xml, with a canonical link; otherwise `noindex`

    @property
    def output(self) -> str:
        """The file in dist/ that serves this route."""
        return paths.output_file(self.path)

    @property
    def is_page(self) -> bool:
        return self.output.endswith(".html")


KINDS = ("home", "page", "own-page", "question", "advice", "tip", "tips", "activity", "schema", "checklist", "search",
         "changes", "feed", "not-found", "sitemap", "robots", "security", "redirect", "redirects", "nginx", "headers")
# Files that tell a host what to do (redirects, headers) rather than something for visitors.
HOST_FILES = frozenset({"redirects", "nginx", "headers"})
# The addresses people link to and keep. A redirect is not one: it keeps an old address alive.
STEP_KINDS = frozenset({"question", "advice"})
PUBLIC_KINDS = frozenset(KINDS) - {"not-found", "sitemap", "robots", "security", "redirect"} - HOST_FILES


class SiteMap:
    """The routes of the site in a fixed order, at most one per path."""

    def __init__(self, root: Path, problems: Problems, template_closure: TemplateClosure):
        self.root = root
        self.problems = problems
        self.template_closure = template_closure
        self._routes: dict[str, Route] = {}

    def add(self, route: Route) -> None:
        if route.kind not in KINDS:
            raise ValueError(f"unknown route kind {route.kind!r}")
        if route.path.startswith(paths.ASSETS_PATH):
            self.problems.add(route.origin.path, route.origin.line,
                              f"het adres /{route.path} ligt in /{paths.ASSETS_PATH}, de map van de vaste bestanden van de "
                              f"site (CSS, JavaScript); {route.origin.what or 'deze pagina'} kan daar niet staan. "
                              "Kies een ander adres.")
            return
        existing = self._routes.get(route.path)
        if existing is not None:
            self.problems.add(
                route.origin.path, route.origin.line,
                f"het adres /{route.path} bestaat al: {existing.origin.describe(self.root)} maakt die pagina ook; "
                f"{route.origin.what or 'deze pagina'} zou hem vervangen. Kies een ander adres.",
            )
            return
        self._routes[route.path] = route

    def __iter__(self) -> Iterator[Route]:
        return iter(self._routes.values())

    def __len__(self) -> int:
        return len(self._routes)

    def __contains__(self, path: str) -> bool:
        return path in self._routes

    def __getitem__(self, path: str) -> Route:
        return self._routes[path]

    def templates(self, route: Route) -> frozenset[str]:
        """The templates a route depends on: its own and every one it extends, includes or imports. Asked for
        only by a warm rebuild, so a cold build never parses a template just to list these."""
        return self.template_closure(route.template)

    def by_output(self) -> dict[str, Route]:
        return {route.output: route for route in self}

    def indexed_paths(self) -> list[str]:
        return [route.path for route in self if route.indexed]

    def is_step(self, path: str) -> bool:
        """Whether a path is a wizard step (a question or an advice), which the wizard's script loads in place."""
        route = self._routes.get(path)
        return route is not None and route.kind in STEP_KINDS

    def public_paths(self) -> list[str]:
        """Every page people may link to and keep: what the URL manifest guards."""
        return [route.path for route in self if route.kind in PUBLIC_KINDS]


# --- the routes, kind by kind ---

RouteSource = Callable[[Site], Iterator[Route]]


def site_pages(site: Site) -> Iterator[Route]:
    """The site's own pages (privacy, accessibility, colofon): one template each in templates/pages/."""
    # Refused files (links out of the project, other suffixes) are reported when the site loads.
    for template in list_sources(site.config.dir("templates_dir") / "pages", Problems(site.config.root), ".html"):
        yield Route(template.stem + "/", "own-page", "pages/" + template.name, Origin(template),
                    {"updated": site.updated}, sources=site.sources())


def checklist_pages(site: Site) -> Iterator[Route]:
    checklist = site.checklist
    yield Route(paths.CHECKLIST_PATH, "checklist", "checklist.html", Origin(checklist.source, what="de checklist"),
                {"checklist": checklist, "updated": checklist.updated}, sources=(checklist.source,))


def overview_pages(site: Site) -> Iterator[Route]:
    weg = site.wegwijzer
    sources = (weg.source, *sorted(c.source for c in weg.cells.values()))
    yield Route(paths.SCHEMA_PATH, "schema", "schema.html", Origin(weg.source, what="het schema van alle tips"),
                {"grid": weg.cell_grid(), "updated": weg.updated}, sources=sources)
    yield Route(paths.TIPS_PATH, "tips", "tips.html", Origin(weg.source, what="het overzicht van alle tips"),
                {"grid": weg.cell_grid(), "updated": weg.updated}, sources=sources)
    for activity in weg.activities:
        cells = sorted((c for c in weg.cells.values() if c.activity == activity), key=lambda c: c.path)
        yield Route(paths.activity_path(activity.id), "activity", "activity.html",
                    Origin(weg.source, what=f"het overzicht van de tips van {activity.id}"),
                    {"activity": activity, "general": weg.cells.get((activity.id, None)),
                     "questions": weg.cells_by_question(activity),
                     "updated": max([weg.updated, *(c.updated for c in cells)])},
                    sources=(weg.source, *(c.source for c in cells)))


def wizard_steps(site: Site) -> Iterator[Route]:
    weg = site.wegwijzer
    for step in weg.steps():
        last = step.answers[-1] if step.answers else None
        origin = Origin(weg.source, last.line if last else None,
                        f"antwoord '{last.slug}' van vraag '{last.question}'" if last else "de eerste vraag van de wegwijzer")
        question = weg.question_for(step)
        if question is not None:
            yield Route(step.path, "question", "question.html", origin, {"step": step, "question": question},
                        sources=(weg.source,), indexed=False)
            continue
        advice = weg.advice(step)
        cells = [c for a in advice for c in a.cells]
        yield Route(step.path, "advice", "advice.html", origin,
                    {"step": step, "advice": advice, "updated": max([weg.updated, *(c.updated for c in cells)])},
                    sources=(weg.source, *(c.source for c in cells)))


def tip_pages(site: Site) -> Iterator[Route]:
    weg = site.wegwijzer
    for cell in sorted(weg.cells.values(), key=lambda c: c.path):
        what = f"de tips van {cell.activity.id}" + (f" bij antwoord '{cell.answer.slug}'" if cell.answer else "")
        steps = weg.steps_with(cell)
        yield Route(cell.path, "tip", "tip.html", Origin(cell.source, what=what),
                    {"cell": cell, "steps": steps, "rows": weg.advice_rows(cell, steps), "updated": cell.updated},
                    sources=(weg.source, cell.source))


def content_pages(site: Site) -> Iterator[Route]:
    for page in site.pages:
        kind, template = ("home", "home.html") if page.slug == "home" else ("page", "page.html")
        yield Route(paths.page_path(page.slug), kind, template, Origin(page.source, what=f"de pagina {page.source.name}"),
                    {"page": page, "updated": page.updated}, sources=(site.wegwijzer.source, page.source))


def search_page(site: Site) -> Iterator[Route]:
    """/zoeken/: a form that works as a link (?q=...); the results come from the search index (search.py).
    Not for search engines: it has no content of its own."""
    yield Route(paths.SEARCH_PATH, "search", "search.html", Origin(site.config.path, what="de zoekpagina"),
                {"updated": site.updated}, sources=site.sources(), indexed=False)


def site_files(site: Site) -> Iterator[Route]:
    config = site.config.path
    yield Route("404.html", "not-found", "404.html", Origin(config, what="de pagina 'niet gevonden'"),
                {"updated": site.updated}, sources=site.sources(), indexed=False)
    yield Route("robots.txt", "robots", "robots.txt", Origin(config), indexed=False)
    yield Route(".well-known/security.txt", "security", "security.txt", Origin(config), indexed=False)


# The site's fixed routes come first, so that a page an editor adds is the one refused when it takes their path.
ROUTE_SOURCES: tuple[RouteSource, ...] = (site_pages, checklist_pages, overview_pages, search_page, site_files,
                                          wizard_steps, tip_pages, content_pages)


def map_site(site: Site, problems: Problems, template_closure: TemplateClosure,
             more: tuple[RouteSource, ...] = ()) -> SiteMap:
    """Every route of the site; `more` are the sources of feature modules (change notes, redirects), mapped last."""
    site_map = SiteMap(site.config.root, problems, template_closure)
    for source in (*ROUTE_SOURCES, *more):
        for route in source(site):
            site_map.add(route)
    site_map.add(Route("sitemap.xml", "sitemap", "sitemap.xml", Origin(site.config.path), {"indexed_paths": site_map.indexed_paths()},
                       sources=site.sources(), indexed=False))
    served = [route.output for route in site_map if route.kind not in HOST_FILES]
    site_map.add(Route(paths.HEADERS_FILE, "headers", "_headers.txt", Origin(site.config.path),
                       {"rules": header_rules(served)}, indexed=False))
    return site_map
