"""Assets under content-hashed names: every page names them so, modules import each other and stylesheets
load files by the hashed names, a file's hash covers the names it refers to, and a reference that cannot
be hashed is a clear message naming the file and line."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from htmlscan import parse
from wegwijzer.assets import CSS_REFERENCE, HASH_LENGTH, JS_SPECIFIER, hashed_name
from wegwijzer.cli import main
from wegwijzer.compress import ENCODINGS
from wegwijzer.pipeline import build, published_assets
from wegwijzer.pipeline import load_site

HASHED = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}(\.[a-z]+)?$")
ORIGIN = "http://site.invalid/"


def asset_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name.startswith("assets/") and not name.endswith(ENCODINGS)}


def test_every_asset_is_published_under_the_hash_of_its_content(built) -> None:
    assets = asset_files(built.files)
    assert len(assets) > 20
    for name, data in assets.items():
        digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
        assert f".{digest}." in name.rpartition("/")[2] + ".", name
    # and nothing under its plain name: an old page can never get a new file under the old name
    plain = {f"assets/{logical}" for logical in built.asset_names}
    assert not plain & set(built.files)


def test_hashed_names_keep_the_folder_and_the_suffix() -> None:
    digest = hashlib.sha256(b"x").hexdigest()[:HASH_LENGTH]
    assert hashed_name("css/site.css", b"x") == f"css/site.{digest}.css"
    assert hashed_name("js/vendor/LICENSE-minisearch.txt", b"x") == f"js/vendor/LICENSE-minisearch.{digest}.txt"
    assert hashed_name("LICENSE", b"x") == f"LICENSE.{digest}"


def test_every_page_names_the_stylesheet_scripts_and_icon_by_their_hashed_names(built) -> None:
    css, icon = (built.asset(n) for n in ("css/site.css", "favicon.svg"))
    for name, html in built.pages().items():
        loaded = [e.get("href") or e.get("src") for e in parse(html).iter()
                  if e.tag in ("link", "script") and (e.get("href") or e.get("src"))]
        scripts = [e.get("src") for e in parse(html).iter() if e.tag == "script"]
        assert "/" + css in loaded and "/" + icon in loaded and scripts, name
        assert all(HASHED.search(address) for address in loaded if address.startswith("/assets/")), name


def references(name: str, data: bytes) -> list[str]:
    text = data.decode("utf-8")
    pattern = JS_SPECIFIER if name.endswith(".js") else CSS_REFERENCE
    found = [m.group(2) or (m.group(4) if name.endswith(".css") else "") for m in pattern.finditer(text)]
    return [address for address in found if address.startswith(("./", "../")) or name.endswith(".css") and address]


def test_module_imports_and_stylesheet_urls_name_existing_hashed_files(built) -> None:
    assets = asset_files(built.files)
    checked = []
    for name, data in assets.items():
        if not name.endswith((".js", ".css")):
            continue
        for address in references(name, data):
            target = urljoin(ORIGIN + name, address).removeprefix(ORIGIN).split("?")[0].split("#")[0]
            assert target in assets and HASHED.search(target), f"{name}: {address}"
            checked.append(address)
    assert any("dom." in a for a in checked) and any("favicon." in a for a in checked)
    assert any("minisearch." in a for a in checked) and any("dutch-stemmer." in a for a in checked)


def test_a_change_renames_the_file_and_every_module_that_imports_it_but_nothing_else(project: Path) -> None:
    before = published_assets(load_site(project)).names
    dom = project.parent / "assets" / "js" / "lib" / "dom.js"
    dom.write_text(dom.read_text(encoding="utf-8") + "\nexport const extra = 1;\n", encoding="utf-8")
    after = published_assets(load_site(project)).names
    changed = {name for name in before if before[name] != after[name]}
    importers = {"js/site.js", "js/search.js"}  # import ./lib/dom.js
    assert {"js/lib/dom.js", *importers} <= changed
    assert "css/site.css" not in changed and "js/vendor/minisearch.js" not in changed
    assert "js/search/engine.js" not in changed  # imports terms.js and MiniSearch, not dom.js


def add_module(project: Path, name: str, text: str) -> Path:
    path = project.parent / "assets" / "js" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_dynamic_import_is_rewritten_too(project: Path) -> None:
    add_module(project, "later/team.js", "export const team = 1;\n")
    add_module(project, "lazy.js", 'export async function load() {\n  return import("./later/team.js");\n}\n')
    _, files = build(project, compressed=False)
    [lazy] = [data.decode() for name, data in files.items() if name.startswith("assets/js/lazy.")]
    [team] = [name for name in files if name.startswith("assets/js/later/team.")]
    assert f'import("./later/{team.rpartition("/")[2]}")' in lazy


@pytest.mark.parametrize(("name", "text", "message"), [
    ("kapot.js", 'import {x} from "./bestaat-niet.js";\nexport const y = x;\n',
     "assets/js/kapot.js:1: verwijst naar './bestaat-niet.js', maar dat bestand staat niet in assets/"),
    ("berekend.js", 'const name = "team";\nexport const m = import(`./${name}.js`);\n',
     "assets/js/berekend.js:2: import() met een berekend adres"),
    ("wortel.js", 'import {find} from "/assets/js/lib/dom.js";\nexport const f = find;\n',
     "assets/js/wortel.js:1: '/assets/js/lib/dom.js' begint met '/'"),
])
def test_a_reference_that_cannot_be_hashed_is_a_message_with_file_and_line(project: Path, name: str, text: str, message: str,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    add_module(project, name, text)
    assert main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (project.parent / "dist").exists()


def test_modules_that_import_each_other_in_a_circle_are_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_module(project, "een.js", 'import {twee} from "./twee.js";\nexport const een = twee;\n')
    add_module(project, "twee.js", 'import {een} from "./een.js";\nexport const twee = een;\n')
    assert main(["check", "-f", str(project)]) == 1
    out = capsys.readouterr().out
    assert "in een kring" in out and "js/een.js -> js/twee.js -> js/een.js" in out


def test_a_stylesheet_url_to_a_missing_file_is_a_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    css = project.parent / "assets" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + '\n.x { background: url("../weg.png"); }\n', encoding="utf-8")
    assert main(["check", "-f", str(project)]) == 1
    out = capsys.readouterr().out
    assert "assets/css/site.css\n  regel " in out and "verwijst naar '../weg.png', maar dat bestand staat niet in assets/" in out


def test_a_template_that_names_a_missing_asset_is_a_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = project.parent / "templates" / "404.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block main %}", "{% block main %}<img src=\"{{ urls.asset('plaatje.png') }}\" alt=\"\">"), encoding="utf-8")
    assert main(["build", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "templates/404.html: urls.asset('plaatje.png'): dat bestand staat niet in assets/" in err
