"""`links`: external links checked against a local server on 127.0.0.1 that answers 200, 301, 404, 500,
slowly and not at all; never the internet."""
from __future__ import annotations

import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from wegwijzer.cli import main
from wegwijzer.linkcheck import CACHE_FILE, Settings, check_url, check_urls

FAST = Settings(timeout=0.5, retries=2, backoff=0.05, workers=4, user_agent="Wegwijzer-linkcontrole/1.0 (test)")


class Remote(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[tuple[str, str]] = Counter()  # (method, path)
        self.agents: set[str] = set()
        self.busy = 0
        self.most_busy = 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class Handler(BaseHTTPRequestHandler):
    server: Remote

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, status: int, **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def handle_one(self) -> None:
        remote, path = self.server, self.path
        with remote.lock:
            remote.hits[(self.command, path)] += 1
            remote.agents.add(self.headers.get("User-Agent", ""))
            remote.busy += 1
            remote.most_busy = max(remote.most_busy, remote.busy)
            hits = remote.hits[(self.command, path)]
        try:
            if path == "/ok":
                self.answer(200)
            elif path == "/moved":
                self.answer(301, Location="/ok")
            elif path == "/elders":
                self.answer(302, Location="/ok")
            elif path == "/missing":
                self.answer(404)
            elif path == "/error":
                self.answer(500)
            elif path == "/flaky":
                self.answer(503 if hits == 1 else 200)
            elif path == "/no-head":
                self.answer(405 if self.command == "HEAD" else 200)
            elif path == "/forbidden":
                self.answer(403)
            elif path.startswith("/slow"):
                time.sleep(0.2)
                self.answer(200)
            elif path == "/silent":
                time.sleep(3)  # longer than any timeout here: no answer at all
            elif path == "/loop":
                self.answer(302, Location="/loop")
        finally:
            with remote.lock:
                remote.busy -= 1

    do_HEAD = do_GET = handle_one


@pytest.fixture
def remote() -> Iterator[Remote]:
    server = Remote()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to another host than 127.0.0.1 fails the test instead of reaching the internet."""
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        assert address[0] == "127.0.0.1", f"the link check tried to reach {address[0]}"
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", guarded)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.mark.parametrize(("path", "outcome", "detail"), [
    ("/ok", "ok", "200"),
    ("/elders", "ok", "200"),  # a temporary redirect is not a move
    ("/no-head", "ok", "200"),  # HEAD refused, GET answers
    ("/flaky", "ok", "200"),  # a 503 once, then fine: the retry finds it
    ("/slow", "ok", "200"),
    ("/missing", "kapot", "404 (niet gevonden)"),
    ("/error", "kapot", "500"),
    ("/silent", "kapot", "geen antwoord binnen de tijd"),
    ("/loop", "kapot", "meer dan 5 doorverwijzingen"),
    ("/forbidden", "geweigerd", "403: de server wil niet antwoorden aan een controleprogramma"),
])
def test_each_answer_is_judged(remote: Remote, path: str, outcome: str, detail: str) -> None:
    result = check_url(remote.url + path, FAST)
    assert (result.outcome, result.detail) == (outcome, detail)


def test_a_permanent_redirect_is_reported_as_moved_with_its_new_address(remote: Remote) -> None:
    result = check_url(remote.url + "/moved", FAST)
    assert (result.outcome, result.moved_to) == ("verhuisd", remote.url + "/ok")


def test_no_server_at_all_is_dead(remote: Remote) -> None:
    result = check_url(f"http://127.0.0.1:{closed_port()}/", FAST)
    assert result.outcome == "kapot" and result.detail.startswith("geen verbinding")


def test_head_comes_first_then_get_and_failures_that_may_pass_are_retried(remote: Remote) -> None:
    check_url(remote.url + "/ok", FAST)
    assert remote.hits[("HEAD", "/ok")] == 1 and remote.hits[("GET", "/ok")] == 0
    check_url(remote.url + "/missing", FAST)
    assert remote.hits[("HEAD", "/missing")] == 1 and remote.hits[("GET", "/missing")] == 1  # a 404 is not retried
    started = time.perf_counter()
    check_url(remote.url + "/error", FAST)
    assert remote.hits[("HEAD", "/error")] == 3 and remote.hits[("GET", "/error")] == 3  # 1 + 2 retries each
    assert time.perf_counter() - started >= 2 * (0.05 + 0.1)  # the pauses grow: 0.05 s, then 0.1 s


def test_requests_run_concurrently_but_never_more_than_the_bound(remote: Remote) -> None:
    urls = [f"{remote.url}/slow/{n}" for n in range(12)]
    started = time.perf_counter()
    results = check_urls(urls, Settings(timeout=2, retries=0, backoff=0, workers=3, user_agent="test"))
    assert [r.outcome for r in results.values()] == ["ok"] * 12
    assert remote.most_busy == 3
    assert time.perf_counter() - started < 12 * 0.2  # faster than one at a time


def point_content_at(project: Path, remote: Remote) -> None:
    """Every external link of the project copy goes to the local server; one tip gets the test's links."""
    content = project.parent / "content"
    for path in [*content.rglob("*.md"), *content.rglob("*.yaml"), *(project.parent / "templates").rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"https?://(?!127\.0\.0\.1)[^\s)\"'<>\]]+", remote.url + "/ok", text), encoding="utf-8")
    tip = content / "tips" / "fundering-standaard.md"
    text = tip.read_text(encoding="utf-8").replace(
        "## Tips\n\n", f"## Tips\n\nZie [dit]({remote.url}/missing) en [dat]({remote.url}/moved).\n\n", 1)
    tip.write_text(text, encoding="utf-8")


def test_the_command_reports_dead_and_moved_links_with_files_and_lines(project: Path, remote: Remote,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    point_content_at(project, remote)
    status = main(["links", "-f", str(project), "--timeout", "1"])
    out = capsys.readouterr().out
    assert status == 1
    tip = (project.parent / "content/tips/fundering-standaard.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(tip, 1) if "/missing" in text)
    assert f"  {remote.url}/missing: 404 (niet gevonden)\n    content/tips/fundering-standaard.md:{line}\n" in out
    assert f"  {remote.url}/moved -> {remote.url}/ok: 200\n    content/tips/fundering-standaard.md:{line}\n" in out
    assert "1 kapotte link." in out
    assert out.startswith("Externe links: 3 adressen gecontroleerd, 0 daarvan uit de cache")
    [agent] = remote.agents
    assert agent.startswith("Wegwijzer-linkcontrole/1.0 (+https://wegwijzer.pianoo.nl;") and "info@pianoo.nl" in agent


def test_results_are_cached_for_a_day(project: Path, remote: Remote, capsys: pytest.CaptureFixture[str]) -> None:
    point_content_at(project, remote)
    main(["links", "-f", str(project), "--timeout", "1"])
    asked = sum(remote.hits.values())
    capsys.readouterr()
    assert main(["links", "-f", str(project), "--timeout", "1"]) == 1
    assert sum(remote.hits.values()) == asked  # nothing asked again
    assert "3 daarvan uit de cache" in capsys.readouterr().out
    assert (project.parent / CACHE_FILE).is_file()
    main(["links", "-f", str(project), "--timeout", "1", "--no-cache"])
    assert sum(remote.hits.values()) > asked


def test_a_cache_older_than_a_day_is_not_used(project: Path, remote: Remote, capsys: pytest.CaptureFixture[str]) -> None:
    point_content_at(project, remote)
    main(["links", "-f", str(project), "--timeout", "1"])
    cache = project.parent / CACHE_FILE
    cache.write_text(re.sub(r'"checked": [0-9.]+', '"checked": 1000', cache.read_text(encoding="utf-8")), encoding="utf-8")
    asked = sum(remote.hits.values())
    main(["links", "-f", str(project), "--timeout", "1"])
    assert sum(remote.hits.values()) > asked
    assert "0 daarvan uit de cache" in capsys.readouterr().out.split("Externe links:")[-1]


def test_without_dead_links_the_status_is_0(project: Path, remote: Remote, capsys: pytest.CaptureFixture[str]) -> None:
    point_content_at(project, remote)
    edit_tip = project.parent / "content/tips/fundering-standaard.md"
    edit_tip.write_text(re.sub(r"/missing\)", "/ok)", edit_tip.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["links", "-f", str(project), "--timeout", "1"]) == 0
    assert "Geen kapotte links." in capsys.readouterr().out
