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

import markdown
import nh3

from .sources import CONTROL
from .urls import Urls, link_kind

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
        # nh3 decodes character references such as &#7; into the characters themselves.
        return self._finish_images(self._finish_links(CONTROL.sub("", clean)))

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
