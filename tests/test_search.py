"""Search: what the index holds (every piece of content once, linked to where it is read, never the wizard
pages that repeat it), that the index built in Python is the one MiniSearch builds itself with the browser's
own term rules, the same bytes on every build, and the search page in Chromium: Dutch word forms, prefixes
while typing, snippets with <mark> and never injected HTML, the count in a live region, keyboard only, the
header form as a link, back, and without JavaScript."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

import site_inputs
from axe_check import violations
from conftest import ROOT, copy_project, serving
from htmlscan import parse
from wegwijzer.compress import gzipped
from wegwijzer.pipeline import build
from wegwijzer.search import FIELDS, documents, minisearch_index, process_term, shard_of, tokenize

SEARCH = "zoeken/"


def leeswijzer_items(path: Path) -> int:
    """The items of a tip file's Leeswijzer: the top-level '- ' lines after '## Leeswijzer' (content/README.md)."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## Leeswijzer", 1)[1] if "## Leeswijzer" in text else ""
    return sum(line.startswith("- ") for line in section.splitlines())


def checklist_ids() -> list[str]:
    data = yaml.safe_load((site_inputs.CONTENT / "checklist.yaml").read_text(encoding="utf-8"))
    return [q["id"] for theme in data["themes"] for q in theme["questions"]]


@pytest.fixture(scope="module")
def index(built) -> dict:
    name = built.asset("search/index.json")
    return json.loads(built.files[name])


@pytest.fixture(scope="module")
def stored(index: dict) -> list[dict]:
    fields = index["minisearch"]["storedFields"]
    return [fields[str(i)] for i in range(index["minisearch"]["documentCount"])]


def own_pages(built) -> dict[str, str]:
    return {r.path: built.html(r.path) for r in built.loaded.routes if r.kind == "own-page"}


# --- what is indexed -------------------------------------------------------------------------


def test_every_piece_of_content_is_indexed_once(stored: list[dict]) -> None:
    urls = [doc["url"] for doc in stored]
    tips = sorted(site_inputs.tip_pages())
    assert sorted(u for u in urls if u in tips) == tips  # each tip cell once
    items = {f"wegwijzer/tips/{p.stem}/#leeswijzer": leeswijzer_items(p) for p in site_inputs.CONTENT.glob("tips/*.md")}
    assert {u: urls.count(u) for u in items if items[u]} == {u: n for u, n in items.items() if n}  # each Leeswijzer item
    assert [u for u in urls if u.startswith("checklist/")] == [f"checklist/#{qid}" for qid in checklist_ids()]
    pages = sorted(site_inputs.content_pages())
    assert sorted(u for u in urls if u in pages) == pages
    assert len(urls) == len(tips) + sum(items.values()) + len(checklist_ids()) + len(pages)


def test_no_result_is_a_wizard_page(stored: list[dict]) -> None:
    wizard = set(site_inputs.question_steps()) | set(site_inputs.advice_steps())
    assert not [doc["url"] for doc in stored if doc["url"].split("#")[0] in wizard]


def test_every_result_links_to_a_page_and_anchor_of_the_build(built, stored: list[dict]) -> None:
    for doc in stored:
        path, _, fragment = doc["url"].partition("#")
        page = parse(built.html(path))
        if fragment:
            assert [e for e in page.iter() if e.get("id") == fragment], doc["url"]
        assert doc["title"] and doc["context"]


def test_a_tip_cell_is_found_by_its_activity_and_answer(stored: list[dict]) -> None:
    table = site_inputs.load_table()
    names = {a["id"]: a["name"] for a in table["activities"]}
    labels = {a["slug"]: a["label"] for q in table["questions"] for a in q["answers"]}
    for path in site_inputs.CONTENT.glob("tips/*.md"):
        meta = site_inputs.front_matter(path)
        [doc] = [d for d in stored if d["url"] == f"wegwijzer/tips/{path.stem}/"]
        assert names[meta["activity"]] in doc["title"]
        if not meta.get("general"):
            assert labels[meta["answer"]] in doc["title"]


def test_text_has_no_markup_and_no_hidden_notes(built) -> None:
    docs = documents(built.loaded.site, own_pages(built))
    texts = " ".join(doc.text for doc in docs)
    assert "(externe link)" not in texts and "<a " not in texts and "[[figuur" not in texts
    assert "Privacy" in [doc.title for doc in docs]


def test_the_index_is_split_by_first_letter_and_names_its_files_by_hash(built, index: dict) -> None:
    folder = built.asset("search/index.json").rpartition("/")[0] + "/"
    for letter, name in index["terms"].items():
        entries = json.loads(built.files[folder + name])
        assert entries and all(shard_of(term) == letter for term, _ in entries)
    assert sum(len(json.loads(built.files[folder + n])) for n in index["terms"].values()) > 2000
    texts = [json.loads(built.files[folder + name]) for _, name in index["texts"]]
    assert sum(len(t) for t in texts) == index["minisearch"]["documentCount"]


def test_the_index_is_byte_identical_on_every_build_whatever_the_hash_seed(built, tmp_path: Path) -> None:
    """Python orders sets by a hash that changes per process; a build in a fresh process with another seed
    must still give the same bytes."""
    config = copy_project(tmp_path / "project")
    subprocess.run([sys.executable, str(ROOT / "build.py"), "-f", str(config)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    dist = config.parent / "dist"
    search = {p.relative_to(dist).as_posix(): p.read_bytes() for p in (dist / "assets" / "search").iterdir()}
    assert search == {name: data for name, data in built.files.items() if name.startswith("assets/search/")}


# --- Python and the browser agree ------------------------------------------------------------------


def served_module(built, server: str, name: str) -> str:
    return f"{server}/{built.asset(name)}"


@pytest.mark.browser
def test_the_browser_makes_the_same_terms_as_the_build_from_every_word(built, server: str, page: Page) -> None:
    docs = documents(built.loaded.site, own_pages(built))
    texts = [getattr(doc, field) for doc in docs for field in FIELDS] + ["", ",a", "a,", "één creëerde naïef"]
    page.goto(f"{server}/{SEARCH}")
    browser = page.evaluate("""async ([module, texts]) => {
        const {tokenize, processTerm, shardOf} = await import(module);
        return texts.map((text) => tokenize(text).map((t) => { const term = processTerm(t); return [t, term, term && shardOf(term)]; }));
    }""", [served_module(built, server, "js/search/terms.js"), texts])
    python = [[[t, process_term(t), process_term(t) and shard_of(process_term(t))] for t in tokenize(text)] for text in texts]
    differ = [(b, p) for text_b, text_p in zip(browser, python) for b, p in zip(text_b, text_p) if list(b) != list(p)]
    assert browser == python, differ[:10]
    assert sum(len(t) for t in python) > 10_000


@pytest.mark.browser
def test_minisearch_in_the_browser_builds_the_same_index_from_the_same_documents(built, server: str, page: Page) -> None:
    docs = documents(built.loaded.site, own_pages(built))
    plain = [{"id": i, **{k: getattr(d, k) for k in ("title", "context", "url", "text")}} for i, d in enumerate(docs)]
    page.goto(f"{server}/{SEARCH}")
    made = page.evaluate("""async ([library, terms, docs, fields, store]) => {
        const MiniSearch = (await import(library)).default;
        const {tokenize, processTerm} = await import(terms);
        const search = new MiniSearch({fields, storeFields: store, tokenize, processTerm});
        search.addAll(docs);
        return JSON.parse(JSON.stringify(search));
    }""", [served_module(built, server, "js/vendor/minisearch.js"), served_module(built, server, "js/search/terms.js"),
           plain, list(FIELDS), ["title", "url", "context"]])
    ours = minisearch_index(docs)
    assert dict(made.pop("index")) == dict(ours.pop("index"))
    assert made == ours


# --- the search page in Chromium -------------------------------------------------------------------


def results(page: Page) -> list[str]:
    """The addresses of the results shown, once the live region has said how many there are."""
    expect(page.locator("[data-search-status]")).to_contain_text("resulta")
    return page.locator(".search__result a").evaluate_all("links => links.map((a) => a.getAttribute('href'))")


def search(page: Page, server: str, query: str) -> list[str]:
    page.goto(f"{server}/{SEARCH}?q={quote(query)}")
    return results(page)


@pytest.mark.browser
def test_dutch_word_forms_find_the_same_results(page: Page, server: str) -> None:
    one = set(search(page, server, "aanbesteding"))
    assert len(one) >= 5
    assert set(search(page, server, "aanbestedingen")) == one
    assert set(search(page, server, "Aanbesteding.")) == one


@pytest.mark.browser
def test_a_word_from_the_report_finds_its_tip(page: Page, server: str, built) -> None:
    found = search(page, server, "raamovereenkomst")
    assert found and all(href.startswith(built.loaded.config.base_url + "wegwijzer/tips/") for href in found)
    assert search(page, server, "SBIR")
    ids = page.evaluate("""async ([engine, index, queries]) => {
        const {SearchIndex} = await import(engine);
        const search = await SearchIndex.load(index);
        return Promise.all(queries.map(async (q) => (await search.search(q)).map((r) => r.id)));
    }""", [f"{server}/{built.asset('js/search/engine.js')}", f"{server}/{built.asset('search/index.json')}",
           ["sbir", "innovatie", "sbir innovatie"]])
    sbir, innovation, both = (set(found) for found in ids)
    assert both and both == sbir & innovation and both != innovation  # every word counts


@pytest.mark.browser
def test_typing_shows_results_for_a_prefix_and_the_address_follows(page: Page, server: str) -> None:
    page.goto(f"{server}/{SEARCH}")
    box = page.locator("#zoekterm")
    box.focus()
    page.keyboard.type("raamovereen", delay=20)
    expect(page.locator("[data-search-status]")).to_have_text(re.compile(r"^\d+ resultat?e?n? voor “raamovereen”\.$"))
    assert page.locator(".search__result").count() >= 1
    assert urlsplit(page.url).query == "q=raamovereen"
    expect(page.locator("[data-search-status]")).to_have_attribute("role", "status")


@pytest.mark.browser
def test_snippets_mark_the_matching_words(page: Page, server: str) -> None:
    search(page, server, "aanbestedingen")
    first = page.locator(".search__result").first.locator(".search__snippet")
    expect(first).to_be_visible()
    marked = first.locator("mark").all_inner_texts()
    assert marked and all(word.lower().startswith("aanbested") for word in marked)


@pytest.mark.browser
@pytest.mark.parametrize("device", ["page", "phone"])
def test_axe_finds_no_violations_in_the_results_with_their_snippets(server: str, request: pytest.FixtureRequest,
                                                                     device: str) -> None:
    page = request.getfixturevalue(device)
    search(page, server, "inkoop")
    expect(page.locator(".search__snippet mark").first).to_be_visible()
    assert violations(page) == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_no_result_says_so_and_links_to_the_schema(page: Page, server: str) -> None:
    page.goto(f"{server}/{SEARCH}?q=xyzzyqwerty")
    expect(page.locator("[data-search-status]")).to_contain_text("Geen resultaten voor “xyzzyqwerty”")
    assert page.locator(".search__result").count() == 0
    expect(page.locator(".browse a", has_text="schema")).to_be_visible()


@pytest.mark.browser
def test_from_any_page_by_keyboard_to_a_result_and_back(page: Page, server: str, built) -> None:
    page.goto(f"{server}/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "zoek-kop":
            break
    assert page.evaluate("document.activeElement.id") == "zoek-kop"
    page.keyboard.type("aanbestedingsprocedure")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=aanbestedingsprocedure$"))
    found = results(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('search__link')"):
            break
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target == found[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}{target}")
    page.go_back()
    page.wait_for_url(re.compile(r"/zoeken/\?q=aanbestedingsprocedure$"))
    assert results(page) == found
    expect(page.locator("#zoekterm")).to_have_value("aanbestedingsprocedure")


@pytest.mark.browser
def test_on_a_phone_the_menu_links_to_search_instead_of_the_box(phone: Page, page: Page, server: str) -> None:
    """The box would push every page down by a row on a phone; the menu's link leads to the page with the box."""
    for shown, hidden, where in ((page.locator("#zoek-kop"), page.locator(".site-nav__search"), page),
                                 (phone.locator(".site-nav__search a"), phone.locator("#zoek-kop"), phone)):
        where.goto(f"{server}/wegwijzer/tips/")
        expect(shown).to_be_visible()
        expect(hidden).to_be_hidden()
    phone.locator(".site-nav__search a").click()
    phone.wait_for_url(f"{server}/{SEARCH}")
    expect(phone.locator("#zoekterm")).to_be_visible()
    expect(phone.locator(".site-nav__search a")).to_have_attribute("aria-current", "page")


@pytest.mark.browser
def test_without_javascript_the_page_says_so_and_links_to_the_overviews(page_nojs: Page, server: str, built) -> None:
    page_nojs.goto(f"{server}/{SEARCH}?q=aanbesteding")
    expect(page_nojs.locator("[data-search-nojs]")).to_be_visible()
    expect(page_nojs.locator("[data-search-nojs]")).to_contain_text("JavaScript")
    links = page_nojs.locator(".browse a").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    base = built.loaded.config.base_url
    assert base + "wegwijzer/schema/" in links
    assert {base + f"wegwijzer/tips/{a['id']}/" for a in site_inputs.load_table()["activities"]} <= set(links)


@pytest.mark.browser
def test_the_first_result_comes_after_at_most_25_kb_gzipped(page: Page, server: str, built) -> None:
    """What is fetched before the first result is on the page, as the browser's resource timing says, counted
    as it travels (gzipped); the snippet texts come after the first result."""
    folder = built.asset("search/index.json").rpartition("/")[0] + "/"
    files = json.loads(built.files[built.asset("search/index.json")])["terms"].values()
    largest = max(files, key=lambda name: len(gzipped(built.files[folder + name])))
    word = next(term for term, _ in json.loads(built.files[folder + largest]) if len(term) >= 4)  # a word of that letter
    page.add_init_script("""new MutationObserver(() => {
        if (!window.firstResult && document.querySelector('.search__result')) { window.firstResult = performance.now(); }
    }).observe(document, {subtree: true, childList: true});""")
    page.goto(f"{server}/{SEARCH}?q={quote(word)}")
    results(page)
    page.wait_for_load_state("networkidle")
    fetched = page.evaluate("""() => performance.getEntriesByType('resource').map((e) => [e.name, e.responseEnd])
        .concat([[location.href, 0]])""")
    first = page.evaluate("window.firstResult")
    before = [urlsplit(url).path.lstrip("/") for url, end in fetched if end <= first and urlsplit(url).path.endswith((".js", ".json"))]
    after = [urlsplit(url).path.lstrip("/") for url, end in fetched if end > first]
    size = sum(len(gzipped(built.files[name])) for name in before)
    assert any("/search/terms-" in name for name in before) and any("minisearch" in name for name in before)
    assert any("/search/text-" in name for name in after)
    assert size <= 25_000, f"{size:,} bytes before the first result: {before}"


@pytest.mark.browser
def test_text_from_the_report_never_becomes_html_in_a_snippet(tmp_path: Path, page: Page) -> None:
    """A tip whose text shows markup (as code) is found, and its snippet shows the characters, not an element."""
    config = copy_project(tmp_path / "project")
    tip = config.parent / "content" / "tips" / "fundering-standaard.md"
    markup = "<b onmouseover=alert(1)>vet</b>"
    tip.write_text(tip.read_text(encoding="utf-8").replace("## Tips\n", f"## Tips\n\nProbeer `{markup}` kwaadwillig.\n", 1),
                   encoding="utf-8")
    loaded, _ = build(config)
    with serving(loaded.config.dir("output_dir")) as url:
        page.goto(f"{url}/{SEARCH}?q=kwaadwillig")
        snippet = page.locator(".search__snippet").first
        expect(snippet).to_contain_text(markup)
        assert page.locator(".search__results b").count() == 0
        expect(snippet.locator("mark")).to_have_text("kwaadwillig")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "checklist/", f"{SEARCH}?q=inkoopstrategie"])
def test_nothing_scrolls_sideways_at_320_css_px(browser, request: pytest.FixtureRequest, server: str, path: str) -> None:
    """400 % zoom: the header's search box and the results fit the width."""
    from conftest import new_page

    for page in new_page(browser, request, viewport={"width": 320, "height": 640}):
        page.goto(f"{server}/{path}")
        if "?q=" in path:
            expect(page.locator(".search__snippet").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") == 320


def test_an_own_page_the_index_cannot_read_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The site's own pages are indexed from their rendered HTML: one without a <main> heading is a problem of its template."""
    from editing import check, edit

    edit(project, "templates/own_page.html", "<h1>{% block page_title %}{% endblock %}</h1>", "{% block page_title %}{% endblock %}")
    status, out = check(project, capsys)
    assert status == 1
    assert "de pagina heeft geen <main> met een <h1>, zodat de zoekfunctie haar titel en tekst niet vindt" in out
    assert "templates/pages/colofon.html" in out  # the first of the own pages, which all lost their heading
