"""Serving dist/: a small WSGI app (also used by the tests), and `serve` with live reload.

The app serves only files inside dist/, maps /x/ to /x/index.html and answers unknown
paths with 404.html. During `serve` a failed rebuild leaves the last good site in place
and shows the error at the top of every page, until a build succeeds again.
"""
from __future__ import annotations

import html
import mimetypes
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .cli import describe_error
from .config import load_config
from .pipeline import build
from .problems import Problems
from .urls import PublicAddress

StartResponse = Callable[..., object]
RELOAD_SCRIPT = '<script src="/livereload.js?port={port}"></script>'
WATCHED = ("content_dir", "templates_dir", "assets_dir")


def resolve(dist: Path, url_path: str) -> Path | None:
    """The file in dist/ for a URL path (WSGI's PATH_INFO, already percent-decoded), or None;
    never a file outside dist/."""
    relative = url_path.split("?", 1)[0].lstrip("/")
    if "\x00" in relative:  # no file has one; the OS call would raise instead of saying no
        return None
    candidate = (dist / relative).resolve()
    root = dist.resolve()
    if candidate != root and root not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class DistApp:
    """WSGI app over dist/. `errors` holds the lines of the last failed build, if any."""

    def __init__(self, dist: Path):
        self.dist = dist
        self.errors: list[str] = []

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain; charset=utf-8"), ("Allow", "GET, HEAD")])
            return [b"Alleen GET en HEAD."]
        target = resolve(self.dist, path)
        if target is not None and (self.dist / path.lstrip("/")).is_dir() and not path.endswith("/"):
            # "/" + the stripped path: "//name" would send the browser to another host.
            start_response("301 Moved Permanently", [("Location", "/" + path.lstrip("/") + "/")])
            return [b""]
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", self.dist / "404.html"
            if not target.is_file():
                start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
                return [b"Niet gevonden."]
        body = target.read_bytes()
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json", "image/svg+xml"):
            content_type += "; charset=utf-8"
        if self.errors and content_type.startswith("text/html"):
            body = self._with_error_banner(body)
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-cache")])
        return [body if environ.get("REQUEST_METHOD") != "HEAD" else b""]

    def _with_error_banner(self, page: bytes) -> bytes:
        text = "De laatste build is mislukt; u ziet de vorige versie.\n" + "\n".join(self.errors)
        banner = f'<pre class="dev-build-error" role="alert">{html.escape(text)}</pre>'.encode()
        return page.replace(b"</header>", b"</header>" + banner, 1)


def rebuild(config: Path, app: DistApp, address: PublicAddress | None = None) -> bool:
    """Build once (without the .gz and .br copies, which only a production server uses); on failure keep the
    old dist/ and remember the error for the browser."""
    try:
        _, files = build(config, address, compressed=False)
    except Exception as error:  # noqa: BLE001 - any failure must keep the server up
        app.errors = describe_error(error)
        for line in app.errors:
            print(line, file=sys.stderr)
        print("Build mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr)
        return False
    app.errors = []
    print(f"Opnieuw gebouwd: {len(files)} bestanden.")
    return True


def serve(config: Path, host: str, port: int, address: PublicAddress | None = None) -> int:
    from livereload import Server  # Tornado is heavy: import it only here
    from livereload.handlers import LiveReloadHandler
    from livereload.server import LiveScriptContainer
    from tornado import web

    problems = Problems(config.parent)
    site_config = load_config(config, problems)
    if problems:
        print("\n".join(str(p) for p in problems.items), file=sys.stderr)
        return 1
    app = DistApp(site_config.dir("output_dir"))
    rebuild(config, app, address)
    script = RELOAD_SCRIPT.format(port=port).encode()

    class CspFriendlyServer(Server):
        """Loads livereload.js from a file instead of livereload's inline script, which the CSP blocks."""

        def get_web_handlers(self, _script: bytes) -> list:
            return [(r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(self.app, script)})]

    server = CspFriendlyServer(app=app)
    for watched in [*(site_config.dir(key) for key in WATCHED), config]:
        server.watch(str(watched), lambda: rebuild(config, app, address))
    # livereload drops a reload that comes within 3 s of the previous one (the rebuild still
    # runs), so a quick second save would leave the browser stale. Our rebuild is synchronous
    # and fast: reload after every one.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    print(f"De site draait op http://{host}:{port}/  (stoppen: Ctrl+C)")
    server.serve(host=host, port=port, debug=False, restart_delay=0)
    return 0

