"""Any path, any host: --base-url takes a path or an absolute URL, overrides site_config.yaml, and every
address the build writes follows it (links, assets, canonical, sitemap, robots.txt, security.txt, _headers,
the search index, the data-base the scripts read). Bad values get a Dutch message, never a traceback."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from htmlscan import parse
from site_inputs import combinations, step_path
from wegwijzer.cli import main
from wegwijzer.pipeline import build
from wegwijzer.urls import PublicAddress, UnknownAsset, Urls, parse_public_address

URL_ATTRIBUTES = ("href", "src", "action", "data-base")


@pytest.mark.parametrize(("given", "expected"), [
    ("/", PublicAddress("/")),
    ("/tools/wegwijzer/", PublicAddress("/tools/wegwijzer/")),
    ("/tools/wegwijzer", PublicAddress("/tools/wegwijzer/")),
    ("https://www.example.nl/tools/wegwijzer/", PublicAddress("/tools/wegwijzer/", "https://www.example.nl")),
    ("https://WWW.Example.nl", PublicAddress("/", "https://www.example.nl")),
    ("http://127.0.0.1:8080/a/", PublicAddress("/a/", "http://127.0.0.1:8080")),
])
def test_a_path_or_an_absolute_url_gives_base_url_and_site_url(given: str, expected: PublicAddress) -> None:
    assert parse_public_address(given) == expected


@pytest.mark.parametrize(("given", "message"), [
    ("tools/wegwijzer/", "een pad begint met '/'"),
    ("/tools//wegwijzer/", "'' kan geen deel van het pad zijn"),
    ("/a/../b/", "'..' kan geen deel van het pad zijn"),
    ("/met spatie/", "'met spatie' kan geen deel van het pad zijn"),
    ('/a"b/', "kan geen deel van het pad zijn"),
    ("ftp://example.nl/", "geen volledig http(s)-adres"),
    ("https:///pad/", "geen volledig http(s)-adres"),
    ("https://example.nl/?x=1", "'?', '#' of een gebruikersnaam"),
    ("https://iemand@example.nl/", "'?', '#' of een gebruikersnaam"),
])
def test_a_bad_base_url_is_refused_by_the_command_line_in_dutch(project: Path, given: str, message: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", "-f", str(project), "--base-url", given])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--base-url" in err and message in err and "Traceback" not in err
    assert not (project.parent / "dist").exists()


def test_urls_name_assets_by_their_hashed_names_only() -> None:
    urls = Urls("/x/", "https://example.nl").with_assets({"css/site.css": "css/site.0123abcd.css"})
    assert urls.asset("css/site.css") == "/x/assets/css/site.0123abcd.css"
    with pytest.raises(UnknownAsset):
        urls.asset("css/bestaat-niet.css")


def addresses(html: str) -> list[str]:
    return [e.attrs[a] for e in parse(html).iter() for a in URL_ATTRIBUTES if a in e.attrs]


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The site built for https://www.example.nl/tools/wegwijzer/, given on the command line only."""
    from conftest import copy_project

    config = copy_project(tmp_path_factory.mktemp("elsewhere") / "project")
    assert main(["build", "-f", str(config), "--base-url", "https://www.example.nl/tools/wegwijzer/"]) == 0
    dist = config.parent / "dist"
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in dist.rglob("*") if p.is_file()}


def test_every_address_in_every_page_follows_the_base_url(elsewhere: dict[str, bytes]) -> None:
    pages = {name: data.decode("utf-8") for name, data in elsewhere.items() if name.endswith(".html")}
    wrong = [f"{name}: {address}" for name, html in pages.items() for address in addresses(html)
             if address.startswith("/") and not address.startswith("/tools/wegwijzer/")
             or address.startswith("http") and "example.nl" in address
             and not address.startswith("https://www.example.nl/tools/wegwijzer/")]
    assert not wrong, "\n".join(wrong[:20])
    assert sum(len(addresses(html)) for html in pages.values()) > 5000


def test_canonical_sitemap_robots_and_security_txt_name_the_new_host(elsewhere: dict[str, bytes]) -> None:
    site = "https://www.example.nl/tools/wegwijzer/"
    advice = elsewhere["index.html"].decode()
    assert f'<link rel="canonical" href="{site}">' in advice
    locations = re.findall(r"<loc>([^<]+)</loc>", elsewhere["sitemap.xml"].decode())
    assert f"{site}{step_path(combinations()[0])}" in locations and all(loc.startswith(site) for loc in locations)
    assert f"Sitemap: {site}sitemap.xml" in elsewhere["robots.txt"].decode()
    assert f"Canonical: {site}.well-known/security.txt" in elsewhere[".well-known/security.txt"].decode()


def test_headers_search_index_and_scripts_follow_the_base_url(elsewhere: dict[str, bytes]) -> None:
    patterns = [line for line in elsewhere["_headers"].decode().splitlines() if line.startswith("/")]
    assert "/tools/wegwijzer/assets/*" in patterns and all(p.startswith("/tools/wegwijzer/") for p in patterns)
    search = parse(elsewhere["zoeken/index.html"].decode())
    [holder] = [e for e in search.iter() if "data-search-index" in e.attrs]
    index = holder.attrs["href"]
    assert index.startswith("/tools/wegwijzer/assets/search/index.")
    assert search.find_all("body")[0].attrs["data-base"] == "/tools/wegwijzer/"
    # The index names pages by site path; the page's script puts data-base before them.
    stored = json.loads(elsewhere[index.removeprefix("/tools/wegwijzer/")])["minisearch"]["storedFields"]
    assert stored and all(not doc["url"].startswith("/") for doc in stored.values())


def test_the_option_overrides_site_config_and_check_takes_it_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, files = build(project, parse_public_address("/inkoop/"))
    assert 'href="/inkoop/wegwijzer/"' in files["index.html"].decode()
    assert main(["check", "-f", str(project), "--base-url", "/inkoop/"]) == 0
    assert "Alles in orde" in capsys.readouterr().out
