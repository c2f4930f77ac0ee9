#!/usr/bin/env python3
"""How fast the site builds, beside its peers: `scripts/benchmark` (or `.venv/bin/python benchmarks/speed.py`).

Prints three tables; it is not a test and never fails on a figure.

1. Cold builds as whole processes: the real site (`python build.py`), and in the same run, alternating,
   Hugo, MkDocs and Pelican building as many Markdown pages with the same text (each built page's
   main text). Median of --runs runs and the peak memory of the process; a peer that is not installed
   is reported as such.
2. Warm rebuilds in a running `serve`: after a change to one tip, one template and one checklist
   statement, the time from the file's change until dist/ holds the new page, and until a connected
   Chromium page has reloaded with it (its DOMContentLoaded, by the page's own clock).
3. Scaling: decision tables generated with 5, 8 and 10 two-answer questions and one with three-answer
   questions, every cell filled with a generated tip of 120 words: time, milliseconds per page, peak memory.

Everything runs in temporary copies of the project; dist/ is left alone.
"""
from __future__ import annotations

import argparse
import contextlib
import html
import itertools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from project_copy import ROOT, copy_project
from wegwijzer.cache import CACHE_DIR

PYTHON = sys.executable
COLD_CACHE = "Wegwijzer, lege cache"
BIN = Path(PYTHON).parent
MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.S)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_process(command: list[str], cwd: Path) -> Run:
    """Run a command to its end; its wall time and peak resident memory (from the kernel's rusage)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()  # read before waiting, so a chatty command cannot block on a full pipe
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {output.decode(errors='replace')[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --- 1. the real site beside Hugo, MkDocs and Pelican ---

def page_texts(dist: Path) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of the main text of every built page: the peers get the same words."""
    pages = []
    for path in sorted(dist.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        found = MAIN.search(page)
        title = html.unescape(TAG.sub("", re.search(r"<title>(.*?)</title>", page, re.S).group(1))).strip()
        blocks = re.split(r"</(?:p|li|h[1-6]|dd|dt|summary)>", found.group(1) if found else "")
        paragraphs = [" ".join(html.unescape(TAG.sub(" ", b)).split()) for b in blocks]
        pages.append((title, [p for p in paragraphs if p]))
    return pages


def write_peer_sources(root: Path, pages: list[tuple[str, list[str]]]) -> dict[str, tuple[list[str], Path]]:
    """The same pages as a Hugo, an MkDocs and a Pelican project; each peer's command and folder."""
    hugo, mkdocs, pelican = root / "hugo", root / "mkdocs", root / "pelican"
    for folder in (hugo / "content", hugo / "layouts" / "_default", mkdocs / "docs", pelican / "content" / "pages"):
        folder.mkdir(parents=True)
    (hugo / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Benchmark"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS"]\n', encoding="utf-8")
    layout = ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><main>{{ .Content }}</main></body></html>\n')
    for name in ("single.html", "list.html"):
        (hugo / "layouts" / "_default" / name).write_text(layout, encoding="utf-8")
    (mkdocs / "mkdocs.yml").write_text("site_name: Benchmark\n", encoding="utf-8")
    (pelican / "pelicanconf.py").write_text('SITENAME = "Benchmark"\nPATH = "content"\nTIMEZONE = "Europe/Amsterdam"\n'
                                            'DEFAULT_LANG = "nl"\nFEED_ALL_ATOM = None\n', encoding="utf-8")
    for number, (title, paragraphs) in enumerate(pages):
        body = "\n\n".join(paragraphs) + "\n"
        quoted = title.replace('"', "'")
        (hugo / "content" / f"p{number}.md").write_text(f'---\ntitle: "{quoted}"\n---\n{body}', encoding="utf-8")
        (mkdocs / "docs" / f"p{number}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")
        (pelican / "content" / "pages" / f"p{number}.md").write_text(f"Title: {title}\nSlug: p{number}\n\n{body}", encoding="utf-8")
    return {
        "Hugo": (["hugo", "--quiet", "-d", "public"], hugo),
        "MkDocs": ([str(BIN / "mkdocs"), "build", "-q"], mkdocs),
        "Pelican": ([str(BIN / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"], pelican),
    }


def installed(command: list[str]) -> bool:
    return shutil.which(command[0]) is not None or Path(command[0]).is_file()


def cold_builds(runs: int) -> str:
    with tempfile.TemporaryDirectory() as temp:
        config = copy_project(Path(temp) / "site")
        ours = ([PYTHON, str(ROOT / "build.py"), "-f", str(config)], config.parent)
        run_process(*ours)  # warms the OS file cache and writes dist/, as an editor's machine has it
        pages = page_texts(config.parent / "dist")
        peers = write_peer_sources(Path(temp) / "peers", pages)
        contenders = {"Wegwijzer": ours, COLD_CACHE: ours, **{name: peer for name, peer in peers.items() if installed(peer[0])}}
        results: dict[str, list[Run]] = {name: [] for name in contenders}
        for _ in range(runs):  # alternating, so that a slow moment of the machine hits everyone alike
            for name, (command, cwd) in contenders.items():
                if name == COLD_CACHE:
                    shutil.rmtree(config.parent / CACHE_DIR, ignore_errors=True)
                results[name].append(run_process(command, cwd))
    rows = [("koude build, heel proces", "pagina's", "mediaan (ms)", "piekgeheugen (MB)", "Wegwijzer / peer")]
    ours_median = median(results["Wegwijzer"])
    for name in ("Wegwijzer", COLD_CACHE, *peers):
        if name not in results:
            rows.append((name, str(len(pages)), "niet geïnstalleerd", "", ""))
            continue
        result = median(results[name])
        ratio = "" if name in ("Wegwijzer", COLD_CACHE) else f"{ours_median.seconds / result.seconds:.2f}x"
        rows.append((name, str(len(pages)), f"{result.seconds * 1000:.0f}", f"{result.peak_mb:.0f}", ratio))
    return (f"{table(rows)}\n({runs} runs elk, om en om. Wegwijzer: alles wat de build maakt, zoekindex en .gz/.br "
            f"inbegrepen, met de cache van de vorige build in {CACHE_DIR}/ (zoals bij een redacteur of in CI met cache); "
            f"'{COLD_CACHE}': zonder die cache, dus elke .br opnieuw)")


# --- 2. warm rebuilds in a running serve ---

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_serve(config: Path, port: int) -> Iterator[None]:
    process = subprocess.Popen([PYTHON, str(ROOT / "build.py"), "serve", "-f", str(config), "--port", str(port)],
                               cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("serve did not start")
        yield
    finally:
        process.terminate()
        process.wait(10)


@dataclass(frozen=True)
class Edit:
    label: str
    file: str  # relative to the project
    anchor: str  # text in the file that the edit extends
    page: str  # site path of a page that shows the edit


EDITS = (
    Edit("één tip", "content/tips/fundering-standaard.md", "## Tips\n", "wegwijzer/tips/fundering-standaard/"),
    Edit("één sjabloon", "templates/tip.html", "{% block main %}\n", "wegwijzer/tips/fundering-standaard/"),
    Edit("één checklistvraag", "content/checklist.yaml", "\n        text: ", "checklist/"),
)


RELOADED_AT = "() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"


def wait_until(condition: Callable[[], bool], timeout: float = 20) -> float:
    """Seconds (monotonic clock) at which the condition first held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.0005)
    return time.monotonic()


def warm_rebuilds(repeats: int) -> str:
    from playwright.sync_api import sync_playwright

    rows = [("warme rebuild in serve", "tot in dist/ (ms)", "tot in de browser (ms)")]
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        config = copy_project(Path(temp) / "site")
        dist = config.parent / "dist"
        port = free_port()
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        with running_serve(config, port):
            page = browser.new_page()
            for edit in EDITS:
                page.goto(f"http://127.0.0.1:{port}/{edit.page}")
                page.wait_for_load_state("networkidle")
                to_dist, to_browser = [], []
                for number in range(repeats):
                    marker = f"Benchmarkwijziging{edit.label.split()[-1]}{number}"
                    source = config.parent / edit.file
                    text = source.read_text(encoding="utf-8")
                    output = dist / edit.page / "index.html"
                    started, saved = time.monotonic(), time.time()
                    source.write_text(text.replace(edit.anchor, edit.anchor + marker + " ", 1), encoding="utf-8")
                    in_dist = wait_until(lambda: output.is_file() and marker in output.read_text(encoding="utf-8"))
                    page.wait_for_function("m => document.body && document.body.textContent.includes(m)", arg=marker,
                                           polling="raf", timeout=20_000)
                    # When the reloaded page had its new DOM, by the page's own clock (epoch milliseconds): asking
                    # the page from here adds Playwright's round trips after the fact (about 100 ms).
                    in_browser = page.evaluate(RELOADED_AT) / 1000
                    to_dist.append((in_dist - started) * 1000)
                    to_browser.append((in_browser - saved) * 1000)
                    time.sleep(0.3)  # let the server settle before the next save
                rows.append((edit.label, f"{statistics.median(to_dist):.0f}", f"{statistics.median(to_browser):.0f}"))
        browser.close()
    return f"{table(rows)}\n(mediaan van {repeats} keer opslaan per soort wijziging)"


# --- 3. scaling with generated decision tables ---

def generated_project(folder: Path, answers_per_question: list[int]) -> Path:
    """A copy of the project whose decision table has these questions, every cell filled with 120 words."""
    config = copy_project(folder)
    content = config.parent / "content"
    words = re.findall(r"[a-zé]{4,}", (content / "tips" / "specificatie-complex.md").read_text(encoding="utf-8"))
    rng = random.Random(len(answers_per_question) * 100 + sum(answers_per_question))
    table_data = yaml.safe_load((content / "wegwijzer.yaml").read_text(encoding="utf-8"))
    table_data["questions"] = [
        {"id": f"vraag{q}", "category": "WAT", "text": f"Gegenereerde vraag {q}?",
         "answers": [{"slug": f"v{q}a{a}", "label": f"Antwoord {a} op vraag {q}"} for a in range(1, count + 1)]}
        for q, count in enumerate(answers_per_question, 1)
    ]
    (content / "wegwijzer.yaml").write_text(yaml.safe_dump(table_data, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(content / "tips")
    (content / "tips").mkdir()
    (content / "pages" / "voorbeeld.md").unlink()  # its answers belong to the real table
    (content / "urls.txt").unlink()  # the real site's published addresses: a generated site has published none

    def tip(front: str) -> str:
        return f"---\n{front}---\n## Tips\n\n{' '.join(rng.choice(words) for _ in range(120)).capitalize()}.\n"

    for activity in table_data["activities"]:
        (content / "tips" / f"{activity['id']}-algemeen.md").write_text(
            tip(f"activity: {activity['id']}\ngeneral: true\n"), encoding="utf-8")
        for question in table_data["questions"]:
            for answer in question["answers"]:
                front = f"activity: {activity['id']}\nquestion: {question['id']}\nanswer: {answer['slug']}\n"
                (content / "tips" / f"{activity['id']}-{answer['slug']}.md").write_text(tip(front), encoding="utf-8")
    return config


def page_count(answers_per_question: list[int], cells: int, fixed: int) -> int:
    wizard = sum(len(list(itertools.product(*(range(n) for n in answers_per_question[:depth]))))
                 for depth in range(len(answers_per_question) + 1))
    return wizard + cells + fixed


def scaling(runs: int) -> str:
    sizes = {"5 vragen x 2": [2] * 5, "8 vragen x 2": [2] * 8, "10 vragen x 2": [2] * 10, "6 vragen x 3": [3] * 6}
    rows = [("schaal", "pagina's", "mediaan (ms)", "ms per pagina", "piekgeheugen (MB)")]
    with tempfile.TemporaryDirectory() as temp:
        for label, shape in sizes.items():
            config = generated_project(Path(temp) / label.replace(" ", ""), shape)
            command = [PYTHON, str(ROOT / "build.py"), "-f", str(config)]
            run_process(command, config.parent)
            result = median([run_process(command, config.parent) for _ in range(runs)])
            pages = sum(1 for _ in (config.parent / "dist").rglob("*.html"))
            rows.append((label, f"{pages:,}", f"{result.seconds * 1000:.0f}", f"{result.seconds * 1000 / pages:.2f}",
                         f"{result.peak_mb:.0f}"))
    return f"{table(rows)}\n({runs} runs elk, hele proces)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per cold build and per scale (standaard 7)")
    parser.add_argument("--saves", type=int, default=5, help="saves per kind of change in serve (standaard 5)")
    parser.add_argument("--only", choices=["cold", "warm", "scale"], help="run one of the three parts")
    args = parser.parse_args()
    parts = {"cold": lambda: cold_builds(args.runs), "warm": lambda: warm_rebuilds(args.saves),
             "scale": lambda: scaling(max(3, args.runs // 2))}
    for name, part in parts.items():
        if args.only in (None, name):
            print(part(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
