"""Markdown to safe HTML.

Editors write Markdown in pull requests; what they write still passes an allow-list
(nh3) so that a <script>, an event handler or a javascript: link never reaches the
site. Links are then finished in one place, judged as a browser reads them (`urls.link_kind`):
paths within the site go through `Urls`, external links get rel="noopener noreferrer" and a
text that screen readers announce, and a link that would lead elsewhere than it seems loses
its target (`check` has refused it already; this is the last line of defence).
"""
from __future__ import annotations

import html
import re
from typing import Any

import nh3

from .cache import Cache, Memory, key, library_stamp
from .sources import CONTROL
from .urls import Urls, link_kind

KIND = "markdown"  # the build cache's folder for Python-Markdown's HTML, by the hash of the text
EXTENSIONS = ("sane_lists",)
OUTPUT_FORMAT = "html"

ALLOWED_TAGS = {
    "p", "ul", "ol", "li", "a", "em", "strong", "span", "br", "blockquote",
    "code", "h2", "h3", "h4", "sup", "sub", "abbr", "img",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang"},
    "a": {"href", "hreflang", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "img": {"src", "alt"},  # only from this site: `check` refuses other hosts (and the CSP would block them)
}
ANCHOR = re.compile(r"<a\b([^>]*)>")
ATTRIBUTE = re.compile(r'\s([\w:-]+)(?:="([^"]*)")?')
IMAGE = re.compile(r'<img\b[^>]*>')
IMAGE_SRC = re.compile(r'\ssrc="([^"]*)"')
EXTERNAL_NOTE = '<span class="visually-hidden"> (externe link)</span></a>'


# The finished HTML of recent texts, by the addresses they were made with and the text's cache entry: serve
# loads the whole site after every save, and most texts did not change.
_finished = Memory(4096)


class Markup:
    def __init__(self, urls: Urls, cache: Cache):
        self.urls, self.cache = urls, cache
        self._md: Any = None  # Python-Markdown, loaded for the first text that is not in the cache
        self._addresses = (urls.base_url, urls.site_url, tuple(sorted((urls.assets or {}).items())))

    def render(self, text: str) -> str:
        converted = key(library_stamp("markdown"), OUTPUT_FORMAT, *EXTENSIONS, text)
        found = _finished.get((self._addresses, converted))
        if found is None:
            found = self._made(text, converted)
            _finished.remember((self._addresses, converted), found)
        else:
            self.cache.keep(KIND, converted)  # still this build's entry, though not read
        return found

    def _made(self, text: str, converted: str) -> str:
        clean = nh3.clean(
            self._converted(text, converted),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
            strip_comments=True,
        )
        # nh3 decodes character references such as &#7; into the characters themselves.
        return self._finish_images(self._finish_links(CONTROL.sub("", clean)))

    def _converted(self, text: str, entry: str) -> str:
        """Python-Markdown's HTML of a text: a function of the text alone, so kept in the build's cache."""
        cached = self.cache.get(KIND, entry)
        if cached is not None:
            return cached.decode("utf-8")
        if self._md is None:
            import markdown

            self._md = markdown.Markdown(extensions=list(EXTENSIONS), output_format=OUTPUT_FORMAT)
        self._md.reset()
        raw = self._md.convert(text)
        self.cache.put(KIND, entry, raw.encode("utf-8"))
        return raw

    def _finish_images(self, text: str) -> str:
        """Images come from this site only (a path such as /assets/img/..., judged as a browser reads it), through
        `Urls`; any other is dropped, as the CSP would block it (`check` names it)."""
        def finish(match: re.Match[str]) -> str:
            src = IMAGE_SRC.search(match.group())
            if src is None or link_kind(html.unescape(src.group(1))) != "site":
                return ""
            return match.group().replace(src.group(), f' src="{html.escape(self.urls.local(html.unescape(src.group(1))))}"', 1)

        return IMAGE.sub(finish, text)

    def _finish_links(self, text: str) -> str:
        """Rewrite each anchor that nh3 has normalised, whatever the order of its attributes; close
        external ones with a note; keep only the text of one whose target may not be published."""
        parts: list[str] = []
        position = 0
        for match in ANCHOR.finditer(text):
            attributes = {name: html.unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))}
            href = attributes.pop("href", None)
            end = text.index("</a>", match.end())
            parts.append(text[position : match.start()])
            inner = text[match.end() : end]
            kind = "refused" if href is None else link_kind(href)
            rest = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items())
            if kind == "external":
                parts.append(f'<a href="{html.escape(href)}"{rest} class="extern" rel="noopener noreferrer">{inner}{EXTERNAL_NOTE}')
            elif kind == "refused":
                parts.append(inner)
            else:
                target = self.urls.local(href) if kind == "site" else href
                parts.append(f'<a href="{html.escape(target)}"{rest}>{inner}</a>')
            position = end + len("</a>")
        parts.append(text[position:])
        return "".join(parts)
