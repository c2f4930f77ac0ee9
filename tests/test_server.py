"""`build.py serve`: serves dist/ on 127.0.0.1, rebuilds on change, reloads the browser, survives bad content."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

TIP = "content/tips/fundering-standaard.md"
TIP_PAGE = "/wegwijzer/tips/fundering-standaard/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until `condition()` is true; the dev server rebuilds in the background."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the dev server")


class DevServer:
    def __init__(self, config: Path, port: int, process: subprocess.Popen[str]):
        self.config, self.port, self.process = config, port, process
        self.url = f"http://127.0.0.1:{port}"

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.config.parent / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevServer]:
    config = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "-f", str(config)],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    server = DevServer(config, port, process)
    try:
        wait_for(lambda: _answers(server.url))
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return fetch(url + "/")[0] == 200
    except OSError:
        return False


def listening_addresses(port: int) -> set[str]:
    """Local IPv4/IPv6 addresses listening on `port`, read from the kernel's socket tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_serve_listens_on_loopback_only(dev_server: DevServer) -> None:
    # 0100007F is 127.0.0.1 in the kernel's little-endian hex.
    assert listening_addresses(dev_server.port) == {"0100007F"}


def test_serve_injects_the_reload_script_as_a_file_not_inline(dev_server: DevServer) -> None:
    status, html = fetch(dev_server.url + "/wegwijzer/")
    assert status == 200
    assert f'<script src="/livereload.js?port={dev_server.port}"></script>' in html
    assert "<script>" not in html and '<script type="text/javascript">' not in html
    assert fetch(dev_server.url + "/livereload.js")[0] == 200


@pytest.mark.parametrize("path", ["/../site_config.yaml", "/%2e%2e/site_config.yaml", "/..%2fsite_config.yaml",
                                  "/assets/../../site_config.yaml", "//etc/passwd", "/%2fetc%2fpasswd"])
def test_serve_serves_nothing_outside_dist(dev_server: DevServer, path: str) -> None:
    status, body = fetch(dev_server.url + path)
    assert status == 404
    assert "site_name" not in body and "root:" not in body


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site_on_error(dev_server: DevServer) -> None:
    dev_server.edit(TIP, "## Tips\n", "## Tips\n\nEen tip die net is toegevoegd.\n\n")
    wait_for(lambda: "Een tip die net is toegevoegd." in fetch(dev_server.url + TIP_PAGE)[1])

    dev_server.edit(TIP, "answer: standaard", "answer: bestaat-niet")
    wait_for(lambda: "dev-build-error" in fetch(dev_server.url + TIP_PAGE)[1])
    status, html = fetch(dev_server.url + TIP_PAGE)
    assert status == 200
    assert "Een tip die net is toegevoegd." in html  # the last good build
    assert "content/tips/fundering-standaard.md:4: &#x27;bestaat-niet&#x27; is geen antwoord" in html

    dev_server.edit(TIP, "answer: bestaat-niet", "answer: standaard")
    wait_for(lambda: "dev-build-error" not in fetch(dev_server.url + TIP_PAGE)[1])


def test_the_browser_reloads_by_itself_under_the_content_security_policy(dev_server: DevServer, page) -> None:  # type: ignore[no-untyped-def]
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(dev_server.url + TIP_PAGE)
    page.wait_for_function("() => window.LiveReload !== undefined")
    dev_server.edit(TIP, "## Tips\n", "## Tips\n\nHerladen zonder te klikken.\n\n")
    page.get_by_text("Herladen zonder te klikken.").wait_for(timeout=20000)
    # A second save right after the first must reload the page too (livereload would drop it).
    dev_server.edit(TIP, "Herladen zonder te klikken.", "Nog een keer herladen.")
    page.get_by_text("Nog een keer herladen.").wait_for(timeout=20000)
    assert violations == []
