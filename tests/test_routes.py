"""The site map: one route per output, never two with one path, and the only place that knows the site's paths."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import site_inputs
from editing import check, edit
from wegwijzer.compress import ENCODINGS, is_text
from wegwijzer.pipeline import build
from wegwijzer.problems import Problems
from wegwijzer.routes import Origin, Route, SiteMap
from wegwijzer.urls import output_file


def rename_answer(project: Path, old: str, new: str) -> None:
    """Rename an answer slug in the decision table and in every file that names it."""
    content = project.parent / "content"
    for path in [content / "wegwijzer.yaml", *content.glob("tips/*.md"), *content.glob("pages/*.md")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"(slug|answer|: ) ?{re.escape(old)}$", lambda m: m.group(0).replace(old, new), text, flags=re.M)
        path.write_text(text, encoding="utf-8")


def test_every_output_of_the_build_is_a_route_or_an_asset_or_a_compressed_copy(built) -> None:
    routed = set(built.loaded.routes.by_output())
    assets = {name for name in built.files if name.startswith("assets/") and not name.endswith(ENCODINGS)}
    copies = {name + suffix for name in routed | assets if is_text(name) for suffix in ENCODINGS}
    assert set(built.files) == routed | assets | copies
    assert not routed & assets


def test_routes_of_every_kind_are_mapped(built) -> None:
    kinds = {route.kind for route in built.loaded.routes}
    assert {"home", "page", "own-page", "question", "advice", "tip", "tips", "activity", "schema", "checklist", "search",
            "not-found", "sitemap", "robots", "security", "headers"} <= kinds
    by_kind = lambda kind: [r.path for r in built.loaded.routes if r.kind == kind]  # noqa: E731
    assert sorted(by_kind("question")) == sorted(site_inputs.question_steps())
    assert sorted(by_kind("advice")) == sorted(site_inputs.advice_steps())
    assert sorted(by_kind("tip")) == sorted(site_inputs.tip_pages())
    assert sorted(by_kind("activity")) == sorted(f"wegwijzer/tips/{a['id']}/" for a in site_inputs.load_table()["activities"])


def test_a_page_is_indexed_or_noindex_as_its_route_says(built) -> None:
    for route in built.loaded.routes:
        if not route.is_page:
            continue
        html = built.files[route.output].decode("utf-8")
        canonical = f'<link rel="canonical" href="{built.loaded.urls.absolute(route.path)}">' in html
        noindex = '<meta name="robots" content="noindex">' in html
        assert (canonical, noindex) == (route.indexed, not route.indexed), route.path


def test_the_sitemap_lists_each_indexed_route_once(built) -> None:
    sitemap = built.files["sitemap.xml"].decode("utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    expected = [built.loaded.urls.absolute(r.path) for r in built.loaded.routes if r.indexed]
    assert listed == expected
    assert len(set(listed)) == len(listed)
    assert built.loaded.urls.absolute("wegwijzer/") not in listed  # question pages are noindex


def test_a_route_knows_its_sources_and_templates(built) -> None:
    routes = built.loaded.routes
    tip = routes["wegwijzer/tips/fundering-standaard/"]
    assert [p.name for p in tip.sources] == ["wegwijzer.yaml", "fundering-standaard.md"]
    assert {"tip.html", "base.html", "partials/cell.html", "partials/breadcrumb.html"} <= routes.templates(tip)
    advice = routes[site_inputs.step_path(site_inputs.worked_example())]
    shown = {p.stem for p in advice.sources} - {"wegwijzer"}
    codes = set(site_inputs.expected_cells(site_inputs.worked_example()))
    assert len(shown) == len(codes)
    assert "analyse-complex" in shown and "fundering-standaard" not in shown  # the worked example: a complex product


def test_the_site_map_refuses_a_second_route_with_one_path(tmp_path: Path) -> None:
    problems = Problems(tmp_path)
    site_map = SiteMap(tmp_path, problems, lambda name: frozenset({name}))
    first = Route("privacy/", "own-page", "pages/privacy.html", Origin(tmp_path / "templates/pages/privacy.html"))
    second = Route("privacy/", "page", "page.html", Origin(tmp_path / "content/pages/privacy.md", what="de pagina privacy.md"))
    site_map.add(first)
    site_map.add(second)
    assert [r.template for r in site_map] == ["pages/privacy.html"]
    [problem] = problems.items
    assert problem.path == "content/pages/privacy.md"
    assert "/privacy/ bestaat al: templates/pages/privacy.html" in problem.message


def test_a_content_page_cannot_replace_the_sites_own_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = project.parent / "content" / "pages"
    (pages / "privacy.md").write_text("---\ntitle: Mijn privacy\ndescription: Eigen tekst.\n---\nTekst.\n", encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1
    assert ("content/pages/privacy.md: het adres /privacy/ bestaat al: templates/pages/privacy.html maakt die pagina "
            "ook; de pagina privacy.md zou hem vervangen.") in out


@pytest.mark.parametrize(("slug", "message"), [
    ("zoeken", "het adres /zoeken/ bestaat al: de zoekpagina"),
    ("assets", "het adres /assets/ ligt in /assets/, de map van de vaste bestanden van de site"),
])
def test_a_content_page_cannot_take_the_search_page_or_the_assets_folder(project: Path, capsys: pytest.CaptureFixture[str],
                                                                         slug: str, message: str) -> None:
    (project.parent / "content" / "pages" / f"{slug}.md").write_text(
        "---\ntitle: Eigen pagina\ndescription: Eigen tekst.\n---\nTekst.\n", encoding="utf-8")
    status, out = check(project, capsys)
    assert status == 1
    assert f"content/pages/{slug}.md: {message}" in out


@pytest.mark.parametrize(("slug", "taken_by"), [("tips", "het overzicht van alle tips"), ("schema", "het schema van alle tips")])
def test_an_answer_slug_cannot_take_a_fixed_path(project: Path, capsys: pytest.CaptureFixture[str], slug: str, taken_by: str) -> None:
    rename_answer(project, "complex", slug)
    status, out = check(project, capsys)
    assert status == 1
    table = project.parent / "content" / "wegwijzer.yaml"
    line = table.read_text(encoding="utf-8").split("\n").index(f"      - slug: {slug}") + 1
    assert f"content/wegwijzer.yaml:{line}: het adres /wegwijzer/{slug}/ bestaat al: {taken_by}" in out
    assert f"antwoord '{slug}' van vraag 'product' zou hem vervangen" in out


def test_a_slug_may_repeat_in_another_question_when_no_two_pages_clash(project: Path) -> None:
    """Cells are keyed by question and answer: 'kostenefficientie' may also be an answer to the market question."""
    edit(project, "content/wegwijzer.yaml", "- slug: veel-aanbieders", "- slug: kostenefficientie\n        former_slugs: [veel-aanbieders]")
    edit(project, "content/tips/specificatie-veel-aanbieders.md", "answer: veel-aanbieders", "answer: kostenefficientie")
    edit(project, "content/pages/voorbeeld.md", "markt: veel-aanbieders", "markt: kostenefficientie")
    loaded, files = build(project)
    path = "wegwijzer/standaard/kostenefficientie/kostenefficientie/voldoende-capaciteit/met-partners/"
    html = files[output_file(path)].decode("utf-8")
    for code in ("s21", "a31", "f31"):  # the market's cell and the two cells of the goal's answer
        assert f'id="{code}"' in html
    assert "wegwijzer/tips/specificatie-kostenefficientie/" in loaded.routes


def test_a_repeated_slug_whose_tip_pages_clash_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/wegwijzer.yaml", "- slug: weinig-aanbieders", "- slug: complex")
    for activity in ("analyse", "specificatie", "uitvoering"):
        edit(project, f"content/tips/{activity}-weinig-aanbieders.md", "answer: weinig-aanbieders", "answer: complex")
    status, out = check(project, capsys)
    assert status == 1
    assert ("content/tips/analyse-weinig-aanbieders.md: het adres /wegwijzer/tips/analyse-complex/ bestaat al: "
            "de tips van analyse bij antwoord 'complex' (content/tips/analyse-complex.md)") in out


def test_links_the_wizard_loads_in_place_all_point_at_wizard_steps(built) -> None:
    """The wizard's script knows no paths: it loads a link in place when the page marks it `data-step`,
    and the templates mark a link so only when the site map says its target is a question or advice."""
    from htmlscan import parse

    base = built.loaded.config.base_url
    marked = [(route.path, a.get("href")) for route in built.loaded.routes if route.is_page
              for a in parse(built.files[route.output].decode("utf-8")).find_all("a") if "data-step" in a.attrs]
    assert len(marked) > 500
    wrong = [(page, href) for page, href in marked
             if not built.loaded.routes.is_step(href.split("#")[0].removeprefix(base))]
    assert wrong == []
    site_js = built.files[built.asset("js/site.js")].decode("utf-8")
    assert "wegwijzer/" not in site_js and "schema" not in site_js
