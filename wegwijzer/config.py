"""The site configuration: a declared schema with a type and default per option (as in MkDocs).

Besides the site's own settings it holds the limits on the input (see `Limits`) and guards the
folders: the sources must lie inside the project, and the output folder, which every build
replaces whole, may not be the project, a source folder or anything that holds them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .problems import Limits, Problems, suggestion
from .sources import LineDict, empty_mapping, load_yaml_file
from .urls import PublicAddress


@dataclass(frozen=True)
class Option:
    type: type | tuple[type, ...]
    default: Any = None
    required: bool = False


SCHEMA: dict[str, Option] = {
    "site_name": Option(str, required=True),
    "site_url": Option(str, required=True),
    "base_url": Option(str, "/"),
    "source_credit": Option(str, required=True),
    "content_dir": Option(str, "content"),
    "templates_dir": Option(str, "templates"),
    "assets_dir": Option(str, "assets"),
    "output_dir": Option(str, "dist"),
    "organisation": Option(dict, required=True),
    # "Bewerk deze pagina": a URL prefix; the content file's path from the project root is appended.
    "edit_url": Option(str, ""),
    # "Feedback op deze pagina" on advice, tip and checklist pages: an e-mail address, or a form's URL.
    "feedback_email": Option(str, ""),
    "feedback_url": Option(str, ""),
    **{name: Option(int, getattr(Limits, name)) for name in Limits.__dataclass_fields__},
}
SOURCE_DIRS = ("content_dir", "templates_dir", "assets_dir")

ORGANISATION_SCHEMA: dict[str, Option] = {
    "name": Option(str, required=True),
    "parent": Option(str, ""),
    "email": Option(str, required=True),
    "website": Option(str, required=True),
    "accessibility_contact": Option(str, required=True),
    "response_days": Option(int, 5),
    "security_contact": Option(str, required=True),
    "security_expires": Option((str, datetime, date), required=True),
}


@dataclass(frozen=True)
class SiteConfig:
    path: Path  # site_config.yaml, or the file given with -f
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # where each setting stands in the file

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    @property
    def root(self) -> Path:
        """The project folder: every other path in the configuration is relative to it."""
        return self.path.parent

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def dir(self, key: str) -> Path:
        return self.root / self.values[key]

    @property
    def base_url(self) -> str:
        return self.values["base_url"]

    def published_at(self, address: PublicAddress | None) -> SiteConfig:
        """The same configuration with `--base-url` in place of site_config.yaml's base_url (and site_url)."""
        if address is None:
            return self
        return SiteConfig(self.path, {**self.values, "base_url": address.base_url,
                                      "site_url": address.site_url or self.values["site_url"]})

    @property
    def limits(self) -> Limits:
        return Limits(**{name: self.values[name] for name in Limits.__dataclass_fields__})


def _apply_schema(data: LineDict, schema: dict[str, Option], path: Path, problems: Problems, prefix: str = "") -> dict:
    values: dict[str, Any] = {}
    for key in data:
        if key not in schema:
            problems.add(path, data.line_of(key), f"onbekende instelling '{prefix}{key}'{suggestion(key, set(schema))}")
    for key, option in schema.items():
        if key not in data:
            if option.required:
                problems.add(path, data.line, f"de instelling '{prefix}{key}' ontbreekt")
            values[key] = option.default
        elif not isinstance(data[key], option.type) or isinstance(data[key], bool):
            problems.add(path, data.line_of(key), f"'{prefix}{key}' moet {_type_name(option.type)} zijn")
            values[key] = option.default
        else:
            values[key] = data[key]
    return values


def _type_name(kind: type | tuple[type, ...]) -> str:
    first = kind[0] if isinstance(kind, tuple) else kind
    return {str: "tekst", int: "een heel getal", dict: "een groep regels 'naam: waarde'"}.get(first, "een datum")


def load_config(config_path: Path, problems: Problems) -> SiteConfig:
    """The settings, with every problem added; after a YAML error only that error (the rest would be guesses)."""
    known = problems.count
    data = load_yaml_file(config_path, problems)
    if problems.count > known:
        return SiteConfig(config_path, {key: option.default for key, option in SCHEMA.items()})
    if not isinstance(data, LineDict):
        if data is not None:
            problems.add(config_path, 1, "de instellingen moeten regels 'naam: waarde' zijn")
        data = empty_mapping(1)
    values = _apply_schema(data, SCHEMA, config_path, problems)
    if isinstance(values.get("organisation"), LineDict):
        values["organisation"] = _apply_schema(values["organisation"], ORGANISATION_SCHEMA, config_path, problems, "organisation.")
    base = values["base_url"]
    if isinstance(base, str) and not (base.startswith("/") and base.endswith("/")):
        problems.add(config_path, data.line_of("base_url"), "base_url moet met '/' beginnen en eindigen, zoals '/' of '/wegwijzer/'")
    site_url = values["site_url"]
    if isinstance(site_url, str) and (not site_url.startswith(("https://", "http://")) or site_url.endswith("/")):
        problems.add(config_path, data.line_of("site_url"), "site_url moet een volledig adres zijn zonder '/' aan het eind")
    for name in Limits.__dataclass_fields__:
        if values[name] < 1:
            problems.add(config_path, data.line_of(name), f"'{name}' moet een heel getal vanaf 1 zijn")
            values[name] = getattr(Limits, name)
    _check_page_tools(values, data, config_path, problems)
    config = SiteConfig(config_path, values, data.key_lines)
    _check_folders(config, config_path, problems)
    return config


def _check_folders(config: SiteConfig, path: Path, problems: Problems) -> None:
    """Sources inside the project; an output folder that a build may replace without losing anything."""
    root = _resolved(config.root)
    folders = {key: _resolved(config.dir(key)) for key in (*SOURCE_DIRS, "output_dir") if isinstance(config[key], str)}
    for key in SOURCE_DIRS:
        if key in folders and not _within(folders[key], root):
            problems.add(path, config.line_of(key), f"{key} '{config[key]}' ligt buiten de projectmap; de build leest alleen bestanden in het project")
    output = folders.get("output_dir")
    if output is None:
        return
    named = f"output_dir '{config['output_dir']}'"
    if _within(root, output):
        problems.add(path, config.line_of("output_dir"), f"{named} is de projectmap of een map erboven: elke build vervangt de uitvoermap "
                                                       "helemaal en zou zo het project wissen; kies een eigen map, zoals 'dist'")
        return
    for key in SOURCE_DIRS:
        if key in folders and (_within(output, folders[key]) or _within(folders[key], output)):
            problems.add(path, config.line_of("output_dir"), f"{named} valt samen met {key} '{config[key]}': elke build vervangt de "
                                                           "uitvoermap helemaal; kies een eigen map, zoals 'dist'")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the path as written
        return path.absolute()


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _check_page_tools(values: dict[str, Any], data: LineDict, path: Path, problems: Problems) -> None:
    for key in ("edit_url", "feedback_url"):
        if values.get(key) and not re.match(r"^https?://[^\s/]+\.[^\s]+$", values[key]):
            problems.add(path, data.line_of(key), f"{key} moet een volledig adres zijn (https://...)")
    if values.get("edit_url") and not values["edit_url"].endswith("/"):
        problems.add(path, data.line_of("edit_url"), "edit_url moet eindigen op '/': het pad van het bestand komt erachter")
    if values.get("feedback_email") and not re.match(r"^[^\s@]+@[^\s@]+\.[^\s@]+$", values["feedback_email"]):
        problems.add(path, data.line_of("feedback_email"), f"feedback_email is geen e-mailadres: '{values['feedback_email']}'")
    if values.get("feedback_email") and values.get("feedback_url"):
        problems.add(path, data.line_of("feedback_url"), "kies feedback_email of feedback_url, niet allebei")
