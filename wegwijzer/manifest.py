"""Permalinks that last: the committed list of every public URL, and redirects from old addresses.

People keep advice links in e-mails and reports for years. content/urls.txt lists every address
the site has published; a build that would drop one fails and names it. `python build.py urls
--accept` adds new addresses, and is the only way the list changes.

A renamed answer keeps its old addresses with `former_slugs: [oude-slug]` in content/wegwijzer.yaml;
a tip or page that moved keeps them with `former_paths: [/oud/adres/]` in its front matter. Every old
address then gets a redirect page (an external script keeps the #fragment and query; a meta refresh
is the fallback without JavaScript), and the build writes the same redirects as real 301s for
Netlify and Cloudflare Pages (`_redirects`) and for nginx.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Site
from .problems import Problems
from .routes import Origin, Route, SiteMap
from .sources import read_text
from .urls import page_path, tip_path, wegwijzer_path

MANIFEST_NAME = "urls.txt"  # in the content folder, where editors see it
HEADER = """\
# Alle openbare adressen van de site, één per regel. Mensen bewaren en delen deze links:
# een adres mag nooit verdwijnen. De build stopt als een adres uit deze lijst niet meer bestaat.
# Maak dit bestand niet met de hand: `python build.py urls --accept` voegt nieuwe adressen toe.
# Een adres dat verhuist, houdt u met `former_slugs` of `former_paths` (zie CONTRIBUTING.md).
"""


@dataclass(frozen=True)
class Redirect:
    old: str  # site path that people may still have
    new: str  # site path of the page that replaces it
    origin: Origin  # the declaration that asks for it


def _wizard_redirects(site: Site) -> Iterator[Redirect]:
    """Every question and advice address of every combination that used a former slug."""
    weg = site.wegwijzer
    for step in weg.steps():
        renamed = [a for a in step.answers if a.former_slugs]
        if not renamed:
            continue
        last = renamed[-1]
        origin = Origin(weg.source, last.line, f"former_slugs van antwoord '{last.slug}'")
        for slugs in itertools.product(*((a.slug, *a.former_slugs) for a in step.answers)):
            old = wegwijzer_path(slugs)
            if old != step.path:
                yield Redirect(old, step.path, origin)


def _page_redirects(site: Site) -> Iterator[Redirect]:
    """Tip pages of renamed answers, and the `former_paths` of tips and pages."""
    for cell in sorted(site.wegwijzer.cells.values(), key=lambda c: c.path):
        origin = Origin(cell.source, what=f"de tips van {cell.activity.id}")
        former = [tip_path(cell.activity.id, slug) for slug in (cell.answer.former_slugs if cell.answer else ())]
        for old in [*former, *cell.former_paths]:
            yield Redirect(old, cell.path, origin)
    for page in site.pages:
        for old in page.former_paths:
            yield Redirect(old, page_path(page.slug), Origin(page.source, what=f"former_paths van {page.source.name}"))


def redirects(site: Site) -> list[Redirect]:
    return [*_wizard_redirects(site), *_page_redirects(site)]


def redirect_routes(site: Site) -> Iterator[Route]:
    """A redirect page per old address (never indexed), and the same redirects for web servers."""
    found = redirects(site)
    for redirect in found:
        yield Route(redirect.old, "redirect", "redirect.html", redirect.origin, {"target": redirect.new},
                    sources=(redirect.origin.path,), indexed=False)
    config = Origin(site.config.path, what="de doorverwijzingen voor de webserver")
    yield Route("_redirects", "redirects", "_redirects", config, {"redirects": found}, indexed=False)
    yield Route("nginx-redirects.conf", "nginx", "nginx-redirects.conf", config, {"redirects": found}, indexed=False)


# --- the manifest ---


@dataclass(frozen=True)
class Manifest:
    path: Path
    lines: dict[str, int]  # site path (without the leading '/') -> its line in the file

    def kept_otherwise(self, site_map: SiteMap) -> list[str]:
        """Published addresses that are no longer public pages but still served, mostly by a redirect."""
        public = set(site_map.public_paths())
        return [p for p in self.lines if p in site_map and p not in public]


def manifest_path(content_dir: Path) -> Path:
    return content_dir / MANIFEST_NAME


def read_manifest(path: Path, problems: Problems) -> Manifest:
    """The published addresses. A missing file lists none: every address is then new."""
    lines: dict[str, int] = {}
    text = read_text(path, problems) if path.exists() else ""
    for number, line in enumerate((text or "").splitlines(), 1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not url.startswith("/") or " " in url:
            problems.add(path, number, f"'{url}' is geen adres op deze site: elk adres begint met '/'")
        elif url.lstrip("/") in lines:
            problems.add(path, number, f"het adres {url} staat er twee keer (ook op regel {lines[url.lstrip('/')]})")
        else:
            lines[url.lstrip("/")] = number
    return Manifest(path, lines)


def check_published(manifest: Manifest, site_map: SiteMap, site: Site, problems: Problems) -> None:
    """Every published address must still be a page or a redirect; name each one that is not."""
    lost = [p for p in manifest.lines if p not in site_map]
    for path in lost:
        problems.add(manifest.path, manifest.lines[path],
                     f"/{path} verdwijnt: dit adres is gepubliceerd, en wie de link bewaard heeft, krijgt dan een foutpagina")
    if lost:
        problems.add(manifest.path, manifest.lines[lost[0]], _lost_hint(lost, site))


def _lost_hint(lost: list[str], site: Site) -> str:
    """How to keep lost addresses: name the answer slugs that seem renamed."""
    questions = site.wegwijzer.questions
    renamed: dict[str, str] = {}
    for path in lost:
        parts = path.strip("/").split("/")
        if parts[0] != "wegwijzer" or parts[1:2] in (["tips"], ["schema"]):
            continue
        for question, slug in zip(questions, parts[1:]):
            if slug not in {a.slug for a in question.answers}:
                renamed.setdefault(slug, question.id)
    hints = [f"is het antwoord '{slug}' van vraag '{question}' hernoemd? Zet dan bij het nieuwe antwoord in "
             f"{site.wegwijzer.source.name}: former_slugs: [{slug}]" for slug, question in renamed.items()]
    hints.append("heeft een tip of pagina een ander adres gekregen? Zet dan in de kop van dat bestand: "
                 "former_paths: [/oud/adres/]")
    return "Zo houdt u deze adressen: " + "; ".join(hints) + ". Zie CONTRIBUTING.md, 'Een slug hernoemen'."


def unlisted(manifest: Manifest, site_map: SiteMap) -> list[str]:
    """Public addresses of this build that the manifest does not list yet."""
    return [p for p in site_map.public_paths() if p not in manifest.lines]


def manifest_text(manifest: Manifest, site_map: SiteMap) -> str:
    """The manifest after `urls --accept`: every public address, then the published ones now redirected."""
    paths = [*site_map.public_paths(), *manifest.kept_otherwise(site_map)]
    return HEADER + "".join(f"/{p}\n" for p in paths)


# --- the command ---


def run_urls(config_path: Path, accept: bool) -> int:
    """`urls`: list the new and the lost addresses; with --accept, add the new ones to the manifest."""
    from .pipeline import load_site  # the pipeline maps this module's routes: import it only to run the command

    loaded = load_site(config_path)  # refuses, naming them, when published addresses would be lost
    new = unlisted(loaded.manifest, loaded.routes)
    redirected = loaded.manifest.kept_otherwise(loaded.routes)
    where = loaded.manifest.path.relative_to(loaded.config.root).as_posix()
    print(f"{len(loaded.routes.public_paths())} openbare adressen; {len(redirected)} oude adressen worden doorverwezen.")
    if not new:
        print(f"{where} is bijgewerkt: er zijn geen nieuwe adressen.")
        return 0
    print(f"Nieuw, nog niet in {where}:")
    print("".join(f"  /{p}\n" for p in new), end="")
    if not accept:
        print("Klopt dit? Neem ze op met: python build.py urls --accept")
        return 1
    loaded.manifest.path.write_text(manifest_text(loaded.manifest, loaded.routes), encoding="utf-8")
    print(f"{len(new)} adressen toegevoegd aan {where}. Neem dit bestand op in uw wijziging (commit).")
    return 0
