"""Reading the sources: nothing outside the project is read or published, nothing is silently skipped,
and every file that cannot be read gets a message naming it (issue 8, rows 2, 3, 4, 10, 12 and 14)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from editing import TIP, append, build_status, check, edit, flatten, line_of, tree_digest
from wegwijzer.cli import main
from wegwijzer.pipeline import build

SYMLINK = "is een symbolische link"



# ---------------------------------------------------------------- symbolic links (row 2)


def test_a_symlink_in_assets_to_a_file_outside_is_refused_and_not_published(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project.parent / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    status, out = check(project, capsys)
    assert status == 1 and f"assets/passwd.txt: {SYMLINK}" in out
    status, out = build_status(project, capsys)
    assert status == 1 and not (project.parent / "dist").exists()


def test_a_tip_that_links_to_a_file_outside_the_project_is_refused(project: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tips = project.parent / "content" / "tips"
    outside = tmp_path / "elders.md"
    outside.write_bytes((tips / "fundering-standaard.md").read_bytes())
    (tips / "fundering-standaard.md").unlink()
    (tips / "fundering-standaard.md").symlink_to(outside)
    status, out = check(project, capsys)
    assert status == 1 and f"content/tips/fundering-standaard.md: {SYMLINK}" in out


def test_a_symlink_in_templates_pages_is_not_published_as_a_page(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project.parent / "templates" / "pages" / "geheim.html").symlink_to("/etc/hostname")
    status, out = check(project, capsys)
    assert status == 1 and f"templates/pages/geheim.html: {SYMLINK}" in out


def test_a_template_folder_that_links_outside_is_refused(project: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    partials = project.parent / "templates" / "partials"
    elsewhere = tmp_path / "elders"
    partials.rename(elsewhere)
    partials.symlink_to(elsewhere)
    status, out = check(project, capsys)
    assert status == 1 and f"templates/partials: {SYMLINK}" in out


def test_a_content_folder_outside_the_project_is_refused(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    append(project, "site_config.yaml", "content_dir: ../../\n")
    status, out = check(project, capsys)
    assert status == 1 and "content_dir '../../' ligt buiten de projectmap" in out


# ---------------------------------------------------------------- what is skipped (rows 3 and 12)


def test_a_dot_folder_in_assets_is_not_published(project: Path) -> None:
    secret = project.parent / "assets" / ".secret"
    secret.mkdir()
    (secret / "c.txt").write_text("geheim", encoding="utf-8")
    loaded, files = build(project)
    assert not any(".secret" in name for name in files)
    assert not (loaded.config.dir("output_dir") / "assets" / ".secret").exists()


def test_an_editors_lock_file_is_skipped(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Emacs marks an open file with a dangling symlink `.#name`; it must not break the build."""
    (project.parent / "content" / "tips" / ".#fundering-standaard.md").symlink_to("editor@host.4242:1700000000")
    status, out = check(project, capsys)
    assert status == 0, out


def test_a_byte_order_mark_is_not_mistaken_for_text(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tip = project.parent / TIP
    tip.write_bytes(b"\xef\xbb\xbf" + tip.read_bytes())
    status, out = check(project, capsys)
    assert status == 0, out


# ---------------------------------------------------------------- nothing silently dropped (row 10)


@pytest.mark.parametrize("name", ["Fundering-Standaard.MD", "fundering-standaard.Md", "fundering-standaard.markdown"])
def test_a_tip_saved_with_another_suffix_is_reported_not_ignored(project: Path, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    tips = project.parent / "content" / "tips"
    (tips / "fundering-standaard.md").rename(tips / name)
    status, out = check(project, capsys)
    assert status == 1 and f"content/tips/{name}: wordt niet gelezen" in out
    assert "'.md'" in out


def test_a_deleted_tips_folder_is_a_problem_not_zero_cells(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for tip in (project.parent / "content" / "tips").iterdir():
        tip.unlink()
    status, out = check(project, capsys)
    assert status == 1 and "content/tips: de map bevat geen .md-bestanden" in out
    (project.parent / "content" / "tips").rmdir()
    status, out = check(project, capsys)
    assert status == 1 and "content/tips: de map ontbreekt" in out


def test_a_sub_folder_of_tips_is_reported(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project.parent / "content" / "tips" / "oud").mkdir()
    status, out = check(project, capsys)
    assert status == 1 and "content/tips/oud: submappen worden niet gelezen" in out


# ---------------------------------------------------------------- special and huge files (row 14)


def test_a_fifo_named_like_a_tip_is_refused_without_hanging(project: Path) -> None:
    os.mkfifo(project.parent / "content" / "tips" / "wacht.md")
    # A FIFO blocks the reader until someone writes to it; the timeout is far beyond any check.
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "-f", str(project)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "content/tips/wacht.md: is geen gewoon bestand" in "\n".join(flatten(result.stdout))


def test_a_huge_tip_is_refused_before_it_is_read_and_dist_stays(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["build", "-f", str(project)]) == 0
    dist = project.parent / "dist"
    before = tree_digest(dist)
    append(project, TIP, "\n" + "Een heel lange tip. " * 2_600_000 + "\n")  # 52 MB
    status, out = build_status(project, capsys)
    assert status == 1
    assert f"{TIP}: het bestand is 52,0 MB; het maximum is 256 kB (max_file_bytes in site_config.yaml)" in out
    assert tree_digest(dist) == before


def test_the_size_limit_is_a_setting(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    append(project, TIP, "\n" + "Een lange tip. " * 20_000 + "\n")  # 300 kB
    assert check(project, capsys)[0] == 1
    append(project, "site_config.yaml", "max_file_bytes: 400000\n")
    status, out = check(project, capsys)
    assert status == 0, out


# ---------------------------------------------------------------- encoding and control characters (rows 4 and 10)


@pytest.mark.parametrize("relative", ["content/checklist.yaml", "site_config.yaml", "content/wegwijzer.yaml", TIP])
def test_invalid_utf8_names_the_file_and_line(project: Path, capsys, relative: str) -> None:  # type: ignore[no-untyped-def]
    line = append(project, relative, b"kapot: \xff\n")
    status, out = check(project, capsys)
    assert status == 1
    assert f"{relative}:{line}: het bestand is geen UTF-8-tekst: sla het op als UTF-8 (in een teksteditor: 'Opslaan als', codering UTF-8); het eerste onleesbare teken (byte 0xff) staat op deze regel" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(("character", "name"), [("\x07", "U+0007 (BEL)"), ("\x1b", "U+001B (ESC)"), ("\x00", "U+0000 (NUL)"),
                                                ("\u202e", "U+202E")])
def test_a_control_character_in_a_tip_is_refused_with_its_line(project: Path, capsys, character: str, name: str) -> None:  # type: ignore[no-untyped-def]
    edit(project, TIP, "## Tips\n", f"## Tips\n\nEen bel{character} in de tekst.\n")
    status, out = check(project, capsys)
    assert status == 1
    assert f"{TIP}:{line_of(project, TIP, 'Een bel')}: onzichtbaar stuurteken {name} is niet toegestaan" in out


@pytest.mark.parametrize("value", ['"bel\\a"', '"escape\\e"', '"nul\\0"', '"\\x1b[31m"'])
def test_a_control_character_written_as_a_yaml_escape_is_refused(project: Path, capsys, value: str) -> None:  # type: ignore[no-untyped-def]
    edit(project, TIP, "activity: fundering", f"activity: {value}")
    status, out = check(project, capsys)
    assert status == 1 and f"{TIP}:2: ongeldige YAML: onzichtbaar stuurteken" in out


@pytest.mark.parametrize("reference", ["&#7;", "&#x1b;", "&#0;", "&#x202E;"])
def test_a_control_character_written_as_a_character_reference_is_refused(project: Path, capsys, reference: str) -> None:  # type: ignore[no-untyped-def]
    edit(project, TIP, "## Tips\n", f"## Tips\n\nEen bel {reference} in de tekst.\n")
    status, out = check(project, capsys)
    assert status == 1 and f"{TIP}:{line_of(project, TIP, 'Een bel')}: '{reference}' is een stuurteken en niet toegestaan" in out


def test_no_control_character_reaches_dist(built) -> None:  # type: ignore[no-untyped-def]
    from wegwijzer.sources import CONTROL

    found = [name for name, data in built.files.items() if name.endswith((".html", ".xml", ".txt")) and CONTROL.search(data.decode())]
    assert not found


def test_a_decision_table_that_would_make_too_many_pages_stops_before_writing(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Six answers per question used to give 9,377 files and 383 MB without a word (issue 13.4 too)."""
    table = project.parent / "content" / "wegwijzer.yaml"
    text, count = table.read_text(encoding="utf-8"), 0
    while "    answers:\n" in text:
        count += 1
        extra = "".join(f"      - slug: extra-{count}-{n}\n        label: Extra {n}\n" for n in range(4))
        text = text.replace("    answers:\n", "    ANSWERS:\n" + extra, 1)
    table.write_text(text.replace("    ANSWERS:\n", "    answers:\n"), encoding="utf-8")
    status, out = build_status(project, capsys)
    assert status == 1
    assert ("content/wegwijzer.yaml: de site zou 9.363 pagina's krijgen (9.331 voor de vragen en adviezen van de beslistabel), "
            "meer dan max_pages (5.000) in site_config.yaml") in out
    assert not (project.parent / "dist").exists()
