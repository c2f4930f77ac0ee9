"""Rendering: every route of the site map through its Jinja template, as path -> bytes.

Nothing is written here. The whole site is rendered in memory first, so a template error
stops the build before dist/ is touched.
"""
from __future__ import annotations

import functools
from datetime import date

import jinja2
import jinja2.meta

from . import urls as paths
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


class Renderer:
    def __init__(self, config: SiteConfig, urls: Urls):
        self.config = config
        self.env = jinja2.Environment(
            loader=TemplateLoader(config.dir("templates_dir"), Problems(config.root, config.limits)),
            autoescape=jinja2.select_autoescape(["html", "xml"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
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

    @functools.cache  # noqa: B019 - one renderer per build; each template is parsed once
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

    def render_site(self, site: Site, site_map: SiteMap, urls: Urls) -> dict[str, bytes]:
        return {route.output: self.render(site, site_map, route, urls) for route in site_map}
