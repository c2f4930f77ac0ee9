"""Links: where the content links to (file and line), and whether every link inside the built site works.

The built site is checked as a web server serves it: every internal href, src and CSS url()
must reach a file of the build, every #fragment an id on the target page, every image a file.
A broken link is then traced back to the content file and line that wrote it, so that `check`
tells an editor where to fix it; links that no content file wrote come from a template.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .config import SiteConfig
from .content import link_targets
from .problems import Problems
from .routes import SiteMap
from .sources import LineFinder, blank_comments, read_text
from .urls import ASSETS_PATH, output_file, site_path

URL_ATTRIBUTES = {"href": ("a", "link", "area", "base"), "src": ("script", "img", "source", "iframe", "audio", "video", "track", "embed"),
                  "action": ("form",), "poster": ("video",), "data": ("object",)}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
ORIGIN = "http://site.invalid"  # a stand-in origin to resolve links against; never contacted
DEEP_UNKNOWN = "bestaat/niet/diep/"  # where the 404 page may be shown: its links must work from any depth
CONTENT_SUFFIXES = (".md", ".yaml", ".yml")


# --- where the content links to ---


@dataclass(frozen=True)
class Location:
    path: Path
    line: int


def content_links(path: Path, text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every Markdown or HTML link and image in a content file, outside editors' comments."""
    blanked = blank_comments(text)
    line_of = LineFinder(blanked, 1)
    for offset, target in link_targets(blanked):
        yield line_of(offset), target.strip()


def link_locations(files: list[Path], suffixes: tuple[str, ...] = CONTENT_SUFFIXES) -> dict[str, list[Location]]:
    """Every link target of these files (content, by default) -> where it is written, in file order.
    Read as every source is (`sources.read_text`): no link out of the project, no FIFO, no huge file;
    a file that cannot be read has no links here (`check` names it)."""
    found: dict[str, list[Location]] = {}
    for path in files:
        text = read_text(path, Problems(path.parent)) if path.suffix in suffixes else None
        for line, target in content_links(path, text or ""):
            found.setdefault(target, []).append(Location(path, line))
    return found


# --- the built site ---


class _Scanner(HTMLParser):
    """The links (line, tag, attribute, URL) and the ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str]] = []  # (line, tag, URL)
        self.ids: set[str] = set()
        self.images_without_text: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            self.ids.add(a["id"])
        for attribute, tags in URL_ATTRIBUTES.items():
            if tag in tags and attribute in a:
                self.links.append((line, tag, a[attribute].strip()))
        for candidate in a.get("srcset", "").split(","):
            if candidate.strip():
                self.links.append((line, tag, candidate.split()[0]))
        if tag == "img" and not a.get("alt", "").strip():
            self.images_without_text.append((line, a.get("src", "")))


@dataclass(frozen=True)
class BrokenLink:
    file: str  # the file of the build that has the link
    line: int
    url: str  # as written in the built file
    reason: str  # in Dutch, for editors
    kind: str = "missing"  # "missing" (no such page or file), "fragment", "foreign-image" or "no-alt"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.url} -> {self.reason}"


class BuiltSite:
    """The files of a build as a web server serves them under base_url."""

    def __init__(self, files: dict[str, bytes], base_url: str, site_url: str, assets: Mapping[str, str] | None = None):
        self.files = files
        self.base_url = base_url
        self.site_url = site_url.rstrip("/")
        # The address of each hashed asset -> the path content writes for it ('/assets/img/schema.png').
        self.written_assets = {base_url + ASSETS_PATH + hashed: "/" + ASSETS_PATH + name for name, hashed in (assets or {}).items()}
        self._scans: dict[str, _Scanner] = {}

    def scan(self, name: str) -> _Scanner:
        if name not in self._scans:
            scanner = _Scanner()
            scanner.feed(self.files[name].decode("utf-8"))
            scanner.close()
            self._scans[name] = scanner
        return self._scans[name]

    def page_url(self, name: str) -> str:
        """The address a built file is served at (the 404 page: somewhere deep)."""
        return ORIGIN + self.base_url + (DEEP_UNKNOWN if name == "404.html" else site_path(name))

    def internal_path(self, url: str) -> str | None:
        """The URL path of an absolute link on this site, or None for another site or scheme."""
        if url.startswith(self.site_url + "/") or url == self.site_url:
            url = ORIGIN + url[len(self.site_url):]
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            return None
        return unquote(parts.path) or "/"

    def file_for(self, path: str) -> str | None:
        """The build file served at a URL path, or None."""
        if not path.startswith(self.base_url):
            return None
        name = output_file(path[len(self.base_url):])
        return name if name in self.files else None

    def references(self, name: str) -> Iterator[tuple[int, str, str]]:
        """(line, tag, URL) of every link in a built HTML or CSS file."""
        if name.endswith(".css"):
            text = self.files[name].decode("utf-8")
            for match in CSS_URL.finditer(text):
                url = match.group(2) or match.group(4)
                if not url.startswith("data:"):
                    yield text.count("\n", 0, match.start()) + 1, "css", url.strip()
            return
        yield from self.scan(name).links

    def broken_links(self) -> Iterator[BrokenLink]:
        for name in sorted(self.files):
            if not name.endswith((".html", ".css")):
                continue
            for line, tag, url in self.references(name):
                found = self._why_broken(name, tag, url)
                if found:
                    yield BrokenLink(name, line, url, *found)
            if name.endswith(".html"):
                for line, src in self.scan(name).images_without_text:
                    yield BrokenLink(name, line, src, "de afbeelding heeft geen beschrijving (alt-tekst): "
                                                      "schrijf wat erop staat tussen de haken: ![beschrijving](...)", "no-alt")

    def _why_broken(self, name: str, tag: str, url: str) -> tuple[str, str] | None:
        """(reason, kind) when the link does not work."""
        absolute = urljoin(self.page_url(name), url)
        path = self.internal_path(absolute)
        if path is None:
            if tag == "img":
                return "afbeeldingen moeten op deze site staan (in assets/): een afbeelding van een andere site laadt niet", "foreign-image"
            return None
        # A link to the page itself ("#inhoud") stays on it, even on the 404 page that has no address of its own.
        target = name if absolute.split("#")[0] == self.page_url(name) else self.file_for(path)
        fragment = unquote(urlsplit(absolute).fragment)
        if target is None:
            what = "de afbeelding" if tag == "img" else "het bestand" if tag in ("script", "link", "css") else "de pagina"
            return f"{what} {path} bestaat niet{self._closest_path(path)}", "missing"
        if "#" in url and fragment not in self.scan(target).ids:
            close = difflib.get_close_matches(fragment, sorted(self.scan(target).ids), n=1)
            hint = f"; bedoelt u '#{close[0]}'?" if close else ""
            page = "de pagina zelf" if url.startswith("#") else self.base_url + site_path(target)
            return f"de plek '#{fragment}' bestaat niet op {page}{hint}", "fragment"
        return None

    def _closest_path(self, path: str) -> str:
        known = [self.base_url + site_path(n) for n in self.files if n.endswith(".html") and n != "404.html"]
        close = difflib.get_close_matches(path, sorted(known), n=1, cutoff=0.75)
        return f"; bedoelt u '{close[0]}'?" if close else ""


def report_broken_links(site: BuiltSite, routes: SiteMap, config: SiteConfig, problems: Problems,
                        keep: Callable[[BrokenLink, str], bool] = lambda broken, written: True) -> None:
    """Add a problem per broken link, at the content file and line that wrote it; else where the page comes from.

    `keep(broken, as_written)` may pass over links that are not sure to be broken."""
    by_output = routes.by_output()
    locations = link_locations(sorted({p for route in routes for p in route.sources}))
    reported: set[tuple[Path, int | None, str]] = set()

    def add(path: Path, line: int | None, message: str) -> None:
        if (path, line, message) not in reported:
            reported.add((path, line, message))
            problems.add(path, line, message)

    for broken in site.broken_links():
        route = by_output.get(broken.file)
        written = site.written_assets.get(broken.url) or _as_written(broken.url, site.base_url)
        if not keep(broken, written):
            continue
        places = [loc for loc in locations.get(written, []) if route and loc.path in route.sources]
        for place in places:
            add(place.path, place.line, f"de link '{written}' werkt niet: {broken.reason}")
        if not places:
            made_by = (config.dir("templates_dir") / route.template if route
                       else config.dir("assets_dir") / broken.file.removeprefix("assets/"))
            add(made_by, None, f"de link '{broken.url}' op {broken.file} werkt niet: {broken.reason}")


def _as_written(url: str, base_url: str) -> str:
    """How content wrote a link that the build turned into `url`: site paths lose the base_url again."""
    return "/" + url[len(base_url):] if url.startswith(base_url) and base_url != "/" else url
