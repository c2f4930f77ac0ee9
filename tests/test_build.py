"""The build as a whole: deterministic, atomic, and the site-wide files."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Built
from editing import tree_digest
from htmlscan import parse
from site_inputs import combinations, step_path
from wegwijzer.cli import main
from wegwijzer.pipeline import build
from wegwijzer.urls import output_file


def test_two_builds_are_byte_identical(project: Path) -> None:
    assert main(["build", "-f", str(project)]) == 0
    first = tree_digest(project.parent / "dist")
    assert main(["build", "-f", str(project)]) == 0
    assert tree_digest(project.parent / "dist") == first
    assert len(first) > 100


def test_a_failed_build_leaves_the_previous_dist_exactly_as_it_was(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(project)]) == 0
    before = tree_digest(project.parent / "dist")
    tip = project.parent / "content" / "tips" / "fundering-standaard.md"
    tip.write_text(tip.read_text(encoding="utf-8").replace("answer: standaard", "answer: bestaat-niet"), encoding="utf-8")
    assert main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "content/tips/fundering-standaard.md:4: 'bestaat-niet' is geen antwoord op vraag 'product'" in err
    assert "de vorige dist/ is niet gewijzigd" in err
    assert tree_digest(project.parent / "dist") == before
    assert [p.name for p in project.parent.iterdir() if p.name.startswith(".dist")] == []


def test_a_template_error_names_the_template_and_keeps_dist(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(project)]) == 0
    before = tree_digest(project.parent / "dist")
    template = project.parent / "templates" / "tip.html"
    edited = template.read_text(encoding="utf-8").replace("<h1>{{ title }}</h1>", "<h1>{{ title }}{{ cell.nonexistent.field }}</h1>")
    template.write_text(edited, encoding="utf-8")
    assert main(["build", "-f", str(project)]) == 1
    assert "tip.html" in capsys.readouterr().err
    assert tree_digest(project.parent / "dist") == before


def test_the_site_works_under_a_sub_path(project: Path) -> None:
    config = project.read_text(encoding="utf-8").replace("base_url: /", "base_url: /inkoop/")
    project.write_text(config, encoding="utf-8")
    _, files = build(project)
    advice = files[output_file(step_path(combinations()[0]))].decode()
    hrefs = [e.get("href") or e.get("src") for e in parse(advice).iter() if e.get("href") or e.get("src")]
    internal = [h for h in hrefs if h.startswith("/")]
    assert internal and all(h.startswith("/inkoop/") for h in internal)
    # Markdown links in content that point inside the site follow base_url too.
    home = files["index.html"].decode()
    assert 'href="/inkoop/wegwijzer/"' in home


def test_sitemap_lists_indexable_pages_only(built: Built) -> None:
    sitemap = built.files["sitemap.xml"].decode()
    site_url = built.loaded.config["site_url"]
    assert f"<loc>{site_url}/</loc>" in sitemap
    for combination in combinations():
        assert f"<loc>{site_url}/{step_path(combination)}</loc>" in sitemap
    assert f"<loc>{site_url}/wegwijzer/complex/</loc>" not in sitemap  # a question page
    assert "lastmod" not in sitemap  # no build time in the output


def test_robots_txt_points_to_the_sitemap(built: Built) -> None:
    robots = built.files["robots.txt"].decode()
    assert f"Sitemap: {built.loaded.config['site_url']}/sitemap.xml" in robots


def test_every_page_credits_the_source_and_dates_its_content(built: Built) -> None:
    for name, html in built.pages().items():
        assert "Policy Research Corporation, in opdracht van PIANOo" in html, name
        footer_time = [e for e in parse(html).find_all("time") if e.get("datetime")]
        assert footer_time, name
        assert footer_time[-1].attrs["datetime"] == "2026-11-24", name


def test_the_footer_date_follows_the_content(project: Path) -> None:
    tip = project.parent / "content" / "tips" / "fundering-standaard.md"
    tip.write_text(tip.read_text(encoding="utf-8").replace("activity: fundering", "activity: fundering\nupdated: 2027-01-15", 1), encoding="utf-8")
    _, files = build(project)
    assert 'datetime="2027-01-15"' in files["wegwijzer/tips/fundering-standaard/index.html"].decode()
    assert 'datetime="2027-01-15"' in files[output_file(step_path(combinations()[0]))].decode()
    assert 'datetime="2027-01-15"' not in files["wegwijzer/tips/fundering-complex/index.html".replace("complex", "kostenefficientie")].decode()


def test_404_page_and_security_txt_exist(built: Built) -> None:
    assert "Pagina niet gevonden" in built.files["404.html"].decode()
    assert built.files[".well-known/security.txt"].decode().startswith("Contact: ")
