"""Clumsy and hostile content: each case ends in a clear Dutch message naming the file and line, never a
traceback, never a hang, and never content that is silently changed (issue 8, rows 4, 5, 9, 10 and 12)."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from editing import TIP, append, check, edit, flatten, line_of
from wegwijzer.cache import Cache
from wegwijzer.markup import Markup
from wegwijzer.pipeline import build
from wegwijzer.urls import Urls, link_kind


def tip_with(project: Path, text: str) -> int:
    """Put `text` at the start of the tip's Tips section; returns the line it starts on."""
    edit(project, TIP, "## Tips\n", f"## Tips\n\n{text}\n")
    return line_of(project, TIP, text.splitlines()[0] if text.strip() else text)


# ---------------------------------------------------------------- YAML that used to end in a traceback (row 4)


@pytest.mark.parametrize(("relative", "old", "new", "at", "message"), [
    (TIP, "activity: fundering", "activity: fundering\nupdated: 2026-02-30", "updated:",
     "ongeldige YAML: '2026-02-30' is geen bestaande datum"),
    (TIP, "activity: fundering", "activity: fundering\nupdated: 2026-11-24 10:00:00", "updated:",
     "tip: 'updated' moet een datum zijn (JJJJ-MM-DD), zonder tijd"),
    ("content/checklist.yaml", "version:", "? [a, b]\n: x\nversion:", "? [a, b]",
     "ongeldige YAML: een sleutel moet een naam zijn, geen lijst, getal of datum"),
    ("content/checklist.yaml", "version:", "diep: " + "[" * 400 + "]" * 400 + "\nversion:", "diep:",
     "ongeldige YAML: dieper genest dan 20 niveaus (max_nesting in site_config.yaml)"),
    ("content/wegwijzer.yaml", "updated:", "basis: &basis {a: 1}\nkopie: *basis\nupdated:", "kopie:",
     "ongeldige YAML: verwijzingen (*naam) zijn niet toegestaan: schrijf de waarde uit"),
    ("site_config.yaml", "site_name:", "max_pages: 0\nsite_name:", "max_pages:", "'max_pages' moet een heel getal vanaf 1 zijn"),
    ("site_config.yaml", "base_url: /", "base_url: 5", "base_url:", "'base_url' moet tekst zijn"),
])
def test_yaml_that_used_to_crash_gets_a_message(project: Path, capsys, relative: str, old: str, new: str,  # type: ignore[no-untyped-def]
                                                at: str, message: str) -> None:
    edit(project, relative, old, new)
    status, out = check(project, capsys)
    assert status == 1
    assert f"{relative}:{line_of(project, relative, at)}: {message}" in out
    assert "Traceback" not in out


def test_problems_with_and_without_a_line_in_one_file_are_listed_in_order(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """One file with a line-less problem and numbered ones: sorting used to compare None with int."""
    edit(project, TIP, "answer: standaard", "answer: bestaat-niet")
    edit(project, TIP, "## Tips", "### Tips")
    (project.parent / TIP).with_name("fundering-standaard.md~").mkdir()  # an editor's backup: skipped
    (project.parent / "content" / "tips" / "leeg").mkdir()
    append(project, "content/checklist.yaml", b"\n\xff")
    status, out = check(project, capsys)
    assert status == 1 and "Traceback" not in out
    assert "content/tips/leeg: submappen worden niet gelezen" in out and f"{TIP}:4: 'bestaat-niet'" in out
    assert "content/checklist.yaml:" in out and "geen UTF-8-tekst" in out


def test_a_yaml_error_in_the_settings_is_the_only_problem_reported(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    edit(project, "site_config.yaml", "site_name:", "site_name: [niet gesloten\nandere:")
    status, out = check(project, capsys)
    assert status == 1
    assert "site_config.yaml:" in out and "ongeldige YAML" in out
    assert "de instelling" not in out and ":0:" not in out  # no false 'de instelling ... ontbreekt'


# ---------------------------------------------------------------- Markdown that took quadratic time (row 5)


def test_thirty_thousand_brackets_are_refused_at_once(project: Path) -> None:
    """This took more than 120 s; now check refuses it. The timeout is far above what check needs (about 1 s)."""
    line = append(project, TIP, "\n" + "[" * 30_000 + "\n") + 1  # a paragraph of its own
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "-f", str(project)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert f"{TIP}:{line}: deze alinea bevat 30000 tekens met een betekenis in Markdown of HTML" in "\n".join(flatten(result.stdout))


@pytest.mark.parametrize(("text", "message"), [
    ("Zie [de bron" + " en meer" * 20, "'[' zonder bijbehorende ']' in deze alinea"),
    ("[" * 25 + "x" + "]" * 25, "haken '[' zijn dieper genest dan 20 niveaus"),
    ("- " * 25 + "diep", "lijsten of citaten zijn dieper genest dan 20 niveaus"),
    ("1. " * 25 + "diep", "lijsten of citaten zijn dieper genest dan 20 niveaus"),
    ("> " * 25 + "diep", "lijsten of citaten zijn dieper genest dan 20 niveaus"),
    ("Een <a href='https://www.pianoo.nl/'" + " x" * 10, "wordt op deze regel niet met '>' afgesloten"),
    ("Tekst <!-- nooit gesloten", "het commentaar '<!--' wordt niet afgesloten met '-->'"),
    ("\n".join(["- punt"] * 600), "deze alinea of lijst is langer dan 500 regels"),
    ("*_" * 600, "deze alinea bevat 1200 tekens met een betekenis in Markdown of HTML"),
])
def test_markdown_that_python_markdown_cannot_handle_quickly_is_refused(project: Path, capsys, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    line = tip_with(project, text)
    status, out = check(project, capsys)
    assert status == 1
    assert re.search(rf"{re.escape(TIP)}:{line}: .*{re.escape(message)}", out), out


def test_balanced_brackets_and_closed_tags_still_build(project: Path) -> None:
    tip_with(project, "Een [link](https://www.pianoo.nl/) en <span lang=\"en\">een citaat</span> [en [geneste] haken].")
    _, files = build(project)
    assert "geneste" in files["wegwijzer/tips/fundering-standaard/index.html"].decode()


# ---------------------------------------------------------------- headings past the heading rule (row 10)


@pytest.mark.parametrize("text", ["Een kop\n---", "Een kop\n===", "> ## Kop in een citaat", "- ## Kop in een lijst"])
def test_a_heading_in_another_form_is_refused(project: Path, capsys, text: str) -> None:  # type: ignore[no-untyped-def]
    line = tip_with(project, text)
    status, out = check(project, capsys)
    heading_line = line + 1 if "\n" in text else line
    assert status == 1
    assert re.search(rf"{re.escape(TIP)}:{heading_line}: .*kop", out), out


# ---------------------------------------------------------------- links that lead elsewhere than they seem (rows 9 and 10)

DISGUISED = {
    "[x](/\\evil.example/login)": "/\\evil.example/login",
    "[x](/&#9;/evil.example/login)": "/&#9;/evil.example/login",
    "[x](//evil.example/login)": "//evil.example/login",
    "[x](/&#x5C;evil.example/login)": "/&#x5C;evil.example/login",
    "[x][ref]\n\n[ref]: /\\evil.example/login": "/\\evil.example/login",
    "[x][j]\n\n[j]: javascript:alert(1)": "javascript:alert(1)",
    "<javascript:alert(1)>": "javascript:alert(1)",
    '<a title="t" href="/\\evil.example/login">x</a>': "/\\evil.example/login",
    "<a title=t href=//evil.example/>x</a>": "//evil.example/",
    "[x](https:evil.example)": "https:evil.example",
    "[x](data:text/html,hoi)": "data:text/html,hoi",
}


@pytest.mark.parametrize("markdown", DISGUISED)
def test_a_disguised_link_is_refused_with_file_and_line(project: Path, capsys, markdown: str) -> None:  # type: ignore[no-untyped-def]
    tip_with(project, markdown)
    status, out = check(project, capsys)
    target = DISGUISED[markdown]
    line = line_of(project, TIP, target) if target in (project.parent / TIP).read_text(encoding="utf-8") else None
    assert status == 1
    assert f"{TIP}:{line}: ongeldige link '{target}'" in out, out


@pytest.mark.parametrize("anchor", ['<a title="Bron" href="https://www.pianoo.nl/">bron</a>',
                                    '<a hreflang="nl" title="Bron" href="https://www.pianoo.nl/">bron</a>'])
def test_an_anchor_with_its_title_first_is_still_marked_external(anchor: str) -> None:
    page = Markup(Urls("/inkoop/", "https://example.nl"), Cache(None)).render(anchor)
    assert 'class="extern" rel="noopener noreferrer"' in page and "(externe link)" in page


def test_an_internal_anchor_with_its_title_first_follows_base_url() -> None:
    page = Markup(Urls("/inkoop/", "https://example.nl"), Cache(None)).render('<a title="Start" href="/wegwijzer/">start</a>')
    assert 'href="/inkoop/wegwijzer/"' in page


@pytest.mark.parametrize("markdown", DISGUISED)
def test_a_disguised_link_never_keeps_its_target_even_unchecked(markdown: str) -> None:
    """The last line of defence: rendering drops any target that check would refuse."""
    page = Markup(Urls("/", "https://example.nl"), Cache(None)).render(markdown)
    hrefs = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', page)]
    assert all(link_kind(href) != "refused" for href in hrefs), page
    assert "evil.example" not in "".join(hrefs) and "javascript" not in "".join(hrefs)


@pytest.mark.parametrize(("text", "message"), [
    ("site_name: [niet gesloten\n", "een lijst met '[' wordt niet met ']' gesloten, of er ontbreekt een ','"),
    ("site_name: Wegwijzer: Inkoop\n", "een ':' mag hier niet; zet een tekst met ': ' erin tussen aanhalingstekens"),
    ("site_name:\n\tWegwijzer\n", "dit teken mag hier niet (een tab? spring dan in met spaties)"),
    ("site_name: !!python/object:os.system x\n", "YAML-labels als '!!python/...' zijn niet toegestaan"),
])
def test_common_yaml_mistakes_are_explained_in_dutch(project: Path, capsys, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    config = project.read_text(encoding="utf-8")
    project.write_text(re.sub(r"^site_name: .*\n", text, config, flags=re.MULTILINE), encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1 and f"ongeldige YAML: {message}" in out, out


def test_a_file_with_a_control_character_is_still_checked_for_everything_else(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    line = tip_with(project, "Een bel\x07 hier.\n\n[x](//evil.example/)")
    status, out = check(project, capsys)
    assert status == 1
    assert f"{TIP}:{line}: onzichtbaar stuurteken U+0007 (BEL)" in out
    assert f"{TIP}:{line + 2}: ongeldige link '//evil.example/'" in out
