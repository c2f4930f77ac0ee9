"""Rendering: a route of the site map through its Jinja template, as bytes.

Nothing is written here. The build writes each page into a new folder as it is rendered, so
a template error stops it before dist/ is touched. Templates are compiled once per process,
and the compiled code is kept between builds in the build's cache (Jinja's own bytecode
cache, which compiles a template again when its text changes).
"""
from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import jinja2
import jinja2.ext
import jinja2.meta
from jinja2 import nodes

from . import urls as paths
from .cache import Cache, key, library_stamp
from .config import SiteConfig
from .headers import CSP
from .model import Site
from .page_tools import PageTools
from .problems import ContentError, Problems
from .routes import Route, SiteMap
from .sources import TemplateLoader
from .urls import UnknownAsset, Urls

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")


def dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


MAX_FRAGMENTS = 1000  # several times the cells of a large decision table


class FragmentCache(jinja2.ext.Extension):
    """`{% cache (cell, urls.base_url) %}...{% endcache %}`: the block is rendered once per key and the HTML reused
    on every page that shows it (a cell's tips appear on many advice pages). The key must name every value the
    block shows: equal keys give the same HTML, whatever page asks."""

    tags = {"cache"}

    def __init__(self, environment: jinja2.Environment):
        super().__init__(environment)
        self.fragments: dict[object, str] = {}

    def parse(self, parser: jinja2.parser.Parser) -> nodes.Node:
        line = next(parser.stream).lineno
        fragment_key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_fragment", [fragment_key]), [], [], body).set_lineno(line)

    def _fragment(self, fragment_key: object, caller: jinja2.runtime.Macro) -> str:
        found = self.fragments.get(fragment_key)
        if found is None:
            if len(self.fragments) >= MAX_FRAGMENTS:  # serve keeps its renderer while only content changes
                self.fragments.clear()
            found = self.fragments[fragment_key] = caller()
        return found


def compiled_templates(cache: Cache) -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept: their code depends on Jinja and on the environment set up here."""
    stamp = key(library_stamp("jinja2"), Path(__file__).read_bytes())[:16]
    folder = cache.subfolder(f"templates-{stamp}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


class Renderer:
    def __init__(self, config: SiteConfig, urls: Urls, cache: Cache):
        self.config = config
        self.env = jinja2.Environment(
            loader=TemplateLoader(config.dir("templates_dir"), Problems(config.root, config.limits)),
            bytecode_cache=compiled_templates(cache),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=[FragmentCache],
        )
        self.env.filters["dutch_date"] = dutch_date
        # Templates get `urls` with the assets' hashed names from the context (render); page tools need no assets.
        self.env.globals.update(config=config.values, csp=CSP, paths=paths, page_tools=PageTools(config, urls))

    def template_closure(self, name: str) -> frozenset[str]:
        """A template and every template it extends, includes or imports, as far as they are named literally."""
        found: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current not in found:
                found.add(current)
                pending += self._references(current)
        return frozenset(found)

    @functools.cache  # noqa: B019 - a renderer lives while its templates do not change; each is parsed once
    def _references(self, name: str) -> tuple[str, ...]:
        source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        return tuple(t for t in jinja2.meta.find_referenced_templates(self.env.parse(source)) if t)

    def _context(self, site: Site, site_map: SiteMap, route: Route, urls: Urls) -> dict:
        return {"site": site, "weg": site.wegwijzer, "updated": site.updated, "routes": site_map, "route": route,
                "path": route.path, "indexed": route.indexed, "urls": urls, **route.context}

    def render(self, site: Site, site_map: SiteMap, route: Route, urls: Urls) -> bytes:
        try:
            return self.env.get_template(route.template).render(self._context(site, site_map, route, urls)).encode("utf-8")
        except UnknownAsset as missing:
            problems = Problems(self.config.root)
            problems.add(self.config.dir("templates_dir") / route.template, None,
                         f"urls.asset('{missing.args[0]}'): dat bestand staat niet in {self.config['assets_dir']}/")
            raise ContentError(problems.items) from None

