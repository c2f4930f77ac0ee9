"""Writing the site: all files into a fresh folder, then one swap with the old dist/.

If anything fails before the swap, the previous dist/ is left exactly as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class WriteError(Exception):
    pass


def _safe_target(root: Path, name: str) -> Path:
    """Refuse paths that would land outside the output folder."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise WriteError(f"weigert te schrijven buiten de uitvoermap: {name!r}")
    return root.joinpath(*pure.parts)


def write_site(files: dict[str, bytes], output_dir: Path) -> None:
    output_dir = output_dir.resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-new-", dir=output_dir.parent))
    try:
        for name in sorted(files):
            target = _safe_target(staging, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
        _swap(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, output_dir: Path) -> None:
    # mkdtemp makes the folder private; a web server needs to read it.
    for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
    if not output_dir.exists():
        os.replace(staging, output_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-old-", dir=output_dir.parent))
    os.replace(output_dir, retired / "site")
    try:
        os.replace(staging, output_dir)
    except BaseException:
        os.replace(retired / "site", output_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
