"""No broken links inside the site: every internal href, src and CSS url() resolves to a file of the build,
and every #fragment to an element id on the target page. The checker is the package's own (wegwijzer/links.py),
which `check` uses too.

Links to the site's own public address (site_url, used in canonical links and the sitemap) are
internal too. The 404 page is served at any address, so its links must work from any depth.
"""
from __future__ import annotations

import re

import pytest

from wegwijzer.links import BuiltSite


def site_of(built, files: dict[str, bytes] | None = None) -> BuiltSite:
    return BuiltSite(files or built.files, built.loaded.config.base_url, built.loaded.config["site_url"])


@pytest.fixture(scope="module")
def site(built) -> BuiltSite:
    return site_of(built)


def test_every_internal_link_resolves_to_a_file_and_fragment(site: BuiltSite) -> None:
    problems = [str(b) for b in site.broken_links()]
    assert not problems, "\n".join(problems)


def test_the_links_checked_include_every_kind(site: BuiltSite) -> None:
    """The checker sees the page links, assets, fragments and canonical links it is meant to check."""
    seen = [url for name in site.files if name.endswith((".html", ".css")) for _, _, url in site.references(name)]
    assert any(u.startswith("#") for u in seen), "no in-page fragment links found"
    assert any(u.endswith(".css") for u in seen) and any(u.endswith(".js") for u in seen), "no stylesheets or scripts found"
    assert any(u.startswith(site.site_url) for u in seen), "no links to the site's own address (canonical) found"
    css = [url for name in site.files if name.endswith(".css") for _, _, url in site.references(name)]
    assert css, "no url() found in the CSS"


def test_sitemap_lists_only_pages_of_the_build(site: BuiltSite) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", site.files["sitemap.xml"].decode("utf-8"))
    missing = [loc for loc in locations if (path := site.internal_path(loc)) is None or site.file_for(path) is None]
    assert locations and not missing, f"sitemap entries without a page: {missing}"


@pytest.mark.parametrize(("url", "reason"), [
    ("/wegwijzer/bestaat-niet/", "de pagina /wegwijzer/bestaat-niet/ bestaat niet"),
    ("#geen-doel", "de plek '#geen-doel' bestaat niet op de pagina zelf"),
    ("../../../assets/css/ontbreekt.css", "de pagina /assets/css/ontbreekt.css bestaat niet"),
    ("{site_url}/checklist/#nergens", "de plek '#nergens' bestaat niet op /checklist/"),
])
def test_a_broken_link_is_reported(built, url: str, reason: str) -> None:
    """The checker itself: a page given one bad link of each kind gets exactly that problem, with file and line."""
    before = {str(b) for b in site_of(built).broken_links()}
    url = url.format(site_url=built.loaded.config["site_url"])
    page = "wegwijzer/complex/index.html"
    files = {**built.files, page: built.files[page].replace(b"</main>", f'<a href="{url}">x</a></main>'.encode())}
    new = {str(b) for b in site_of(built, files).broken_links()} - before
    assert len(new) == 1, new
    problem = new.pop()
    assert problem.startswith(page + ":") and url in problem and reason in problem
