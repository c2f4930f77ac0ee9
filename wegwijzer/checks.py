"""`check`: everything the build validates, and what only a finished site shows, reported per file.

In one run: every content problem (unknown fields with a suggestion, values that YAML did not
read as text, files that are not UTF-8, empty tips, ...), two outputs with one path, published
addresses that would disappear or are not yet in content/urls.txt, template errors, and internal
links, #fragments and images that do not exist. The report is for editors: grouped per file,
with line numbers, in Dutch.
"""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import jinja2

from .links import BuiltSite, report_broken_links
from .manifest import unlisted
from .pipeline import Loaded, load_site, render
from .problems import ContentError, Problem, Problems

SHOWN_NEW_URLS = 5  # the rest is one command away: `python build.py urls`


def find_problems(config_path: Path) -> tuple[list[Problem], Loaded | None]:
    """Every problem of the site, sorted; and the loaded site, when loading got that far."""
    try:
        loaded = load_site(config_path)
    except ContentError as error:
        return error.problems, None
    problems = Problems(loaded.config.root)
    try:
        files = render(loaded)
    except ContentError as error:
        return error.problems, loaded
    except jinja2.TemplateError as error:
        return [_template_problem(line) for line in _describe(error)], loaded
    _unlisted_urls(loaded, problems)
    site = BuiltSite(files, loaded.config.base_url, loaded.config["site_url"])
    report_broken_links(site, loaded.routes, loaded.config, problems)
    return sorted(set(problems.items), key=lambda p: (p.path, p.line or 0, p.message)), loaded


def _describe(error: Exception) -> list[str]:
    from .cli import describe_error  # one wording of build errors, for build, serve and check

    return describe_error(error)


def _template_problem(line: str) -> Problem:
    where = re.match(r"^(.+?\.\w+):(\d+)?:? ?(.*)$", line)
    if where is None:
        return Problem("", None, line)
    return Problem(where.group(1), int(where.group(2)) if where.group(2) else None, where.group(3))


def _unlisted_urls(loaded: Loaded, problems: Problems) -> None:
    new = unlisted(loaded.manifest, loaded.routes)
    if not new:
        return
    shown = ", ".join(f"/{p}" for p in new[:SHOWN_NEW_URLS]) + (f" en {len(new) - SHOWN_NEW_URLS} meer" if len(new) > SHOWN_NEW_URLS else "")
    problems.add(loaded.manifest.path, None,
                 f"{len(new)} nieuwe adressen staan nog niet in deze lijst: {shown}. Klopt dat? "
                 "Voer dan uit: python build.py urls --accept (python build.py urls toont ze allemaal)")


def grouped(problems: list[Problem]) -> list[str]:
    """The report's lines: per file its name, then each problem on its own line, with its line number."""
    lines: list[str] = []
    for path, items in groupby(problems, key=lambda p: p.path):
        lines.append(path or "(algemeen)")
        lines += [f"  regel {p.line}: {p.message}" if p.line else f"  {p.message}" for p in items]
        lines.append("")
    return lines


def run_check(config_path: Path) -> int:
    problems, loaded = find_problems(config_path)
    if not problems and loaded is not None:
        site = loaded.site
        questions = sum(len(t.questions) for t in site.checklist.themes)
        print(f"Alles in orde: {len(site.wegwijzer.questions)} vragen, {len(site.wegwijzer.cells)} tipcellen, "
              f"{len(site.pages)} pagina's, {questions} checklistvragen, {len(loaded.routes.public_paths())} openbare adressen.")
        return 0
    files = len({p.path for p in problems})
    print(f"{_count(len(problems), 'probleem', 'problemen')} in {_count(files, 'bestand', 'bestanden')}:\n")
    print("\n".join(grouped(problems)))
    if loaded is None:
        print("Na het oplossen hiervan controleert check ook de adressen, de sjablonen en de links op de site.")
    print("Los de problemen op en voer de controle opnieuw uit: python build.py check")
    return 1


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"
