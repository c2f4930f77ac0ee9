"""Permalinks that last: content/urls.txt lists every published address; none may disappear, and
renamed answers and moved pages keep their old addresses through redirects."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, serving
from htmlscan import parse
from editing import check, edit
from test_routes import rename_answer
from wegwijzer.cli import main
from wegwijzer.pipeline import build
from wegwijzer.problems import ContentError
from wegwijzer.urls import output_file

MANIFEST = "content/urls.txt"


def published(project: Path) -> list[str]:
    """The site paths the manifest of a project lists, in order."""
    lines = (project.parent / MANIFEST).read_text(encoding="utf-8").splitlines()
    return [line.lstrip("/") for line in lines if line.startswith("/")]


def rename_complex(project: Path, declare: bool) -> None:
    """Rename the answer 'complex' to 'uniek' everywhere; with `declare`, keep the old slug as a former slug."""
    rename_answer(project, "complex", "uniek")
    if declare:
        edit(project, "content/wegwijzer.yaml", "      - slug: uniek\n", "      - slug: uniek\n        former_slugs: [complex]\n")


def test_the_committed_manifest_lists_every_public_address_of_the_site(built) -> None:
    assert published(ROOT / "site_config.yaml") == built.loaded.routes.public_paths()
    # 63 wizard steps, 29 tips, 4 activity overviews, 9 other pages, search, the change notes and their feed
    assert len(built.loaded.routes.public_paths()) == 108


def test_it_lists_the_pages_the_old_test_manifest_left_out(built) -> None:
    listed = published(ROOT / "site_config.yaml")
    for path in ("", "checklist/", "wegwijzer/schema/", "wegwijzer/tips/", "colofon/", "privacy/", "toegankelijkheid/",
                 "over-dit-onderzoek/", "voorbeeld/"):
        assert path in listed


def test_a_build_that_drops_a_published_address_fails_and_names_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(project)]) == 0
    before = sorted(p.relative_to(project.parent).as_posix() for p in (project.parent / "dist").rglob("*"))
    rename_complex(project, declare=False)
    assert main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    lost = [p for p in published(project) if "/complex/" in f"/{p}" or p.endswith("-complex/")]
    assert len(lost) == 15 + 16 + 3  # question pages after 'complex', its advice pages, its three tip pages
    lines = {p: n for n, line in enumerate((project.parent / MANIFEST).read_text(encoding="utf-8").splitlines(), 1)
             if line.startswith("/") for p in [line.lstrip("/")]}
    for path in lost:
        assert f"{MANIFEST}:{lines[path]}: /{path} verdwijnt" in err
    assert "former_slugs: [complex]" in err  # the way out, named
    assert "de vorige dist/ is niet gewijzigd" in err
    assert sorted(p.relative_to(project.parent).as_posix() for p in (project.parent / "dist").rglob("*")) == before


def test_check_names_the_lost_addresses_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rename_complex(project, declare=False)
    status, out = check(project, capsys)
    assert status == 1
    assert f"{MANIFEST}:" in out and "/wegwijzer/complex/ verdwijnt" in out
    assert "is het antwoord 'complex' van vraag 'product' hernoemd?" in out


def test_a_declared_rename_keeps_every_old_address_as_a_redirect(project: Path) -> None:
    rename_complex(project, declare=True)
    loaded, files = build(project)
    old = [p for p in published(project) if "complex" in p]
    assert len(old) == 34
    for path in old:
        route = loaded.routes[path]
        assert route.kind == "redirect" and not route.indexed
        assert route.context["target"] == path.replace("complex", "uniek")
        assert route.context["target"] in loaded.routes.public_paths()
    assert not any("complex" in p for p in loaded.routes.public_paths())


def test_a_redirect_page_has_no_inline_script_a_fallback_a_canonical_link_and_a_visible_link(project: Path) -> None:
    rename_complex(project, declare=True)
    loaded, files = build(project)
    old, new = "wegwijzer/complex/veel-aanbieders/", "wegwijzer/uniek/veel-aanbieders/"
    page = parse(files[output_file(old)].decode("utf-8"))
    scripts = page.find_all("script")
    assert [s.get("src") for s in scripts] == ["/" + loaded.urls.asset("js/redirect.js").lstrip("/")] and not scripts[0].text().strip()
    assert scripts[0].get("data-target") == "/" + new
    assert page.find_all("meta", name="robots")[0].get("content") == "noindex"
    assert page.find_all("link", rel="canonical")[0].get("href") == loaded.urls.absolute(new)
    assert page.find_all("meta", **{"http-equiv": "refresh"})[0].get("content") == f"0; url=/{new}"
    assert [a.get("href") for a in page.find_all("main")[0].find_all("a")] == ["/" + new]
    assert f"<loc>{loaded.urls.absolute(old)}</loc>" not in files["sitemap.xml"].decode()


def test_the_build_writes_forced_301s_for_netlify_and_rules_for_nginx(project: Path) -> None:
    config = project.read_text(encoding="utf-8").replace("base_url: /", "base_url: /inkoop/")
    project.write_text(config, encoding="utf-8")
    rename_complex(project, declare=True)
    _, files = build(project)
    rules = [line.split() for line in files["_redirects"].decode().splitlines() if line and not line.startswith("#")]
    assert len(rules) == 34
    assert ["/inkoop/wegwijzer/complex/", "/inkoop/wegwijzer/uniek/", "301!"] in rules
    assert ["/inkoop/wegwijzer/tips/analyse-complex/", "/inkoop/wegwijzer/tips/analyse-uniek/", "301!"] in rules
    nginx = files["nginx-redirects.conf"].decode()
    assert "location = /inkoop/wegwijzer/complex/ { return 301 /inkoop/wegwijzer/uniek/$is_args$args; }" in nginx
    assert len(re.findall(r"^location = ", nginx, re.M)) == 34


def test_without_redirects_the_server_files_hold_no_rules(built) -> None:
    assert [line for line in built.files["_redirects"].decode().splitlines() if line and not line.startswith("#")] == []
    assert "location" not in built.files["nginx-redirects.conf"].decode().replace("# ", "")


@pytest.mark.browser
def test_every_old_address_lands_on_its_new_page_in_chromium_with_query_and_fragment(project: Path, page) -> None:
    rename_complex(project, declare=True)
    loaded, _ = build(project)
    old = [p for p in published(project) if "complex" in p]
    with serving(loaded.config.dir("output_dir")) as server:
        for path in old:
            new = path.replace("complex", "uniek")
            fragment = "#a12" if loaded.routes[new].kind == "advice" else "#inhoud"  # A12: the analysis tips for 'uniek'
            page.goto(f"{server}/{path}?bron=mail{fragment}")
            page.wait_for_url(f"{server}/{new}?bron=mail{fragment}")
            assert page.evaluate("location.hash") == fragment
            assert page.locator(fragment).count() == 1, f"{new} has no {fragment}"
        assert page.outside_requests == []


@pytest.mark.browser
def test_without_javascript_the_meta_refresh_still_lands_on_the_new_page(project: Path, page_nojs) -> None:
    rename_complex(project, declare=True)
    loaded, _ = build(project)
    with serving(loaded.config.dir("output_dir")) as server:
        page_nojs.goto(f"{server}/wegwijzer/tips/analyse-complex/#tips-titel")
        page_nojs.wait_for_url(f"{server}/wegwijzer/tips/analyse-uniek/")  # a meta refresh drops the fragment
        assert page_nojs.locator("h1").inner_text().startswith("Analyse")


def test_former_paths_of_a_tip_and_a_page_become_redirects(project: Path) -> None:
    edit(project, "content/tips/fundering-standaard.md", "answer: standaard\n", "answer: standaard\nformer_paths: [/tips/f11/]\n")
    edit(project, "content/pages/voorbeeld.md", "updated: 2026-11-24\n", "updated: 2026-11-24\nformer_paths:\n  - /casus/\n  - /voorbeeld-oud/\n")
    loaded, files = build(project)
    assert loaded.routes["tips/f11/"].context["target"] == "wegwijzer/tips/fundering-standaard/"
    assert loaded.routes["casus/"].context["target"] == loaded.routes["voorbeeld-oud/"].context["target"] == "voorbeeld/"
    assert "/casus/ /voorbeeld/ 301!" in files["_redirects"].decode()


def test_a_former_path_cannot_take_the_address_of_a_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "content/pages/voorbeeld.md", "updated: 2026-11-24\n", "updated: 2026-11-24\nformer_paths: [/checklist/]\n")
    status, out = check(project, capsys)
    assert status == 1
    assert "content/pages/voorbeeld.md: het adres /checklist/ bestaat al: de checklist (content/checklist.yaml)" in out


@pytest.mark.parametrize(("relative", "old", "new", "message"), [
    ("content/wegwijzer.yaml", "      - slug: complex\n", "      - slug: complex\n        former_slugs: Complex\n",
     "antwoord: 'former_slugs' moet een lijst van slugs zijn, zoals [oude-slug]"),
    ("content/pages/voorbeeld.md", "updated: 2026-11-24\n", "updated: 2026-11-24\nformer_paths: [casus]\n",
     "pagina: 'former_paths' moet een lijst van adressen op deze site zijn, zoals [/oude-pagina/]"),
])
def test_a_badly_written_declaration_is_named_with_its_line(project: Path, capsys: pytest.CaptureFixture[str],
                                                            relative: str, old: str, new: str, message: str) -> None:
    edit(project, relative, old, new)
    status, out = check(project, capsys)
    assert status == 1
    key = new.strip().splitlines()[-1].split(":")[0].strip()
    line = next(n for n, text in enumerate((project.parent / relative).read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith(key + ":"))
    assert f"{relative}:{line}: {message}" in out


def test_a_tip_that_still_names_the_former_slug_is_told_the_new_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rename_complex(project, declare=True)
    edit(project, "content/tips/analyse-complex.md", "answer: uniek", "answer: complex")
    status, out = check(project, capsys)
    assert status == 1
    assert "content/tips/analyse-complex.md:4: 'complex' is de oude slug van antwoord 'uniek': schrijf hier 'uniek'" in out


def test_urls_lists_new_addresses_and_only_accept_adds_them(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rename_complex(project, declare=True)
    before = (project.parent / MANIFEST).read_text(encoding="utf-8")
    assert main(["urls", "-f", str(project)]) == 1
    out = capsys.readouterr().out
    assert "/wegwijzer/uniek/veel-aanbieders/\n" in out and "python build.py urls --accept" in out
    assert (project.parent / MANIFEST).read_text(encoding="utf-8") == before
    status, out = check(project, capsys)
    assert status == 1 and "34 nieuwe adressen staan nog niet in deze lijst" in out
    assert main(["build", "-f", str(project)]) == 0
    assert "34 nieuwe adressen" in capsys.readouterr().err  # the build goes on, and says so

    assert main(["urls", "--accept", "-f", str(project)]) == 0
    after = published(project)
    assert (project.parent / MANIFEST).read_text(encoding="utf-8").startswith("# Alle openbare adressen")
    assert set(after) == {line.lstrip("/") for line in before.splitlines() if line.startswith("/")} | {
        p.replace("complex", "uniek") for p in after if "complex" in p}
    assert len(after) == 108 + 34
    status, out = check(project, capsys)
    assert status == 0, out
    assert main(["urls", "--accept", "-f", str(project)]) == 0  # nothing new: nothing changes
    assert published(project) == after


def test_accept_refuses_while_published_addresses_would_be_lost(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rename_complex(project, declare=False)
    before = (project.parent / MANIFEST).read_text(encoding="utf-8")
    assert main(["urls", "--accept", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "/wegwijzer/complex/ verdwijnt" in err and "De lijst van adressen is niet gewijzigd." in err
    assert (project.parent / MANIFEST).read_text(encoding="utf-8") == before


def test_a_manifest_line_that_is_not_an_address_is_named(project: Path) -> None:
    with (project.parent / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write("wegwijzer/zonder-slash/\n")
    with pytest.raises(ContentError) as error:
        build(project)
    assert any(p.path == MANIFEST and "'wegwijzer/zonder-slash/' is geen adres op deze site" in p.message
               for p in error.value.problems)


def test_a_redirect_page_is_valid_html(project: Path) -> None:
    from test_html_valid import run_checker

    rename_complex(project, declare=True)
    loaded, _ = build(project)
    assert run_checker([loaded.config.dir("output_dir") / "wegwijzer" / "complex" / "index.html"]) == []
