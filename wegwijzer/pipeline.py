"""The build, stage by stage: config -> content -> model -> routes -> assets and search index -> render
-> compressed copies -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assets import Assets, read_assets
from .checklist import load_checklist
from .compress import with_compressed_copies
from .config import SiteConfig, load_config
from .content import load_content
from .markup import Markup
from .model import Site, build_pages, build_wegwijzer
from .problems import Problems
from .render import Renderer
from .routes import SiteMap, map_site
from .search import documents, search_assets
from .urls import PublicAddress, Urls
from .writer import write_site


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    site: Site
    urls: Urls
    routes: SiteMap
    renderer: Renderer


def load_site(config_path: Path, address: PublicAddress | None = None) -> Loaded:
    """Load and validate everything and map every route; raises ContentError listing every problem found.
    `address` (from --base-url) takes the place of site_config.yaml's base_url and site_url."""
    problems = Problems(config_path.parent)
    config = load_config(config_path, problems)
    problems.raise_if_any()
    config = config.published_at(address)
    urls = Urls(config.base_url, config["site_url"])
    markup = Markup(urls)
    content = load_content(config.dir("content_dir"), problems)
    checklist = load_checklist(config.dir("content_dir") / "checklist.yaml", problems, markup)
    problems.raise_if_any()
    assert content is not None and checklist is not None  # no problems means both loaded
    wegwijzer = build_wegwijzer(content, markup)
    site = Site(config, wegwijzer, build_pages(content.pages, wegwijzer, markup), checklist)
    renderer = Renderer(config)
    routes = map_site(site, problems, renderer.template_closure)
    problems.raise_if_any()
    return Loaded(config, site, urls, routes, renderer)


def published_assets(loaded: Loaded) -> Assets:
    """assets/ minified and hashed, and the search index: everything the pages name by a hashed name.
    The site's own pages have their text in their templates, so the index reads them rendered."""
    assets = read_assets(loaded.config.dir("assets_dir"), loaded.config.root)
    urls = loaded.urls.with_assets(assets.names)
    own_pages = {route.path: loaded.renderer.render(loaded.site, route, urls).decode("utf-8")
                 for route in loaded.routes if route.kind == "own-page"}
    index = search_assets(documents(loaded.site, own_pages))
    clash = sorted(assets.names.keys() & index.names.keys())
    if clash:
        problems = Problems(loaded.config.root)
        problems.add(loaded.config.dir("assets_dir") / clash[0], None, "deze naam is voor de zoekindex; kies een andere")
        problems.raise_if_any()
    return assets.merged(index)


def render(loaded: Loaded) -> dict[str, bytes]:
    """Every output of the site in memory: the rendered routes and the assets. No path is written twice."""
    assets = published_assets(loaded)
    files = loaded.renderer.render_site(loaded.site, loaded.routes, loaded.urls.with_assets(assets.names))
    return {**files, **assets.files()}


def build(config_path: Path, address: PublicAddress | None = None, compressed: bool = True) -> tuple[Loaded, dict[str, bytes]]:
    """The site built into output_dir. `compressed=False` leaves out the .gz and .br copies (the dev server)."""
    loaded = load_site(config_path, address)
    files = render(loaded)
    if compressed:
        files = with_compressed_copies(files)
    write_site(files, loaded.config.dir("output_dir"))
    return loaded, files
