"""Editing a project copy as an editor would, and running `check` on it: shared by the content tests."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from wegwijzer.cli import main

TIP = "content/tips/fundering-standaard.md"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project.parent / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(project: Path, relative: str, data: str | bytes) -> int:
    """Add text (or bytes) on new lines at the end of a file; returns the line the addition starts on."""
    path = project.parent / relative
    before = path.read_bytes()
    if before and not before.endswith(b"\n"):
        before += b"\n"
    path.write_bytes(before + (data.encode("utf-8") if isinstance(data, str) else data))
    return before.count(b"\n") + 1


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `check`; its report, grouped per file, comes back as one 'file:line: message' line per problem."""
    status = main(["check", "-f", str(project)])
    captured = capsys.readouterr()
    return status, "\n".join(flatten(captured.out + captured.err))


def flatten(report: str) -> list[str]:
    """The grouped report of `check` (a file's name, then its problems indented) as 'file:line: message' lines;
    the lines that are not indented stay as they are."""
    lines: list[str] = []
    current = ""
    for line in report.splitlines():
        problem = line.strip()
        if not line.startswith("  "):
            current = problem
            lines.append(line)
        elif numbered := re.match(r"regel (\d+): (.*)$", problem):
            lines.append(f"{current}:{numbered.group(1)}: {numbered.group(2)}")
        else:
            lines.append(f"{current}: {problem}")
    return lines


def build_status(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["build", "-f", str(project)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def line_of(project: Path, relative: str, text: str) -> int:
    """The line where `text` starts in the (edited) file."""
    content = (project.parent / relative).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with its SHA-256: equal digests mean an untouched folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
