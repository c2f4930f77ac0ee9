"""The guides name only commands that exist, and the example messages they show are the ones `check` gives."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from wegwijzer.cli import main

GUIDES = ("README.md", "content/README.md", "CONTRIBUTING.md")


@pytest.mark.parametrize("guide", GUIDES)
def test_every_build_command_a_guide_names_exists(guide: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    named = set(re.findall(r"python build\.py ([a-z]+)", text))
    with pytest.raises(SystemExit):
        main(["--help"])
    usage = capsys.readouterr().out
    choices = set(re.search(r"\{([a-z,]+)\}", usage).group(1).split(","))
    assert named and named <= choices, named - choices
