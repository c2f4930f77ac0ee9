"""Property-based tests: arbitrary YAML, front matter, Markdown and files thrown at `check` and the build.

Whatever the input, `check` either passes or ends with clean messages that each name a file of the
project, never a traceback or an "onverwachte fout"; and a build either succeeds or leaves the
previous dist/ exactly as it was. The number of examples is bounded so the suite stays quick; CI
(CI=true) uses a fixed sequence of examples, so that a run is repeatable. For a long hunt:
HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from editing import TIP, flatten, tree_digest
from wegwijzer.cli import main

settings.register_profile("wegwijzer", max_examples=20, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("wegwijzer"), derandomize=True)
settings.register_profile("thorough", parent=settings.get_profile("wegwijzer"), max_examples=400)  # HYPOTHESIS_PROFILE=thorough
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "wegwijzer"))

# A line of `check` output (flattened: one problem a line): a problem naming a file of the project (and its line),
# a file's heading, the summary or the closing advice; never a traceback, never an error without a file.
PROBLEM_LINE = re.compile(r"^(content|templates|assets)/[^:\n]+((:\d+)?: \S.*)?$|^site_config\.yaml((:\d+)?: \S.*)?$|^$|"
                          r"^\d+ (probleem|problemen) in \d+ (bestand|bestanden):$|^Alles in orde: |^Zolang deze problemen|^Los de problemen op")

# Pieces of Markdown and HTML that have broken Python-Markdown or the checks before, and plain text.
MARKDOWN_TOKENS = [
    "[", "]", "(", ")", "![", "](", "<", ">", "*", "**", "_", "`", "\\", "#", "## ", "-", "---", "===", "\n", "\n\n",
    "> ", "- ", "1. ", "    ", "\t", "&#7;", "&#x1b;", "&amp;", "&", "<a href='/x'>", "<a title=t href=//h>", "</a>",
    "<span lang=\"en\">", "</span>", "<!--", "-->", "<script>", "https://www.pianoo.nl/", "javascript:", "/\\evil.example",
    "//evil.example", "[x](", "[x]: ", "<javascript:alert(1)>", "\x07", "\x00", "\u202e", "\ufeff", "é", "e\u0301", "tekst ",
    "{{ 1/0 }}", "{% raw %}", "\r\n", "\u2028",
]
markdown = st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=200).map("".join)
deep = st.tuples(st.sampled_from(["[", "> ", "- ", "1. ", "  - ", "<span>", "*", "<!--"]), st.integers(1, 5000)).map(lambda t: t[0] * t[1])
huge = st.integers(200_000, 400_000).map(lambda n: ("Een lange regel tekst. " * (n // 23 + 1))[:n])
bodies = st.one_of(markdown, deep, huge, st.text(max_size=500))

yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), st.dates()),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=30,
)
YAML_TOKENS = [":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "? ", "'", '"', "\\a",
               "2026-02-30", "2026-11-24 10:00:00", "yes", "~", "\n", "\n  ", "#", "|", ">", "activity", "fundering", "\t", "\x00"]
yaml_text = st.one_of(
    yaml_values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)),
    st.lists(st.sampled_from(YAML_TOKENS), max_size=80).map("".join),
    st.integers(1, 3000).map(lambda n: "a: " + "[" * n + "]" * n + "\n"),
)
raw_bytes = st.binary(max_size=3000)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


@contextmanager
def replaced(path: Path, data: bytes) -> Iterator[None]:
    """Put `data` in a file for one example and restore it after."""
    before = path.read_bytes()
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(before)


def assert_clean_check(project: Path, capsys: pytest.CaptureFixture[str]) -> int:
    status = main(["check", "-f", str(project)])
    captured = capsys.readouterr()
    lines = flatten(captured.out + captured.err)
    assert status in (0, 1) and lines
    strange = [line for line in lines if not PROBLEM_LINE.match(line) or "onverwachte fout" in line]
    assert not strange, strange
    return status


@given(body=bodies)
def test_any_markdown_in_a_tip_gives_a_clean_check(fuzz_project: Path, capsys, body: str) -> None:  # type: ignore[no-untyped-def]
    tip = fuzz_project.parent / TIP
    with replaced(tip, tip.read_bytes() + b"\n" + body.encode("utf-8", "surrogatepass")):
        assert_clean_check(fuzz_project, capsys)


@given(front_matter=yaml_text, body=st.one_of(st.just("## Tips\n\nEen tip.\n"), markdown))
def test_any_front_matter_gives_a_clean_check(fuzz_project: Path, capsys, front_matter: str, body: str) -> None:  # type: ignore[no-untyped-def]
    tip = fuzz_project.parent / TIP
    with replaced(tip, f"---\n{front_matter}\n---\n{body}".encode("utf-8", "surrogatepass")):
        assert_clean_check(fuzz_project, capsys)


@given(relative=st.sampled_from(["content/wegwijzer.yaml", "content/checklist.yaml", "site_config.yaml"]), text=yaml_text)
def test_any_yaml_file_gives_a_clean_check(fuzz_project: Path, capsys, relative: str, text: str) -> None:  # type: ignore[no-untyped-def]
    with replaced(fuzz_project.parent / relative, text.encode("utf-8", "surrogatepass")):
        assert_clean_check(fuzz_project, capsys)


@given(relative=st.sampled_from([TIP, "content/pages/home.md", "content/checklist.yaml", "templates/tip.html"]), data=raw_bytes)
def test_any_bytes_in_any_source_give_a_clean_check(fuzz_project: Path, capsys, relative: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    with replaced(fuzz_project.parent / relative, data):
        assert_clean_check(fuzz_project, capsys)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = copy_project(tmp_path_factory.mktemp("fuzz-build") / "project")
    assert main(["build", "-f", str(project)]) == 0
    return project, tree_digest(project.parent / "dist")


@settings(max_examples=12)
@given(relative=st.sampled_from([TIP, "content/wegwijzer.yaml", "content/checklist.yaml", "templates/base.html"]),
       data=st.one_of(bodies.map(lambda text: text.encode("utf-8", "surrogatepass")), raw_bytes, yaml_text.map(str.encode)),
       keep=st.booleans())
def test_a_build_of_any_input_succeeds_or_leaves_dist_as_it_was(built_once, capsys, relative: str, data: bytes, keep: bool) -> None:  # type: ignore[no-untyped-def]
    project, digest = built_once
    source = project.parent / relative
    with replaced(source, (source.read_bytes() if keep else b"") + data):
        status = main(["build", "-f", str(project)])
        out = capsys.readouterr()
        assert status in (0, 1) and "Traceback" not in out.err and "onverwachte fout" not in out.err
        if status == 1:
            assert tree_digest(project.parent / "dist") == digest
            assert "de vorige dist/ is niet gewijzigd" in out.err
    if status == 0:  # put the original site back for the next example
        assert main(["build", "-f", str(project)]) == 0
        capsys.readouterr()
    assert sorted(p.name for p in project.parent.iterdir() if p.name.startswith(".dist-")) == []
