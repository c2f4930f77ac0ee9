"""No broken links inside the site: every internal href, src and CSS url() resolves to a file of the build,
and every #fragment to an element id on the target page.

Links to the site's own public address (site_url, used in canonical links and the sitemap) are
internal too. The 404 page is served at any address, so its links must work from any depth.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from htmlscan import parse
from wegwijzer.urls import output_file, site_path

URL_ATTRIBUTES = {"href": ("a", "link", "area", "base"), "src": ("script", "img", "source", "iframe", "audio", "video", "track", "embed"),
                  "action": ("form",), "poster": ("video",), "data": ("object",)}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
ORIGIN = "http://site.invalid"  # a stand-in origin to resolve links against; never contacted
DEEP_UNKNOWN = "/bestaat/niet/diep/"  # where the 404 page may be shown


class Site:
    """The build as a web server would serve it."""

    def __init__(self, built) -> None:
        self.files: dict[str, bytes] = built.files
        self.base_url: str = built.loaded.config.base_url
        self.site_url: str = built.loaded.config["site_url"].rstrip("/")
        self._ids: dict[str, set[str]] = {}

    def page_url(self, name: str) -> str:
        """The address a built file is served at."""
        if name == "404.html":
            return ORIGIN + self.base_url.rstrip("/") + DEEP_UNKNOWN
        return ORIGIN + self.base_url + site_path(name)

    def internal_path(self, url: str) -> str | None:
        """The URL path of an internal link (already absolute), or None for another site or scheme."""
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

    def ids(self, name: str) -> set[str]:
        if name not in self._ids:
            doc = parse(self.files[name].decode("utf-8"))
            self._ids[name] = {e.attrs["id"] for e in doc.iter() if "id" in e.attrs}
        return self._ids[name]


def references(name: str, data: bytes) -> Iterator[tuple[int, str]]:
    """(line, URL) of every link in a built HTML or CSS file."""
    text = data.decode("utf-8")
    if name.endswith(".css"):
        for match in CSS_URL.finditer(text):
            url = match.group(2) or match.group(4)
            if not url.startswith("data:"):
                yield text.count("\n", 0, match.start()) + 1, url.strip()
        return
    for element in parse(text).iter():
        for attribute, tags in URL_ATTRIBUTES.items():
            if element.tag in tags and attribute in element.attrs:
                yield element.line, element.attrs[attribute].strip()
        for candidate in element.attrs.get("srcset", "").split(","):
            if candidate.strip():
                yield element.line, candidate.split()[0]


def broken_links(site: Site) -> Iterator[str]:
    for name, data in site.files.items():
        if not name.endswith((".html", ".css")):
            continue
        for line, url in references(name, data):
            absolute = urljoin(site.page_url(name), url)
            path = site.internal_path(absolute)
            if path is None:
                continue
            # A link to the page itself ("#inhoud") stays on it, even on the 404 page that has no address of its own.
            target = name if absolute.split("#")[0] == site.page_url(name) else site.file_for(path)
            fragment = urlsplit(absolute).fragment
            if target is None:
                yield f"{name}:{line}: {url} -> no file in the build"
            elif "#" in url and unquote(fragment) not in site.ids(target):
                yield f"{name}:{line}: {url} -> no id '{fragment}' on {target}"


@pytest.fixture(scope="module")
def site(built) -> Site:
    return Site(built)


def test_every_internal_link_resolves_to_a_file_and_fragment(site: Site) -> None:
    problems = list(broken_links(site))
    assert not problems, "\n".join(problems)


def test_the_links_checked_include_every_kind(site: Site) -> None:
    """The checker sees the page links, assets, fragments and canonical links it is meant to check."""
    seen = [url for name, data in site.files.items() if name.endswith((".html", ".css")) for _, url in references(name, data)]
    assert any(u.startswith("#") for u in seen), "no in-page fragment links found"
    assert any(u.endswith(".css") for u in seen) and any(u.endswith(".js") for u in seen), "no stylesheets or scripts found"
    assert any(u.startswith(site.site_url) for u in seen), "no links to the site's own address (canonical) found"
    css = [url for name, data in site.files.items() if name.endswith(".css") for _, url in references(name, data)]
    assert css, "no url() found in the CSS"


def test_sitemap_lists_only_pages_of_the_build(site: Site) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", site.files["sitemap.xml"].decode("utf-8"))
    missing = [loc for loc in locations if (path := site.internal_path(loc)) is None or site.file_for(path) is None]
    assert locations and not missing, f"sitemap entries without a page: {missing}"


@pytest.mark.parametrize(("url", "reason"), [
    ("/wegwijzer/bestaat-niet/", "no file"),
    ("#geen-doel", "no id"),
    ("../../../assets/css/ontbreekt.css", "no file"),
    ("{site_url}/checklist/#nergens", "no id"),
])
def test_a_broken_link_is_reported(built, url: str, reason: str) -> None:
    """The checker itself: a page given one bad link of each kind gets exactly that problem, with file and line."""
    site = Site(built)
    before = set(broken_links(site))
    url = url.format(site_url=site.site_url)
    page = "wegwijzer/complex/index.html"
    site.files = {**built.files, page: built.files[page].replace(b"</main>", f'<a href="{url}">x</a></main>'.encode())}
    new = set(broken_links(site)) - before
    assert len(new) == 1, new
    problem = new.pop()
    assert problem.startswith(page + ":") and url in problem and reason in problem
