"""`check` finds everything in one run and says it per file, with line numbers, in Dutch."""
from __future__ import annotations

from pathlib import Path

import pytest

from editing import check, edit, line_of
from wegwijzer.cli import main

TIP = "content/tips/fundering-standaard.md"


def test_an_empty_tip_and_an_empty_leeswijzer_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project.parent / "content/tips/fundering-complex.md").write_text(
        "---\nactivity: fundering\nquestion: product\nanswer: complex\n---\n## Tips\n\n<!-- later invullen -->\n\n"
        "## Leeswijzer\n\n", encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1
    assert "content/tips/fundering-complex.md:6: de sectie '## Tips' ontbreekt of is leeg" in out
    assert "content/tips/fundering-complex.md:10: de sectie '## Leeswijzer' is leeg: vul hem of haal de kop weg" in out


def test_a_file_that_is_not_utf8_is_named_with_the_line_of_the_first_bad_character(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project.parent / TIP
    text = path.read_text(encoding="utf-8").replace("## Tips\n\n", "## Tips\n\nCafé ", 1)
    path.write_bytes(text.encode("latin-1", errors="replace"))
    status, out = check(project, capsys)
    assert status == 1
    assert f"{TIP}:{text.split(chr(10)).index(next(l for l in text.split(chr(10)) if 'Café' in l)) + 1}: het bestand is geen UTF-8-tekst: sla het op als UTF-8" in out


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[het schema](/wegwijzer/schema/)", None),
        ("[de tips](/wegwijzer/tips/analyse-complx/)",
         "de link '/wegwijzer/tips/analyse-complx/' werkt niet: de pagina /wegwijzer/tips/analyse-complx/ bestaat niet; "
         "bedoelt u '/wegwijzer/tips/analyse-complex/'?"),
        ("[de checklist](/checklist/#strategie-13)",
         "de link '/checklist/#strategie-13' werkt niet: de plek '#strategie-13' bestaat niet op /checklist/; bedoelt u '#strategie-1-3'?"),
        ("[hier](#nergens)", "de link '#nergens' werkt niet: de plek '#nergens' bestaat niet op de pagina zelf"),
        ("![Het schema](/assets/img/schema.png)", "de link '/assets/img/schema.png' werkt niet: de afbeelding /assets/img/schema.png bestaat niet"),
        ("![Het schema](https://example.org/schema.png)",
         "de afbeelding 'https://example.org/schema.png' moet op deze site staan: zet het bestand in assets/img/"),
        ("![](/assets/favicon.svg)", "de link '/assets/favicon.svg' werkt niet: de afbeelding heeft geen beschrijving (alt-tekst)"),
    ],
)
def test_links_and_images_to_the_site_are_checked_against_the_built_pages(project: Path, capsys: pytest.CaptureFixture[str],
                                                                        link: str, message: str | None) -> None:
    edit(project, TIP, "## Tips\n\n", f"## Tips\n\nZie {link}.\n\n")
    status, out = check(project, capsys)
    line = line_of(project, TIP, f"Zie {link}")
    if message is None:
        assert status == 0, out
    else:
        assert status == 1
        reported = [l for l in out.splitlines() if l.startswith(f"{TIP}:{line}: ")]
        assert len(reported) == 1, out  # once, though the tip is on its own page and on 16 advice pages
        assert reported[0].startswith(f"{TIP}:{line}: {message}")


def test_a_broken_link_in_the_checklist_names_the_line_in_its_yaml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/checklist.yaml", "Met de [webtool ISO 20400]", "Zie de [voorbeeldcase](/voorbeld/). Met de [webtool ISO 20400]")
    status, out = check(project, capsys)
    assert status == 1
    line = line_of(project, "content/checklist.yaml", "Zie de [voorbeeldcase]")
    assert f"content/checklist.yaml:{line}: de link '/voorbeld/' werkt niet: de pagina /voorbeld/ bestaat niet; bedoelt u '/voorbeeld/'?" in out


def test_a_broken_link_in_a_template_names_the_template(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "templates/tip.html", "<h1>{{ title }}</h1>", "<h1>{{ title }}</h1><a href=\"{{ urls.href('wegwijzer/oud/') }}\">oud</a>")
    status, out = check(project, capsys)
    assert status == 1
    assert "templates/tip.html: de link '/wegwijzer/oud/' op wegwijzer/tips/analyse-algemeen/index.html werkt niet" in out


def test_the_report_is_grouped_per_file_and_finds_everything_in_one_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, TIP, "activity: fundering", "actvity: fundering")
    edit(project, TIP, "## Tips", "## Tip")
    edit(project, "content/wegwijzer.yaml", "short: standaard product", "short: 2020")
    edit(project, "content/checklist.yaml", "id: strategie-2", "id: strategie-1")
    assert main(["check", "-f", str(project)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].endswith("in 3 bestanden:")
    for name in ("content/checklist.yaml", "content/tips/fundering-standaard.md", "content/wegwijzer.yaml"):
        header = lines.index(name)
        assert lines[header + 1].startswith("  regel ")
    tip = lines.index("content/tips/fundering-standaard.md")
    own = lines[tip + 1: lines.index("", tip)]
    assert [l.split(":")[0] for l in own] == sorted((l.split(":")[0] for l in own), key=lambda r: int(r.split()[-1]))
    assert len(own) >= 2
    assert "python build.py check" in lines[-1]


def test_check_passes_on_the_real_content_with_links_and_addresses(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import ROOT

    status, out = check(ROOT / "site_config.yaml", capsys)
    assert status == 0, out
    listed = [line for line in (ROOT / "content" / "urls.txt").read_text(encoding="utf-8").splitlines() if line.startswith("/")]
    assert f"{len(listed)} openbare adressen" in out


def test_content_problems_do_not_hide_broken_links_or_clashes_elsewhere(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One run: a tip with a problem is left out, and the rest of the site is still built and its links checked."""
    edit(project, "content/tips/analyse-complex.md", "activity: analyse", "actvity: analyse")
    edit(project, TIP, "## Tips\n\n", "## Tips\n\nZie [het voorbeeld](/voorbeld/) en [die tip](/wegwijzer/tips/analyse-complex/).\n\n")
    edit(project, "content/checklist.yaml", "Met de [webtool ISO 20400]", "Zie [hier](/wegwijzer/schema/#nergens). Met de [webtool ISO 20400]")
    (project.parent / "content/pages/privacy.md").write_text("---\ntitle: Privacy\ndescription: Eigen.\n---\nTekst.\n", encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1
    assert "content/tips/analyse-complex.md:2: tip: onbekend veld 'actvity'; bedoelt u 'activity'?" in out
    line = line_of(project, TIP, "Zie [het voorbeeld]")
    assert f"{TIP}:{line}: de link '/voorbeld/' werkt niet: de pagina /voorbeld/ bestaat niet; bedoelt u '/voorbeeld/'?" in out
    assert "content/pages/privacy.md: het adres /privacy/ bestaat al" in out
    # Not sure while analyse-complex.md is left out: its tip page, and #fragments, which left-out cells may carry.
    assert "analyse-complex/' werkt niet" not in out and "#nergens" not in out
    assert "controleert check de lijst van gepubliceerde adressen niet" in out
