"""`links`: is every external link of the content still alive?

Every external URL that the content (and the templates) write is checked concurrently, with a
bound on how many requests run at once, a timeout per request, retries with a growing pause for
answers that may pass (no answer, 5xx, 429), and HEAD first with GET as the second try (some servers
refuse HEAD). The user agent says who asks and why. Results are kept for a day in .cache/ (ignored by
git), so a second run soon after asks nothing again. Dead links (404, 410, other 4xx, 5xx, no answer)
and moved ones (a permanent redirect) are reported with the files and lines that use them; the exit
status is 1 when any is dead. Links come from the report verbatim: a moved link is for an editor to
judge, not to rewrite blindly.
"""
from __future__ import annotations

import json
import socket
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urljoin

from .config import SiteConfig, load_config
from .links import Location, link_locations
from .problems import ContentError, Problems
from .sources import list_sources

CACHE_FILE = Path(".cache") / "linkcheck.json"  # under the project folder
CACHE_SECONDS = 24 * 60 * 60
MAX_REDIRECTS = 5
PERMANENT = (301, 308)
REFUSED = (401, 403, 429)  # the server will not tell a robot: check by hand
RETRY_STATUS = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # extra tries after a failure that may pass
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    workers: int = 8  # requests at once
    user_agent: str = "Wegwijzer-linkcontrole/1.0"


@dataclass(frozen=True)
class Result:
    url: str
    outcome: str  # "ok", "verhuisd", "kapot" or "geweigerd"
    detail: str  # in Dutch: the status or what went wrong
    moved_to: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None  # every 3xx comes back as an HTTPError: we follow it ourselves, to see permanent moves


_OPENER = urllib.request.build_opener(_NoRedirects)


def _request(url: str, method: str, settings: Settings) -> tuple[int | None, str, str]:
    """(status, location header, error) of one request, retried while the failure may pass."""
    error = ""
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(url, method=method, headers={"User-Agent": settings.user_agent, "Accept": "*/*"})
        try:
            with _OPENER.open(request, timeout=settings.timeout) as response:
                return response.status, "", ""
        except urllib.error.HTTPError as answer:
            if answer.code not in RETRY_STATUS or attempt == settings.retries:
                return answer.code, answer.headers.get("Location", ""), ""
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, HTTPException, OSError) as failure:
            reason = getattr(failure, "reason", failure)
            error = "geen antwoord binnen de tijd" if isinstance(reason, (socket.timeout, TimeoutError)) else f"geen verbinding ({reason})"
    return None, "", error


def check_url(url: str, settings: Settings) -> Result:
    moved_to = ""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, error = _request(current, "HEAD", settings)
        if status is not None and status >= 400 and status not in REFUSED:
            status, location, error = _request(current, "GET", settings)  # some servers answer HEAD wrongly
        if status is None:
            return Result(url, "kapot", error)
        if 300 <= status < 400 and location:
            current = urljoin(current, location)
            if status in PERMANENT and not moved_to:
                moved_to = current
            continue
        if status < 300:
            return Result(url, "verhuisd", f"{status}", moved_to) if moved_to else Result(url, "ok", f"{status}")
        if status in REFUSED:
            return Result(url, "geweigerd", f"{status}: de server wil niet antwoorden aan een controleprogramma")
        return Result(url, "kapot", f"{status}" + (" (niet gevonden)" if status in (404, 410) else ""))
    return Result(url, "kapot", f"meer dan {MAX_REDIRECTS} doorverwijzingen")


def check_urls(urls: list[str], settings: Settings) -> dict[str, Result]:
    """Every URL checked, at most `settings.workers` at once."""
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        return dict(zip(urls, pool.map(lambda u: check_url(u, settings), urls)))


# --- the cache ---


Cache = dict[str, tuple[float, Result]]  # URL -> (when it was checked, seconds since the epoch; its result)


def read_cache(path: Path, now: float) -> Cache:
    """Results younger than a day; an unreadable cache is no cache."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {url: (entry["checked"], Result(**entry["result"])) for url, entry in stored.items()
                if now - entry["checked"] < CACHE_SECONDS}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_cache(path: Path, cache: Cache) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {url: {"checked": checked, "result": asdict(result)} for url, (checked, result) in sorted(cache.items())}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


# --- the command ---


def external_links(config: SiteConfig) -> dict[str, list[Location]]:
    """Every external URL that the content and the templates write -> where."""
    unread = Problems(config.root, config.limits)  # `check` names the files that cannot be read
    files = [*list_sources(config.dir("content_dir"), unread, recursive=True),
             *list_sources(config.dir("templates_dir"), unread, recursive=True)]
    found = link_locations(files, (".md", ".yaml", ".yml", ".html"))
    own = config["site_url"]
    return {url: places for url, places in sorted(found.items())
            if url.startswith(("http://", "https://")) and not url.startswith(own)}


def user_agent(config: SiteConfig) -> str:
    organisation = config["organisation"]
    return (f"Wegwijzer-linkcontrole/1.0 (+{config['site_url']}; controleert de links van deze site; "
            f"contact: {organisation['email']})")


def run_links(config_path: Path, settings: Settings, use_cache: bool = True) -> int:
    problems = Problems(config_path.parent)
    config = load_config(config_path, problems)
    problems.raise_if_any()
    settings = Settings(settings.timeout, settings.retries, settings.backoff, settings.workers, user_agent(config))
    links = external_links(config)
    cache_path = config.root / CACHE_FILE
    now = time.time()
    stored = read_cache(cache_path, now) if use_cache else {}
    cached = {url: stored[url] for url in links if url in stored}
    fresh = check_urls([url for url in links if url not in cached], settings)
    write_cache(cache_path, {**cached, **{url: (now, result) for url, result in fresh.items()}})
    results = {**{url: result for url, (_, result) in cached.items()}, **fresh}
    print(f"Externe links: {len(links)} adressen gecontroleerd, {len(cached)} daarvan uit de cache van het laatste etmaal.")
    root = config.root
    for outcome, title in (("kapot", "Kapot"), ("verhuisd", "Verhuisd (een vaste doorverwijzing)"),
                           ("geweigerd", "Geweigerd: controleer deze met de hand")):
        group = [r for r in results.values() if r.outcome == outcome]
        if not group:
            continue
        print(f"\n{title} ({len(group)}):")
        for result in group:
            target = f" -> {result.moved_to}" if result.moved_to else ""
            print(f"  {result.url}{target}: {result.detail}")
            for place in links[result.url]:
                print(f"    {place.path.relative_to(root).as_posix()}:{place.line}")
    dead = sum(r.outcome == "kapot" for r in results.values())
    print(f"\n{dead} kapotte {'link' if dead == 1 else 'links'}." if dead else "\nGeen kapotte links.")
    return 1 if dead else 0


def cmd_links(config_path: Path, timeout: float, use_cache: bool) -> int:
    try:
        return run_links(config_path, Settings(timeout=timeout), use_cache)
    except ContentError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        return 1
