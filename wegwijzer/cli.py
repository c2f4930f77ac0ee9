"""The commands: build (default), check, serve, urls, report, diff and links; each new one only wired here."""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

import jinja2

from .checks import run_check
from .linkcheck import cmd_links
from .manifest import run_urls, unlisted
from .pipeline import build
from .problems import ContentError
from .review import run_diff, run_report
from .writer import WriteError


def describe_error(error: Exception) -> list[str]:
    """Turn a build error into lines that name the file and line, for the terminal and the browser."""
    if isinstance(error, ContentError):
        return [str(p) for p in error.problems]
    if isinstance(error, jinja2.TemplateSyntaxError):
        return [f"templates/{error.name or error.filename}:{error.lineno}: sjabloonfout: {error.message}"]
    if isinstance(error, jinja2.TemplateError):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}: " if frames else ""
        return [f"templates/{where}sjabloonfout: {error}"]
    if isinstance(error, (WriteError, OSError)):
        return [f"schrijven mislukt: {error}"]
    return [f"onverwachte fout: {type(error).__name__}: {error}"]


def _report_failure(error: Exception, outcome: str = "Build afgebroken; de vorige dist/ is niet gewijzigd.") -> int:
    for line in describe_error(error):
        print(line, file=sys.stderr)
    print(outcome, file=sys.stderr)
    return 1


def cmd_build(config: Path) -> int:
    started = time.perf_counter()
    try:
        loaded, files = build(config)
    except (ContentError, jinja2.TemplateError, WriteError, OSError) as error:
        return _report_failure(error)
    seconds = time.perf_counter() - started
    output = loaded.config["output_dir"]
    print(f"{len(files)} bestanden geschreven naar {output}/ in {seconds:.2f} s")
    new = unlisted(loaded.manifest, loaded.routes)
    if new:
        print(f"Let op: {len(new)} nieuwe adressen staan nog niet in de lijst van gepubliceerde adressen. "
              "Bekijk ze met: python build.py urls", file=sys.stderr)
    return 0


def cmd_review(config: Path, command: str, ref: str | None, parser: argparse.ArgumentParser) -> int:
    if command == "diff" and not ref:
        parser.error("diff heeft een versie nodig om mee te vergelijken, bijvoorbeeld: python build.py diff main")
    try:
        return run_diff(config, ref) if command == "diff" else run_report(config)  # type: ignore[arg-type]
    except (ContentError, jinja2.TemplateError) as error:
        return _report_failure(error, "Los eerst deze problemen op (python build.py check).")


def cmd_urls(config: Path, accept: bool) -> int:
    try:
        return run_urls(config, accept)
    except ContentError as error:
        return _report_failure(error, "De lijst van adressen is niet gewijzigd.")


def cmd_serve(config: Path, host: str, port: int) -> int:
    from .server import serve  # livereload pulls in Tornado; only serve needs it

    return serve(config, host, port)


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except BrokenPipeError:
        # The reader stopped early (`python build.py report | head`): no traceback; silence the last flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijzer", description="Bouwt de wegwijzer-site uit content/ naar dist/.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve", "urls", "report", "diff", "links"],
                        help="build (standaard): bouw de site; check: controleer alle inhoud; serve: bouw, serveer en herlaad "
                             "bij wijzigingen; urls: toon nieuwe adressen (met --accept: neem ze op in content/urls.txt); report: overzicht "
                             "van cellen, adviezen en externe links; diff REF: welke pagina's verschillen met versie REF; "
                             "links: controleer alle externe links")
    parser.add_argument("ref", nargs="?", help="diff: de git-versie om mee te vergelijken, zoals main")
    parser.add_argument("-f", "--config", type=Path, default=Path("site_config.yaml"), help="pad naar site_config.yaml")
    parser.add_argument("--host", default="127.0.0.1", help="adres voor serve (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="poort voor serve (standaard 8000)")
    parser.add_argument("--accept", action="store_true", help="urls: neem de nieuwe adressen op in content/urls.txt")
    parser.add_argument("--timeout", type=float, default=10.0, help="links: seconden wachten per verzoek (standaard 10)")
    parser.add_argument("--no-cache", action="store_true", help="links: controleer alles opnieuw, ook wat vandaag al is gecontroleerd")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    if not config.is_file():
        print(f"{args.config}: instellingenbestand niet gevonden", file=sys.stderr)
        return 2
    if args.command == "check":
        return run_check(config)
    if args.command == "urls":
        return cmd_urls(config, args.accept)
    if args.command == "links":
        return cmd_links(config, args.timeout, not args.no_cache)
    if args.command in ("report", "diff"):
        return cmd_review(config, args.command, args.ref, parser)
    if args.command == "serve":
        return cmd_serve(config, args.host, args.port)
    return cmd_build(config)
