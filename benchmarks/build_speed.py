#!/usr/bin/env python3
"""How fast the site builds: `.venv/bin/python benchmarks/build_speed.py [--runs N]`.

Builds the current sources several times in one process, into a temporary copy of the project
(dist/ is left alone), and prints the median and fastest build time, the number of pages and
the total bytes written. The first build also pays for importing and compiling the templates;
it is reported apart. Prints figures only; it is not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="number of timed builds after the first (default 7)")
    args = parser.parse_args()

    started = time.perf_counter()
    from project_copy import copied_project
    from wegwijzer.pipeline import build  # imported here so its cost shows up in the first build

    with copied_project() as config:
        _, files = build(config)
        first = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            _, files = build(config)
            times.append(time.perf_counter() - start)

    pages = sum(name.endswith(".html") for name in files)
    total = sum(len(data) for data in files.values())
    print(f"eerste build (met imports): {first:.3f} s")
    print(f"mediaan van {len(times)} builds: {statistics.median(times):.3f} s (snelste {min(times):.3f} s)")
    print(f"pagina's: {pages}, bestanden: {len(files)}, totaal: {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
