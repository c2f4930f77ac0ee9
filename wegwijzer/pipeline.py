"""The build, stage by stage: config -> assets (hashed names) -> content -> model -> routes -> search index
-> render -> compressed copies -> write. Pages stream: each is written into the new folder as it is
rendered (with its compressed copies), so a build holds one page at a time, whatever the site's size."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from .assets import Assets, read_assets
from .cache import Cache, project_cache
from .changes import change_routes
from .checklist import load_checklist
from .compress import Compressor
from .config import SiteConfig, load_config
from .content import Content, load_content
from .manifest import Manifest, check_published, manifest_path, read_manifest, redirect_routes
from .markup import Markup
from .model import Site, build_pages, build_wegwijzer, step_count
from .problems import Problems
from .render import Renderer
from .routes import SiteMap, map_site
from .search import UnreadablePage, documents, search_assets
from .sources import list_sources
from .urls import PublicAddress, Urls
from .writer import Written, new_site, output_problem


# The routes of feature modules, mapped after the site's own (so they are the ones refused on a clash).
FEATURE_ROUTES = (change_routes, redirect_routes)


@dataclass(frozen=True)
class Loaded:
    config: SiteConfig
    site: Site
    urls: Urls
    routes: SiteMap
    renderer: Renderer
    manifest: Manifest  # the published addresses (content/urls.txt)
    assets: Assets  # assets/, minified and hashed; `urls` knows their names
    cache: Cache  # results kept between builds (.cache/build/)


def load_site(config_path: Path, address: PublicAddress | None = None, leave_out: frozenset[str] = frozenset(),
              renderer: Renderer | None = None) -> Loaded:
    """Load and validate everything and map every route; raises ContentError listing every problem found.

    `address` (from --base-url) takes the place of site_config.yaml's base_url and site_url.
    `leave_out`: tip and page files (named as problems name them) to build the site without, problems and
    all, so that `check` can go on to the later stages while those files still have problems. The list of
    published addresses is then not checked: the files left out would have made some of them.
    `renderer`: the last build's, when neither the settings, the templates nor the assets changed since (serve),
    so that templates stay compiled and shared fragments rendered.
    """
    problems = Problems(config_path.parent)
    config = load_config(config_path, problems)
    problems.raise_if_any()
    config = config.published_at(address)
    problems.limits = config.limits
    cache = project_cache(config.root)
    refused = output_problem(config.dir("output_dir"))
    if refused:
        problems.add(config_path, config.line_of("output_dir"), f"output_dir '{config['output_dir']}' {refused}")
    # Listed here so that `check` names every refused file at once; rendering lists them again.
    list_sources(config.dir("templates_dir"), problems, recursive=True, required=True)
    list_sources(config.dir("templates_dir") / "pages", problems, ".html")
    assets = read_assets(config.dir("assets_dir"), problems, cache)  # first: content may link to an asset (an image)
    urls = Urls(config.base_url, config["site_url"], assets.names)
    markup = Markup(urls, cache)
    content = load_content(config.dir("content_dir"), problems)
    checklist = load_checklist(config.dir("content_dir") / "checklist.yaml", problems, markup)
    if content is not None:
        _check_page_count(content, problems)
    if leave_out:
        content = _without(content, leave_out & _tips_and_pages(config, problems), problems)
    problems.raise_if_any()
    assert content is not None and checklist is not None  # no problems means both loaded
    wegwijzer = build_wegwijzer(content, markup)
    site = Site(config, wegwijzer, build_pages(content.pages, wegwijzer, markup), checklist)
    renderer = renderer or Renderer(config, urls, cache)
    routes = map_site(site, problems, renderer.template_closure, FEATURE_ROUTES)
    manifest = read_manifest(manifest_path(config.dir("content_dir")), problems)
    if not leave_out:
        check_published(manifest, routes, site, problems)
    problems.raise_if_any()
    return Loaded(config, site, urls, routes, renderer, manifest, assets, cache)


def _tips_and_pages(config: SiteConfig, problems: Problems) -> frozenset[str]:
    content = config.dir("content_dir")
    return frozenset(problems.relative(p) for p in [*content.glob("tips/*.md"), *content.glob("pages/*.md")])


def _without(content: Content | None, files: frozenset[str], problems: Problems) -> Content | None:
    """The content without these files, and the problems without theirs."""
    problems.forget(files)
    if content is None:
        return None
    kept = [t for t in content.tips if problems.relative(t.path) not in files]
    return replace(content, tips=tuple(kept), pages=tuple(p for p in content.pages if problems.relative(p.path) not in files))


def published_assets(loaded: Loaded) -> Assets:
    """The assets and the search index: everything the pages name by a hashed name. The site's own pages
    have their text in their templates, so the index reads them rendered (they name no part of the index)."""
    assets = loaded.assets
    own_pages = {route.path: loaded.renderer.render(loaded.site, loaded.routes, route, loaded.urls).decode("utf-8")
                 for route in loaded.routes if route.kind == "own-page"}
    problems = Problems(loaded.config.root)
    try:
        index = search_assets(documents(loaded.site, own_pages), loaded.cache)
    except UnreadablePage as unreadable:
        problems.add(loaded.routes[unreadable.path].origin.path, None,
                     "de pagina heeft geen <main> met een <h1>, zodat de zoekfunctie haar titel en tekst niet vindt")
        problems.raise_if_any()
    clash = sorted(assets.names.keys() & index.names.keys())
    if clash:
        problems.add(loaded.config.dir("assets_dir") / clash[0], None, "deze naam is voor de zoekindex; kies een andere")
        problems.raise_if_any()
    return assets.merged(index)


def _check_page_count(content: Content, problems: Problems) -> None:
    """Stop before rendering when the decision table would make more pages than max_pages."""
    steps = step_count(len(q.answers) for q in content.table.questions)
    total = steps + len(content.tips) + len(content.pages)
    limit = problems.limits.max_pages
    if total > limit:
        problems.add(content.table.path, None, f"de site zou {_number(total)} pagina's krijgen ({_number(steps)} voor de vragen en "
                                               f"adviezen van de beslistabel), meer dan max_pages ({_number(limit)}) in site_config.yaml")


def _number(count: int) -> str:
    """A count as Dutch readers write it (9.377); an absurd one as an order of magnitude."""
    if count >= 10**15:
        return f"meer dan 10^{len(str(count)) - 1}"
    return f"{count:,}".replace(",", ".")


def outputs(loaded: Loaded) -> Iterator[tuple[str, bytes]]:
    """Every output of the site, one at a time: the assets with the search index, then every route rendered."""
    assets = published_assets(loaded)
    yield from assets.files().items()
    urls = loaded.urls.with_assets(assets.names)
    for route in loaded.routes:
        yield route.output, loaded.renderer.render(loaded.site, loaded.routes, route, urls)


def render(loaded: Loaded) -> dict[str, bytes]:
    """Every output of the site in memory (check, report, diff). No path is written twice."""
    return dict(outputs(loaded))


def build(config_path: Path, address: PublicAddress | None = None, compressed: bool = True) -> tuple[Loaded, Written]:
    """The site built into output_dir. `compressed=False` leaves out the .gz and .br copies (the dev server)."""
    loaded = load_site(config_path, address)
    output_dir = loaded.config.dir("output_dir")
    with new_site(output_dir) as staging:
        with Compressor(loaded.cache, staging.write) if compressed else nullcontext() as compressor:
            for name, data in outputs(loaded):
                staging.write(name, data)
                if compressor is not None:
                    compressor.add(name, data)
    loaded.cache.prune()
    return loaded, Written(output_dir, staging.names)
