"""Every URL of the site, made in one place.

Site paths are written without a leading slash and with a trailing one for a page
("wegwijzer/complex/"), or with a file name for a file ("sitemap.xml"). `Urls` turns
them into links that respect `base_url`, so the site can be served under a sub-path.
The shapes of the wegwijzer paths are a public contract: people share these links.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def wegwijzer_path(slugs: Iterable[str]) -> str:
    """/wegwijzer/ is question 1; each answer slug adds a level; all answers make the advice page."""
    return "/".join(["wegwijzer", *slugs]) + "/"


SCHEMA_PATH = "wegwijzer/schema/"
TIPS_PATH = "wegwijzer/tips/"
CHECKLIST_PATH = "checklist/"
CHANGES_PATH = "wijzigingen/"  # the change notes, newest first
FEED_PATH = "wijzigingen.xml"  # the same notes as an Atom feed


def tip_path(activity_id: str, answer_slug: str | None) -> str:
    return f"{TIPS_PATH}{activity_id}-{answer_slug or 'algemeen'}/"


def page_path(slug: str) -> str:
    return "" if slug == "home" else f"{slug}/"


def output_file(path: str) -> str:
    """The file in dist/ that serves a site path."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def site_path(output: str) -> str:
    """The site path that a file in dist/ serves: the inverse of `output_file`."""
    return output.removesuffix("index.html") if output == "index.html" or output.endswith("/index.html") else output


class Urls:
    def __init__(self, base_url: str, site_url: str):
        self.base_url = base_url
        self.site_url = site_url

    def href(self, path: str) -> str:
        """A root-relative link to a site path; `path` may start with '/' and carry a #fragment."""
        return self.base_url + path.lstrip("/")

    def absolute(self, path: str) -> str:
        return self.site_url + self.href(path)

    def asset(self, name: str) -> str:
        return self.href("assets/" + name)


# ---------------------------------------------------------------- links as a browser reads them

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# What a browser's URL parser (WHATWG URL) drops or reads differently: it strips spaces and control
# characters at the ends, removes tabs and line breaks anywhere, and reads '\\' as '/' in http(s) URLs,
# so "/\\evil.example" and "/\t/evil.example" both lead to the host evil.example.
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
EXTERNAL = re.compile(r"//[^/?#\s]+\.[^/?#\s]+(?:[/?#].*)?", re.DOTALL)
MAILTO = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def link_kind(href: str) -> str:
    """Where a link leads: 'site' (a path on this site), 'fragment', 'external' (http or https),
    'mailto', or 'refused'. `href` as the browser sees it, character references decoded."""
    if link_problem(href):
        return "refused"
    if href.startswith("#"):
        return "fragment"
    if href.startswith("/"):
        return "site"
    return "mailto" if href.lower().startswith("mailto:") else "external"


def link_problem(seen: str) -> str | None:
    """Why a link may not be published (in Dutch), or None. `seen` is the link as the browser sees it,
    character references decoded. Only links that a browser reads exactly as written pass, so what
    the check judges is where the link goes."""
    if INVISIBLE.search(seen):
        return "de link bevat een spatie, tab, regeleinde of onzichtbaar teken; een browser laat die weg en leest de link anders"
    if "\\" in seen:
        return "een browser leest een backslash (\\) als '/', en '/\\' als het begin van een adres op een andere site"
    if seen.startswith("//"):
        return "een link die met '//' begint, gaat naar een andere site; schrijf het volledige adres (https://...)"
    if seen.startswith(("/", "#")):
        return None
    scheme = SCHEME.match(seen)
    if scheme is None:
        return "gebruik een volledig adres (https://...) of een pad op de site (/...)"
    name, rest = scheme.group()[:-1].lower(), seen[scheme.end():]
    if name in ("http", "https"):
        return None if EXTERNAL.fullmatch(rest) else f"na '{name}:' horen twee slashes en een domeinnaam, zoals https://www.pianoo.nl/"
    if name == "mailto":
        return None if MAILTO.fullmatch(rest) else "na 'mailto:' hoort één e-mailadres"
    return f"links met '{name}:' zijn niet toegestaan; gebruik https://, http:// of mailto:"

