"""The HTTP policy in _headers (Netlify, Cloudflare Pages): the security headers on everything, the CSP the
same as in the pages plus what only a header can say, and for every file exactly one Cache-Control rule:
a year for hashed assets, a check on every visit for the rest. Such hosts join the values of a header that
two matching rules set, so two Cache-Control rules on one file would make a muddle."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from htmlscan import parse
from wegwijzer.compress import ENCODINGS
from wegwijzer.headers import CACHE_ASSETS, CACHE_PAGES, CSP, SECURITY_HEADERS
from wegwijzer.routes import HOST_FILES
from wegwijzer.urls import site_path

MAX_RULES = 100  # Cloudflare Pages reads at most 100 rules


@dataclass
class Rule:
    pattern: str
    headers: dict[str, str]

    def matches(self, path: str) -> bool:
        """As the hosts match: '*' stands for anything, slashes included; everything else is literal."""
        return re.fullmatch(re.escape(self.pattern).replace(r"\*", ".*"), path) is not None


def read_headers(text: str) -> list[Rule]:
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append(Rule(line.strip(), {}))
            continue
        name, _, value = line.strip().partition(":")
        assert rules and name not in rules[-1].headers, f"bad or repeated header line: {line!r}"
        rules[-1].headers[name] = value.strip()
    return rules


@pytest.fixture(scope="module")
def rules(built) -> list[Rule]:
    return read_headers(built.files["_headers"].decode("utf-8"))


def url_paths(built) -> dict[str, str]:
    """Every file a visitor can request, by the address it is requested at (not those that instruct the host)."""
    base = built.loaded.config.base_url
    for_host = {route.output for route in built.loaded.routes if route.kind in HOST_FILES}
    return {base + site_path(name): name for name in built.files if name not in for_host and not name.endswith(ENCODINGS)}


def test_every_file_gets_the_security_headers(built, rules: list[Rule]) -> None:
    for path in url_paths(built):
        got = {k: v for rule in rules if rule.matches(path) for k, v in rule.headers.items() if k != "Cache-Control"}
        assert got == SECURITY_HEADERS, path


def test_every_file_has_exactly_one_cache_rule_long_for_assets_short_for_the_rest(built, rules: list[Rule]) -> None:
    for path, name in url_paths(built).items():
        values = [rule.headers["Cache-Control"] for rule in rules if rule.matches(path) and "Cache-Control" in rule.headers]
        assert values == [CACHE_ASSETS if name.startswith("assets/") else CACHE_PAGES], path
    assert "immutable" in CACHE_ASSETS and "max-age=31536000" in CACHE_ASSETS
    assert "max-age=0" in CACHE_PAGES and "immutable" not in CACHE_PAGES


def test_the_header_csp_is_the_pages_csp_plus_frame_ancestors(built) -> None:
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert csp.startswith(CSP) and "frame-ancestors 'self'" in csp
    [meta] = [e for e in parse(built.html("")).iter() if e.get("http-equiv") == "Content-Security-Policy"]
    assert meta.attrs["content"] == CSP  # the meta tag, where frame-ancestors would be ignored
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "wasm-unsafe-eval" not in csp
    assert SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in SECURITY_HEADERS["Permissions-Policy"] and SECURITY_HEADERS["Referrer-Policy"]


def test_the_file_stays_within_what_cloudflare_reads(rules: list[Rule]) -> None:
    assert 3 <= len(rules) <= MAX_RULES
    assert all(pattern.count("*") <= 1 for pattern in (r.pattern for r in rules))
