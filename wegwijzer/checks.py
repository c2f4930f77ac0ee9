"""`check`: everything the build validates, and what only a finished site shows, reported per file.

In one run: every content problem (unknown fields with a suggestion, values that YAML did not
read as text, files that are not UTF-8, empty tips, ...), two outputs with one path, published
addresses that would disappear or are not yet in content/urls.txt, template errors, and internal
links, #fragments and images that do not exist. The report is for editors: grouped per file,
with line numbers, in Dutch.

When some tip or page files have problems, the site is built once more without them, so that the
same run still finds the broken links and clashes in all other files.
"""
from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path


from . import urls as paths
from .links import BrokenLink, BuiltSite, report_broken_links
from .manifest import unlisted
from .pipeline import Loaded, load_site, render
from .problems import ContentError, Problem, Problems, describe_error
from .urls import PublicAddress

SHOWN_NEW_URLS = 5  # the rest is one command away: `python build.py urls`
MAX_PASSES = 3  # builds without the files that have problems, each leaving out those the previous one found


def find_problems(config_path: Path, address: PublicAddress | None = None) -> tuple[list[Problem], Loaded | None]:
    """Every problem of the site, sorted; and the loaded site, when loading got that far."""
    try:
        loaded = load_site(config_path, address)
    except ContentError as error:
        return _sorted([*error.problems, *_without_broken_files(config_path, error.problems, address)]), None
    except Exception as error:  # noqa: BLE001 - an error no check foresaw is still reported, with its place
        return [_template_problem(line) for line in describe_error(error, config_path.parent)], None
    problems = Problems(loaded.config.root)
    try:
        files = render(loaded)
    except ContentError as error:
        return error.problems, loaded
    except Exception as error:  # noqa: BLE001 - a template that divides by zero is a template error too
        return [_template_problem(line) for line in describe_error(error, loaded.config.root)], loaded
    _unlisted_urls(loaded, problems)
    site = BuiltSite(files, loaded.config.base_url, loaded.config["site_url"], loaded.assets.names)
    report_broken_links(site, loaded.routes, loaded.config, problems)
    return _sorted(problems.items), loaded


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


def _without_broken_files(config_path: Path, found: list[Problem], address: PublicAddress | None) -> list[Problem]:
    """The later stages' problems, in the same run: the site built without the tip and page files that have
    problems, when only such files have them. Links that those files might have answered are passed over:
    to their pages, to tip pages (a tip's address comes from its front matter) and to #fragments."""
    left_out = {p.path for p in found}
    later: list[Problem] = []  # e.g. two pages with one path: found once the content loads
    for _ in range(MAX_PASSES):
        try:
            loaded = load_site(config_path, address, leave_out=frozenset(left_out))
            files = render(loaded)
            break
        except ContentError as error:
            new = [p for p in error.problems if p.path not in left_out]
            if not new:
                return later
            later += new
            left_out |= {p.path for p in new}  # leave those files out too, and go on
        except Exception as error:  # noqa: BLE001 - as above
            return [*later, *(_template_problem(line) for line in describe_error(error, config_path.parent))]
    else:
        return later
    site = BuiltSite(files, loaded.config.base_url, loaded.config["site_url"], loaded.assets.names)
    pages = {loaded.urls.href(paths.page_path(Path(p).stem)) for p in left_out}
    tips = loaded.urls.href(paths.TIPS_PATH)

    def sure(broken: BrokenLink, _written: str) -> bool:
        target = broken.url.split("#")[0]
        return broken.kind != "fragment" and target not in pages and not target.startswith(tips)

    problems = Problems(loaded.config.root)
    report_broken_links(site, loaded.routes, loaded.config, problems, keep=sure)
    return [*later, *problems.items]


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


def run_check(config_path: Path, address: PublicAddress | None = None) -> int:
    problems, loaded = find_problems(config_path, address)
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
        print("Zolang deze problemen er zijn, controleert check de lijst van gepubliceerde adressen niet, en ook niet "
              "de links in de bestanden met problemen en de links naar #plekken.")
    print("Los de problemen op en voer de controle opnieuw uit: python build.py check")
    return 1


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"
