"""Every URL of the site, made in one place.

Site paths are written without a leading slash and with a trailing one for a page
("wegwijzer/complex/"), or with a file name for a file ("sitemap.xml"). `Urls` turns
them into links that respect `base_url`, so the site can be served under a sub-path.
The shapes of the wegwijzer paths are a public contract: people share these links.
"""
from __future__ import annotations

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
