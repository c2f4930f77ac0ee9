"""Reports for reviewers of a change: `report` (what the content holds) and `diff REF` (what a change does).

`report` lists per cell whether it is filled, its words, Leeswijzer items and links; per answer
combination the tip blocks per activity, flagging activities that get only their general tips;
and per external URL the files and lines that write it and the pages that show it.

`diff REF` builds the site as it is at a git ref (its own files, its own generator when the ref
has one) and as it is now, and lists the public pages added, removed (or now redirected) and
changed: "deze wijziging verandert 16 adviespagina's". A page counts as changed when its title or
its main content differs; pages that differ only around that (a date in the footer, the menu)
are counted apart.
"""
from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .links import link_locations
from .model import Cell, cell_code
from .pipeline import Loaded, load_site, render
from .urls import site_path

TAG = re.compile(r"<[^>]+>")
SCREEN_READER_ONLY = re.compile(r'<span class="visually-hidden">.*?</span>')  # " (externe link)": not the report's words
LEESWIJZER_ITEM = re.compile(r"<li>")
ANCHOR = re.compile(r'<a href="([^"]*)"')
EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"[^>]*class="extern"')
TITLE_AND_MAIN = re.compile(rb"<title>.*?</title>|<main\b.*</main>", re.DOTALL)

# How a reviewer calls the pages of each kind: one, more.
KIND_NAMES = {
    "advice": ("adviespagina", "adviespagina's"), "question": ("vraagpagina", "vraagpagina's"),
    "tip": ("tippagina", "tippagina's"), "tips": ("tipoverzicht", "tipoverzichten"), "schema": ("schema", "schema's"),
    "checklist": ("checklist", "checklists"), "home": ("voorpagina", "voorpagina's"), "page": ("pagina", "pagina's"),
    "own-page": ("pagina", "pagina's"), "changes": ("wijzigingenpagina", "wijzigingenpagina's"), "feed": ("feed", "feeds"),
}


def _words(fragment: str) -> int:
    return len(html.unescape(TAG.sub(" ", SCREEN_READER_ONLY.sub("", fragment))).split())


def cell_line(code: str, activity: str, answer: str, cell: Cell | None) -> str:
    if cell is None:
        return f"  {code:<4} {activity:<13} {answer:<28} leeg"
    body = cell.tips_html + cell.leeswijzer_html
    items = len(LEESWIJZER_ITEM.findall(cell.leeswijzer_html))
    return (f"  {code:<4} {activity:<13} {answer:<28} gevuld: {_words(cell.tips_html)} woorden tips, "
            f"{items} Leeswijzer-items, {len(ANCHOR.findall(body))} links")


def cells_section(loaded: Loaded) -> list[str]:
    weg = loaded.site.wegwijzer
    lines = ["Cellen (per antwoord en activiteit; 'leeg': het rapport geeft er geen tips)"]
    for answer, row in weg.cell_grid():
        for activity, cell in row:
            lines.append(cell_line(cell_code(activity, answer), activity.name, answer.short if answer else "algemene tips", cell))
    filled = len(weg.cells)
    total = sum(len(row) for _, row in weg.cell_grid())
    lines.append(f"  {filled} van de {total} cellen gevuld.")
    return lines


def combinations_section(loaded: Loaded) -> list[str]:
    weg = loaded.site.wegwijzer
    steps = weg.advice_steps()
    width = max(len("/".join(a.slug for a in step.answers)) for step in steps)
    letters = " ".join(f"{a.letter:>3}" for a in weg.activities)
    lines = ["Adviezen (per antwoordcombinatie het aantal tipblokken per activiteit; * = alleen de algemene tips)",
             f"  {'antwoorden':<{width}} {letters}"]
    flagged = 0
    for step in steps:
        counts = []
        for part in weg.advice(step):
            only_general = all(c.answer is None for c in part.cells)
            flagged += only_general
            counts.append(f"{len(part.cells)}{'*' if only_general else ' '}".rjust(3))
        lines.append(f"  {'/'.join(a.slug for a in step.answers):<{width}} {' '.join(counts)}".rstrip())
    lines.append(f"  {flagged} keer krijgt een activiteit in een advies alleen haar algemene tips.")
    return lines


def external_section(loaded: Loaded, files: dict[str, bytes]) -> list[str]:
    routes = loaded.routes.by_output()
    pages: dict[str, list[str]] = {}
    for name, data in sorted(files.items()):
        if name in routes and name.endswith(".html"):
            for url in dict.fromkeys(EXTERNAL.findall(data.decode("utf-8"))):
                pages.setdefault(html.unescape(url), []).append(name)
    written = link_locations(sorted({p for route in loaded.routes for p in route.sources}))
    root = loaded.config.root
    lines = [f"Externe links ({len(pages)} adressen; per adres waar het staat en op welke pagina's)"]
    for url in sorted(pages):
        kinds = Counter(routes[n].kind for n in pages[url])
        where = ", ".join(f"{loc.path.relative_to(root).as_posix()}:{loc.line}" for loc in written.get(url, []))
        shown = [f"/{site_path(n)}" for n in pages[url] if routes[n].kind != "advice"]
        if kinds["advice"]:
            shown.append(_count(kinds["advice"], "advice"))
        lines += [f"  {url}", f"    in {where or 'een sjabloon'}", f"    op {', '.join(shown)}"]
    return lines


def run_report(config_path: Path) -> int:
    loaded = load_site(config_path)
    files = render(loaded)
    sections = [cells_section(loaded), combinations_section(loaded), external_section(loaded, files)]
    print("\n\n".join("\n".join(section) for section in sections))
    return 0


# --- diff ---

# Run in the project folder of the ref, so that its own generator is imported when it has one.
BUILD_AT_REF = """
import json, sys
from pathlib import Path
from wegwijzer.pipeline import load_site, render
from wegwijzer.problems import ContentError
try:
    loaded = load_site(Path(sys.argv[1]))
    files = render(loaded)
except ContentError as error:
    print("\\n".join(str(p) for p in error.problems), file=sys.stderr)
    sys.exit(3)
out = Path(sys.argv[2])
for name, data in files.items():
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
public = set(loaded.routes.public_paths())
print(json.dumps([[r.path, r.kind, r.output, r.path in public] for r in loaded.routes]))
"""


class DiffError(Exception):
    pass


@dataclass(frozen=True)
class Page:
    path: str
    kind: str
    public: bool
    content: bytes  # the title and the main content
    whole: bytes


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DiffError(result.stderr.strip() or f"git {' '.join(args)} mislukte")
    return result.stdout.strip()


def _content(data: bytes) -> bytes:
    return b"".join(TITLE_AND_MAIN.findall(data)) or data


def _pages(routes: list[list], files_dir: Path | None, files: dict[str, bytes] | None) -> dict[str, Page]:
    found = {}
    for path, kind, output, public in routes:
        data = files[output] if files is not None else (files_dir / output).read_bytes()  # type: ignore[operator]
        found[path] = Page(path, kind, public, _content(data), data)
    return found


def pages_at(ref: str, config_path: Path, work: Path) -> tuple[str, dict[str, Page]]:
    """The pages of the site at a git ref, built in `work`; and the commit's short name."""
    root = config_path.parent
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel"))
    except (DiffError, FileNotFoundError) as error:
        raise DiffError(f"{root} is geen git-repository: diff vergelijkt met een versie uit git ({error})") from error
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except DiffError as error:
        raise DiffError(f"'{ref}' is geen versie in git (probeer bijvoorbeeld main of HEAD~1)") from error
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", commit], capture_output=True, check=True).stdout
    tree = work / "tree"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    old_root = tree / root.resolve().relative_to(top.resolve())
    old_config = old_root / config_path.name
    if not old_config.is_file():
        raise DiffError(f"in versie {ref} staat geen {config_path.name}")
    out = work / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-c", BUILD_AT_REF, str(old_config), str(out)], cwd=old_root,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DiffError(f"de site van versie {ref} bouwt niet:\n{result.stderr.strip()}")
    return commit[:10], _pages(json.loads(result.stdout), out, None)


def pages_now(config_path: Path) -> dict[str, Page]:
    loaded = load_site(config_path)
    files = render(loaded)
    public = set(loaded.routes.public_paths())
    return _pages([[r.path, r.kind, r.output, r.path in public] for r in loaded.routes], None, files)


def _count(number: int, kind: str) -> str:
    one, more = KIND_NAMES.get(kind, ("pagina", "pagina's"))
    return f"{number} {one if number == 1 else more}"


def _summary(pages: list[Page]) -> str:
    counts = Counter(p.kind for p in pages)
    parts = [_count(n, kind) for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1] if parts else "geen pagina's"


def compare(old: dict[str, Page], new: dict[str, Page]) -> list[str]:
    """The diff report: added, removed (or redirected), changed public pages."""
    public_old = {p for p, page in old.items() if page.public}
    public_new = {p for p, page in new.items() if page.public}
    added = [new[p] for p in new if p in public_new - public_old]
    gone = [old[p] for p in old if p in public_old - public_new]
    redirected = [p for p in gone if p.path in new and new[p.path].kind == "redirect"]
    removed = [p for p in gone if p not in redirected]
    both = [p for p in new if p in public_old & public_new]
    changed = [new[p] for p in both if old[p].content != new[p].content]
    around = [new[p] for p in both if old[p].content == new[p].content and old[p].whole != new[p].whole]
    lines = [f"Deze wijziging verandert {_summary(changed)}." if changed else "Deze wijziging verandert de inhoud van geen enkele pagina.",
             f"Erbij: {_summary(added)}. Weg: {_summary(removed)}. Doorverwezen naar een nieuw adres: {_summary(redirected)}."]
    for title, group in (("Erbij", added), ("Weg (deze adressen geven nu een foutpagina)", removed),
                         ("Doorverwezen", redirected), ("Gewijzigd", changed)):
        if group:
            lines.append(f"\n{title} ({len(group)}):")
            lines += [f"  /{p.path}  ({KIND_NAMES.get(p.kind, ('pagina',))[0]})" for p in group]
    if around:
        lines.append(f"\nAlleen buiten de inhoud gewijzigd (bijvoorbeeld de datum onderaan): {_summary(around)}.")
    return lines


def run_diff(config_path: Path, ref: str) -> int:
    with tempfile.TemporaryDirectory(prefix="wegwijzer-diff-") as work:
        try:
            commit, old = pages_at(ref, config_path, Path(work))
        except DiffError as error:
            print(error, file=sys.stderr)
            return 1
        new = pages_now(config_path)
    print(f"Vergelijking van {ref} ({commit}) met de map zoals hij nu is:")
    print("\n".join(compare(old, new)))
    return 0
