"""Problems and failures in words: sorted safely, bounded per file, on one line, naming files relative
to the project and never this computer's paths (issue 8, rows 4 and 12; issue 11: describe_error)."""
from __future__ import annotations

import errno
import re
from pathlib import Path

import jinja2
import pytest

from wegwijzer.problems import MAX_PER_FILE, ContentError, Problems, describe_error


def raised(problems: Problems) -> list[str]:
    with pytest.raises(ContentError) as caught:
        problems.raise_if_any()
    return [str(p) for p in caught.value.problems]


def test_problems_with_and_without_a_line_sort_together(tmp_path: Path) -> None:
    """Comparing a line-less problem with a numbered one of the same file raised TypeError."""
    only_two = Problems(tmp_path)
    only_two.add(tmp_path / "checklist.yaml", 186, "geen UTF-8")
    only_two.add(tmp_path / "checklist.yaml", None, "het bestand ontbreekt")
    assert raised(only_two) == ["checklist.yaml: het bestand ontbreekt", "checklist.yaml:186: geen UTF-8"]
    problems = Problems(tmp_path)
    problems.add(tmp_path / "b.yaml", 3, "drie")
    problems.add(tmp_path / "b.yaml", None, "het hele bestand")
    problems.add(tmp_path / "a.md", 12, "twaalf")
    problems.add(tmp_path / "b.yaml", 1, "een")
    assert raised(problems) == ["a.md:12: twaalf", "b.yaml: het hele bestand", "b.yaml:1: een", "b.yaml:3: drie"]


def test_a_file_full_of_problems_is_summarised(tmp_path: Path) -> None:
    problems = Problems(tmp_path)
    for line in range(1, MAX_PER_FILE + 11):
        problems.add(tmp_path / "rommel.md", line, "fout")
    problems.add(tmp_path / "ander.md", 1, "fout")
    lines = raised(problems)
    assert len(lines) == MAX_PER_FILE + 2 and problems.count == MAX_PER_FILE + 11
    assert lines[-1] == "rommel.md: ... en nog 10 problemen in dit bestand"


def test_a_quoted_line_break_stays_on_one_line(tmp_path: Path) -> None:
    problems = Problems(tmp_path)
    problems.add(tmp_path / "tip.md", 2, "onbekend veld '\r\n\x1b'")
    assert raised(problems) == ["tip.md:2: onbekend veld '\\x0d\\x0a\\x1b'"]


def test_a_missing_template_is_named_without_the_server_path(tmp_path: Path) -> None:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"))
    with pytest.raises(jinja2.TemplateNotFound) as caught:
        environment.get_template("partials/weg.html")
    [line] = describe_error(caught.value, tmp_path)
    assert line == "sjabloon 'partials/weg.html' niet gevonden in de map met sjablonen"
    assert str(tmp_path) not in line


def test_a_runtime_error_in_a_template_names_the_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tip.html").write_text("<h1>\n{{ 1 / 0 }}</h1>\n", encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"))
    with pytest.raises(ZeroDivisionError) as caught:
        environment.get_template("tip.html").render()
    assert describe_error(caught.value, tmp_path) == ["templates/tip.html:2: fout in het sjabloon: ZeroDivisionError: division by zero"]


def test_a_full_disk_is_said_in_dutch_with_the_file(tmp_path: Path) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "dist" / "index.html"))
    assert describe_error(error, tmp_path) == ["schrijven of lezen mislukt: dist/index.html: de schijf is vol"]


def test_an_unexpected_error_says_where_in_the_generator(tmp_path: Path) -> None:
    from wegwijzer import model

    try:
        model.step_count([1, None])  # type: ignore[list-item]
    except TypeError as error:
        [line] = describe_error(error, tmp_path)
    assert line.startswith("onverwachte fout in wegwijzer/model.py:") and "TypeError" in line


def test_the_documented_limits_are_the_real_defaults() -> None:
    """README.md and the comments in site_config.yaml show each limit's default; they may not drift."""
    from dataclasses import fields

    from conftest import ROOT
    from wegwijzer.problems import Limits

    real = {f.name: f.default for f in fields(Limits)}
    readme = dict(re.findall(r"^\| `(max_\w+)` \| (\d+) \|", (ROOT / "README.md").read_text(encoding="utf-8"), re.MULTILINE))
    config = dict(re.findall(r"^# (max_\w+): (\d+)", (ROOT / "site_config.yaml").read_text(encoding="utf-8"), re.MULTILINE))
    assert {k: int(v) for k, v in readme.items()} == real
    assert {k: int(v) for k, v in config.items()} == real
