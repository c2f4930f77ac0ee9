"""The HTTP policy of the site: its Content Security Policy, the security headers and how long
browsers and CDNs may keep each file. One place for all of it: the pages carry the CSP in a
meta tag, the `_headers` file (Netlify, Cloudflare Pages) and the nginx example in docs/
carry the same values as headers.

Hashed assets never change under their name, so they are kept for a year (`immutable`);
pages are checked again on every visit, so a change is seen at once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .urls import ASSETS_PATH

# Nothing inline, nothing from another host. frame-ancestors only works as a header, not in a meta tag.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")
CSP_HEADER = CSP + "; frame-ancestors 'self'"

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP_HEADER,
    "X-Content-Type-Options": "nosniff",
    # External links already carry rel="noreferrer"; no page address, nor a search query in it, leaves the site.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=(), browsing-topics=()",
}
CACHE_ASSETS = "public, max-age=31536000, immutable"
CACHE_PAGES = "public, max-age=0, must-revalidate"
ASSETS_PATTERN = ASSETS_PATH + "*"


@dataclass(frozen=True)
class HeaderRule:
    pattern: str  # a site path; '*' at the end stands for anything below it
    headers: tuple[tuple[str, str], ...]


def header_rules(outputs: Iterable[str]) -> list[HeaderRule]:
    """The rules of `_headers` for the files of a build (their paths in dist/, assets excluded).

    Netlify and Cloudflare Pages apply every rule that matches and join the values of a header
    that two rules set. So the security headers have one rule for everything, and Cache-Control
    has rules that never overlap: one for assets/, one per other top-level folder or file.
    """
    security = HeaderRule("*", tuple(SECURITY_HEADERS.items()))
    assets = HeaderRule(ASSETS_PATTERN, (("Cache-Control", CACHE_ASSETS),))
    patterns = sorted({_pattern(output) for output in outputs})
    return [security, assets, *(HeaderRule(p, (("Cache-Control", CACHE_PAGES),)) for p in patterns)]


def _pattern(output: str) -> str:
    if output == "index.html":
        return ""
    top, slash, _ = output.partition("/")
    return f"{top}/*" if slash else top
