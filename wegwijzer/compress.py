"""Pre-compressed copies: a .gz and a .br beside every text file of the build.

A web server that finds them (nginx's gzip_static and brotli_static, GitLab Pages) sends
them as they are, instead of compressing every response again, and can use the slowest,
smallest settings because that work is done once, here. Both are deterministic: gzip
gets a fixed modification time and no file name, so builds stay byte-identical.
"""
from __future__ import annotations

import gzip
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import brotli

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
ENCODINGS = (".gz", ".br")


def is_text(name: str) -> bool:
    return name.endswith(TEXT_SUFFIXES)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


@lru_cache(maxsize=2048)
def _both(data: bytes) -> tuple[bytes, bytes]:
    """Remembered, because a process that builds again (the tests, the benchmarks) mostly builds the same files."""
    return gzipped(data), brotli.compress(data, quality=11)


def with_compressed_copies(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files and, for each text file, its .gz and .br. Brotli at its best setting is slow; it runs on
    every core (the library lets go of Python's lock while it works)."""
    names = sorted(name for name in files if is_text(name))
    with ThreadPoolExecutor() as pool:
        compressed = pool.map(_both, (files[name] for name in names))
        copies = {name + suffix: data for name, pair in zip(names, compressed) for suffix, data in zip(ENCODINGS, pair)}
    return {**files, **copies}
