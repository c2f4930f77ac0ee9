"""Pre-compressed copies: a .gz and a .br beside every text file of the build.

A web server that finds them (nginx's gzip_static and brotli_static, GitLab Pages) sends
them as they are, instead of compressing every response again, and can use the slowest,
smallest settings because that work is done once, here. Both are deterministic: gzip
gets a fixed modification time and no file name, so builds stay byte-identical.

Brotli at its best setting takes most of a build from nothing (about 3 s for the real site on two
cores), so each file's pair is kept in the build's cache under the hash of its bytes: a build makes
copies only of files that changed. Files that miss the cache are compressed on every core (the
libraries let go of Python's lock while they work), a few at a time, so pages never pile up in memory.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from .cache import Cache, key, library_stamp

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
ENCODINGS = (".gz", ".br")
GZIP_LEVEL = 9
BROTLI_QUALITY = 11
KIND = "compressed"  # the cache's folder for them
IN_FLIGHT = 8  # files handed to the threads and not yet compressed

Write = Callable[[str, bytes], None]


def is_text(name: str) -> bool:
    return name.endswith(TEXT_SUFFIXES)


# The libraries and the threads are loaded only when a file is not in the cache.

def gzipped(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli_compressed(data: bytes) -> bytes:
    import brotli

    return brotli.compress(data, quality=BROTLI_QUALITY)


def _pack(gz: bytes, br: bytes) -> bytes:
    return len(gz).to_bytes(4, "big") + gz + br


def _unpack(entry: bytes) -> tuple[bytes, bytes]:
    size = int.from_bytes(entry[:4], "big")
    return entry[4 : 4 + size], entry[4 + size :]


class Compressor:
    """Writes the .gz and .br of each text file it is given, from the cache or made on the threads.
    Use it as a context manager: leaving it waits for the last copies (and raises what failed)."""

    def __init__(self, cache: Cache, write: Write):
        self.cache, self.write = cache, write
        self.stamp = f"gzip {GZIP_LEVEL} mtime 0; brotli {BROTLI_QUALITY} {library_stamp('brotli')}"
        self.pool: ThreadPoolExecutor | None = None
        self.slots = threading.BoundedSemaphore(IN_FLIGHT)
        self.pending: list[Future[None]] = []

    def add(self, name: str, data: bytes) -> None:
        if not is_text(name):
            return
        entry_name = key(self.stamp, data)
        entry = self.cache.get(KIND, entry_name)
        if entry is not None:
            self._write(name, *_unpack(entry))
            return
        if self.pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self.pool = ThreadPoolExecutor()
        self.slots.acquire()
        self.pending.append(self.pool.submit(self._compress, name, data, entry_name))

    def _compress(self, name: str, data: bytes, entry_name: str) -> None:
        try:
            gz, br = gzipped(data), brotli_compressed(data)
            self.cache.put(KIND, entry_name, _pack(gz, br))
            self._write(name, gz, br)
        finally:
            self.slots.release()

    def _write(self, name: str, gz: bytes, br: bytes) -> None:
        self.write(name + ".gz", gz)
        self.write(name + ".br", br)

    def __enter__(self) -> Compressor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self.pool is None:
            return
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)
        if kind is None:
            for future in self.pending:
                future.result()
