"""The commands as a new user meets them: every command the READMEs show works as written, help and
errors are Dutch, and a wrong folder says where it looked (issue 10.1)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT

READMES = ("README.md", "content/README.md")
RECURSIVE = "scripts/test"  # the suite itself


def readme_commands() -> list[str]:
    """Every command shown in the READMEs: code spans and indented lines that start with a path to run."""
    found: list[str] = []
    for readme in READMES:
        text = (ROOT / readme).read_text(encoding="utf-8")
        candidates = re.findall(r"`([^`\n]+)`", text) + re.findall(r"^ {4}(\S.*)$", text, re.MULTILINE)
        found += [c.strip() for c in candidates if c.startswith((".venv/bin/", "scripts/", ". .venv/"))]
    return sorted(set(found))


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's files as a fresh clone has them, after `scripts/setup --test` (the first step of `scripts/test`)."""
    target = tmp_path_factory.mktemp("clone")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    # With the test tools, as `scripts/test` sets up: the README's benchmarks use the test fixtures.
    setup = subprocess.run(["scripts/setup", "--test"], cwd=target, capture_output=True, text=True, timeout=600, check=False)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    steps = setup.stdout.splitlines()  # it says what it does, in Dutch, rather than stay silent for half a minute
    assert steps[0] == "Virtuele Python-omgeving maken in .venv/ ..." and steps[1].startswith("Python-pakketten installeren in .venv/")
    return target


def test_the_readmes_show_the_commands_with_the_virtualenv() -> None:
    commands = readme_commands()
    assert ".venv/bin/python build.py check" in commands and ".venv/bin/wegwijzer --help" in commands
    paragraphs = [p for readme in READMES for p in (ROOT / readme).read_text(encoding="utf-8").split("\n\n")]
    bare = [c for paragraph in paragraphs if "activate" not in paragraph  # once activated, the bare commands work
            for c in re.findall(r"`(python build\.py[^`]*|wegwijzer [^`]*)`", paragraph)]
    assert not bare, f"commands that fail after scripts/setup unless the venv is active: {bare}"


def runnable_here(command: str) -> bool:
    """Not the suite itself, not a pattern (<file>, [--option], REF), not `links` (it asks other hosts), and not
    the benchmarks: figures that take minutes (test_the_hostile_input_benchmark_runs keeps the one of this issue honest)."""
    return command != RECURSIVE and not re.search(r"[<\[]|\b[A-Z]{2,}\b|build\.py links|benchmark", command)


@pytest.mark.parametrize("command", [c for c in readme_commands() if runnable_here(c)])
def test_every_command_in_the_readmes_works_as_written(clone: Path, command: str) -> None:
    if command.startswith(". .venv/bin/activate"):
        command += " && python build.py check && wegwijzer --help"  # what the README says works once activated
    if "serve" in command:
        process = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=clone, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        watchdog = threading.Timer(120, process.kill)  # a server that never says it runs must not hang the suite
        watchdog.start()
        try:
            assert process.stdout is not None
            lines = []
            for line in process.stdout:
                lines.append(line)
                if "De site draait op" in line:
                    break
            assert "De site draait op http://127.0.0.1:" in lines[-1], lines
        finally:
            watchdog.cancel()
            process.terminate()
            process.wait(timeout=20)
        return
    result = subprocess.run(["bash", "-c", command], cwd=clone, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_run_from_another_folder_it_says_where_it_looked_and_how_to_point_it(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert f"gezocht naar {tmp_path / 'site_config.yaml'}" in result.stderr
    assert "-f" in result.stderr and "Traceback" not in result.stderr


def test_help_is_dutch() -> None:
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "wegwijzer"), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: wegwijzer") and "opties:" in result.stdout and "toon deze hulp" in result.stdout
    assert not re.search(r"usage|options|show this help|positional arguments", result.stdout)


def test_an_unknown_command_is_refused_in_dutch(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "bouw"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith("wegwijzer: bij command: onbekende opdracht: 'bouw' (kies uit")


def test_a_failure_never_prints_a_traceback(project: Path) -> None:
    """An error no check foresaw (here a template that divides by zero) still gets one line with the file."""
    template = project.parent / "templates" / "tip.html"
    template.write_text(template.read_text(encoding="utf-8").replace("<h1>", "<h1>{{ 1 / 0 }}", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "-f", str(project)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"templates/tip\.html:\d+: fout in het sjabloon: ZeroDivisionError", result.stderr), result.stderr


def test_the_hostile_input_benchmark_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hostile_input.py"), "--size", "3000"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0].split() == ["vorm", "seconden", "uitkomst"] and rows[-1].startswith("langzaamste: ")
    assert any("geweigerd" in row for row in rows) and any("gebouwd" in row for row in rows)
