"""Writing the site: every file into a fresh folder, then one atomic exchange with the old dist/.

- The output folder is only ever one that a build made: each build leaves a marker file in it,
  and a build refuses a folder that is not empty and has no marker, or that holds a `.git` or
  a `site_config.yaml` (which folders the settings may name at all, `config` checks).
- On Linux the new folder and dist/ trade places in one system call (renameat2 with
  RENAME_EXCHANGE), so dist/ exists at every instant. Where that call is missing or the file
  system cannot exchange, two renames follow each other, with a moment without dist/.
- The folders beside dist/ that a build works in (`.dist-new-*`, `.dist-old-*`) carry the
  marker too, removed last; a build that is killed leaves them behind, and the next build
  removes them. Builds of one output folder take turns (a lock on the folder above it), so no
  build removes another's work. If anything fails before the exchange, dist/ is left as it was.
"""
from __future__ import annotations

import ctypes
import errno
import functools
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .problems import WriteError

MARKER = ".wegwijzer-uitvoer"
MARKER_TEXT = b"Deze map is gemaakt door de build van de wegwijzer; elke build vervangt haar helemaal.\n"
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def output_problem(output_dir: Path) -> str | None:
    """Why a build may not replace this folder, or None if it may."""
    if output_dir.is_symlink():
        return "is een symbolische link; een build vervangt alleen een gewone map die een build zelf maakte"
    if not output_dir.exists():
        return None
    if not output_dir.is_dir():
        return "is geen map"
    for precious in (".git", "site_config.yaml"):
        if os.path.lexists(output_dir / precious):
            return f"bevat {precious}; een build vervangt de uitvoermap helemaal en zou die wissen"
    if (output_dir / MARKER).is_file() or not any(output_dir.iterdir()):
        return None
    return (f"is niet leeg en is niet door een build gemaakt (het bestand {MARKER} ontbreekt); "
            "een build vervangt de uitvoermap helemaal: verwijder de map zelf of kies een andere output_dir")


def _safe_target(root: Path, name: str) -> Path:
    """Refuse paths that would land outside the output folder, or on its marker."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts == (MARKER,) or "\\" in name:
        raise WriteError(f"weigert te schrijven buiten de uitvoermap: {name!r}")
    return root.joinpath(*pure.parts)


def write_site(files: dict[str, bytes], output_dir: Path) -> None:
    output_dir = output_dir.absolute()
    parent = output_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _turn(parent):
        problem = output_problem(output_dir)
        if problem:
            raise WriteError(f"de uitvoermap {output_dir.name}/ {problem}")
        remove_leftovers(output_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-new-", dir=parent))
        try:
            (staging / MARKER).write_bytes(MARKER_TEXT)
            for name in sorted(files):
                target = _safe_target(staging, name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[name])
            # mkdtemp makes the folder private; a web server needs to read it.
            for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
                folder.chmod(0o755)
            retired = _swap(staging, output_dir)
        except BaseException:
            _remove_tree(staging)
            raise
        if retired is not None:
            _remove_tree(retired)


def _swap(staging: Path, output_dir: Path) -> Path | None:
    """Put `staging` in the place of `output_dir`; return where the old site went, if there was one."""
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return None
    if _exchange(staging, output_dir):
        retired = staging.with_name(staging.name.replace("-new-", "-old-", 1))
        try:
            os.rename(staging, retired)
        except OSError:
            return staging
        return retired
    retired = output_dir.with_name(f".{output_dir.name}-old-{secrets.token_hex(6)}")
    os.rename(output_dir, retired)
    try:
        os.rename(staging, output_dir)
    except BaseException:
        os.rename(retired, output_dir)
        raise
    return retired


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where this system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (Linux 3.15, glibc 2.28), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


@contextmanager
def _turn(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` while writing beside it; released even if the process is killed."""
    try:
        import fcntl
    except ImportError:  # not on Windows: builds there do not take turns
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def remove_leftovers(output_dir: Path) -> list[Path]:
    """Remove what killed builds left beside `output_dir`: only folders of its working-folder names that
    carry the marker or are empty. Returns them."""
    prefixes = (f".{output_dir.name}-new-", f".{output_dir.name}-old-")
    removed = []
    for path in output_dir.parent.iterdir():
        if path.name.startswith(prefixes) and path.is_dir() and not path.is_symlink():
            if (path / MARKER).is_file() or not any(path.iterdir()):
                _remove_tree(path)
                removed.append(path)
    return removed


def _remove_tree(path: Path) -> None:
    """Remove a folder a build made, its marker last, so that a kill halfway leaves it recognisable."""
    try:
        for child in path.iterdir():
            if child.name == MARKER:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        (path / MARKER).unlink(missing_ok=True)
        path.rmdir()
    except OSError:
        pass  # what is left carries the marker (or is empty): the next build removes it
