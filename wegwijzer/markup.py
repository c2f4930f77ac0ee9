"""Markdown to safe HTML.

Editors write Markdown in pull requests; what they write still passes an allow-list
(nh3) so that a <script>, an event handler or a javascript: link never reaches the
site. Links are then finished in one place: paths within the site go through `Urls`,
external links get rel="noopener noreferrer" and a text that screen readers announce.
"""
from __future__ import annotations

import html
import re

import markdown
import nh3

from .urls import Urls

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
ANCHOR = re.compile(r'<a href="([^"]*)"([^>]*)>')
IMAGE = re.compile(r'<img\b[^>]*>')
IMAGE_SRC = re.compile(r'\ssrc="([^"]*)"')
EXTERNAL_NOTE = '<span class="visually-hidden"> (externe link)</span></a>'


class Markup:
    def __init__(self, urls: Urls):
        self.urls = urls
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        raw = self._md.convert(text)
        clean = nh3.clean(
            raw,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel=None,
            strip_comments=True,
        )
        return self._finish_images(self._finish_links(clean))

    def _finish_images(self, text: str) -> str:
        """Images come from this site only (a path such as /assets/img/...), through `Urls`; any other is dropped,
        as the CSP would block it (`check` names it)."""
        def finish(match: re.Match[str]) -> str:
            src = IMAGE_SRC.search(match.group())
            if src is None or not html.unescape(src.group(1)).startswith("/"):
                return ""
            return match.group().replace(src.group(), f' src="{html.escape(self.urls.href(html.unescape(src.group(1))))}"', 1)

        return IMAGE.sub(finish, text)

    def _finish_links(self, text: str) -> str:
        """Rewrite each anchor that nh3 has normalised; close external ones with a note."""
        parts: list[str] = []
        position = 0
        for match in ANCHOR.finditer(text):
            href, rest = html.unescape(match.group(1)), match.group(2)
            end = text.index("</a>", match.end())
            parts.append(text[position : match.start()])
            inner = text[match.end() : end]
            if href.startswith(("http://", "https://")):
                parts.append(f'<a href="{html.escape(href)}"{rest} class="extern" rel="noopener noreferrer">{inner}{EXTERNAL_NOTE}')
            else:
                target = self.urls.href(href) if href.startswith("/") else href
                parts.append(f'<a href="{html.escape(target)}"{rest}>{inner}</a>')
            position = end + len("</a>")
        parts.append(text[position:])
        return "".join(parts)
