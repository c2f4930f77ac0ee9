"""The built site under a sub-path behind a real nginx (Debian's, with its Brotli static module), configured
with docs/nginx.conf as a publisher would use it: every link, asset, script import and search file answers,
the headers are those of wegwijzer/headers.py, a browser that accepts Brotli gets the .br and one that
accepts gzip the .gz, and the wizard, the checklist and search work in Chromium there.

nginx runs from the test, on 127.0.0.1, as whoever runs the tests: one process (master_process off), its
pid file, logs and temporary folders in a temporary folder. scripts/setup installs nginx; if it is missing
the test fails rather than skip.
"""
from __future__ import annotations

import gzip
import http.client
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import brotli
import pytest
from playwright.sync_api import Page, expect

import site_inputs
from conftest import ROOT, copy_project
from htmlscan import parse
from wegwijzer.assets import CSS_REFERENCE, JS_SPECIFIER
from wegwijzer.cli import main
from wegwijzer.headers import CACHE_ASSETS, CACHE_PAGES, SECURITY_HEADERS

BASE = "/tools/wegwijzer/"  # the path docs/nginx.conf is written for
EXAMPLE = ROOT / "docs" / "nginx.conf"
NGINX = Path("/usr/sbin/nginx")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
LINK_ATTRIBUTES = ("href", "src", "action")


def rename_answer(content: Path, old: str, new: str) -> None:
    """An answer renamed the way content/README.md says, keeping its old slug: the build then writes redirects."""
    table = content / "wegwijzer.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace(f"      - slug: {old}\n",
                     f"      - slug: {new}\n        former_slugs: [{old}]\n"), encoding="utf-8")
    for path in [*content.glob("tips/*.md"), *content.glob("pages/*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"^(\s*(?:answer|\w+): ){old}$", rf"\g<1>{new}", text, flags=re.M), encoding="utf-8")


def redirects(dist: Path) -> dict[str, str]:
    """Old address -> new one, as the build wrote them for Netlify (dist/_redirects)."""
    lines = (dist / "_redirects").read_text(encoding="utf-8").splitlines()
    return {parts[0]: parts[1] for parts in (line.split() for line in lines if line.startswith("/"))}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main_config(folder: Path, site: Path) -> str:
    """nginx.conf for a test: everything nginx writes stays in `folder`."""
    return f"""daemon off;
master_process off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
load_module {BROTLI_MODULE};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(address of nginx, dist/) for the site built with --base-url /tools/wegwijzer/ and served by docs/nginx.conf."""
    missing = [str(p) for p in (NGINX, BROTLI_MODULE) if not p.exists()]
    if missing:
        pytest.fail(f"missing {missing}: scripts/setup --test installs nginx and libnginx-mod-http-brotli-static")
    folder = tmp_path_factory.mktemp("nginx")
    config = copy_project(folder / "project")
    rename_answer(config.parent / "content", "complex", "uniek")
    assert main(["build", "-f", str(config), "--base-url", BASE]) == 0
    dist = config.parent / "dist"
    port = free_port()
    example = EXAMPLE.read_text(encoding="utf-8")
    assert example.count("listen 80;") == 1 and example.count("/srv/wegwijzer/dist/") == 2  # alias and include
    (folder / "site.conf").write_text(example.replace("listen 80;", f"listen 127.0.0.1:{port};")
                                      .replace("/srv/wegwijzer/dist/", f"{dist}/"), encoding="utf-8")
    (folder / "nginx.conf").write_text(main_config(folder, folder / "site.conf"), encoding="utf-8")
    server = subprocess.Popen([str(NGINX), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.communicate(timeout=5)[0].decode(errors="replace")
                    log = (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start: {output}\n{log}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", dist
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(address: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host = urlsplit(address).netloc
    connection = http.client.HTTPConnection(host, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def references(path: str, content_type: str, body: bytes) -> list[str]:
    """The addresses a file names: links, assets and forms in HTML, url() in CSS, imports in JavaScript,
    the files the search index names."""
    text = body.decode("utf-8")
    if content_type.startswith("text/html"):
        found = [e.attrs[a] for e in parse(text).iter() for a in LINK_ATTRIBUTES if a in e.attrs]
    elif content_type.startswith("text/css"):
        found = [m.group(2) or m.group(4) for m in CSS_REFERENCE.finditer(text)]
    elif "javascript" in content_type:
        found = [m.group(2) for m in JS_SPECIFIER.finditer(text) if m.group(2).startswith(("./", "../"))]
    elif content_type.startswith("application/json") and "/assets/search/index." in path:
        index = json.loads(text)
        found = [*index["terms"].values(), *(name for _, name in index["texts"])]
    else:
        found = []
    return [urljoin(path, address) for address in found]


def test_every_address_of_the_site_answers_behind_nginx(site: tuple[str, Path]) -> None:
    """A crawl from the home page: every page, asset, module, index file and form target it reaches answers 200."""
    address, dist = site
    seen: dict[str, int] = {}
    queue = [BASE]
    while queue:
        path = urlsplit(queue.pop()).path
        if path in seen or not path.startswith(BASE):
            continue  # another site, or the site's public address (canonical links)
        status, headers, body = get(address, path)
        seen[path] = status
        if status == 200:
            queue += references(path, headers["content-type"], body)
    broken = {path: status for path, status in seen.items() if status != 200}
    assert not broken
    pages = {BASE + p.relative_to(dist).as_posix().removesuffix("index.html") for p in dist.rglob("index.html")}
    pages -= set(redirects(dist))  # old addresses: nothing links to them any more
    assert pages <= set(seen), f"pages no link reaches: {sorted(pages - set(seen))[:5]}"
    assert any("/assets/search/terms-" in p for p in seen) and any("/assets/js/vendor/minisearch." in p for p in seen)


def test_the_headers_are_those_of_the_site(site: tuple[str, Path]) -> None:
    address, dist = site
    css = next((dist / "assets" / "css").glob("site.*.css")).name
    for path, cache in ((BASE, CACHE_PAGES), (BASE + "wegwijzer/", CACHE_PAGES), (BASE + f"assets/css/{css}", CACHE_ASSETS),
                        (BASE + "bestaat-niet/", CACHE_PAGES)):
        _, headers, _ = get(address, path)
        assert headers["cache-control"] == cache, path
        assert {name: headers[name.lower()] for name in SECURITY_HEADERS} == SECURITY_HEADERS, path


def test_the_example_config_carries_the_headers_of_headers_py() -> None:
    """nginx forgets an outer add_header in a block with its own: the list is there for pages and for assets."""
    example = EXAMPLE.read_text(encoding="utf-8")
    added = re.findall(r'add_header ([\w-]+) "([^"]*)" always;', example)
    for name, value in SECURITY_HEADERS.items():
        assert added.count((name, value)) == 2, name
    assert [value for name, value in added if name == "Cache-Control"] == [CACHE_PAGES, CACHE_ASSETS]
    assert len(added) == 2 * (len(SECURITY_HEADERS) + 1)


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("", None)])
def test_a_browser_gets_the_brotli_or_gzip_copy_it_accepts(site: tuple[str, Path], accept: str, encoding: str | None) -> None:
    address, dist = site
    script = next((dist / "assets" / "js").glob("site.*.js"))
    for path, file in ((BASE, dist / "index.html"), (BASE + f"assets/js/{script.name}", script)):
        _, headers, body = get(address, path, {"Accept-Encoding": accept} if accept else {})
        assert headers.get("content-encoding") == encoding, path
        assert headers.get("vary") == "Accept-Encoding" or encoding is None
        unpacked = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda data: data}[encoding](body)
        assert unpacked == file.read_bytes()
        if encoding:
            assert body == Path(f"{file}.{'br' if encoding == 'br' else 'gz'}").read_bytes()  # the copy from the build


def test_old_addresses_redirect_with_their_query(site: tuple[str, Path]) -> None:
    """The build's nginx-redirects.conf, included by docs/nginx.conf: a 301 for every old address."""
    address, dist = site
    moved = redirects(dist)
    assert len(moved) > 10 and all(old.startswith(BASE) and new.startswith(BASE) for old, new in moved.items())
    for old, new in list(moved.items())[:5]:
        status, headers, _ = get(address, old + "?van=test")
        assert (status, headers["location"]) == (301, new + "?van=test"), old
        assert get(address, new)[0] == 200


def test_the_path_without_slash_and_unknown_pages(site: tuple[str, Path]) -> None:
    address, _ = site
    status, headers, _ = get(address, BASE.rstrip("/"))
    assert status == 301 and headers["location"] == BASE
    status, headers, _ = get(address, BASE + "checklist")
    assert status == 301 and headers["location"] == BASE + "checklist/"
    status, _, body = get(address, BASE + "bestaat/niet/")
    assert status == 404 and "Pagina niet gevonden" in body.decode()
    assert f'href="{BASE}assets/css/site.' in body.decode()  # its stylesheet works at any depth


# --- in Chromium, under the sub-path -----------------------------------------------------------------


def watch(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


@pytest.mark.browser
def test_walking_the_wizard_under_the_sub_path(site: tuple[str, Path], page: Page) -> None:
    address, _ = site
    errors = watch(page)
    page.goto(f"{address}{BASE}wegwijzer/")
    slugs: list[str] = []
    for question in site_inputs.questions():
        expect(page.locator("main h1")).to_have_text(question.text)
        page.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Verder").click()
        slugs.append(question.answers[0]["slug"])
        page.wait_for_url(f"{address}{BASE}{site_inputs.step_path(slugs)}")
    cells = [code.lower() for code in site_inputs.expected_cells(tuple(slugs))]  # the advice for these answers
    expect(page.locator("article.cell")).to_have_count(len(cells))
    assert page.locator("article.cell").evaluate_all("cells => cells.map((c) => c.id)") == cells
    page.reload()  # the permalink works as a fresh request under the sub-path too
    expect(page.locator("article.cell")).to_have_count(len(cells))
    assert errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_the_checklist_under_the_sub_path(site: tuple[str, Path], page: Page) -> None:
    address, _ = site
    errors = watch(page)
    page.goto(f"{address}{BASE}checklist/")
    themes = page.locator("[data-theme]")
    for index in range(themes.count()):
        themes.nth(index).locator("input[type=radio]").first.check()
    expect(page.locator("[data-results]")).to_be_visible()
    assert errors == [] and page.outside_requests == []


@pytest.mark.browser
def test_searching_from_the_header_under_the_sub_path(site: tuple[str, Path], page: Page) -> None:
    address, _ = site
    errors = watch(page)
    page.goto(f"{address}{BASE}")
    page.locator("#zoek-kop").fill("aanbestedingen")
    page.locator("#zoek-kop").press("Enter")
    page.wait_for_url(f"{address}{BASE}zoeken/?q={quote('aanbestedingen')}")
    expect(page.locator("[data-search-status]")).to_contain_text("resultaten voor “aanbestedingen”")
    expect(page.locator(".search__snippet mark").first).to_be_visible()
    hrefs = page.locator(".search__link").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(BASE) for h in hrefs)
    page.locator(".search__link").first.click()
    page.wait_for_url(re.compile(re.escape(f"{address}{hrefs[0].split('#')[0]}")))
    expect(page.locator("main h1")).to_be_visible()
    assert errors == [] and page.outside_requests == []
