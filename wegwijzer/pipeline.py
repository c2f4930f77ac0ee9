"""The build, stage by stage: config -> content -> model -> routes -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assets import read_assets
from .checklist import load_checklist
from .config import SiteConfig, load_config
from .content import load_content
from .markup import Markup
from .model import Site, build_pages, build_wegwijzer
from .problems import Problems
from .render import Renderer
from .routes import SiteMap, map_site
from .urls import Urls
from .writer import write_site


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    site: Site
    urls: Urls
    routes: SiteMap
    renderer: Renderer


def load_site(config_path: Path) -> Loaded:
    """Load and validate everything and map every route; raises ContentError listing every problem found."""
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
    renderer = Renderer(config, urls)
    routes = map_site(site, problems, renderer.template_closure)
    problems.raise_if_any()
    return Loaded(config, site, urls, routes, renderer)


def render(loaded: Loaded) -> dict[str, bytes]:
    """Every output of the site in memory: the rendered routes and the assets. No path is written twice."""
    files = loaded.renderer.render_site(loaded.site, loaded.routes)
    assets_dir = loaded.config.dir("assets_dir")
    assets = read_assets(assets_dir, loaded.config.root)
    problems = Problems(loaded.config.root)
    routes = loaded.routes.by_output()
    for name in sorted(files.keys() & assets.keys()):
        problems.add(assets_dir / name.removeprefix("assets/"), None,
                     f"dit bestand krijgt hetzelfde adres als {routes[name].origin.describe(loaded.config.root)}")
    problems.raise_if_any()
    return {**files, **assets}


def build(config_path: Path) -> tuple[Loaded, dict[str, bytes]]:
    loaded = load_site(config_path)
    files = render(loaded)
    write_site(files, loaded.config.dir("output_dir"))
    return loaded, files
