"""The build's cache: results of pure functions of the input, kept between builds in `.cache/build/`.

Only results that follow from bytes alone are kept: the compressed copies of a file, a minified asset,
the HTML that Python-Markdown makes of a text (before sanitising and links, which depend on the site),
and Jinja's compiled templates (its own bytecode cache, in `templates-<stamp>/`). Each entry is named by
the SHA-256 of everything that decides it: the input's bytes, the settings, and the file of the library
that computes it (`library_stamp`), so an upgrade makes new names instead of using stale results.
A build with a cache therefore writes the same bytes as one without (a test checks it): a missing,
emptied or unwritable cache only costs time.

Entries are written under a temporary name and renamed, so a reader never sees half of one. A build
that writes dist/ removes the entries of the kinds it used in full that it did not use (`prune`), so
the cache stays about the size of one site. A small memory of recent entries spares a process that
builds again (serve, the tests) the reads.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import threading
from collections import OrderedDict
from pathlib import Path

CACHE_DIR = Path(".cache") / "build"  # under the project folder, beside the link checker's cache; ignored by git
MEMORY_BYTES = 8_000_000  # the real site's compressed copies and Markdown, several times over
_memory: OrderedDict[tuple[str, str], bytes] = OrderedDict()  # (kind, key) -> data, oldest first
_memory_size = 0
_memory_lock = threading.Lock()  # the compressing threads remember entries too


def key(*parts: bytes | str) -> str:
    """The name of an entry: the SHA-256 of its parts, each prefixed with its length so parts cannot run together."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@functools.cache  # a library does not change while a process runs
def library_stamp(module: str) -> str:
    """What identifies the installed version of a library without importing it: its file, size and time."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec and spec.origin else module
    try:
        info = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}:{info.st_size}:{info.st_mtime_ns}"


class Cache:
    """The cache of one project; `folder` None (or one that cannot be written) keeps results in memory only."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: dict[str, set[str]] = {}  # kind -> keys read or written in this run

    def get(self, kind: str, name: str) -> bytes | None:
        self.keep(kind, name)
        data = _memory.get((kind, name))
        if data is not None or self.folder is None:
            return data
        try:
            with open(os.path.join(self.folder, kind, name), "rb") as file:  # a str path: asked once per file built
                data = file.read()
        except OSError:
            return None
        _remember(kind, name, data)
        return data

    def keep(self, kind: str, name: str) -> None:
        """Count an entry as used by this build, though its result came from elsewhere (kept by `prune`)."""
        self.used.setdefault(kind, set()).add(name)

    def put(self, kind: str, name: str, data: bytes) -> None:
        self.keep(kind, name)
        _remember(kind, name, data)
        if self.folder is None:
            return
        folder = self.folder / kind
        temporary = folder / f".{name}.{os.getpid()}-{threading.get_ident()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, folder / name)
        except OSError:  # a full or read-only disk, or no folder: the result is simply not kept
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)

    def subfolder(self, name: str) -> Path | None:
        """A folder of the cache for a library's own cache (Jinja's compiled templates), made if needed."""
        if self.folder is None:
            return None
        try:
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self.folder / name

    def prune(self) -> None:
        """After a whole build: remove the entries of each kind it used that it did not use (and what a killed
        run left half-written), so that a kind the build did without (the dev server's .br) stays."""
        if self.folder is None:
            return
        for kind, used in self.used.items():
            try:
                with os.scandir(self.folder / kind) as entries:
                    stale = [entry.path for entry in entries if entry.name not in used]
            except OSError:
                continue
            for path in stale:
                try:
                    os.unlink(path)
                except OSError:
                    pass


def _remember(kind: str, name: str, data: bytes) -> None:
    global _memory_size
    if len(data) > MEMORY_BYTES // 8:
        return
    with _memory_lock:
        previous = _memory.pop((kind, name), None)
        _memory_size += len(data) - (len(previous) if previous is not None else 0)
        _memory[(kind, name)] = data
        while _memory_size > MEMORY_BYTES:
            _, dropped = _memory.popitem(last=False)
            _memory_size -= len(dropped)


class Memory(OrderedDict):
    """A process's memory of recent results that are not entries of the cache (the finished HTML of a text),
    at most `size` of them, the oldest forgotten first."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        _memories.append(self)

    def remember(self, name: object, value: object) -> None:
        self[name] = value
        if len(self) > self.size:
            self.popitem(last=False)


_memories: list[Memory] = []


def clear_memory() -> None:
    """Forget what this process remembered (a test's build from the files of the cache alone)."""
    global _memory_size
    with _memory_lock:
        _memory.clear()
        _memory_size = 0
    for memory in _memories:
        memory.clear()


def project_cache(root: Path) -> Cache:
    return Cache(root / CACHE_DIR)
