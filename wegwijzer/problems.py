"""Problems found in the input, each tied to the file and line it came from."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """Collects every problem instead of stopping at the first, so `check` can list them all."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.items.append(Problem(self.relative(path), line, message))

    def relative(self, path: Path | str) -> str:
        """How problems name a file: its path from the project folder."""
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.message)))


class ContentError(Exception):
    """Raised when the input has problems; the build stops and dist/ stays as it was."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def suggestion(key: object, known: set[str]) -> str:
    """"; bedoelt u 'activity'?" for a misspelt key; the known keys when none is close."""
    close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return f"; bedoelt u '{close[0]}'?" if close else f" (bekende velden: {', '.join(sorted(known))})"
