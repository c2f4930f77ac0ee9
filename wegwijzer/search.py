"""The search index: every piece of content once, as a MiniSearch index built here, at build time.

What is indexed: each tip cell (with its activity and answer), each Leeswijzer item, each
checklist statement with its tips, and the content pages. Not the wizard pages: they only
repeat the cells. Each document links to where it is read: the tip page, the Leeswijzer
on it, the statement on the checklist (#id) or the page.

The browser searches with MiniSearch (assets/js/vendor/minisearch.js), which loads this
index as its own serialised form. So the rules that turn text into terms are the same on
both sides: MiniSearch's tokeniser, lower case, and the Dutch Snowball stemmer ("dutch_porter",
PyPI PyStemmer here, Snowball's own C code; its JavaScript port in assets/js/vendor/dutch-stemmer.js), written
in assets/js/search/terms.js for the browser. A test builds the index in Chromium from the same
documents and compares.

To keep what a visitor loads before the first result small, the index is split: one file
with the documents' titles and lengths, one file of terms per first letter (a query loads
only the letters of its words), and the text for the snippets in files of a few documents,
loaded after the results are shown. Everything is written in a fixed order: the same input
gives the same bytes.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import Stemmer

from . import urls as paths
from .assets import Assets, leaf_assets
from .cache import Cache, key, library_stamp
from .model import Cell, Site

FOLDER = "search/"  # under assets/
INDEX_NAME = FOLDER + "index.json"  # the file the search page names; it names the others
FIELDS = ("title", "text")
KIND = "search"  # the build cache's folder for the index files, by the hash of the documents
STORED = ("title", "url", "context")  # what a result shows before its snippet is loaded
TEXT_FILE_SIZE = 8_000  # characters of snippet text per file
MIN_TERM_LENGTH = 2
STEMMER = Stemmer.Stemmer("dutch_porter")  # the algorithm of the JavaScript port
MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
FIGURE_MARK = re.compile(r"\[\[[^\]]*\]\]")  # a figure's place in a page's text ([[figuur:framework]])
BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "br", "div", "section", "table", "tr", "td", "th"}


@dataclass(frozen=True)
class Document:
    title: str
    context: str  # where the result comes from, shown under its title
    url: str  # site path, with a #fragment where the text is part of a page
    text: str


# --- the terms: MiniSearch's rules, mirrored in assets/js/search/terms.js ---

def is_separator(character: str) -> bool:
    """MiniSearch splits on /[\\n\\r\\p{Z}\\p{P}]+/u: line breaks, spaces and punctuation."""
    return character in "\n\r" or unicodedata.category(character)[0] in "ZP"


def tokenize(text: str) -> list[str]:
    """Exactly what JavaScript's text.split(/[\\n\\r\\p{Z}\\p{P}]+/u) gives, empty ends included. Python's
    `re` knows no Unicode categories, so the pattern names the separators this text has."""
    separators = "".join(sorted(c for c in set(text) if is_separator(c)))
    return re.split(f"[{re.escape(separators)}]+", text) if separators else [text]


@functools.lru_cache(maxsize=1 << 16)  # a text's words recur, and serve builds the index after every save
def process_term(token: str) -> str | None:
    term = token.lower()
    return STEMMER.stemWord(term) if len(term) >= MIN_TERM_LENGTH else None


def shard_of(term: str) -> str:
    """The file of terms a term is in: its first letter or digit, '_' for anything else."""
    first = term[0]
    return first if "a" <= first <= "z" or "0" <= first <= "9" else "_"


# --- the documents ---

class _Text(HTMLParser):
    """The text of sanitised HTML as a reader sees it, without visually hidden notes such as '(externe link)',
    and where each item of a top-level list begins and ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the tags of the open elements that are hidden
        self.depth = 0  # of nested lists
        self.items: list[list[int]] = []  # [first part, part after the last] of each top-level <li>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")
        if tag == "li" and self.depth == 1:
            self.items.append([len(self.parts), len(self.parts)])
        self.depth += tag in ("ul", "ol")
        if self.hidden or "visually-hidden" in (dict(attrs).get("class") or "").split():
            self.hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()
        self.depth -= tag in ("ul", "ol")
        if tag == "li" and self.depth == 1:
            self.items[-1][1] = len(self.parts)
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


@functools.lru_cache(maxsize=4096)  # serve builds the index after every save, mostly from unchanged texts
def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def _words(parts: list[str]) -> str:
    return " ".join(FIGURE_MARK.sub(" ", "".join(parts)).split())


def html_text(html: str) -> str:
    return _words(_parsed(html).parts)


def list_items(html: str) -> list[str]:
    """The text of each item of the top-level lists, such as the items of a Leeswijzer."""
    parsed = _parsed(html)
    return [_words(parsed.parts[start:end]) for start, end in parsed.items]


def _cell_documents(site: Site, cell: Cell) -> Iterator[Document]:
    weg = site.wegwijzer
    name = cell.activity.name
    if cell.answer:
        title = f"{name}: {cell.answer.label}"
        context = f"Tips bij vraag {cell.answer.question_number}: {weg.question_of(cell.answer).text}"
    else:
        title, context = f"{name}: algemene tips", f"Algemene tips voor {name}, in elk advies"
    yield Document(title, context, cell.path, html_text(cell.tips_html))
    for item in list_items(cell.leeswijzer_html):
        yield Document(f"Leeswijzer bij {title}", "Referentie of voorbeeld", cell.path + "#leeswijzer", item)


class UnreadablePage(Exception):
    """One of the site's own pages has no <main> with an <h1>, so the index cannot tell its title and text."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


def documents(site: Site, own_pages: dict[str, str]) -> list[Document]:
    """Every piece of content once, in a fixed order. `own_pages` maps the site path of each of the site's
    own pages (templates/pages/, whose text is in the template) to its rendered HTML."""
    found: list[Document] = []
    for cell in sorted(site.wegwijzer.cells.values(), key=lambda c: c.path):
        found += _cell_documents(site, cell)
    for theme in site.checklist.themes:
        for question in theme.questions:
            found.append(Document(question.text, f"Checklist, thema {theme.short}, vraag {question.number}",
                                  f"{paths.CHECKLIST_PATH}#{question.id}",
                                  html_text(question.remarks_html + " " + question.tips_html)))
    for page in site.pages:
        found.append(Document(page.title, "Pagina", paths.page_path(page.slug), html_text(page.body_html)))
    for path, html in own_pages.items():
        main = MAIN.search(html)
        title = H1.search(main.group(1)) if main else None
        if main is None or title is None:
            raise UnreadablePage(path)
        body = main.group(1)[: title.start()] + main.group(1)[title.end():]
        found.append(Document(html_text(title.group(1)), "Pagina", path, html_text(body)))
    return found


# --- the index ---

def minisearch_index(docs: list[Document]) -> dict[str, Any]:
    """The index as MiniSearch.toJSON() gives it after addAll(docs) (serialisation version 2)."""
    field_ids = {name: number for number, name in enumerate(FIELDS)}
    index: dict[str, dict[str, dict[str, int]]] = {}
    lengths: dict[str, list[int]] = {}
    averages = [0.0] * len(FIELDS)
    for short_id, doc in enumerate(docs):
        lengths[str(short_id)] = []
        for field_name, field_id in field_ids.items():
            length, counts = _terms(getattr(doc, field_name))
            lengths[str(short_id)].append(length)
            averages[field_id] = (averages[field_id] * short_id + length) / (short_id + 1)
            for term, count in counts:
                index.setdefault(term, {}).setdefault(str(field_id), {})[str(short_id)] = count
    return {
        "documentCount": len(docs),
        "nextId": len(docs),
        "documentIds": {str(i): i for i in range(len(docs))},
        "fieldIds": field_ids,
        "fieldLength": lengths,
        "averageFieldLength": averages,
        "storedFields": {str(i): {name: getattr(doc, name) for name in STORED} for i, doc in enumerate(docs)},
        "dirtCount": 0,
        "index": [[term, index[term]] for term in sorted(index)],
        "serializationVersion": 2,
    }


@functools.lru_cache(maxsize=4096)  # the same texts on every build of a serve session
def _terms(text: str) -> tuple[int, tuple[tuple[str, int], ...]]:
    """A field's distinct tokens as MiniSearch counts them (before processing), and each term's frequency in
    the order of first occurrence, which is the order MiniSearch adds them in."""
    tokens = tokenize(text)
    counts: dict[str, int] = {}
    for term in filter(None, map(process_term, tokens)):
        counts[term] = counts.get(term, 0) + 1
    return len(set(tokens)), tuple(counts.items())


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _text_files(docs: list[Document]) -> list[tuple[int, list[str]]]:
    """The snippet texts in files of about TEXT_FILE_SIZE characters: (first document, texts)."""
    files: list[tuple[int, list[str]]] = []
    for number, doc in enumerate(docs):
        if not files or sum(map(len, files[-1][1])) >= TEXT_FILE_SIZE:
            files.append((number, []))
        files[-1][1].append(doc.text)
    return files


def search_assets(docs: list[Document], cache: Cache) -> Assets:
    """The index files under assets/search/, with hashed names; index.json names the others by theirs.
    A function of the documents and of this module's rules, so kept in the build's cache."""
    entry = key(Path(__file__).read_bytes(), library_stamp("Stemmer"), _json([list(vars(doc).values()) for doc in docs]))
    cached = cache.get(KIND, entry)
    if cached is not None:
        kept = json.loads(cached)
        return Assets(kept["names"], {name: text.encode("utf-8") for name, text in kept["data"].items()})
    made = _index_files(docs)
    cache.put(KIND, entry, _json({"names": made.names, "data": {n: d.decode("utf-8") for n, d in made.data.items()}}))
    return made


def _index_files(docs: list[Document]) -> Assets:
    full = minisearch_index(docs)
    shards: dict[str, list] = {}
    for entry in full["index"]:
        shards.setdefault(shard_of(entry[0]), []).append(entry)
    parts = {f"{FOLDER}terms-{key}.json": _json(entries) for key, entries in sorted(shards.items())}
    texts = {f"{FOLDER}text-{first}.json": (first, _json(chunk)) for first, chunk in _text_files(docs)}
    parts.update({name: data for name, (_, data) in texts.items()})
    hashed = leaf_assets(parts)
    base = {key: value for key, value in full.items() if key != "index"}
    root = {
        "fields": list(FIELDS),
        "storeFields": list(STORED),
        "minisearch": base,
        "terms": {key: _file(hashed, f"{FOLDER}terms-{key}.json") for key in sorted(shards)},
        "texts": [[first, _file(hashed, name)] for name, (first, _) in texts.items()],
    }
    return hashed.merged(leaf_assets({INDEX_NAME: _json(root)}))


def _file(assets: Assets, name: str) -> str:
    """A file's hashed name relative to the index, which lives in the same folder."""
    return assets.names[name].removeprefix(FOLDER)
