"""The commands: build (default), check, serve, urls, report, diff and links; each new one only wired here.

Every line they print is Dutch, and no failure ends in a traceback: each is described with its
file and line (`problems.describe_error`).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from .manifest import run_urls, unlisted
from .pipeline import build
from .problems import describe_error
from .urls import PublicAddress, parse_public_address

# The other commands' modules (check, links, report, diff, serve) are imported when they run:
# a build, the command CI and editors run most, does not wait for what it does not use.

CONFIG_NAME = "site_config.yaml"


def _report_failure(error: Exception, root: Path, outcome: str = "Build afgebroken; de vorige dist/ is niet gewijzigd.") -> int:
    for line in describe_error(error, root):
        print(line, file=sys.stderr)
    print(outcome, file=sys.stderr)
    return 1


def cmd_build(config: Path, address: PublicAddress | None = None) -> int:
    started = time.perf_counter()
    try:
        loaded, files = build(config, address)
    except Exception as error:  # noqa: BLE001 - every failure gets words, never a traceback
        return _report_failure(error, config.parent)
    seconds = time.perf_counter() - started
    output = loaded.config["output_dir"]
    print(f"{len(files)} bestanden geschreven naar {output}/ in {_decimal(seconds)} s")
    new = unlisted(loaded.manifest, loaded.routes)
    if new:
        print(f"Let op: {len(new)} nieuwe adressen staan nog niet in de lijst van gepubliceerde adressen. "
              "Bekijk ze met: python build.py urls", file=sys.stderr)
    return 0


def _decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def cmd_review(config: Path, command: str, ref: str | None, parser: argparse.ArgumentParser) -> int:
    if command == "diff" and not ref:
        parser.error("diff heeft een versie nodig om mee te vergelijken, bijvoorbeeld: python build.py diff main")
    from .review import run_diff, run_report

    try:
        return run_diff(config, ref) if command == "diff" else run_report(config)  # type: ignore[arg-type]
    except Exception as error:  # noqa: BLE001 - every failure gets words, never a traceback
        return _report_failure(error, config.parent, "Los eerst deze problemen op (python build.py check).")


def cmd_urls(config: Path, accept: bool) -> int:
    try:
        return run_urls(config, accept)
    except Exception as error:  # noqa: BLE001 - every failure gets words, never a traceback
        return _report_failure(error, config.parent, "De lijst van adressen is niet gewijzigd.")


def cmd_serve(config: Path, host: str, port: int, address: PublicAddress | None = None) -> int:
    from .server import serve

    return serve(config, host, port, address)


def public_address(value: str) -> PublicAddress:
    try:
        return parse_public_address(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class DutchParser(argparse.ArgumentParser):
    """argparse, with its own words in Dutch and its errors on one line with a hint."""

    def __init__(self, **options: object) -> None:
        super().__init__(add_help=False, **options)  # type: ignore[arg-type]
        self._positionals.title = "opdracht"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "gebruik: ", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "gebruik: ", 1)

    def error(self, message: str) -> NoReturn:
        for english, dutch in (("argument ", "bij "), ("invalid choice: ", "onbekende opdracht: "),
                               ("choose from ", "kies uit "), ("expected one argument", "hier hoort een waarde bij"),
                               ("unrecognized arguments: ", "onbekende argumenten: ")):
            message = message.replace(english, dutch)
        self.exit(2, f"{self.prog}: {message}\nZie: {self.prog} --help\n")


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535, or 0 for a free port that the server picks and prints."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen poortnummer") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is geen geldige poort: kies 1 tot en met 65535, of 0 voor een vrije poort")
    return port


def parse_arguments(argv: list[str] | None) -> tuple[argparse.Namespace, argparse.ArgumentParser]:
    parser = DutchParser(prog="wegwijzer", description="Bouwt de wegwijzer-site uit content/ naar dist/.")
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "serve", "urls", "report", "diff", "links"],
                        help="build (standaard): bouw de site; check: controleer alle inhoud; serve: bouw, serveer en herlaad "
                             "bij wijzigingen; urls: toon nieuwe adressen (met --accept: neem ze op in content/urls.txt); report: overzicht "
                             "van cellen, adviezen en externe links; diff REF: welke pagina's verschillen met versie REF; "
                             "links: controleer alle externe links")
    parser.add_argument("ref", nargs="?", help="diff: de git-versie om mee te vergelijken, zoals main")
    parser.add_argument("-f", "--config", type=Path, default=Path(CONFIG_NAME), help=f"pad naar {CONFIG_NAME} (standaard: in de huidige map)")
    parser.add_argument("--host", default="127.0.0.1", help="adres voor serve (standaard 127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8000, help="poort voor serve (standaard 8000; 0 kiest een vrije poort)")
    parser.add_argument("--base-url", type=public_address, metavar="ADRES",
                        help="waar de site komt te staan, in plaats van base_url in site_config.yaml: een pad "
                             "(/tools/wegwijzer/) of een volledig adres (https://www.example.nl/tools/wegwijzer/, "
                             "dan volgt ook site_url)")
    parser.add_argument("--accept", action="store_true", help="urls: neem de nieuwe adressen op in content/urls.txt")
    parser.add_argument("--timeout", type=float, default=10.0, help="links: seconden wachten per verzoek (standaard 10)")
    parser.add_argument("--no-cache", action="store_true", help="links: controleer alles opnieuw, ook wat vandaag al is gecontroleerd")
    return parser.parse_args(argv), parser


@contextmanager
def _stopping_cleanly() -> Iterator[None]:
    """Let SIGTERM (what CI sends on cancel) unwind like Ctrl+C, so a build removes its half-written folder."""
    def stop(signum: int, frame: object) -> NoReturn:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    try:
        with _stopping_cleanly():
            return run(argv)
    except BrokenPipeError:
        # The reader stopped early (`python build.py report | head`): no traceback; silence the last flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130


def run(argv: list[str] | None = None) -> int:
    args, parser = parse_arguments(argv)
    config = args.config.absolute()
    if not config.is_file():
        hint = "Start het commando in de projectmap, of geef het bestand op met -f, bijvoorbeeld: wegwijzer -f pad/naar/site_config.yaml check"
        print(f"Instellingenbestand niet gevonden: gezocht naar {config}\n{hint}", file=sys.stderr)
        return 2
    config = config.resolve()
    if args.command == "check":
        from .checks import run_check

        return run_check(config, args.base_url)
    if args.command == "urls":
        return cmd_urls(config, args.accept)
    if args.command == "links":
        from .linkcheck import cmd_links

        return cmd_links(config, args.timeout, not args.no_cache)
    if args.command in ("report", "diff"):
        return cmd_review(config, args.command, args.ref, parser)
    if args.command == "serve":
        return cmd_serve(config, args.host, args.port, args.base_url)
    return cmd_build(config, args.base_url)
