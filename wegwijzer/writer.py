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

import contextlib
import ctypes
import errno
import functools
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .problems import WriteError

MARKER = ".wegwijzer-uitvoer"
MARKER_TEXT = b"Deze map is gemaakt door de build van de wegwijzer; elke build vervangt haar helemaal.\n"
AT_FDCWD = -100
RENAME_EXCHANGE = 2
FOLDER_MODE = 0o755  # readable by a web server


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


def _safe_target(root: Path | str, name: str) -> str:
    """The file a name stands for below `root`; refuses names that would land outside it, or on its marker.
    Plain strings: a build asks this for every file it writes."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if name.startswith("/") or ".." in parts or not parts or parts == [MARKER] or "\\" in name:
        raise WriteError(f"weigert te schrijven buiten de uitvoermap: {name!r}")
    return os.path.join(root, *parts)


class Staging:
    """The folder a build writes the new site into, file by file as they are rendered."""

    def __init__(self, folder: Path, force_mode: bool):
        self.folder = folder
        self.force_mode = force_mode  # the umask would keep folders from others: set their mode after making them
        self.folders = {str(folder)}
        self.names: list[str] = []

    def write(self, name: str, data: bytes) -> None:
        target = self._target(name)
        try:  # O_EXCL: two outputs with one path would otherwise leave only the last
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            raise WriteError(f"de build zou {name} twee keer schrijven") from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)
        self.names.append(name)

    def link(self, name: str, current: Path) -> None:
        """Take a file over unchanged from the current site (a warm rebuild): a second name for the same file."""
        os.link(_safe_target(current, name), self._target(name))
        self.names.append(name)

    def _target(self, name: str) -> str:
        target = _safe_target(self.folder, name)
        self._make_folder(os.path.dirname(target))
        return target

    def _make_folder(self, folder: str) -> None:
        if folder in self.folders:
            return
        self._make_folder(os.path.dirname(folder))
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, FOLDER_MODE)
        if self.force_mode:
            os.chmod(folder, FOLDER_MODE)
        self.folders.add(folder)


@contextmanager
def new_site(output_dir: Path, retire: Callable[[Path], None] | None = None) -> Iterator[Staging]:
    """A fresh folder beside `output_dir` to write the site into; when the block ends without an error, it
    takes the place of `output_dir` in one step. On an error it is removed and `output_dir` stays as it was.
    `retire` removes the old site (by default at once)."""
    output_dir = output_dir.absolute()
    parent = output_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _turn(parent):
        problem = output_problem(output_dir)
        if problem:
            raise WriteError(f"de uitvoermap {output_dir.name}/ {problem}")
        remove_leftovers(output_dir)
        staging = _working_folder(output_dir, "new")
        try:
            (staging / MARKER).write_bytes(MARKER_TEXT)
            yield Staging(staging, _umask() & FOLDER_MODE != 0)
            retired = _swap(staging, output_dir)
        except BaseException:
            _remove_tree(staging)
            raise
        if retired is not None:
            (retire or _remove_tree)(retired)


class Written(Mapping[str, bytes]):
    """The files a build wrote, read from the output folder when asked for: the build keeps none in memory."""

    def __init__(self, output_dir: Path, names: list[str]):
        self.output_dir, self.names = output_dir, sorted(names)
        self._known = frozenset(self.names)

    def __getitem__(self, name: str) -> bytes:
        if name not in self._known:
            raise KeyError(name)
        with open(_safe_target(self.output_dir, name), "rb") as file:
            return file.read()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self._known


def _working_folder(output_dir: Path, kind: str) -> Path:
    """A new folder beside `output_dir` with a name no other build uses: `.dist-new-3f9a1c0b2d4e`."""
    while True:
        folder = output_dir.with_name(f".{output_dir.name}-{kind}-{os.urandom(6).hex()}")
        try:
            os.mkdir(folder, FOLDER_MODE)
        except FileExistsError:
            continue
        if _umask() & FOLDER_MODE:
            os.chmod(folder, FOLDER_MODE)
        return folder


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


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
    retired = output_dir.with_name(f".{output_dir.name}-old-{os.urandom(6).hex()}")
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


def remove_in_background(path: Path) -> None:
    """Remove an old site while the dev server goes on; if it stops first, the next build removes the rest."""
    threading.Thread(target=_remove_tree, args=(path,), daemon=True).start()


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
