"""Shared fixtures: a copy of the project, the real build, a real HTTP server on 127.0.0.1, a real Chromium."""
from __future__ import annotations

import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from wegwijzer.assets import read_assets
from wegwijzer.cache import Cache
from wegwijzer.problems import Problems
from wegwijzer.pipeline import Loaded, build, published_assets
from wegwijzer.server import DistApp
from wegwijzer.urls import ASSETS_PATH, output_file

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PROJECT_PARTS = ("content", "templates", "assets", "site_config.yaml")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@cache
def published_assets_of_repo() -> dict[str, str]:
    """The hashed name of each file of assets/ as the build publishes it (the same sources give the same names)."""
    return read_assets(ROOT / "assets", Problems(ROOT), Cache(None)).names


def asset_url(name: str) -> str:
    """The site path of an asset by its name in assets/ ('js/checklist/core.js'), for a site built at '/'."""
    return "/" + ASSETS_PATH + published_assets_of_repo()[name]


def copy_project(target: Path) -> Path:
    """A private copy of the project's inputs, so a test can break them without touching the repo."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target / "site_config.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Path to site_config.yaml of a fresh copy of the project."""
    return copy_project(tmp_path / "project")


@dataclass(frozen=True)
class Built:
    loaded: Loaded
    files: dict[str, bytes]
    dist: Path

    def html(self, site_path: str) -> str:
        """The HTML served at a site path such as 'wegwijzer/complex/'."""
        return self.files[output_file(site_path)].decode("utf-8")

    def pages(self) -> dict[str, str]:
        return {name: data.decode("utf-8") for name, data in self.files.items() if name.endswith(".html")}

    @cached_property
    def asset_names(self) -> dict[str, str]:
        return published_assets(self.loaded).names

    def asset(self, name: str) -> str:
        """The build file of an asset by its name in assets/ ('css/site.css' -> 'assets/css/site.3f9a1c0.css')."""
        return ASSETS_PATH + self.asset_names[name]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real site, built once from the real content into a temporary dist/."""
    config = copy_project(tmp_path_factory.mktemp("site") / "project")
    loaded, files = build(config)
    return Built(loaded, files, loaded.config.dir("output_dir"))


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(dist: Path) -> Iterator[str]:
    """Serve a built dist/ over HTTP on 127.0.0.1 (a free port); yield its base URL."""
    httpd = make_server("127.0.0.1", 0, DistApp(dist), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(built: Built) -> Iterator[str]:
    """Base URL of the built site served over HTTP on 127.0.0.1."""
    with serving(built.dist) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def new_page(browser: object, request: pytest.FixtureRequest, **options: object) -> Iterator[object]:
    context = browser.new_context(**options)  # type: ignore[attr-defined]
    page = context.new_page()
    outside: list[str] = []
    # No request may leave 127.0.0.1: record any that tries, and refuse it.
    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]
    context.route("**/*", guard)
    page.outside_requests = outside  # type: ignore[attr-defined]
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace(":", "_")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a screenshot must never hide the real failure
            pass
    context.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A desktop page with JavaScript on."""
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900})


@pytest.fixture
def page_nojs(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    yield from new_page(browser, request, viewport={"width": 1280, "height": 900}, java_script_enabled=False)


@pytest.fixture
def phone(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    yield from new_page(browser, request, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
