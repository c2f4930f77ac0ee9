"""The output folder: only ever one that a build made, always present, and cleaned up after a killed
build (issue 8, rows 1 and 11)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from editing import TIP, append, build_status, check, edit, tree_digest
from wegwijzer.cli import main
from wegwijzer.problems import WriteError
from wegwijzer.writer import MARKER, new_site



# ---------------------------------------------------------------- which folder a build may replace (row 1)


@pytest.mark.parametrize("output_dir", [".", "./", "..", "content", "templates", "assets", "content/tips", "assets/.."])
def test_a_build_never_replaces_the_project_or_its_sources(project: Path, capsys, output_dir: str) -> None:  # type: ignore[no-untyped-def]
    root = project.parent
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = tree_digest(root)
    line = append(project, "site_config.yaml", f"output_dir: {output_dir}\n")
    for status, out in (build_status(project, capsys), check(project, capsys)):
        assert status == 1
        assert f"site_config.yaml:{line}: output_dir '{output_dir}'" in out
    del before["site_config.yaml"]
    after = tree_digest(root)
    del after["site_config.yaml"]
    assert after == before


@pytest.mark.parametrize("precious", [".git", "site_config.yaml", "notes.txt"])
def test_a_build_never_replaces_a_folder_it_did_not_make(project: Path, tmp_path: Path, capsys, precious: str) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / precious).write_text("bewaren", encoding="utf-8")
    if precious != "notes.txt":
        (elsewhere / MARKER).write_text("", encoding="utf-8")  # even a marker does not make .git expendable
    append(project, "site_config.yaml", f"output_dir: {elsewhere}\n")
    status, out = build_status(project, capsys)
    assert status == 1 and f"output_dir '{elsewhere}'" in out
    assert (elsewhere / precious).read_text(encoding="utf-8") == "bewaren"


def test_a_folder_outside_the_project_is_fine_when_empty_or_built_before(project: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "www"
    elsewhere.mkdir()
    append(project, "site_config.yaml", f"output_dir: {elsewhere}\n")
    assert build_status(project, capsys)[0] == 0
    assert (elsewhere / "index.html").is_file() and (elsewhere / MARKER).is_file()
    edit(project, TIP, "## Tips\n", "## Tips\n\nEen nieuwe tip.\n\n")
    assert build_status(project, capsys)[0] == 0
    assert "Een nieuwe tip." in (elsewhere / "wegwijzer/tips/fundering-standaard/index.html").read_text(encoding="utf-8")


def test_an_output_folder_that_is_a_symlink_is_refused(project: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "doel"
    target.mkdir()
    (project.parent / "dist").symlink_to(target)
    status, out = build_status(project, capsys)
    assert status == 1 and "output_dir 'dist' is een symbolische link" in out


def test_the_working_folders_of_a_killed_build_are_ignored_by_git() -> None:
    names = [".dist-new-a1b2c3/", ".dist-old-a1b2c3/", "dist/"]
    result = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", *names],
                            capture_output=True, text=True, check=False)
    assert result.stdout.split() == names


# ---------------------------------------------------------------- dist/ at every instant (row 11)

# A build in a child process that stops, before the n-th step of the kind named, until it is killed:
# each step that replaces or removes folders, as the operating system sees it (Python's audit events).
PAUSING_BUILD = """
import sys, time
kind, wanted = sys.argv[2], int(sys.argv[3])
steps = {"rename": ("os.rename", "ctypes.call_function"), "remove": ("os.remove",)}[kind]
seen = 0
def pause(event, args):
    global seen
    if event in steps:
        seen += 1
        if seen == wanted:
            print("pauze", event, flush=True)
            time.sleep(120)
sys.addaudithook(pause)
from wegwijzer.cli import main
sys.exit(main(["build", "-f", sys.argv[1]]))
"""


@contextmanager
def paused_build(project: Path, kind: str, step: int) -> Iterator[subprocess.Popen[str] | None]:
    """A build held before its step-th rename-like or remove step; None if it finished before that step."""
    process = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(project), kind, str(step)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        yield process if line.startswith("pauze") else None
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.parent.iterdir() if p.name.startswith(".dist-"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the exchange in one step is Linux's renameat2")
def test_dist_exists_at_every_step_of_the_swap_and_a_killed_build_is_cleaned_up(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["build", "-f", str(project)]) == 0
    dist = project.parent / "dist"
    old = tree_digest(dist)
    edit(project, TIP, "## Tips\n", "## Tips\n\nEen nieuwe tip.\n\n")
    new = built_apart(project)
    stops = [("rename", 1), ("rename", 2), ("rename", 3), ("remove", 1), ("remove", 40)]
    held = 0
    for kind, step in stops:
        with paused_build(project, kind, step) as process:
            if process is None:
                continue
            held += 1
            assert (dist / "index.html").is_file(), f"no dist/ before {kind} step {step}"
            process.send_signal(signal.SIGKILL)
        assert tree_digest(dist) in (old, new), f"dist/ is half a site after a kill before {kind} step {step}"
    assert held >= 3
    assert main(["build", "-f", str(project)]) == 0
    assert leftovers(project) == []


def built_apart(project: Path) -> dict[str, str]:
    """The digest of the project's site as it is now, built in a copy of its own."""
    copy = project.parent.parent / "apart"
    shutil.copytree(project.parent, copy, ignore=shutil.ignore_patterns("dist", ".dist-*"))
    assert main(["build", "-f", str(copy / "site_config.yaml")]) == 0
    return tree_digest(copy / "dist")


def test_sigterm_during_a_build_leaves_no_working_folder(project: Path) -> None:
    """CI cancels with SIGTERM: the build unwinds and removes its half-written folder itself."""
    assert main(["build", "-f", str(project)]) == 0
    edit(project, TIP, "## Tips\n", "## Tips\n\nEen nieuwe tip.\n\n")
    with paused_build(project, "rename", 1) as process:
        assert process is not None
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert leftovers(project) == []
    assert (project.parent / "dist" / "index.html").is_file()


# ---------------------------------------------------------------- one write per path


def test_a_second_write_to_one_path_stops_the_build_and_keeps_the_old_site(project: Path) -> None:
    assert main(["build", "-f", str(project)]) == 0
    dist = project.parent / "dist"
    before = tree_digest(dist)
    with pytest.raises(WriteError, match="index.html twee keer"), new_site(dist) as staging:
        staging.write("index.html", b"eerst")
        staging.write("index.html", b"daarna")
    assert tree_digest(dist) == before
    assert [p.name for p in project.parent.iterdir() if p.name.startswith(".dist")] == []
