"""How long `check` takes on hostile and pathological input: a figure, not a test.

Each row appends one shape of Markdown, repeated to the size limit of a content file
(max_file_bytes), to a tip and runs `check` (load and validate, then render if nothing is
refused). Python-Markdown alone takes minutes on some of these (30 kB of '[' took more than
120 s); the pre-checks in wegwijzer/sources.py refuse them first.

    .venv/bin/python benchmarks/hostile_input.py [--size BYTES]
"""
from __future__ import annotations

import argparse
import sys
import time

from project_copy import copied_project

from wegwijzer.pipeline import load_site, render
from wegwijzer.problems import ContentError, Limits

SHAPES = ["[", "![", "<img ", "<a ", "<a>", "<", "&#", "\\", "*a", "*_", "`a", "- ", "1. ", "> ", "\n- ", "\n\n- a", "\n---",
          "[a](b) ", "<span lang=\"en\">x</span>", "<!--", "<!-- x -->", "\n[a]: /b", "a\n", "\n\n", "Gewone tekst. "]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=Limits.max_file_bytes - 10_000, help="bytes of each shape")
    args = parser.parse_args()
    print(f"{'vorm':28} {'seconden':>9}  uitkomst")
    slowest = 0.0
    with copied_project() as config:
        tip = config.parent / "content" / "tips" / "fundering-standaard.md"
        original = tip.read_text(encoding="utf-8")
        for shape in SHAPES:
            tip.write_text(original + "\n\n" + (shape * (args.size // len(shape)))[: args.size] + "\n", encoding="utf-8")
            started = time.perf_counter()
            try:
                render(load_site(config))
                outcome = "gebouwd"
            except ContentError as error:
                outcome = "geweigerd: " + error.problems[0].message[:60]
            seconds = time.perf_counter() - started
            slowest = max(slowest, seconds)
            print(f"{shape!r:28} {seconds:9.2f}  {outcome}", flush=True)
    print(f"langzaamste: {slowest:.2f} s voor {args.size:,} bytes".replace(",", "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
