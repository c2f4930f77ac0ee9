"""The report the site is built from, read for the fidelity tests from the copy in tests/data/seeds/.

The file holds two text extractions of one PDF; the first follows the pages (two columns
interleaved), the second begins at SECOND_EXTRACTION and often has a paragraph on one line.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

SEED = Path(__file__).resolve().parent / "data" / "seeds" / "002_48c716fdcdfab97d.txt"
SECOND_EXTRACTION = "I. INTRODUCTIE.."  # the line where the second extraction begins
URL = re.compile(r"https?://\S+")


def squash(text: str) -> str:
    """Composed characters (NFC) and white space folded, as the site's content is read."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@cache
def raw_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


@cache
def lines() -> list[str]:
    return [squash(line) for line in raw_lines()]


def section(start: str, end: str) -> tuple[int, int]:
    """Line indexes [first, last) of the first extraction from the line starting with `start`
    up to the next line starting with `end`."""
    first = next(i for i, line in enumerate(raw_lines()) if line.strip().startswith(start))
    last = next(i for i, line in enumerate(raw_lines()) if i > first and line.strip().startswith(end))
    return first, last


def section_lines(start: str, end: str) -> list[str]:
    first, last = section(start, end)
    return raw_lines()[first:last]


def listed_urls(start: str, end: str) -> set[str]:
    """The link targets the first extraction lists, each on a line of its own, in a section."""
    return {line.strip() for line in section_lines(start, end) if URL.fullmatch(line.strip())}


@cache
def text() -> str:
    """Both extractions as one line, so that text broken over lines can be found."""
    return squash("\n".join(raw_lines()))
