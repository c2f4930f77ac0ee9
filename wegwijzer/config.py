"""The site configuration: a declared schema with a type and default per option (as in MkDocs)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .problems import Problems
from .sources import LineDict, load_yaml_file


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
}

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


def _apply_schema(data: LineDict, schema: dict[str, Option], path: Path, problems: Problems, prefix: str = "") -> dict:
    values: dict[str, Any] = {}
    for key in data:
        if key not in schema:
            problems.add(path, data.line_of(key), f"onbekende instelling '{prefix}{key}'")
    for key, option in schema.items():
        if key not in data:
            if option.required:
                problems.add(path, data.line, f"de instelling '{prefix}{key}' ontbreekt")
            values[key] = option.default
        elif not isinstance(data[key], option.type) or isinstance(data[key], bool):
            problems.add(path, data.line_of(key), f"'{prefix}{key}' heeft een waarde van het verkeerde type")
        else:
            values[key] = data[key]
    return values


def load_config(config_path: Path, problems: Problems) -> SiteConfig:
    data = load_yaml_file(config_path, problems)
    if not isinstance(data, LineDict):
        if data is not None:
            problems.add(config_path, 1, "de instellingen moeten regels 'naam: waarde' zijn")
        data = LineDict()
        data.key_lines = {}
    values = _apply_schema(data, SCHEMA, config_path, problems)
    if isinstance(values.get("organisation"), LineDict):
        values["organisation"] = _apply_schema(values["organisation"], ORGANISATION_SCHEMA, config_path, problems, "organisation.")
    base = values["base_url"]
    if isinstance(base, str) and not (base.startswith("/") and base.endswith("/")):
        problems.add(config_path, data.line_of("base_url"), "base_url moet met '/' beginnen en eindigen, zoals '/' of '/wegwijzer/'")
    site_url = values["site_url"]
    if isinstance(site_url, str) and (not site_url.startswith(("https://", "http://")) or site_url.endswith("/")):
        problems.add(config_path, data.line_of("site_url"), "site_url moet een volledig adres zijn zonder '/' aan het eind")
    return SiteConfig(config_path, values)
