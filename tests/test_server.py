"""`build.py serve`: serves dist/ on 127.0.0.1, rebuilds on change, reloads the browser, survives bad content,
tells the truth about its port and speaks Dutch (issue 8, rows 12 and 13; issue 10.1)."""
from __future__ import annotations

import asyncio
import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from contextlib import contextmanager

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
    """`build.py serve` in a child process, with every line it prints kept in `output`."""

    def __init__(self, config: Path, *arguments: str):
        self.config = config
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "-f", str(config), *arguments],
            cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.port = 0

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))

    def started(self) -> str:
        """Wait for the 'draait op' line; the URL it names."""
        wait_for(lambda: any("draait op" in line for line in self.output) or self.process.poll() is not None)
        url = next(re.search(r"http://\S+", line).group() for line in self.output if "draait op" in line)  # type: ignore[union-attr]
        self.port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
        self.url = f"http://127.0.0.1:{self.port}"
        return url

    def finished(self) -> int:
        code = self.process.wait(timeout=30)
        time.sleep(0.1)  # let the reader take the last lines
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.config.parent / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@contextmanager
def serving_project(config: Path, *arguments: str) -> Iterator[DevServer]:
    server = DevServer(config, *arguments)
    try:
        server.started()
        yield server
    finally:
        server.stop()


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevServer]:
    with serving_project(copy_project(tmp_path / "project"), "--port", str(free_port())) as server:
        wait_for(lambda: _answers(server.url))
        yield server


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


# ---------------------------------------------------------------- hostile requests (issue 8, row 13)


def raw(server: DevServer, method: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_a_path_segment_too_long_for_the_file_system_is_not_found(dev_server: DevServer, length: int) -> None:
    status, _, _ = raw(dev_server, "GET", "/" + "a" * length)
    assert status == 404
    status, _, _ = raw(dev_server, "GET", "/wegwijzer/" + "b" * length + "/index.html")
    assert status == 404
    assert not [line for line in dev_server.output if "Traceback" in line or "Error" in line]


@pytest.mark.parametrize("path", ["/wegwijzer/", "/assets/css/site.css", "/sitemap.xml", "/bestaat-niet/"])
def test_head_answers_with_the_length_get_would_send(dev_server: DevServer, path: str) -> None:
    get_status, _, body = raw(dev_server, "GET", path)
    head_status, headers, head_body = raw(dev_server, "HEAD", path)
    assert head_status == get_status and head_body == b""
    assert int(headers["content-length"]) == len(body) > 0


def handshake(server: DevServer, origin: str) -> int:
    headers = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Origin": origin}
    return raw(server, "GET", "/livereload", headers)[0] if origin else 0


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1", "http://127.0.0.1.evil.example"])
def test_the_reload_channel_refuses_other_origins(dev_server: DevServer, origin: str) -> None:
    assert handshake(dev_server, origin) == 403


def reload_message(server: DevServer, page_path: str, before_connecting: Callable[[], None] = lambda: None,
                   after_connecting: Callable[[], None] = lambda: None) -> dict:
    """The first message the reload channel sends a page at `page_path` that connects as livereload.js does."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def listen() -> dict:
        before_connecting()
        request = HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload", headers={"Origin": server.url})
        connection = await websocket_connect(request)
        connection.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        assert json.loads(await connection.read_message())["command"] == "hello"  # type: ignore[arg-type]
        connection.write_message(json.dumps({"command": "info", "url": server.url + page_path}))
        await asyncio.sleep(0.5)
        after_connecting()
        message = json.loads(await asyncio.wait_for(connection.read_message(), 20))  # type: ignore[arg-type]
        connection.close()
        return message

    # Playwright's synchronous API may hold an event loop in this thread: listen in a thread of its own.
    result: list[dict] = []
    listener = threading.Thread(target=lambda: result.append(asyncio.run(listen())))
    listener.start()
    listener.join(timeout=60)
    [message] = result
    return message


def test_the_reload_channel_tells_the_site_only_to_reload(dev_server: DevServer) -> None:
    """livereload sent the absolute path of each changed file to every page connected."""
    message = reload_message(dev_server, "/", after_connecting=lambda: dev_server.edit(TIP, "## Tips\n", "## Tips\n\nEen wijziging.\n\n"))
    assert message["command"] == "reload" and message["path"] == "/"
    assert str(dev_server.config.parent) not in json.dumps(message)


def test_a_page_that_connects_after_a_rebuild_it_missed_is_reloaded_at_once(dev_server: DevServer) -> None:
    """A save while a page loads (a second save right after the first) finishes before the page listens."""
    fetch(dev_server.url + TIP_PAGE)  # the page as it is now
    tip_page = dev_server.config.parent / "dist" / TIP_PAGE.strip("/") / "index.html"

    def save_and_wait_for_the_rebuild() -> None:
        dev_server.edit(TIP, "## Tips\n", "## Tips\n\nTerwijl de pagina laadt.\n\n")
        wait_for(lambda: "Terwijl de pagina laadt." in tip_page.read_text(encoding="utf-8"))
        wait_for(lambda: sum("Gebouwd" in line for line in dev_server.output) >= 2)

    message = reload_message(dev_server, TIP_PAGE, before_connecting=save_and_wait_for_the_rebuild)
    assert message["command"] == "reload"


def test_forcereload_is_not_open_to_any_page(dev_server: DevServer) -> None:
    assert raw(dev_server, "GET", "/forcereload")[0] == 404


# ---------------------------------------------------------------- the port, the truth (issue 10.1)


def test_a_port_in_use_gives_one_dutch_line_and_no_false_start(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = DevServer(copy_project(tmp_path / "project"), "--port", str(port))
        assert server.finished() == 1
    assert server.output == [f"Poort {port} is al in gebruik. Kies een andere met --port, bijvoorbeeld --port {port + 1} "
                             "(of --port 0 voor een vrije poort)."]


def test_port_zero_serves_on_a_free_port_and_prints_that_one(tmp_path: Path) -> None:
    with serving_project(copy_project(tmp_path / "project"), "--port", "0") as server:
        assert server.port != 0 and listening_addresses(server.port) == {"0100007F"}
        assert fetch(server.url + "/wegwijzer/")[0] == 200
        assert f'<script src="/livereload.js?port={server.port}"></script>' in fetch(server.url + "/")[1]


@pytest.mark.parametrize(("port", "message"), [("99999", "99999 is geen geldige poort"), ("-1", "-1 is geen geldige poort"),
                                               ("acht", "'acht' is geen poortnummer")])
def test_an_impossible_port_is_refused_before_anything_starts(tmp_path: Path, port: str, message: str) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--port", port],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"wegwijzer: bij --port: {message}: kies 1 tot en met 65535, of 0 voor een vrije poort"
                                          if "geldige" in message else f"wegwijzer: bij --port: {message}", "Zie: wegwijzer --help"]


ENGLISH = re.compile(r"Traceback|Serving on|Start watching|Start detecting|Browser Connected|Reload \d|Uncaught|WARNING|"
                     r"ERROR|\d{3} (GET|HEAD|POST) |Running task|Ignore:|Exception|error", re.IGNORECASE)


def test_every_line_the_dev_server_prints_is_dutch(dev_server: DevServer) -> None:
    raw(dev_server, "GET", "/bestaat-niet/")
    raw(dev_server, "POST", "/")
    raw(dev_server, "GET", "/", {"Host": "a:b"})
    handshake(dev_server, "http://evil.example")
    with socket.create_connection(("127.0.0.1", dev_server.port)) as broken:
        broken.sendall(b"GET / HTTP/1.1\r\nHost: \r\nContent-Length: x\r\n\r\n")
        broken.recv(100)
    dev_server.edit(TIP, "answer: standaard", "answer: bestaat-niet")
    wait_for(lambda: any("Build mislukt" in line for line in dev_server.output))
    dev_server.edit(TIP, "answer: bestaat-niet", "answer: standaard")
    wait_for(lambda: sum("Gebouwd" in line for line in dev_server.output) >= 2)
    english = [line for line in dev_server.output if ENGLISH.search(line)]
    assert not english, english
    assert dev_server.output[0].startswith("Gebouwd in ") and "draait op" in dev_server.output[1]


# ---------------------------------------------------------------- under base_url (issue 10.1)


def test_the_dev_server_serves_the_site_under_base_url(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "project")
    config.write_text(config.read_text(encoding="utf-8").replace("base_url: /", "base_url: /inkoop/"), encoding="utf-8")
    with serving_project(config, "--port", "0") as server:
        assert server.started().endswith(f":{server.port}/inkoop/")
        assert fetch(server.url + "/inkoop/wegwijzer/")[0] == 200
        stylesheet = re.search(r'href="(/inkoop/assets/css/site\.[0-9a-f]+\.css)"', fetch(server.url + "/inkoop/")[1])
        assert stylesheet and fetch(server.url + stylesheet.group(1))[0] == 200
        status, headers, _ = raw(server, "GET", "/")
        assert status == 302 and headers["location"] == "/inkoop/"
        assert raw(server, "GET", "/inkoop/wegwijzer")[2] == b"" and raw(server, "GET", "/inkoop/wegwijzer")[1]["location"] == "/inkoop/wegwijzer/"
        assert fetch(server.url + "/wegwijzer/")[0] == 404


# ---------------------------------------------------------------- errors in serve (issue 8, row 12)


def test_a_first_start_with_a_content_error_shows_the_error_in_the_browser(tmp_path: Path) -> None:
    config = copy_project(tmp_path / "project")
    tip = config.parent / TIP
    tip.write_text(tip.read_text(encoding="utf-8").replace("answer: standaard", "answer: bestaat-niet"), encoding="utf-8")
    with serving_project(config, "--port", "0") as server:
        status, page = fetch(server.url + "/wegwijzer/")
        assert status == 503 and "De build is mislukt" in page
        assert f"{TIP}:4: &#x27;bestaat-niet&#x27; is geen antwoord".replace("/", "/<wbr>") in page
        assert '<script src="/livereload.js' in page  # it reloads by itself once the error is fixed
        server.edit(TIP, "answer: bestaat-niet", "answer: standaard")
        wait_for(lambda: fetch(server.url + "/wegwijzer/")[0] == 200)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("<h1>{{ title }}</h1>", "<h1>{{ title }}{{ 1 / 0 }}</h1>", "templates/tip.html:"),
    ("<h1>{{ title }}</h1>", "<h1>{{ title }}</h1>{% include 'partials/bestaat-niet.html' %}", "sjabloon &#x27;partials/bestaat-niet.html&#x27; niet gevonden"),
])
def test_a_template_error_in_serve_names_the_template_and_no_server_path(dev_server: DevServer, old: str, new: str, message: str) -> None:
    dev_server.edit("templates/tip.html", old, new)
    wait_for(lambda: "dev-build-error" in fetch(dev_server.url + TIP_PAGE)[1])
    page = fetch(dev_server.url + TIP_PAGE)[1]
    banner = page[page.index("dev-build-error"):]
    assert message in banner
    assert str(dev_server.config.parent) not in page and "onverwachte fout" not in page
