"""Reports for reviewers: `report` (cells, combinations, external links) and `diff REF` (pages added, removed, changed)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import site_inputs
from conftest import ROOT
from editing import edit
from test_manifest import rename_complex
from wegwijzer.cli import main


def report(config: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["report", "-f", str(config)]) == 0
    return capsys.readouterr().out


def section(out: str, title: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start + 1: end]


def test_the_report_lists_every_cell_filled_or_empty(capsys: pytest.CaptureFixture[str]) -> None:
    cells = section(report(ROOT / "site_config.yaml", capsys), "Cellen")
    filled = site_inputs.filled_cells()
    codes = {line.split()[0]: line for line in cells[:-1]}
    letters = {a["id"]: a["letter"] for a in site_inputs.load_table()["activities"]}
    answers = sum(len(q.answers) for q in site_inputs.questions())
    assert len(codes) == len(letters) * (answers + 1)
    for code, line in codes.items():
        assert line.endswith(" leeg") == (code not in filled.values()), line
    a12 = codes["A12"]  # analyse-complex.md: one paragraph of tips, 4 Leeswijzer items, 5 links
    source = (ROOT / "content/tips/analyse-complex.md").read_text(encoding="utf-8")
    words = len(source.split("## Tips", 1)[1].split("## Leeswijzer", 1)[0].split())
    assert a12.endswith(f"gevuld: {words} woorden tips, 4 Leeswijzer-items, 5 links"), a12
    assert cells[-1] == f"  {len(filled)} van de {len(codes)} cellen gevuld."


def test_words_are_the_texts_own_not_what_only_screen_readers_hear(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/tips/analyse-complex.md", "## Tips\n\n", "## Tips\n\nZie [de site](https://www.pianoo.nl) nu.\n\n")
    before = next(l for l in section(report(ROOT / "site_config.yaml", capsys), "Cellen") if l.split()[0] == "A12")
    after = next(l for l in section(report(project, capsys), "Cellen") if l.split()[0] == "A12")
    count = lambda line: int(re.search(r"gevuld: (\d+) woorden", line).group(1))  # noqa: E731
    assert count(after) == count(before) + 4  # "Zie de site nu.", not "(externe link)"


def test_the_report_flags_activities_that_get_only_their_general_tips(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Keep only two specific Uitvoering cells (U22 weinig aanbieders, U51 met partners): every combination with
    neither answer leaves Uitvoering with its general tips alone."""
    tips = project.parent / "content" / "tips"
    manifest = project.parent / "content" / "urls.txt"
    for name in ("uitvoering-standaard", "uitvoering-complex", "uitvoering-innovatie-duurzaamheid", "uitvoering-onvoldoende-capaciteit"):
        (tips / f"{name}.md").unlink()
        # A tip page that goes is a published address that goes; this test drops them from the list on purpose.
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(f"/wegwijzer/tips/{name}/\n", ""), encoding="utf-8")
    lines = section(report(project, capsys), "Adviezen")
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:-1]}
    assert len(rows) == len(site_inputs.combinations())
    expected = ["/".join(c) for c in site_inputs.combinations() if "weinig-aanbieders" not in c and "met-partners" not in c]
    assert len(expected) == 8
    assert [combo for combo, counts in rows.items() if counts[3] == "1*"] == expected
    assert [combo for combo, counts in rows.items() if any(c.endswith("*") for c in counts)] == expected
    assert lines[-1] == "  8 keer krijgt een activiteit in een advies alleen haar algemene tips."


def test_the_report_lists_per_external_url_where_it_is_written_and_which_pages_show_it(capsys: pytest.CaptureFixture[str]) -> None:
    out = section(report(ROOT / "site_config.yaml", capsys), "Externe links")
    url = "https://rio.jrc.ec.europa.eu/en/printpdf/28676"  # in cell A12 only
    at = out.index(f"  {url}")
    line = next(n for n, text in enumerate((ROOT / "content/tips/analyse-complex.md").read_text(encoding="utf-8").splitlines(), 1)
                if url in text)
    assert out[at + 1] == f"    in content/tips/analyse-complex.md:{line}"
    assert out[at + 2] == "    op /wegwijzer/tips/analyse-complex/, 16 adviespagina's"


# --- diff ---


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(folder), *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(project: Path) -> Path:
    """The project copy as a git repository with one commit."""
    git(project.parent, "init", "-q")
    git(project.parent, "add", "-A")
    git(project.parent, "commit", "-qm", "start")
    return project


def diff(config: Path, capsys: pytest.CaptureFixture[str], ref: str = "HEAD") -> tuple[int, str, str]:
    status = main(["diff", ref, "-f", str(config)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_diff_counts_the_pages_a_changed_cell_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "content/tips/analyse-complex.md", "Bij complexe producten", "Bij complexe producten en diensten")
    status, out, _ = diff(repo, capsys)
    assert status == 0
    assert "Deze wijziging verandert 16 adviespagina's en 1 tippagina." in out
    assert "Erbij: geen pagina's. Weg: geen pagina's." in out
    changed = [line.split()[0] for line in out.split("Gewijzigd (17):\n")[1].splitlines() if line.startswith("  /")]
    assert len(changed) == 17 and all("/complex/" in p or p.endswith("analyse-complex/") for p in changed)


def test_diff_lists_a_new_cell_and_what_it_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo.parent / "content/tips/fundering-complex.md").write_text(
        "---\nactivity: fundering\nquestion: product\nanswer: complex\n---\n## Tips\n\nEen nieuwe tip.\n", encoding="utf-8")
    status, out, _ = diff(repo, capsys)
    assert status == 0
    assert "Erbij: 1 tippagina." in out and "  /wegwijzer/tips/fundering-complex/  (tippagina)" in out
    # The 16 with 'complex' show the tip; the 16 with 'standaard' say it is no longer in the advice (change note).
    assert "Deze wijziging verandert 32 adviespagina's, 1 activiteitoverzicht, 1 schema en 1 tipoverzicht." in out


def test_diff_shows_a_rename_as_redirected_not_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rename_complex(repo, declare=True)
    assert main(["urls", "--accept", "-f", str(repo)]) == 0
    status, out, _ = diff(repo, capsys)
    assert status == 0
    assert "Weg: geen pagina's. Doorverwezen naar een nieuw adres: 16 adviespagina's, 15 vraagpagina's en 3 tippagina's." in out
    assert "Erbij: 16 adviespagina's, 15 vraagpagina's en 3 tippagina's." in out


def test_diff_without_changes_says_so(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = diff(repo, capsys)
    assert status == 0 and "Deze wijziging verandert de inhoud van geen enkele pagina." in out


def test_diff_names_a_wrong_ref_in_dutch(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = diff(repo, capsys, "bestaat-niet")
    assert status == 1 and "'bestaat-niet' is geen versie in git" in err


def test_diff_outside_git_says_it_needs_git(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = diff(project, capsys)
    assert status == 1 and "is geen git-repository" in err


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`python build.py report | head -1`: the pipe closes while the report is still being written."""
    import sys

    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "report", "-f", str(ROOT / "site_config.yaml")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().startswith(b"Cellen")
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert b"Traceback" not in err and b"Exception" not in err, err.decode()


def test_report_on_broken_content_names_the_problem_without_a_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/tips/analyse-complex.md", "answer: complex", "answer: bestaat-niet")
    assert main(["report", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/tips/analyse-complex.md:4: 'bestaat-niet' is geen antwoord op vraag 'product'" in err
    assert "Los eerst deze problemen op (python build.py check)." in err
