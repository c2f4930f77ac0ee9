"""Content validation: every problem is reported with its file and line, and `check` lists them all."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from editing import check, edit, line_of


def test_the_real_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import ROOT

    status, out = check(ROOT / "site_config.yaml", capsys)
    assert status == 0, out
    assert "29 tipcellen" in out


@pytest.mark.parametrize(
    ("relative", "old", "new", "at", "message"),
    [
        ("content/wegwijzer.yaml", "  - id: markt\n", "  - id: markt\n    id: markt\n", "    id: markt",
         "ongeldige YAML: de sleutel 'id' staat hier voor de tweede keer"),
        ("content/wegwijzer.yaml", "category: HOE", "category: WAAROM", "category: WAAROM",
         "vraag: 'category' moet een van WAT, HOE, WIE zijn, niet 'WAAROM'"),
        ("content/wegwijzer.yaml", "- slug: weinig-aanbieders", "- slug: veel-aanbieders",
         "slug: veel-aanbieders\n        short: weinig", "antwoordslug 'veel-aanbieders' komt twee keer voor"),
        ("content/wegwijzer.yaml", "    text: Welk type product / dienst wordt ingekocht?\n", "", "id: product",
         "vraag: het veld 'text' ontbreekt"),
        ("content/tips/fundering-standaard.md", "question: product", "question: prijs", "question: prijs",
         "onbekende vraag 'prijs'"),
        ("content/tips/fundering-standaard.md", "activity: fundering", "activity: inkoop", "activity: inkoop",
         "onbekende activiteit 'inkoop'"),
        ("content/tips/fundering-standaard.md", "## Tips", "## Advies", "## Advies",
         "onbekende kop '## Advies'"),
        ("content/tips/fundering-standaard.md", "answer: standaard", "answer: standaard\nanswer: complex", "answer: complex",
         "ongeldige YAML: de sleutel 'answer' staat hier voor de tweede keer"),
        ("content/tips/fundering-standaard.md", "answer: standaard", "answer: [standaard\n", "---\n<!--",
         "ongeldige YAML"),
        ("content/checklist.yaml", "id: strategie-2", "id: strategie-1", "id: strategie-1\n        text: Is het",
         "checklistvraag: de id 'strategie-1' komt twee keer voor"),
        ("content/pages/voorbeeld.md", "markt: veel-aanbieders", "markt: geen", "markt: geen",
         "'geen' is geen antwoord op vraag 'markt'"),
        # unknown keys get a suggestion; a value YAML does not read as text says what it was and how to quote it
        ("content/tips/fundering-standaard.md", "activity: fundering", "actvity: fundering", "actvity", "tip: onbekend veld 'actvity'; bedoelt u 'activity'?"),
        ("content/wegwijzer.yaml", "    category: WAT\n    text: Welk type", "    category: WAT\n    txet: Welk type", "txet",
         "vraag: onbekend veld 'txet'; bedoelt u 'text'?"),
        ("content/checklist.yaml", "        text: Zijn de beleidsambities", "        tekst: Zijn de beleidsambities", "tekst: Zijn",
         "checklistvraag: onbekend veld 'tekst'; bedoelt u 'text'?"),
        ("site_config.yaml", "source_credit:", "source_credits:", "source_credits",
         "onbekende instelling 'source_credits'; bedoelt u 'source_credit'?"),
        ("content/wegwijzer.yaml", "short: standaard product", "short: 2020", "short: 2020",
         "antwoord: 'short' moet een tekst zijn, maar YAML leest 2020 als een getal; zet de tekst tussen aanhalingstekens: short: \"2020\""),
        ("content/pages/voorbeeld.md", 'title: "Voorbeeld: een inkoopcase"', "title: true", "title: true",
         "pagina: 'title' moet een tekst zijn, maar YAML leest true als een ja/nee-waarde"),
        ("content/checklist.yaml", "text: Zijn de beleidsambities bij alle betrokkenen duidelijk en bekend?", "text: 2026-12-01",
         "text: 2026-12-01", "checklistvraag: 'text' moet een tekst zijn, maar YAML leest 2026-12-01 als een datum"),
    ],
)
def test_a_content_error_names_file_and_line(project: Path, capsys: pytest.CaptureFixture[str],
                                             relative: str, old: str, new: str, at: str, message: str) -> None:
    edit(project, relative, old, new)
    status, out = check(project, capsys)
    assert status == 1
    assert f"{relative}:{line_of(project, relative, at)}: {message}" in out


def test_a_duplicate_cell_names_both_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tips = project.parent / "content" / "tips"
    (tips / "zz-dubbel.md").write_text((tips / "fundering-standaard.md").read_text(encoding="utf-8"), encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1
    assert "content/tips/zz-dubbel.md:1: dubbele cel: fundering-standaard.md bevat al de tips van 'fundering'" in out


def test_check_lists_every_problem_not_just_the_first(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/tips/fundering-standaard.md", "question: product", "question: prijs")
    edit(project, "content/tips/analyse-complex.md", "## Tips", "### Tips")
    edit(project, "content/tips/uitvoering-algemeen.md", "general: true", "general: misschien")
    status, out = check(project, capsys)
    assert status == 1
    assert "fundering-standaard.md" in out and "analyse-complex.md" in out and "uitvoering-algemeen.md" in out
    problems = [line for line in out.splitlines() if re.match(r"content/\S+:\d+: ", line)]
    assert len(problems) >= 3
    assert out.startswith(f"{len(problems)} problemen in 3 bestanden:")


def test_a_missing_tips_section_and_a_relative_link_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tips = project.parent / "content" / "tips"
    (tips / "fundering-complex.md").write_text(
        "---\nactivity: fundering\nquestion: product\nanswer: complex\n---\nLos tekst.\n\n## Leeswijzer\n\n- Zie [dit](../elders.html).\n",
        encoding="utf-8",
    )
    status, out = check(project, capsys)
    assert status == 1
    assert "content/tips/fundering-complex.md:6: tekst vóór de eerste kop" in out
    assert "content/tips/fundering-complex.md:6: de sectie '## Tips' ontbreekt of is leeg" in out
    assert "content/tips/fundering-complex.md:10: ongeldige link '../elders.html'" in out


def test_yes_and_no_stay_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """PyYAML 1.1 would read `no` as false; an answer label `no` must stay the word."""
    edit(project, "content/wegwijzer.yaml", "label: Complex / Uniek / Innovatief", "label: no")
    status, out = check(project, capsys)
    assert status == 0, out


def test_an_editor_adds_a_cell_with_one_file_and_no_code(project: Path) -> None:
    from wegwijzer.pipeline import build

    tips = project.parent / "content" / "tips"
    (tips / "fundering-complex.md").write_text(
        "---\nactivity: fundering\nquestion: product\nanswer: complex\n---\n## Tips\n\nEen nieuwe tip voor complexe producten.\n",
        encoding="utf-8",
    )
    _, files = build(project)
    assert "Een nieuwe tip voor complexe producten." in files["wegwijzer/tips/fundering-complex/index.html"].decode()
    assert 'id="f12"' in files["wegwijzer/complex/veel-aanbieders/kostenefficientie/voldoende-capaciteit/met-partners/index.html"].decode()
    assert 'id="f12"' not in files["wegwijzer/standaard/veel-aanbieders/kostenefficientie/voldoende-capaciteit/met-partners/index.html"].decode()
