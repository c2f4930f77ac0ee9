"""Static assets: copied from assets/, minified, and published under content-hashed names.

The sources stay readable for developers; visitors download less. The minifier is
tdewolff/minify (PyPI minify-go): it shortens local names in JavaScript, which
whitespace-only minifiers cannot, and is deterministic.

A hashed name (css/site.3f9a1c0.css) changes whenever the file does, so a host may let
browsers keep every asset for a year. Pages name assets through `Urls.asset`, which maps
the name in assets/ to the hashed one. ES modules import each other, and stylesheets load
files, by relative addresses; those are rewritten to the hashed names too. A file is hashed
after the files it refers to, so its hash covers their new names: a change deep in an
import chain renames every module above it, and no cached module can import a stale one. Files are listed and read by
`sources`: no symbolic links, no special files, no dot-files or dot-folders.
"""
from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, key, library_stamp
from .problems import Problems
from .sources import list_sources, read_bytes
from .urls import ASSETS_PATH

MINIFIED_TYPES = {".js": "application/javascript", ".css": "text/css"}
KIND = "minified"  # the build cache's folder for minified files: the minifier runs (and loads) only for a changed one
# Hex digits of the hash in a name: 7, as in git's short ids, 268 million values per file name. Every module
# import carries one, and the checklist's start-up JavaScript has a budget of 8 KB gzipped (issue 12).
HASH_LENGTH = 7
# A module specifier right after `from`, `import` or `import(`: static imports, re-exports and dynamic imports.
JS_SPECIFIER = re.compile(r"""(?<![\w$.])(?:from|import)\s*\(?\s*(["'])([^"'\\\n]+)\1""")
JS_COMPUTED_IMPORT = re.compile(r"""(?<![\w$.])import\s*\(\s*(?!["'])""")
CSS_REFERENCE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
NOT_A_FILE = ("data:", "http:", "https:", "//", "#", "about:", "blob:")


def hashed_name(name: str, data: bytes) -> str:
    """'css/site.css' -> 'css/site.3f9a1c0.css': the first hex digits of the SHA-256 of the content."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    folder, slash, file = name.rpartition("/")
    stem, dot, suffix = file.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot and stem else f"{file}.{digest}"
    return folder + slash + hashed


@dataclass(frozen=True)
class Assets:
    """The published assets: their names in assets/ mapped to the hashed names, and the hashed files."""

    names: dict[str, str] = field(default_factory=dict)  # "css/site.css" -> "css/site.3f9a1c0.css"
    data: dict[str, bytes] = field(default_factory=dict)  # "css/site.3f9a1c0.css" -> bytes

    def files(self) -> dict[str, bytes]:
        """The assets as outputs of the build: path in dist/ -> bytes."""
        return {ASSETS_PATH + name: data for name, data in self.data.items()}

    def merged(self, other: Assets) -> Assets:
        """Both sets of assets; the caller makes sure no name is in both."""
        return Assets({**self.names, **other.names}, {**self.data, **other.data})


def leaf_assets(files: dict[str, bytes]) -> Assets:
    """Files that refer to no other file (generated data such as the search index), hashed as they are."""
    names = {name: hashed_name(name, data) for name, data in sorted(files.items())}
    return Assets(names, {names[name]: data for name, data in files.items()})


@dataclass(frozen=True)
class Reference:
    start: int
    end: int  # the span of the address in the file's text
    target: str  # the name in assets/ it resolves to
    suffix: str  # a ?query or #fragment kept after the new name


def read_assets(assets_dir: Path, problems: Problems, cache: Cache) -> Assets:
    """The assets, minified and hashed. A file with a problem (added to `problems`) is left out, so that the
    rest of the build can still be checked in the same run."""
    sources = _read(assets_dir, problems)
    files = {name: _minified(assets_dir / name, data, problems, cache) for name, data in sources.items()}
    references = {name: list(_references(name, data, sources[name], files, assets_dir / name, problems))
                  for name, data in files.items()}
    order = _dependency_order(references, assets_dir, problems)
    names: dict[str, str] = {}
    data: dict[str, bytes] = {}
    for name in order:
        if any(reference.target not in names for reference in references[name]):
            continue  # it refers to a file in a cycle, which has a problem already
        content = _rewritten(files[name], references[name], names)
        names[name] = hashed_name(name, content)
        data[names[name]] = content
    return Assets(names, data)


def _read(assets_dir: Path, problems: Problems) -> dict[str, bytes]:
    files = {}
    for path in list_sources(assets_dir, problems, recursive=True):
        data = read_bytes(path, problems, "max_asset_bytes")
        if data is not None:
            files[path.relative_to(assets_dir).as_posix()] = data
    return files


def _minified(path: Path, data: bytes, problems: Problems, cache: Cache) -> bytes:
    media_type = MINIFIED_TYPES.get(path.suffix)
    if not media_type:
        return data
    entry = key(media_type, library_stamp("minify"), data)
    minified = cache.get(KIND, entry)
    if minified is not None:
        return minified
    import minify  # a Go library, loaded only when a file is not in the cache

    try:
        minified = minify.string(media_type, data.decode("utf-8")).encode("utf-8")
    except (minify.MinifyError, UnicodeDecodeError) as error:
        problems.add(path, None, f"kan niet worden verkleind: {error}")
        return data
    cache.put(KIND, entry, minified)
    return minified


def _line_of(source: bytes, text: str) -> int | None:
    """Where the readable source names an address: the minified file has lost its lines."""
    for number, line in enumerate(source.decode("utf-8", "replace").splitlines(), 1):
        if text in line:
            return number
    return None


@functools.lru_cache(maxsize=512)  # serve reads every asset after every save; most did not change
def _scanned(suffix: str, text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """How many computed import()s a file has, and where each address it names stands."""
    if suffix == ".js":
        return (sum(1 for _ in JS_COMPUTED_IMPORT.finditer(text)),
                tuple((m.start(2), m.end(2)) for m in JS_SPECIFIER.finditer(text)))
    return 0, tuple((m.start(2), m.end(2)) if m.group(2) else (m.start(4), m.end(4)) for m in CSS_REFERENCE.finditer(text))


def _references(name: str, data: bytes, source: bytes, files: dict[str, bytes], path: Path,
                problems: Problems) -> Iterator[Reference]:
    suffix = path.suffix
    if suffix not in (".js", ".css"):
        return
    text = data.decode("utf-8")
    computed, spans = _scanned(suffix, text)
    for _ in range(computed):
        problems.add(path, _line_of(source, "import("),
                     "import() met een berekend adres: een bestand met een hash in de naam kan zo niet gevonden "
                     "worden; schrijf het adres uit, zoals import(\"./checklist/team.js\")")
    for start, end in spans:
        address = text[start:end].strip()
        if address.startswith(NOT_A_FILE) or (suffix == ".js" and not address.startswith(("./", "../", "/"))):
            continue  # another host, inline data, or a bare module name
        cut = min([i for i in (address.find("?"), address.find("#")) if i >= 0], default=len(address))
        relative, rest = address[:cut], address[cut:]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), relative))
        if relative.startswith("/"):
            problems.add(path, _line_of(source, address), f"'{address}' begint met '/' en werkt dan niet onder een "
                         "sub-pad (base_url); gebruik een relatief adres zoals './lib/dom.js' of '../favicon.svg'")
        elif target.startswith("../") or target not in files:
            problems.add(path, _line_of(source, address), f"verwijst naar '{address}', maar dat bestand staat niet in assets/")
        else:
            yield Reference(start, end, target, rest)


def _dependency_order(references: dict[str, list[Reference]], assets_dir: Path, problems: Problems) -> list[str]:
    """Every file after the files it refers to; a cycle cannot be hashed that way and is refused."""
    order: list[str] = []
    state: dict[str, str] = {}  # name -> "visiting" | "done"

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            cycle = chain[chain.index(name):] + [name]
            problems.add(assets_dir / name, None, "deze bestanden verwijzen in een kring naar elkaar, zodat geen van "
                         "hen een hash kan krijgen die de andere dekt: " + " -> ".join(cycle))
            return
        state[name] = "visiting"
        for reference in references[name]:
            visit(reference.target, [*chain, name])
        state[name] = "done"
        order.append(name)

    for name in sorted(references):
        visit(name, [])
    return order


def _rewritten(data: bytes, references: list[Reference], names: dict[str, str]) -> bytes:
    if not references:
        return data
    text = data.decode("utf-8")
    parts: list[str] = []
    position = 0
    for reference in sorted(references, key=lambda r: r.start):
        address = text[reference.start:reference.end].strip()
        folder, slash, _ = address[: len(address) - len(reference.suffix)].rpartition("/")
        parts += [text[position:reference.start], folder + slash + posixpath.basename(names[reference.target]) + reference.suffix]
        position = reference.end
    parts.append(text[position:])
    return "".join(parts).encode("utf-8")
