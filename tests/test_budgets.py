"""Budgets, enforced: per page at most 8 KB of the site's own JavaScript before the first interaction
(gzipped, each file on its own), 30 KB of CSS and 150 KB of HTML (uncompressed; 1 KB = 1,000 bytes),
and nothing loaded from another host. JavaScript loaded later with import() is listed, not budgeted.

The measurements are those of benchmarks/budget_report.py, which prints the table; a browser
test checks that they count what Chromium really loads.
"""
from __future__ import annotations

import gzip
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

import site_inputs
from wegwijzer.urls import site_path

REPORT = Path(__file__).resolve().parent.parent / "benchmarks" / "budget_report.py"


def load_report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("budget_report", REPORT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["budget_report"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


report = load_report()


@pytest.fixture(scope="module")
def costs(built) -> list:
    return report.measure(built.files, built.loaded.config.base_url, built.loaded.routes)


def test_every_page_is_within_budget(costs: list) -> None:
    problems = [p for cost in costs for p in report.over_budget(cost)]
    assert not problems, "\n".join(problems)


def test_no_page_loads_anything_from_another_host(costs: list) -> None:
    assert {c.name: c.foreign for c in costs if c.foreign} == {}


def test_every_page_is_measured_with_its_stylesheet_and_scripts(built, costs: list) -> None:
    """A budget that counted nothing would pass: every page has the site's CSS and some JavaScript."""
    html_files = {name for name in built.files if name.endswith(".html")}
    assert {c.name for c in costs} == html_files
    css = len(built.files["assets/css/site.css"])
    unmeasured = [c.name for c in costs if c.css < css or c.js == 0 or c.requests < 3]
    assert not unmeasured, f"pages measured without their CSS or JS: {unmeasured}"


def test_every_page_type_is_in_the_report(costs: list) -> None:
    kinds = {c.kind for c in costs}
    assert {"voorpagina", "vraag", "advies", "tip", "schema", "checklist", "inhoudspagina", "404"} <= kinds
    expected_questions = len(site_inputs.question_steps())
    assert sum(c.kind == "vraag" for c in costs) == expected_questions
    assert sum(c.kind == "advies" for c in costs) == len(site_inputs.advice_steps())
    table = report.table(costs)
    assert all(kind in table for kind in kinds)


def incompressible(size: int) -> bytes:
    """A script comment that gzip cannot shrink much, the same every run."""
    return b"//" + random.Random(8).randbytes(size).hex().encode()


def test_a_page_over_budget_is_reported(built) -> None:
    """The limits bite: a page that pulls in too much JavaScript and a script from another host fails."""
    page = "wegwijzer/index.html"
    heavy = b'<script src="/assets/js/zwaar.js" defer></script><script src="https://cdn.example.org/x.js"></script></head>'
    files = {**built.files, page: built.files[page].replace(b"</head>", heavy), "assets/js/zwaar.js": incompressible(report.MAX_JS_GZIP)}
    [cost] = [c for c in report.measure(files, built.loaded.config.base_url, built.loaded.routes) if c.name == page]
    problems = report.over_budget(cost)
    assert any("JS gzipped" in p for p in problems) and any("another host" in p for p in problems)


def test_gzipped_sizes_are_those_of_each_file_compressed(built, costs: list) -> None:
    checklist = next(c for c in costs if c.kind == "checklist")
    assert checklist.js_gzip == sum(len(gzip.compress(built.files[name], 6, mtime=0)) for name in checklist.scripts)
    assert 0 < checklist.js_gzip < checklist.js


def test_static_imports_count_at_start_and_import_calls_later(built) -> None:
    """A module that the page imports statically is loaded at start; one it loads with import() only when asked."""
    page = "checklist/index.html"
    files = {**built.files,
             "assets/js/checklist.js": b'import{a}from"./nu.js";const b=()=>import("./later.js");document.title="De import";',
             "assets/js/nu.js": b"export const a=1;", "assets/js/later.js": b'import"./ook-later.js";export const c=2;',
             "assets/js/ook-later.js": b"export const d=3;"}
    [cost] = [c for c in report.measure(files, built.loaded.config.base_url, built.loaded.routes) if c.name == page]
    assert cost.scripts == ["assets/js/checklist.js", "assets/js/nu.js"]
    assert cost.later == ["assets/js/later.js", "assets/js/ook-later.js"]
    table = report.module_table([cost], files)
    assert "assets/js/later.js" in table and "later (import())" in table


def test_the_checklist_loads_its_optional_parts_later(built, costs: list) -> None:
    """The point of the split: comparison, team view, reports, files and share links are not loaded at start."""
    checklist = next(c for c in costs if c.kind == "checklist")
    later = {name.rsplit("/", 1)[-1] for name in checklist.later}
    assert {"compare.js", "team.js", "report.js", "exchange.js", "share.js"} <= later
    assert not later & {name.rsplit("/", 1)[-1] for name in checklist.scripts}


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["voorpagina", "vraag", "advies", "checklist", "404"])
def test_the_browser_loads_what_the_budget_counts(server: str, page, costs: list, kind: str) -> None:
    cost = next(c for c in costs if c.kind == kind)
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    path = "bestaat-niet/" if kind == "404" else site_path(cost.name)
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    fetched = {url.removeprefix(server + "/").split("?")[0] for url in loaded} - {path}
    counted = set(cost.resources)
    # Every stylesheet and script counted is fetched, and nothing is fetched that was not counted.
    assert {r for r in counted if r.endswith((".css", ".js"))} <= fetched
    assert fetched <= counted, f"loaded but not counted: {fetched - counted}"
    assert page.outside_requests == []
