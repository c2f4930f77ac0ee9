"""The commands: build (default), check and serve."""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

import jinja2

from .pipeline import build, load_site, render
from .problems import ContentError
from .urls import PublicAddress, parse_public_address
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


def _report_failure(error: Exception) -> int:
    for line in describe_error(error):
        print(line, file=sys.stderr)
    print("Build afgebroken; de vorige dist/ is niet gewijzigd.", file=sys.stderr)
    return 1


def cmd_build(config: Path, address: PublicAddress | None = None) -> int:
    started = time.perf_counter()
    try:
        loaded, files = build(config, address)
    except (ContentError, jinja2.TemplateError, WriteError, OSError) as error:
        return _report_failure(error)
    seconds = time.perf_counter() - started
    output = loaded.config["output_dir"]
    print(f"{len(files)} bestanden geschreven naar {output}/ in {seconds:.2f} s")
    return 0


def cmd_check(config: Path, address: PublicAddress | None = None) -> int:
    try:
        loaded = load_site(config, address)
        render(loaded)
    except (ContentError, jinja2.TemplateError) as error:
        lines = describe_error(error)
        for line in lines:
            print(line)
        print(f"{len(lines)} probleem/problemen gevonden.")
        return 1
    weg = loaded.site.wegwijzer
    questions = sum(len(t.questions) for t in loaded.site.checklist.themes)
    print(f"Alles in orde: {len(weg.questions)} vragen, {len(weg.cells)} tipcellen, "
          f"{len(loaded.site.pages)} pagina's, {questions} checklistvragen.")
    return 0


def cmd_serve(config: Path, host: str, port: int, address: PublicAddress | None = None) -> int:
    from .server import serve  # livereload pulls in Tornado; only serve needs it

    return serve(config, host, port, address)


def public_address(value: str) -> PublicAddress:
    try:
        return parse_public_address(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijzer", description="Bouwt de wegwijzer-site uit content/ naar dist/.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve"],
                        help="build (standaard): bouw de site; check: controleer alle inhoud; serve: bouw, serveer en herlaad bij wijzigingen")
    parser.add_argument("-f", "--config", type=Path, default=Path("site_config.yaml"), help="pad naar site_config.yaml")
    parser.add_argument("--host", default="127.0.0.1", help="adres voor serve (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="poort voor serve (standaard 8000)")
    parser.add_argument("--base-url", type=public_address, metavar="ADRES",
                        help="waar de site komt te staan, in plaats van base_url in site_config.yaml: een pad "
                             "(/tools/wegwijzer/) of een volledig adres (https://www.example.nl/tools/wegwijzer/, "
                             "dan volgt ook site_url)")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    if not config.is_file():
        print(f"{args.config}: instellingenbestand niet gevonden", file=sys.stderr)
        return 2
    if args.command == "check":
        return cmd_check(config, args.base_url)
    if args.command == "serve":
        return cmd_serve(config, args.host, args.port, args.base_url)
    return cmd_build(config, args.base_url)
