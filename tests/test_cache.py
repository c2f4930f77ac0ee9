"""The build's cache (.cache/build/) saves time and nothing else: a build with a cold cache, one with a warm
cache and one whose cache cannot be written give the same bytes; a build keeps the cache to its own entries."""
from __future__ import annotations

import shutil
from pathlib import Path

from editing import TIP, edit, tree_digest
from wegwijzer import cache
from wegwijzer.cli import main


def build_from_nothing_in_memory(project: Path) -> dict[str, str]:
    cache.clear_memory()  # what an earlier build in this process remembered
    assert main(["build", "-f", str(project)]) == 0
    return tree_digest(project.parent / "dist")


def test_a_cold_and_a_warm_cache_give_the_same_site(project: Path) -> None:
    folder = project.parent / cache.CACHE_DIR
    cold = build_from_nothing_in_memory(project)
    kinds = {p.name for p in folder.iterdir()}
    assert {"compressed", "markdown", "minified", "search"} <= kinds
    assert build_from_nothing_in_memory(project) == cold  # everything from the files of the cache
    assert main(["build", "-f", str(project)]) == 0  # everything from memory
    assert tree_digest(project.parent / "dist") == cold


def test_a_cache_that_cannot_be_written_only_costs_time(project: Path) -> None:
    expected = build_from_nothing_in_memory(project)
    folder = project.parent / cache.CACHE_DIR
    shutil.rmtree(folder)
    folder.parent.mkdir(exist_ok=True)
    folder.write_text("geen map")  # every write into the cache fails
    assert build_from_nothing_in_memory(project) == expected


def test_a_build_removes_the_entries_it_no_longer_uses(project: Path) -> None:
    build_from_nothing_in_memory(project)
    markdown = project.parent / cache.CACHE_DIR / "markdown"
    before = {p.name for p in markdown.iterdir()}
    edit(project, TIP, "## Tips\n", "## Tips\nEen nieuwe zin. ")
    build_from_nothing_in_memory(project)
    after = {p.name for p in markdown.iterdir()}
    assert len(after - before) == 1 and len(before - after) == 1
