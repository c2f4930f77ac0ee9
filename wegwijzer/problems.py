"""Problems found in the input, each tied to the file and line it came from, and the words for any failure.

`Problems` collects every problem of one run instead of stopping at the first, so `check`
can list them all. It also carries what the input may be: the project folder that nothing
may be read from outside of, and the size limits from site_config.yaml.
"""
from __future__ import annotations

import difflib
import errno
import re
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jinja2


@dataclass(frozen=True)
class Limits:
    """Bounds on the input, so that no file can make check, build or serve hang (set in site_config.yaml)."""

    max_file_bytes: int = 256_000  # a content file or template; the largest today is 31 kB
    max_asset_bytes: int = 5_000_000  # a file in assets/ (an image may be large)
    max_nesting: int = 20  # levels of YAML, of Markdown lists and quotes, of [brackets] and of folders
    max_block_lines: int = 500  # lines in one Markdown paragraph or list without a blank line
    max_block_markup: int = 1_000  # characters with a meaning in Markdown or HTML in one paragraph; the most today is 91
    max_pages: int = 5_000  # pages the site may have; the decision table multiplies quickly


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def sort_key(self) -> tuple[str, int, str]:
        """By file, then line (a problem of the whole file first), then text."""
        return (self.path, self.line or 0, self.message)


# Line breaks, tabs and other control characters that a message may quote from the input.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text quoted from the input, made safe for one line of a terminal: "\r" becomes the four characters \x0d."""
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


MAX_PER_FILE = 50  # a file of garbage would otherwise give a list nobody reads


@dataclass
class Problems:
    """Collects every problem instead of stopping at the first, so `check` can list them all
    (up to MAX_PER_FILE per file, then how many more)."""

    root: Path
    limits: Limits = field(default_factory=Limits)
    items: list[Problem] = field(default_factory=list)
    count: int = 0  # every problem added, also those not kept
    kept: Counter[str] = field(default_factory=Counter)
    hidden: Counter[str] = field(default_factory=Counter)

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.count += 1
        problem = Problem(self.relative(path), line, printable(message))
        if self.kept[problem.path] >= MAX_PER_FILE:
            self.hidden[problem.path] += 1
        else:
            self.kept[problem.path] += 1
            self.items.append(problem)

    def forget(self, paths: frozenset[str]) -> None:
        """Drop the problems of these files (named as problems name them)."""
        self.items = [p for p in self.items if p.path not in paths]
        for path in paths:
            self.kept.pop(path, None)
            self.hidden.pop(path, None)

    def relative(self, path: Path | str) -> str:
        """How problems name a file: its path from the project folder (a link named as the link, not its target)."""
        path = Path(path)
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            more = [Problem(path, None, f"... en nog {count} problemen in dit bestand") for path, count in sorted(self.hidden.items())]
            raise ContentError(sorted(set(self.items), key=Problem.sort_key) + more)


class ContentError(Exception):
    """Raised when the input has problems; the build stops and dist/ stays as it was."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class WriteError(Exception):
    """The output folder cannot or may not be written; the message is Dutch and names the folder."""


# What the operating system says, in Dutch; other errors keep the system's own words.
OS_ERRORS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "bestaat al",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EBUSY: "is in gebruik",
}


def os_error_text(error: OSError) -> str:
    return OS_ERRORS.get(error.errno or 0, error.strerror or str(error))


def describe_error(error: BaseException, root: Path) -> list[str]:
    """Turn any build failure into lines that name the file and line, for the terminal and the browser.

    Never an absolute path of this computer: files are named relative to the project folder.
    """
    return [printable(line) for line in _describe(error, Problems(root))]


def _describe(error: BaseException, names: Problems) -> list[str]:
    if isinstance(error, ContentError):
        return [str(p) for p in error.problems]
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = names.relative(error.filename) if error.filename else f"templates/{error.name}"
        return [f"{where}:{error.lineno}: sjabloonfout: {error.message}"]
    template = _template_frame(error, names)
    where = f"{template}: " if template else ""
    if isinstance(error, jinja2.TemplateNotFound):
        return [f"{where}sjabloon '{error.name}' niet gevonden in de map met sjablonen"]
    if isinstance(error, jinja2.TemplateError):
        return [f"{where}sjabloonfout: {error}"]
    if isinstance(error, WriteError):
        return [f"schrijven mislukt: {error}"]
    if isinstance(error, OSError):
        target = f"{names.relative(error.filename)}: " if error.filename else ""
        return [f"schrijven of lezen mislukt: {target}{os_error_text(error)}"]
    if template:
        return [f"{template}: fout in het sjabloon: {type(error).__name__}: {error}"]
    return [f"onverwachte fout in {_code_frame(error)}: {type(error).__name__}: {error}"]


def _template_frame(error: BaseException, names: Problems) -> str:
    """'templates/x.html:12' for the innermost template line the error passed through, or ''."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    return f"{names.relative(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""


def _code_frame(error: BaseException) -> str:
    """Where in the generator an unexpected error arose, as 'wegwijzer/x.py:12', for a bug report."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/wegwijzer/" in f.filename.replace("\\", "/")]
    if not frames:
        return "de generator"
    return f"wegwijzer/{Path(frames[-1].filename).name}:{frames[-1].lineno}"


def suggestion(key: object, known: set[str]) -> str:
    """"; bedoelt u 'activity'?" for a misspelt key; the known keys when none is close."""
    close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return f"; bedoelt u '{close[0]}'?" if close else f" (bekende velden: {', '.join(sorted(known))})"
