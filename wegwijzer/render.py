"""Rendering: every page of the site from the model and the Jinja templates, as path -> bytes.

Nothing is written here. Each generator yields the pages of one kind; the whole site is
rendered in memory first, so a template error stops the build before dist/ is touched.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2

from . import urls as paths
from .assets import read_assets
from .checklist import Checklist
from .config import SiteConfig
from .model import Page, Wegwijzer
from .problems import Problems
from .sources import TemplateLoader, list_sources
from .urls import Urls

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")

# The strict policy of every page: nothing inline, nothing from another host.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")


def dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    wegwijzer: Wegwijzer
    pages: tuple[Page, ...]
    checklist: Checklist

    @property
    def updated(self) -> date:
        return max([self.wegwijzer.updated, self.checklist.updated, *(p.updated for p in self.pages),
                    *(c.updated for c in self.wegwijzer.cells.values())])


@dataclass(frozen=True)
class Output:
    """One file of the site: its site path, template and context."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    indexed: bool = True  # listed in sitemap.xml


Generator = Callable[[Site], Iterator[Output]]


def content_pages(site: Site) -> Iterator[Output]:
    for page in site.pages:
        template = "home.html" if page.slug == "home" else "page.html"
        yield Output(paths.page_path(page.slug), template, {"page": page, "updated": page.updated})


def own_pages(site: Site) -> Iterator[Output]:
    """The site's own pages (privacy, accessibility, colofon): one template each in templates/pages/."""
    for template in list_sources(site.config.dir("templates_dir") / "pages", Problems(site.config.root), ".html"):
        yield Output(template.stem + "/", "pages/" + template.name)


def wegwijzer_steps(site: Site) -> Iterator[Output]:
    weg = site.wegwijzer
    for step in weg.steps():
        question = weg.question_for(step)
        if question is not None:
            yield Output(step.path, "question.html", {"step": step, "question": question}, indexed=False)
        else:
            advice = weg.advice(step)
            cells = [c for a in advice for c in a.cells]
            updated = max([weg.updated, *(c.updated for c in cells)])
            yield Output(step.path, "advice.html", {"step": step, "advice": advice, "updated": updated})


def tip_pages(site: Site) -> Iterator[Output]:
    weg = site.wegwijzer
    for cell in sorted(weg.cells.values(), key=lambda c: c.path):
        yield Output(cell.path, "tip.html", {"cell": cell, "steps": weg.steps_with(cell), "updated": cell.updated})
    yield Output(paths.SCHEMA_PATH, "schema.html", {"grid": weg.cell_grid(), "updated": weg.updated})


def checklist_pages(site: Site) -> Iterator[Output]:
    yield Output(paths.CHECKLIST_PATH, "checklist.html", {"checklist": site.checklist, "updated": site.checklist.updated})


def site_files(site: Site) -> Iterator[Output]:
    yield Output("404.html", "404.html", indexed=False)
    yield Output("robots.txt", "robots.txt", indexed=False)
    yield Output(".well-known/security.txt", "security.txt", indexed=False)


GENERATORS: tuple[Generator, ...] = (content_pages, own_pages, wegwijzer_steps, tip_pages, checklist_pages, site_files)


class Renderer:
    def __init__(self, config: SiteConfig, urls: Urls):
        self.config = config
        self.urls = urls
        self.env = jinja2.Environment(
            loader=TemplateLoader(config.dir("templates_dir"), Problems(config.root, config.limits)),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["dutch_date"] = dutch_date
        self.env.globals.update(urls=self.urls, config=config.values, csp=CSP, paths=paths)

    def render_site(self, site: Site) -> dict[str, bytes]:
        outputs = [o for generate in GENERATORS for o in generate(site)]
        files: dict[str, bytes] = {}
        for output in outputs:
            context = {"site": site, "weg": site.wegwijzer, "updated": site.updated, "path": output.path, **output.context}
            html = self.env.get_template(output.template).render(context)
            files[paths.output_file(output.path)] = html.encode("utf-8")
        sitemap = self.env.get_template("sitemap.xml").render(paths=[o.path for o in outputs if o.indexed])
        files["sitemap.xml"] = sitemap.encode("utf-8")
        files.update(read_assets(self.config.dir("assets_dir"), Problems(self.config.root, self.config.limits)))
        return files
