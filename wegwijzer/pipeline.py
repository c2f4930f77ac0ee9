"""The build, stage by stage: config -> content -> model -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checklist import load_checklist
from .config import SiteConfig, load_config
from .content import load_content
from .markup import Markup
from .model import build_pages, build_wegwijzer
from .problems import Problems
from .render import Renderer, Site
from .urls import Urls
from .writer import write_site


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    site: Site
    urls: Urls


def load_site(config_path: Path) -> Loaded:
    """Load and validate everything; raises ContentError listing every problem found."""
    problems = Problems(config_path.parent)
    config = load_config(config_path, problems)
    problems.raise_if_any()
    urls = Urls(config.base_url, config["site_url"])
    markup = Markup(urls)
    content = load_content(config.dir("content_dir"), problems)
    checklist = load_checklist(config.dir("content_dir") / "checklist.yaml", problems, markup)
    problems.raise_if_any()
    assert content is not None and checklist is not None  # no problems means both loaded
    wegwijzer = build_wegwijzer(content, markup)
    site = Site(config, wegwijzer, build_pages(content.pages, wegwijzer, markup), checklist)
    return Loaded(config, site, urls)


def render(loaded: Loaded) -> dict[str, bytes]:
    return Renderer(loaded.config, loaded.urls).render_site(loaded.site)


def build(config_path: Path) -> tuple[Loaded, dict[str, bytes]]:
    loaded = load_site(config_path)
    files = render(loaded)
    write_site(files, loaded.config.dir("output_dir"))
    return loaded, files
