"""The build, stage by stage: config -> content -> model -> routes -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .assets import read_assets
from .changes import change_routes
from .checklist import load_checklist
from .config import SiteConfig, load_config
from .content import Content, load_content
from .manifest import Manifest, check_published, manifest_path, read_manifest, redirect_routes
from .markup import Markup
from .model import Site, build_pages, build_wegwijzer, step_count
from .problems import Problems
from .render import Renderer
from .routes import SiteMap, map_site
from .sources import list_sources
from .urls import Urls
from .writer import output_problem, write_site


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


def load_site(config_path: Path, leave_out: frozenset[str] = frozenset()) -> Loaded:
    """Load and validate everything and map every route; raises ContentError listing every problem found.

    `leave_out`: tip and page files (named as problems name them) to build the site without, problems and
    all, so that `check` can go on to the later stages while those files still have problems. The list of
    published addresses is then not checked: the files left out would have made some of them.
    """
    problems = Problems(config_path.parent)
    config = load_config(config_path, problems)
    problems.raise_if_any()
    problems.limits = config.limits
    refused = output_problem(config.dir("output_dir"))
    if refused:
        problems.add(config_path, config.line_of("output_dir"), f"output_dir '{config['output_dir']}' {refused}")
    # Listed here so that `check` names every refused file at once; rendering lists them again.
    list_sources(config.dir("templates_dir"), problems, recursive=True, required=True)
    list_sources(config.dir("templates_dir") / "pages", problems, ".html")
    list_sources(config.dir("assets_dir"), problems, recursive=True)
    urls = Urls(config.base_url, config["site_url"])
    markup = Markup(urls)
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
    renderer = Renderer(config, urls)
    routes = map_site(site, problems, renderer.template_closure, FEATURE_ROUTES)
    manifest = read_manifest(manifest_path(config.dir("content_dir")), problems)
    if not leave_out:
        check_published(manifest, routes, site, problems)
    problems.raise_if_any()
    return Loaded(config, site, urls, routes, renderer, manifest)


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


def render(loaded: Loaded) -> dict[str, bytes]:
    """Every output of the site in memory: the rendered routes and the assets. No path is written twice."""
    files = loaded.renderer.render_site(loaded.site, loaded.routes)
    assets_dir = loaded.config.dir("assets_dir")
    assets = read_assets(assets_dir, Problems(loaded.config.root, loaded.config.limits))
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
