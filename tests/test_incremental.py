"""The dev server's rebuilds: after every kind of edit, only what it touched is rendered again, and dist/ holds
the same bytes as a clean build; a rebuild that fails writes nothing, and what it was given stays pending."""
from __future__ import annotations

from pathlib import Path

import pytest

from editing import TIP, edit, tree_digest
from wegwijzer.incremental import LiveBuild
from wegwijzer.pipeline import build, load_site
from wegwijzer.problems import ContentError

NEW_PAGE = "content/pages/nieuw.md"


def rebuilt(live: LiveBuild, project: Path, *changed: str):
    """Rebuild after these edits; then check dist/ against a clean build of the same sources."""
    done = live.rebuild(project.parent / name for name in changed)
    incremental = tree_digest(project.parent / "dist")
    build(project, compressed=False)
    assert tree_digest(project.parent / "dist") == incremental
    return done


@pytest.fixture
def live(project: Path) -> LiveBuild:
    live = LiveBuild(project)
    first = live.rebuild()
    assert first.rendered == route_count(project) and first.written == first.total
    return live


def test_a_tip_edit_renders_only_the_pages_that_show_the_tip(live: LiveBuild, project: Path) -> None:
    edit(project, TIP, "## Tips\n", "## Tips\nEen nieuwe zin van de redactie. ")
    done = rebuilt(live, project, TIP)
    assert 0 < done.rendered < 40 and done.written < done.total / 4, done
    assert "Een nieuwe zin van de redactie." in (project.parent / "dist/wegwijzer/tips/fundering-standaard/index.html").read_text()


@pytest.mark.parametrize(("template", "old"), [("tip.html", "{% block main %}\n"),
                                                ("partials/cell.html", "\n"),
                                                ("pages/privacy.html", "<p>")])
def test_a_template_edit_renders_the_pages_that_use_it(live: LiveBuild, project: Path, template: str, old: str) -> None:
    edit(project, f"templates/{template}", old, old + "<p>Sjabloonwijziging.</p>")
    done = rebuilt(live, project, f"templates/{template}")
    assert done.rendered < route_count(project), done


def test_a_stylesheet_edit_renders_every_page_with_the_new_name(live: LiveBuild, project: Path) -> None:
    edit(project, "assets/css/site.css", ":root {", ":root {\n  --benchmark: 1px;")
    done = rebuilt(live, project, "assets/css/site.css")
    assert done.rendered == route_count(project)


def test_a_checklist_statement_and_a_date(live: LiveBuild, project: Path) -> None:
    edit(project, "content/checklist.yaml", "\n        text: ", "\n        text: Gewijzigd, ")
    assert rebuilt(live, project, "content/checklist.yaml").rendered < route_count(project)
    edit(project, "content/pages/over-dit-onderzoek.md", "updated: 2026-11-24", "updated: 2026-12-24")
    rebuilt(live, project, "content/pages/over-dit-onderzoek.md")


def test_a_page_added_and_removed(live: LiveBuild, project: Path) -> None:
    page = project.parent / NEW_PAGE
    page.write_text('---\ntitle: "Nieuw"\ndescription: "Een nieuwe pagina."\nupdated: 2026-11-24\n---\nTekst.\n', encoding="utf-8")
    rebuilt(live, project, NEW_PAGE)
    assert (project.parent / "dist/nieuw/index.html").is_file()
    page.unlink()
    rebuilt(live, project, NEW_PAGE)
    assert not (project.parent / "dist/nieuw").exists()


def test_a_failed_rebuild_writes_nothing_and_its_changes_stay_pending(live: LiveBuild, project: Path) -> None:
    before = tree_digest(project.parent / "dist")
    edit(project, TIP, "answer: standaard", "answer: bestaat-niet")
    with pytest.raises(ContentError):
        live.rebuild([project.parent / TIP])
    assert tree_digest(project.parent / "dist") == before
    edit(project, TIP, "answer: bestaat-niet", "answer: standaard")
    edit(project, TIP, "## Tips\n", "## Tips\nNa het herstel. ")
    edit(project, "templates/tip.html", "{% block main %}\n", "{% block main %}\n<p>Ook dit.</p>")
    rebuilt(live, project, "templates/tip.html")  # the tip's own change came with the failed rebuild
    assert "Na het herstel." in (project.parent / "dist/wegwijzer/tips/fundering-standaard/index.html").read_text()


def route_count(project: Path) -> int:
    return len(load_site(project).routes)


def test_a_file_removed_from_dist_beside_serve_is_written_again(live: LiveBuild, project: Path) -> None:
    (project.parent / "dist/wegwijzer/tips/fundering-standaard/index.html").unlink()
    edit(project, "content/checklist.yaml", "\n        text: ", "\n        text: Gewijzigd, ")
    rebuilt(live, project, "content/checklist.yaml")
