"""The build, stage by stage: config -> content -> model -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checklist import load_checklist
from .config import SiteConfig, load_config
from .content import Content, load_content
from .markup import Markup
from .model import build_pages, build_wegwijzer, step_count
from .problems import Problems
from .render import Renderer, Site
from .sources import list_sources
from .urls import Urls
from .writer import output_problem, write_site


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
    problems.raise_if_any()
    assert content is not None and checklist is not None  # no problems means both loaded
    wegwijzer = build_wegwijzer(content, markup)
    site = Site(config, wegwijzer, build_pages(content.pages, wegwijzer, markup), checklist)
    return Loaded(config, site, urls)


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
    return Renderer(loaded.config, loaded.urls).render_site(loaded.site)


def build(config_path: Path) -> tuple[Loaded, dict[str, bytes]]:
    loaded = load_site(config_path)
    files = render(loaded)
    write_site(files, loaded.config.dir("output_dir"))
    return loaded, files
