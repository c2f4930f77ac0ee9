#!/usr/bin/env python3
"""The page budget: per page type, the bytes of HTML, CSS and JavaScript a visitor loads and the number of requests.

Run it as `.venv/bin/python benchmarks/budget_report.py`: it builds the site from the current
sources into a temporary folder (dist/ is left alone) and prints the table. tests/test_budgets.py
enforces the limits below with the same measurements.

What a page costs: its own HTML, every stylesheet, script, image and icon it names, and what
those stylesheets load with url() or @import and those scripts with a static import; each
address counted once, as a browser would. Sizes are uncompressed, except the JavaScript budget:
at most 8 KB gzipped (each file compressed on its own, gzip level 6, as a web server sends it)
before the visitor's first interaction. Modules that a script loads later with import() are
listed apart, per page, with their own static imports. 1 KB is 1,000 bytes. JavaScript libraries kept
in assets/js/vendor/ are counted apart from the site's own.

Search has its own budget, gzipped the same way: what the search page loads before it can show its
first result, that is its scripts (libraries included), the index's main file and the largest file of
terms (a one-word query loads one). The texts for the snippets come after the results.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from wegwijzer.urls import SEARCH_PATH, output_file, site_path

if TYPE_CHECKING:
    from wegwijzer.routes import SiteMap

MAX_JS_GZIP = 8_000  # the site's own JavaScript per page before the first interaction, gzipped
MAX_CSS = 30_000
MAX_HTML = 150_000
MAX_SEARCH_FIRST_RESULT = 25_000  # gzipped: scripts and index loaded before the first search result
VENDOR = "assets/js/vendor/"
SEARCH_INDEX = re.compile(r'<link rel="preload" href="([^"]+)"[^>]*data-search-index')  # where search.js finds the index
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload", "prefetch", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# A module's static imports load with it; a dynamic import() loads only when the page asks for it.
# A module specifier is a path or an address ("./x.js", "../lib/dom.js", "/assets/…"), which tells an import
# apart from the word "import" in a string; the site's code uses no bare specifiers.
JS_IMPORT = re.compile(r"""(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?(['"])((?:\.{1,2}/|/|https?:)[^'"]*)\1""")
JS_DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*(['"])((?:\.{1,2}/|/|https?:)[^'"]*)\1\s*\)""")
ORIGIN = "http://site.invalid"  # stands in for the site's own origin while resolving addresses


@dataclass
class PageCost:
    name: str  # the file in the build
    kind: str
    html: int
    css: int = 0
    js: int = 0
    js_gzip: int = 0  # the same scripts, each gzipped
    vendor_js: int = 0  # libraries in assets/js/vendor/, counted apart
    other: int = 0  # images, icons
    requests: int = 1  # the page itself
    resources: list[str] = field(default_factory=list)  # site paths of what it loads
    foreign: list[str] = field(default_factory=list)  # addresses on any other host
    scripts: list[str] = field(default_factory=list)  # site paths of the JavaScript loaded at start, in order
    later: list[str] = field(default_factory=list)  # site paths of the JavaScript loaded with import() when asked for


def gzipped(data: bytes) -> int:
    """Bytes over the wire with gzip (level 6, no timestamp, so the figure is the same every run)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Resources(HTMLParser):
    """The addresses of what a page loads (not where its links go)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, address)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rels = set(a.get("rel", "").lower().split())
        if tag == "link" and rels & LOADED_LINK_RELS and a.get("href"):
            self.found.append(("css" if "stylesheet" in rels else "other", a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag in ("img", "source", "iframe", "embed", "video", "audio", "track", "input") and a.get("src"):
            self.found.append(("other", a["src"]))
        if a.get("srcset"):
            self.found += [("other", c.split()[0]) for c in a["srcset"].split(",") if c.strip()]
        if tag == "video" and a.get("poster"):
            self.found.append(("other", a["poster"]))
        if tag == "object" and a.get("data"):
            self.found.append(("other", a["data"]))


# The report's names for the kinds of route (wegwijzer/routes.py).
KIND_LABELS = {"home": "voorpagina", "question": "vraag", "advice": "advies", "tip": "tip", "tips": "tipoverzicht",
               "activity": "activiteit", "schema": "schema", "checklist": "checklist", "search": "zoeken",
               "page": "inhoudspagina", "own-page": "inhoudspagina", "changes": "wijzigingen", "redirect": "doorverwijzing",
               "not-found": "404"}


def page_url(name: str, base_url: str) -> str:
    return ORIGIN + base_url + site_path(name)


def site_file(url: str, base_url: str) -> str | None:
    """The build file for an address on the site's own origin, or None for another host."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    path = unquote(parts.path)
    return output_file(path[len(base_url):] if path.startswith(base_url) else path.lstrip("/"))


def static_imports(url: str, data: bytes) -> list[str]:
    return [urljoin(url, match.group(2)) for match in JS_IMPORT.finditer(data.decode("utf-8"))]


def dynamic_imports(url: str, data: bytes) -> list[str]:
    return [urljoin(url, match.group(2)) for match in JS_DYNAMIC_IMPORT.finditer(data.decode("utf-8"))]


def measure_page(name: str, kind: str, files: dict[str, bytes], base_url: str) -> PageCost:
    html = files[name]
    cost = PageCost(name, KIND_LABELS[kind], len(html))
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    queue = [(kind, urljoin(page_url(name, base_url), address)) for kind, address in parser.found]
    seen: set[str] = set()
    asked: list[str] = []  # import() targets: loaded later, if the visitor asks
    while queue:
        kind, url = queue.pop(0)
        url = url.split("#")[0]
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        target = site_file(url, base_url)
        if target is None:
            cost.foreign.append(url)
            continue
        cost.requests += 1
        cost.resources.append(target)
        data = files.get(target, b"")
        library = kind == "js" and target.startswith(VENDOR)
        counted = "vendor_js" if library else kind
        setattr(cost, counted, getattr(cost, counted) + len(data))
        if kind == "css":  # what a stylesheet loads is loaded by the page too
            for match in CSS_URL.finditer(data.decode("utf-8")):
                address = match.group(2) or match.group(4)
                queue.append(("css" if match.group(4) else "other", urljoin(url, address.strip())))
        if kind == "js":
            cost.scripts.append(target)
            cost.js_gzip += 0 if library else gzipped(data)
            queue += [("js", address) for address in static_imports(url, data)]
            asked += dynamic_imports(url, data)
    cost.later = later_modules(asked, seen, files, base_url)
    return cost


def later_modules(asked: list[str], loaded: set[str], files: dict[str, bytes], base_url: str) -> list[str]:
    """The modules loaded with import() and what they import in turn, less what the page loaded at start."""
    found: list[str] = []
    queue = list(asked)
    seen = set(loaded)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        target = site_file(url, base_url)
        if target is None:
            continue
        found.append(target)
        data = files.get(target, b"")
        queue += static_imports(url, data) + dynamic_imports(url, data)
    return found


def measure(files: dict[str, bytes], base_url: str, routes: SiteMap) -> list[PageCost]:
    """The cost of every page of a build (file name -> bytes), each named by the kind of its route."""
    return [measure_page(route.output, route.kind, files, base_url) for route in sorted(routes, key=lambda r: r.output)
            if route.is_page]


@dataclass
class SearchCost:
    scripts: dict[str, int]  # build file -> gzipped bytes, for every script the search page loads
    index: int  # the index's main file, gzipped
    largest_terms: tuple[str, int]  # the largest file of terms and its gzipped bytes
    texts: list[int]  # gzipped bytes of each file of snippet texts, loaded after the results

    @property
    def before_first_result(self) -> int:
        return sum(self.scripts.values()) + self.index + self.largest_terms[1]


def measure_search(files: dict[str, bytes], base_url: str, routes: SiteMap) -> SearchCost:
    """What the search page loads before its first result, gzipped, for the worst one-word query."""
    page = next(route.output for route in routes if route.path == SEARCH_PATH)
    scripts = measure_page(page, "search", files, base_url).scripts
    [address] = SEARCH_INDEX.findall(files[page].decode("utf-8"))
    index_file = site_file(urljoin(page_url(page, base_url), address), base_url)
    assert index_file is not None
    folder = index_file.rpartition("/")[0] + "/"
    root = json.loads(files[index_file])
    terms = {name: gzipped(files[folder + name]) for name in root["terms"].values()}
    largest = max(terms.items(), key=lambda item: item[1])
    return SearchCost({name: gzipped(files[name]) for name in scripts}, gzipped(files[index_file]),
                      (folder + largest[0], largest[1]), [gzipped(files[folder + name]) for _, name in root["texts"]])


def search_report(cost: SearchCost) -> str:
    scripts = sum(cost.scripts.values())
    return (f"Zoeken, vóór het eerste resultaat (gzip): {cost.before_first_result:,} bytes, budget ≤ {MAX_SEARCH_FIRST_RESULT:,}\n"
            f"  scripts {scripts:,} ({len(cost.scripts)} bestanden, waarvan bibliotheken "
            f"{sum(v for k, v in cost.scripts.items() if k.startswith(VENDOR)):,}), "
            f"index {cost.index:,}, grootste termenbestand {cost.largest_terms[1]:,} ({cost.largest_terms[0]})\n"
            f"  daarna de teksten voor de fragmenten: {len(cost.texts)} bestanden van {min(cost.texts):,} tot "
            f"{max(cost.texts):,} bytes, samen {sum(cost.texts):,}")


def over_budget(cost: PageCost) -> list[str]:
    problems = []
    for label, value, limit in (("HTML", cost.html, MAX_HTML), ("CSS", cost.css, MAX_CSS), ("JS gzipped", cost.js_gzip, MAX_JS_GZIP)):
        if value > limit:
            problems.append(f"{cost.name}: {label} {value:,} bytes, over the budget of {limit:,}")
    if cost.foreign:
        problems.append(f"{cost.name}: loads from another host: {cost.foreign}")
    return problems


def table(costs: list[PageCost]) -> str:
    """The budget table: per page type the largest page's figures (HTML also the smallest)."""
    order = list(dict.fromkeys(KIND_LABELS.values()))
    kinds = sorted({c.kind for c in costs}, key=lambda k: order.index(k) if k in order else len(order))
    rows = [("paginatype", "pagina's", "HTML (bytes)", "CSS", "JS", "JS gzip", "JS-bibliotheken", "verzoeken", "andere hosts")]
    for kind in kinds:
        group = [c for c in costs if c.kind == kind]
        htmls = [c.html for c in group]
        html = f"{max(htmls):,}" if min(htmls) == max(htmls) else f"{min(htmls):,}–{max(htmls):,}"
        rows.append((kind, str(len(group)), html, f"{max(c.css for c in group):,}", f"{max(c.js for c in group):,}",
                     f"{max(c.js_gzip for c in group):,}", f"{max(c.vendor_js for c in group):,}",
                     str(max(c.requests for c in group)), str(sum(len(c.foreign) for c in group))))
    rows.append(("budget", "", f"≤ {MAX_HTML:,}", f"≤ {MAX_CSS:,}", "", f"≤ {MAX_JS_GZIP:,}", "zie zoeken", "", "0"))
    return aligned(rows)


def aligned(rows: list[tuple[str, ...]]) -> str:
    """Rows as a text table: the first column to the left, the others to the right, a rule under the header."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def module_table(costs: list[PageCost], files: dict[str, bytes]) -> str:
    """Per page type with its own scripts: every module loaded at start and every module loaded later, raw and gzipped."""
    rows = [("paginatype: module", "wanneer", "bytes", "gzip")]
    done: set[tuple[str, ...]] = set()
    for cost in costs:
        key = (*cost.scripts, "|", *cost.later)
        if not cost.scripts or key in done:
            continue
        done.add(key)
        for when, names in (("bij het laden", cost.scripts), ("later (import())", cost.later)):
            rows += [(f"{cost.kind}: {name}", when, f"{len(files[name]):,}", f"{gzipped(files[name]):,}") for name in names]
        rows.append((f"{cost.kind}: samen bij het laden", "", f"{cost.js:,}", f"{cost.js_gzip:,}"))
    return aligned(rows)


def build_copy() -> tuple[dict[str, bytes], str, SiteMap]:
    """Build the current sources into a temporary copy of the project."""
    from project_copy import copied_project
    from wegwijzer.pipeline import build

    with copied_project() as config:
        loaded, written = build(config)
        files = dict(written)  # a build's files are read from its dist/, which goes with the copy
    return files, loaded.config.base_url, loaded.routes


def main() -> int:
    files, base_url, routes = build_copy()
    costs = measure(files, base_url, routes)
    print(table(costs))
    print()
    print(module_table(costs, files))
    search = measure_search(files, base_url, routes)
    print()
    print(search_report(search))
    problems = [p for c in costs for p in over_budget(c)]
    if search.before_first_result > MAX_SEARCH_FIRST_RESULT:
        problems.append(f"zoeken: {search.before_first_result:,} bytes vóór het eerste resultaat, over {MAX_SEARCH_FIRST_RESULT:,}")
    print()
    print("\n".join(problems) if problems else f"Alle {len(costs)} pagina's binnen het budget.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
