"""A small HTML reader for the static checks: the elements of a built page as a tree, with line numbers.

The standard library's parser is enough for the site's own, validated HTML; it keeps the
checks free of extra packages and tells the line of each element for readable failures.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The text content, as a browser's textContent."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def words(self) -> str:
        """The text content with white space folded, as it reads."""
        return " ".join(self.text().split())

    def find_all(self, *tags: str, **attrs: str) -> list[Element]:
        """Elements with one of these tags and, if given, these exact attribute values."""
        return [e for e in self.iter() if e.tag in tags and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.iter() if name in (e.get("class") or "").split()]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 0)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element (HTML allows </p> and </li> to be implied).
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """The document as a tree; its root is a '#document' element."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
