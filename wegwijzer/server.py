"""Serving dist/: a small WSGI app (also used by the tests), and `serve` with live reload.

The app serves only files inside dist/, under `base_url` (with base_url /inkoop/, `/` redirects
there), maps /x/ to /x/index.html and answers unknown paths with 404.html. During `serve` a
failed rebuild leaves the last good site in place and shows the error at the top of every
page, until a build succeeds again; while there is no site at all, every page is the error.

`serve` runs Tornado with three routes: this app, livereload's script, and livereload's
WebSocket, which only the site's own pages may open and which tells them nothing but "reload"
(livereload itself accepts any origin and sends the absolute path of each changed file).
Changes come from the file system's own events (watchfiles), not from livereload's polling
every 800 ms; each batch is rebuilt at once, rendering only what it touched (incremental.py),
and the pages are told to reload as soon as dist/ holds the result.
livereload's /forcereload is left out: any web page could make every open tab reload. Every
line the terminal shows is Dutch, Tornado's and livereload's own included.
"""
from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import json
import logging
import mimetypes
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .config import load_config
from .headers import CACHE_ASSETS
from .incremental import LiveBuild
from .problems import Problems, describe_error, os_error_text
from .urls import ASSETS_PATH, PublicAddress

StartResponse = Callable[..., object]
RELOAD = {"command": "reload", "path": "/", "liveCSS": False, "liveImg": False}  # all pages livereload is told
RELOAD_SCRIPT = '<script src="/livereload.js?port={port}"></script>'
WATCHED = ("content_dir", "templates_dir", "assets_dir")
# The watcher hands over changes once none came for STEP_MS (a save that writes a temporary file and renames
# it is one change), and at the latest after DEBOUNCE_MS (a checkout that changes many files).
STEP_MS, DEBOUNCE_MS = 5, 400
MAX_PATH = 2048  # longer request paths name no file of the site
TEXT_TYPES = ("application/javascript", "application/json", "image/svg+xml", "application/xml")


def resolve(dist: Path, url_path: str) -> Path | None:
    """The file in dist/ for a path below the site's base (already percent-decoded), or None;
    never a file outside dist/."""
    relative = url_path.split("?", 1)[0].lstrip("/")
    if "\x00" in relative or len(relative) > MAX_PATH:  # no file has such a name; the OS would raise
        return None
    try:
        candidate = (dist / relative).resolve()
        root = dist.resolve()
        if candidate != root and root not in candidate.parents:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, or otherwise impossible
        return None


def request_path(environ: dict) -> str:
    """PATH_INFO as text: WSGI hands over the request's bytes as Latin-1."""
    raw = environ.get("PATH_INFO") or "/"
    try:
        return raw.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a server that already decoded it
        return raw


class DistApp:
    """WSGI app over dist/. `errors` holds the lines of the last failed build, if any."""

    def __init__(self, dist: Path, base_url: str = "/", reload_script: bytes = b""):
        self.dist, self.base_url, self.reload_script = dist, base_url, reload_script
        self.errors: list[str] = []
        self.build = 0  # how many rebuilds `serve` has done, failed ones too (they change the error banner)
        self.served: dict[str, int] = {}  # page path -> the build it was last served from

    def outdated(self, url: str) -> bool:
        """Whether the page at this URL was served before the last rebuild: it connected too late for its reload."""
        return self.served.get(unquote(urlsplit(url).path), self.build) < self.build

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), request_path(environ)
        if method not in ("GET", "HEAD"):
            status, headers, body = "405 Method Not Allowed", [("Allow", "GET, HEAD")], b"Alleen GET en HEAD."
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
        else:
            status, headers, body = self._respond(path)
        start_response(status, [*headers, ("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff"),
                                ("Cache-Control", self._cache_control(path, status))])
        return [b"" if method == "HEAD" else body]

    def _cache_control(self, path: str, status: str) -> str:
        """Hashed assets as in production: a reload then asks only for the page, not for its CSS and scripts
        again (a change gives them new names). Everything else is asked for again on every visit."""
        return CACHE_ASSETS if status == "200 OK" and path.startswith(self.base_url + ASSETS_PATH) else "no-cache"

    def _respond(self, path: str) -> tuple[str, list[tuple[str, str]], bytes]:
        if path in ("/", self.base_url.rstrip("/")) and path != self.base_url:
            return "302 Found", [("Location", self.base_url)], b""
        relative = path[len(self.base_url):] if path.startswith(self.base_url) else None
        target = None if relative is None else resolve(self.dist, relative)
        if target is not None and not path.endswith("/") and target.name != relative.rsplit("/", 1)[-1]:  # a folder
            # "/" + the stripped path: "//name" would send the browser to another host.
            return "301 Moved Permanently", [("Location", "/" + path.lstrip("/") + "/")], b""
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", self.dist / "404.html"
            if not target.is_file():
                if self.errors:
                    return "503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8")], self._page(self._error_page())
                return status, [("Content-Type", "text/plain; charset=utf-8")], b"Niet gevonden."
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in TEXT_TYPES:
            content_type += "; charset=utf-8"
        body = target.read_bytes()
        if content_type.startswith("text/html"):
            body = self._page(body)
            self.served[path] = self.build
        return status, [("Content-Type", content_type)], body

    def _page(self, page: bytes) -> bytes:
        """An HTML page with the reload script (in `serve`) and the last build's errors, if any."""
        if self.errors:
            text = "De laatste build is mislukt; u ziet de vorige versie.\n" + "\n".join(self.errors)
            banner = f'<pre class="dev-build-error" role="alert">{html.escape(text)}</pre>'.encode()
            page = page.replace(b"</header>", b"</header>" + banner, 1)
        return page.replace(b"</head>", self.reload_script + b"</head>", 1)

    def _error_page(self) -> bytes:
        """The page for every path while no build has succeeded yet: without dist/ there is no stylesheet,
        so the errors are list items that wrap (a slash may break a long path) on a phone too."""
        items = "".join(f"<li>{html.escape(line).replace('/', '/<wbr>')}</li>" for line in self.errors)
        return ('<!doctype html><html lang="nl"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Build mislukt</title></head><body>'
                "<h1>De build is mislukt</h1><p>Er is nog geen site om te tonen. Herstel wat hieronder staat; "
                f'deze pagina laadt dan vanzelf opnieuw.</p><ul class="dev-build-error" role="alert">{items}</ul>'
                "</body></html>").encode()


def rebuild(live: LiveBuild, app: DistApp, changed: Iterable[Path] = ()) -> bool:
    """Build again (without the .gz and .br copies, which only a production server uses); on failure keep the
    old dist/ and remember the error for the browser."""
    started = time.perf_counter()
    try:
        done = live.rebuild(changed)
    except Exception as error:  # noqa: BLE001 - any failure must keep the server up
        app.build += 1
        app.errors = describe_error(error, live.config_path.parent)
        for line in app.errors:
            print(line, file=sys.stderr)
        print("Build mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr)
        return False
    app.errors, app.build = [], app.build + 1
    milliseconds = f"{(time.perf_counter() - started) * 1000:.0f}"
    print(f"Gebouwd in {milliseconds} ms: {done.rendered} van de pagina's opnieuw, {done.written} van de {done.total} bestanden gewijzigd.")
    return True


def bind_problem(error: OSError, host: str, port: int) -> str:
    """One Dutch line for a port or address that cannot be listened on."""
    if error.errno == errno.EADDRINUSE:
        other = port + 1 if port < 65535 else 8000
        return f"Poort {port} is al in gebruik. Kies een andere met --port, bijvoorbeeld --port {other} (of --port 0 voor een vrije poort)."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"Geen toestemming om poort {port} te gebruiken (poorten onder 1024 vragen beheerdersrechten). Kies er een met --port, bijvoorbeeld --port 8000."
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return f"Het adres '{host}' is op deze computer niet te gebruiken. Kies een ander met --host, bijvoorbeeld --host 127.0.0.1."
    return f"Kan niet luisteren op {host}:{port}: {os_error_text(error)}."


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve(config: Path, host: str, port: int, address: PublicAddress | None = None) -> int:
    import watchfiles
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from tornado import httpserver, netutil, web, websocket, wsgi

    problems = Problems(config.parent)
    site_config = load_config(config, problems)
    if problems:
        print("\n".join(str(p) for p in problems.items), file=sys.stderr)
        return 1
    site_config = site_config.published_at(address)  # --base-url: served where it will be published
    try:
        sockets = netutil.bind_sockets(port, host)
    except OSError as error:
        print(bind_problem(error, host, port), file=sys.stderr)
        return 1
    port = sockets[0].getsockname()[1]  # the one really listened on, also when 0 asked for a free one
    _dutch_logging()
    app = DistApp(site_config.dir("output_dir"), site_config.base_url, RELOAD_SCRIPT.format(port=port).encode())
    live = LiveBuild(config, address)
    rebuild(live, app)
    names = {host, "127.0.0.1", "localhost", "::1"} if host in ("127.0.0.1", "localhost", "::1") else {host}

    class ReloadSocket(LiveReloadHandler):
        """livereload's WebSocket, for the site's own pages only, saying only 'reload'."""

        origins = frozenset(f"http://{_url_host(name)}:{port}" for name in names)

        def check_origin(self, origin: str) -> bool:
            return origin in self.origins

        def on_message(self, message: str | bytes) -> None:
            try:
                super().on_message(message)
                data = json.loads(message)
            except (ValueError, TypeError, AttributeError):  # not livereload's protocol: hang up
                self.close()
                return
            # A page that was loading while a rebuild finished connects after its reload went out: reload it now.
            if isinstance(data, dict) and data.get("command") == "info" and app.outdated(str(data.get("url", ""))):
                self.write_message(RELOAD)

        @classmethod
        def reload_waiters(cls, path: str | None = None) -> None:
            cls._last_reload_time = time.time()
            for waiter in list(LiveReloadHandler.waiters):
                try:
                    waiter.write_message(RELOAD)
                except websocket.WebSocketClosedError:
                    LiveReloadHandler.waiters.discard(waiter)

    class Container(wsgi.WSGIContainer):
        def environ(self, request: object) -> dict:
            try:
                return super().environ(request)
            except ValueError:  # a Host header with a port that is no number
                request.host = "localhost"  # type: ignore[attr-defined]
                return super().environ(request)

    routes = [(r"/livereload", ReloadSocket), (r"/livereload\.js", LiveReloadJSHandler),
              (r".*", web.FallbackHandler, {"fallback": Container(app)})]

    async def run() -> None:
        stop = asyncio.Event()  # Ctrl+C or SIGTERM: the watcher's thread must end too, or the process waits for it
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still raises KeyboardInterrupt
                asyncio.get_running_loop().add_signal_handler(signum, stop.set)
        httpserver.HTTPServer(web.Application(routes)).add_sockets(sockets)
        print(f"De site draait op http://{_url_host(host)}:{port}{site_config.base_url}  (stoppen: Ctrl+C)", flush=True)
        watched = [*(site_config.dir(key) for key in WATCHED), config]
        async for changes in watchfiles.awatch(*watched, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop):
            rebuild(live, app, (Path(path) for _, path in changes))
            ReloadSocket.reload_waiters()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    print("Gestopt.")
    return 0


class DutchLog(logging.Handler):
    """Tornado's and livereload's log lines, in Dutch; what a user need not know is left out."""

    def emit(self, record: logging.LogRecord) -> None:
        line = dutch_log_line(record)
        if line:
            print(line, file=sys.stderr)


def dutch_log_line(record: logging.LogRecord) -> str | None:
    if record.levelno < logging.WARNING:
        return None  # livereload's "Serving on", "Browser Connected", Tornado's access lines
    if record.name == "tornado.access":
        summary = record.args[1] if isinstance(record.args, tuple) and len(record.args) > 1 else ""
        return f"Serverfout bij {summary}" if record.levelno >= logging.ERROR else None
    if record.name == "tornado.general":
        return "Een ongeldig verzoek aan de ontwikkelserver is genegeerd."
    error = record.exc_info[1] if record.exc_info else None
    detail = f": {type(error).__name__}: {error}" if error else ""
    if record.name.startswith("livereload"):
        return f"Fout bij het herladen van de browser{detail}"
    return f"Fout in de ontwikkelserver{detail}"


def _dutch_logging() -> None:
    handler = DutchLog()
    for name in ("tornado", "livereload", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers, logger.propagate = [handler], False
        logger.setLevel(logging.WARNING)
