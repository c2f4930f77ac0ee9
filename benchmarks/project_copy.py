"""A throwaway copy of the project's inputs, so the benchmarks never touch dist/."""
from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def copy_project(project: Path) -> Path:
    """Copy content/, templates/, assets/ and site_config.yaml into `project`; the copy's site_config.yaml."""
    for part in ("content", "templates", "assets"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy2(ROOT / "site_config.yaml", project / "site_config.yaml")
    return project / "site_config.yaml"


@contextmanager
def copied_project() -> Iterator[Path]:
    """Yield the path of site_config.yaml in a temporary copy of the project."""
    with tempfile.TemporaryDirectory() as temp:
        yield copy_project(Path(temp))
