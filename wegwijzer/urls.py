"""Every URL of the site, made in one place.

Site paths are written without a leading slash and with a trailing one for a page
("wegwijzer/complex/"), or with a file name for a file ("sitemap.xml"). `Urls` turns
them into links that respect `base_url`, so the site can be served under a sub-path.
The shapes of the wegwijzer paths are a public contract: people share these links.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


def wegwijzer_path(slugs: Iterable[str]) -> str:
    """/wegwijzer/ is question 1; each answer slug adds a level; all answers make the advice page."""
    return "/".join(["wegwijzer", *slugs]) + "/"


SCHEMA_PATH = "wegwijzer/schema/"
TIPS_PATH = "wegwijzer/tips/"
CHECKLIST_PATH = "checklist/"
SEARCH_PATH = "zoeken/"
ASSETS_PATH = "assets/"  # CSS, JavaScript, the search index: files under hashed names, never a page
HEADERS_FILE = "_headers"  # Netlify and Cloudflare Pages read it from the root of the published folder
CHANGES_PATH = "wijzigingen/"  # the change notes, newest first
FEED_PATH = "wijzigingen.xml"  # the same notes as an Atom feed


def tip_path(activity_id: str, answer_slug: str | None) -> str:
    return f"{TIPS_PATH}{activity_id}-{answer_slug or 'algemeen'}/"


def activity_path(activity_id: str) -> str:
    """The overview of one activity's tips. Tip paths always have a '-answer' part, so the two never meet."""
    return f"{TIPS_PATH}{activity_id}/"


def page_path(slug: str) -> str:
    return "" if slug == "home" else f"{slug}/"


def output_file(path: str) -> str:
    """The file in dist/ that serves a site path."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def site_path(output: str) -> str:
    """The site path that a file in dist/ serves: the inverse of `output_file`."""
    return output.removesuffix("index.html") if output == "index.html" or output.endswith("/index.html") else output


# --- where the site is published ---

PATH_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


@dataclass(frozen=True)
class PublicAddress:
    """Where the site is published, as `--base-url` gives it: a path, or an absolute URL that also names the host."""

    base_url: str  # "/" or "/tools/wegwijzer/"
    site_url: str | None = None  # "https://www.example.nl", or None to keep site_config.yaml's


def parse_public_address(value: str) -> PublicAddress:
    """'/tools/wegwijzer/' or 'https://www.example.nl/tools/wegwijzer/'; raises ValueError with a Dutch message."""
    value = value.strip()
    if "://" in value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"'{value}' is geen volledig http(s)-adres, zoals https://www.example.nl/tools/wegwijzer/")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError(f"'{value}': een adres met '?', '#' of een gebruikersnaam kan geen basisadres zijn")
        return PublicAddress(_base_path(parts.path or "/", value), f"{parts.scheme}://{parts.netloc.lower()}")
    return PublicAddress(_base_path(value, value))


def _base_path(path: str, given: str) -> str:
    if not path.startswith("/"):
        raise ValueError(f"'{given}': een pad begint met '/', zoals /tools/wegwijzer/")
    segments = path.strip("/").split("/") if path.strip("/") else []
    for segment in segments:
        if not PATH_SEGMENT.fullmatch(segment) or segment in (".", ".."):
            raise ValueError(f"'{given}': '{segment}' kan geen deel van het pad zijn "
                             "(alleen letters, cijfers en . _ ~ -, zonder lege delen of '..')")
    return "/" + "".join(s + "/" for s in segments)


class UnknownAsset(LookupError):
    """A template names a file that assets/ does not have."""


class Urls:
    def __init__(self, base_url: str, site_url: str, assets: Mapping[str, str] | None = None):
        self.base_url = base_url
        self.site_url = site_url
        self.assets = assets  # logical name under assets/ -> its content-hashed name; known after the assets stage

    def with_assets(self, assets: Mapping[str, str]) -> Urls:
        return Urls(self.base_url, self.site_url, assets)

    def href(self, path: str) -> str:
        """A root-relative link to a site path; `path` may start with '/' and carry a #fragment."""
        return self.base_url + path.lstrip("/")

    def absolute(self, path: str) -> str:
        return self.site_url + self.href(path)

    def local(self, path: str) -> str:
        """A link that content writes as a path of the site ('/privacy/', '/assets/img/schema.png'): a file of
        assets/ under its hashed name, anything else as it is."""
        name = path.lstrip("/").removeprefix(ASSETS_PATH) if path.lstrip("/").startswith(ASSETS_PATH) else None
        return self.asset(name) if name is not None and self.assets and name in self.assets else self.href(path)

    def asset(self, name: str) -> str:
        """The address of an asset by its name in assets/ ('css/site.css'), served under its hashed name."""
        if self.assets is None or name not in self.assets:
            raise UnknownAsset(name)
        return self.href(ASSETS_PATH + self.assets[name])


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

