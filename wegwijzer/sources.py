"""Reading YAML and Markdown-with-front-matter files, keeping the line of every mapping and key.

PyYAML is lenient in ways that hurt editors: a duplicate key silently keeps the last
value, and `yes`/`no`/`on`/`off` turn into booleans. This loader refuses the first and
reads the second as plain text; every error names the file and line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise _DuplicateKey(
                problem=f"de sleutel '{key}' staat hier voor de tweede keer (eerder op regel {mapping.key_lines[key]})",
                problem_mark=key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads yes/no/on/off as booleans; only true/false should be.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text that starts at `first_line` of its file; on error add a problem and return None."""
    try:
        # Padding keeps every line number (in errors and in LineDict) true to the file.
        return yaml.load("\n" * (first_line - 1) + text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problems.add(path, line, f"ongeldige YAML: {error.problem or error}")
    except yaml.YAMLError as error:
        problems.add(path, None, f"ongeldige YAML: {error}")
    return None


def read_text(path: Path, problems: Problems) -> str | None:
    """Read UTF-8 text in composed form (NFC), so that "ó" is one character wherever it came from."""
    try:
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        problems.add(path, _line_of_byte(error), "het bestand is geen UTF-8-tekst: sla het op als UTF-8 "
                     f"(in een teksteditor: 'Opslaan als', codering UTF-8); het eerste onleesbare teken staat op deze regel")
    except OSError as error:
        problems.add(path, None, f"kan het bestand niet lezen: {error.strerror}")
    return None


def _line_of_byte(error: UnicodeDecodeError) -> int:
    """The line of the first byte that is not UTF-8."""
    return bytes(error.object[: error.start]).count(b"\n") + 1


def load_yaml_file(path: Path, problems: Problems) -> Any:
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown file split into its front matter and its body."""

    path: Path
    meta: LineDict
    body: str
    body_line: int  # line number of the body's first line in the file


_FENCE = "---"


def load_markdown_file(path: Path, problems: Problems) -> MarkdownSource | None:
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FENCE:
        problems.add(path, 1, "het bestand moet beginnen met een kop tussen twee regels '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if end is None:
        problems.add(path, 1, "de kop (front matter) wordt niet afgesloten met een regel '---'")
        return None
    known = len(problems.items)
    meta = parse_yaml("".join(lines[1:end]), path, problems, first_line=2)
    if len(problems.items) > known:
        return None
    if not isinstance(meta, LineDict):
        problems.add(path, 2, "de kop moet bestaan uit regels 'naam: waarde'")
        return None
    return MarkdownSource(path, meta, "".join(lines[end + 1 :]), end + 2)
