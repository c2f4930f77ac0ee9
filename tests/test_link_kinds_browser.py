"""`urls.link_kind` judges links as Chromium's URL parser reads them (issue 8, row 9).

Every link the site publishes, and a set of disguised ones, is given to Chromium as an anchor's
href on a page of the served site; where Chromium says it leads must match what the check
decided: 'site' stays on this origin, 'external' leaves it over http(s), and every disguise that
the check refuses really does lead somewhere else than it seems.
"""
from __future__ import annotations

import html
import re

import pytest

from wegwijzer.urls import link_kind

pytestmark = pytest.mark.browser

DISGUISES = [
    "/\\evil.example/login", "/\t/evil.example/login", "\\\\evil.example/", "/\\/evil.example/", "//evil.example/",
    " //evil.example/", "/\n/evil.example/", "\t//evil.example/", "https:evil.example/", "https:/evil.example/",
    "javascript:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
]
PLAIN = ["/wegwijzer/", "/wegwijzer/tips/analyse-complex/#leeswijzer", "#inhoud", "https://www.pianoo.nl/nl",
         "HTTPS://WWW.PIANOO.NL/", "mailto:info@pianoo.nl", "/a/../b/", "/%5Cevil.example/"]

RESOLVE = """(hrefs) => hrefs.map(href => {
  const a = document.createElement("a");
  a.setAttribute("href", href);
  return {protocol: a.protocol, host: a.host, path: a.pathname};
})"""


def published_hrefs(built) -> list[str]:  # type: ignore[no-untyped-def]
    """Each distinct href of the built site, as the browser reads it (character references decoded)."""
    found = {html.unescape(h) for name, data in built.files.items() if name.endswith(".html")
             for h in re.findall(r'<a\b[^>]*\shref="([^"]*)"', data.decode())}
    return sorted(found)


def test_where_chromium_sends_each_link_matches_the_check(built, server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/wegwijzer/")
    own_host = server.split("://", 1)[1]
    hrefs = [*published_hrefs(built), *PLAIN, *DISGUISES]
    wrong = []
    for href, seen in zip(hrefs, page.evaluate(RESOLVE, hrefs)):
        kind = link_kind(href)
        if kind in ("site", "fragment") and (seen["host"] != own_host or seen["protocol"] != "http:"):
            wrong.append(f"{href!r} was judged {kind} but leads to {seen}")
        if kind == "external" and (seen["host"] == own_host or seen["protocol"] not in ("http:", "https:")):
            wrong.append(f"{href!r} was judged external but leads to {seen}")
        if kind == "mailto" and seen["protocol"] != "mailto:":
            wrong.append(f"{href!r} was judged mailto but leads to {seen}")
    assert len(hrefs) > 100 and not wrong, "\n".join(wrong)


def test_every_disguise_the_check_refuses_really_leads_off_the_site_or_runs_code(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/wegwijzer/")
    own_host = server.split("://", 1)[1]
    for href, seen in zip(DISGUISES, page.evaluate(RESOLVE, DISGUISES)):
        assert link_kind(href) == "refused", href
        assert seen["host"] != own_host or seen["protocol"] != "http:", (href, seen)
