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


@contextmanager
def copied_project() -> Iterator[Path]:
    """Yield the path of site_config.yaml in a temporary copy of content/, templates/ and assets/."""
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp)
        for part in ("content", "templates", "assets"):
            shutil.copytree(ROOT / part, project / part)
        shutil.copy2(ROOT / "site_config.yaml", project / "site_config.yaml")
        yield project / "site_config.yaml"
