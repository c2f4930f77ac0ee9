"""Reading the project's source files safely: listing folders, YAML, and Markdown with front matter.

Everything the build reads comes through here, so these rules hold for all of it:
- nothing outside the project is read: a symbolic link is refused (Git stores them, so a pull
  request can add one that points anywhere), and so is anything that is not a regular file
  (a FIFO would hang the build); dot-files, dot-folders and editors' `~` backups are skipped;
- a file larger than `max_file_bytes` is refused before it is read;
- text is UTF-8 without control characters, in composed form (NFC), a leading BOM dropped;
- PyYAML is lenient in ways that hurt editors: a duplicate key silently keeps the last value
  and `yes`/`no`/`on`/`off` turn into booleans. This loader refuses the first and reads the
  second as text; it also refuses nesting deeper than `max_nesting`, aliases, keys that are
  not text and dates that do not exist;
- Python-Markdown takes quadratic time or overflows the stack on some shapes of input (an
  unclosed '[' makes it rescan the rest of the paragraph, once per bracket). `check_markdown`
  refuses those shapes first, in linear time, naming the line.
Every problem names the file and, where there is one, the line.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.loaders import split_template_path

from .cache import Memory
from .problems import UNPRINTABLE, Problems, os_error_text, printable

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# C0 and C1 controls except tab and line breaks, DEL, Unicode line separators, bidirectional
# overrides (they reorder what a reader sees) and a BOM inside the text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0xFEFF: "BOM"}
SYMLINK = "is een symbolische link; die worden niet gevolgd, zodat niets van buiten het project op de site komt: zet het bestand zelf hier"


def char_name(char: str) -> str:
    code = ord(char)
    name = CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def size_text(size: int) -> str:
    """A byte count as people read it: '52,4 MB', '256 kB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{size / 1000:.0f} kB" if size >= 1000 else f"{size} bytes"


# ---------------------------------------------------------------- files and folders


def list_sources(folder: Path, problems: Problems, suffix: str | None = None, *,
                 recursive: bool = False, required: bool = False) -> list[Path]:
    """The regular files in `folder` (below it too if `recursive`) ending in `suffix`, sorted.

    Refused, each with a problem naming it: symbolic links, FIFOs and other special files, files
    with another suffix (a tip saved as `.MD` would otherwise vanish), sub-folders where none
    are read. Skipped: names starting with '.' and editors' backups ending in '~'.
    """
    if not folder.is_dir() or folder.is_symlink():
        if folder.is_symlink():
            problems.add(folder, None, SYMLINK)
        elif folder.exists():
            problems.add(folder, None, "is geen map")
        elif required:
            problems.add(folder, None, "de map ontbreekt")
        return []
    found: list[Path] = []
    _walk(folder, problems, suffix, recursive, 0, found)
    if required and not found:
        problems.add(folder, None, f"de map bevat geen {suffix}-bestanden" if suffix else "de map is leeg")
    return found


def _walk(folder: Path, problems: Problems, suffix: str | None, recursive: bool, depth: int, found: list[Path]) -> None:
    limits = problems.limits
    if depth > limits.max_nesting:
        problems.add(folder, None, f"de mappen zijn dieper genest dan {limits.max_nesting} niveaus (max_nesting in site_config.yaml)")
        return
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        problems.add(folder, None, f"kan de map niet lezen: {os_error_text(error)}")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        if not _acceptable_name(entry.name, folder, problems):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            problems.add(path, None, SYMLINK)
        elif entry.is_dir(follow_symlinks=False):
            if recursive:
                _walk(path, problems, suffix, recursive, depth + 1, found)
            else:
                problems.add(path, None, "submappen worden niet gelezen: zet de bestanden direct in de map erboven")
        elif not entry.is_file(follow_symlinks=False):
            problems.add(path, None, "is geen gewoon bestand (maar bijvoorbeeld een pipe); het wordt niet gelezen")
        elif suffix is None or entry.name.endswith(suffix):
            if len(found) >= limits.max_pages:
                problems.add(folder, None, f"de map bevat meer dan {limits.max_pages} bestanden (max_pages in site_config.yaml)")
                return
            found.append(path)
        elif entry.name.lower().endswith(suffix):
            problems.add(path, None, f"wordt niet gelezen: de naam moet eindigen op '{suffix}', in kleine letters")
        else:
            problems.add(path, None, f"wordt niet gelezen: alleen bestanden die eindigen op '{suffix}' horen in deze map")


def _acceptable_name(name: str, folder: Path, problems: Problems) -> bool:
    """A file name must be UTF-8 without control characters, or no message could even show it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        problems.add(folder, None, f"de bestandsnaam '{shown}' is geen UTF-8; geef het bestand een andere naam")
        return False
    if UNPRINTABLE.search(name):
        problems.add(folder, None, f"de bestandsnaam '{printable(name)}' bevat een stuurteken; geef het bestand een andere naam")
        return False
    return True


def read_bytes(path: Path, problems: Problems, setting: str = "max_file_bytes") -> bytes | None:
    """The bytes of a regular file that is no symbolic link and no larger than the limit `setting` names."""
    limit = getattr(problems.limits, setting)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            problems.add(path, None, SYMLINK)
        elif error.errno == errno.ENOENT:
            problems.add(path, None, "het bestand ontbreekt")
        else:
            problems.add(path, None, f"kan het bestand niet lezen: {os_error_text(error)}")
        return None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.add(path, None, "is geen gewoon bestand (maar bijvoorbeeld een map of een pipe); het wordt niet gelezen")
            return None
        data = file.read(limit + 1)
    if len(data) > limit:
        size = max(info.st_size, len(data))
        problems.add(path, None, f"het bestand is {size_text(size)}; het maximum is {size_text(limit)} ({setting} in site_config.yaml)")
        return None
    return data


def read_text(path: Path, problems: Problems) -> str | None:
    """Read UTF-8 text in composed form (NFC), so that "ó" is one character wherever it came from.

    Control characters are reported, then stand as U+FFFD, so that the rest of the file is checked
    in the same run (a problem stops the build, so that text is never published)."""
    data = read_bytes(path, problems)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.add(path, line, "het bestand is geen UTF-8-tekst: sla het op als UTF-8 (in een teksteditor: 'Opslaan als', "
                                 f"codering UTF-8); het eerste onleesbare teken (byte 0x{data[error.start]:02x}) staat op deze regel")
        return None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write: not part of the text
    found = CONTROL.search(text)
    if found:
        count = len(CONTROL.findall(text))
        more = f" (en nog {count - 1} keer in dit bestand)" if count > 1 else ""
        problems.add(path, text.count("\n", 0, found.start()) + 1,
                     f"onzichtbaar stuurteken {char_name(found.group())} is niet toegestaan: verwijder het{more}")
        text = CONTROL.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


class TemplateLoader(jinja2.BaseLoader):
    """Jinja templates, read by the same rules; a name never leads out of the templates folder."""

    def __init__(self, folder: Path, problems: Problems):
        self.folder, self.root, self.limits = folder, problems.root, problems.limits

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        path = self.folder.joinpath(*pieces)
        problems = Problems(self.root, self.limits)
        for folder in (self.folder.joinpath(*pieces[:n]) for n in range(1, len(pieces))):
            if folder.is_symlink():
                problems.add(folder, None, SYMLINK)
        if not problems and not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        text = None if problems else read_text(path, problems)
        problems.raise_if_any()
        assert text is not None  # no problems means it was read
        return text, str(path), lambda: True  # a renderer lives for one build: nothing to reload


# ---------------------------------------------------------------- YAML


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.line)


def empty_mapping(line: int | None = None) -> LineDict:
    mapping = LineDict()
    mapping.line, mapping.key_lines = line, {}
    return mapping


class _Refused(yaml.MarkedYAMLError):
    pass


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = empty_mapping(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise _Refused(problem="een sleutel moet een naam zijn, geen lijst, getal of datum", problem_mark=key_node.start_mark)
        if key in mapping:
            raise _Refused(
                problem=f"de sleutel '{key}' staat hier voor de tweede keer (eerder op regel {mapping.key_lines[key]})",
                problem_mark=key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_text(loader: _StrictLoader, node: yaml.ScalarNode) -> str:
    """Text, refusing control characters written as escapes ("\\a", "\\e", "\\x07")."""
    value = loader.construct_scalar(node)
    found = CONTROL.search(value)
    if found:
        raise _Refused(problem=f"onzichtbaar stuurteken {char_name(found.group())} is niet toegestaan", problem_mark=node.start_mark)
    return value


def _construct_date(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise _Refused(problem=f"'{node.value}' is geen bestaande datum", problem_mark=node.start_mark) from None


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
# YAML 1.1 reads yes/no/on/off as booleans; only true/false should be.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def _check_shape(text: str, max_nesting: int) -> tuple[int, str] | None:
    """(line, message) if the YAML nests too deep or uses an alias; None if its shape is fine or it
    does not parse (loading then reports the syntax error). Streams events: linear, no recursion."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_StrictLoader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, "verwijzingen (*naam) zijn niet toegestaan: schrijf de waarde uit"
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_nesting:
                    return event.start_mark.line + 1, f"dieper genest dan {max_nesting} niveaus (max_nesting in site_config.yaml)"
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML text that starts at `first_line` of its file; on error add a problem and return None."""
    # Padding keeps every line number (in errors and in LineDict) true to the file.
    padded = "\n" * (first_line - 1) + text
    refused = _check_shape(padded, problems.limits.max_nesting)
    if refused:
        problems.add(path, refused[0], f"ongeldige YAML: {refused[1]}")
        return None
    try:
        return yaml.load(padded, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problems.add(path, mark.line + 1 if mark else None, f"ongeldige YAML: {dutch_yaml(str(error.problem or error))}")
    except yaml.reader.ReaderError as error:
        character = error.character if isinstance(error.character, str) else chr(error.character)
        problems.add(path, padded.count("\n", 0, error.position) + 1, f"ongeldige YAML: teken {char_name(character)} is niet toegestaan")
    except yaml.YAMLError as error:
        problems.add(path, None, f"ongeldige YAML: {error}")
    return None


def _line_of_byte(error: UnicodeDecodeError) -> int:
    """The line of the first byte that is not UTF-8."""
    return bytes(error.object[: error.start]).count(b"\n") + 1


# libyaml's most common complaints (the start of each), in the words an editor needs; others keep libyaml's own.
YAML_PROBLEMS = {
    "could not find expected ':'": "hier ontbreekt een ':' (elke regel is 'naam: waarde')",
    "mapping values are not allowed": "een ':' mag hier niet; zet een tekst met ': ' erin tussen aanhalingstekens",
    "did not find expected key": "de inspringing klopt niet: een regel 'naam: waarde' staat niet op één lijn met de andere",
    "did not find expected ',' or ']'": "een lijst met '[' wordt niet met ']' gesloten, of er ontbreekt een ','",
    "did not find expected ',' or '}'": "een groep met '{' wordt niet met '}' gesloten, of er ontbreekt een ','",
    "found unexpected end of stream": "het bestand houdt onverwacht op: een aanhalingsteken of haakje wordt niet gesloten",
    "found character": "dit teken mag hier niet (een tab? spring dan in met spaties)",
    "found a tab character": "een tab mag hier niet: spring in met spaties",
    "did not find expected node content": "hier ontbreekt een waarde",
    "did not find expected '-' indicator": "de inspringing van deze lijst klopt niet",
    "found unknown escape character": "onbekend teken na '\\' in een tekst tussen dubbele aanhalingstekens",
    "could not determine a constructor for the tag": "YAML-labels als '!!python/...' zijn niet toegestaan",
}


def dutch_yaml(problem: str) -> str:
    return next((dutch for english, dutch in YAML_PROBLEMS.items() if problem.startswith(english)), problem)


def load_yaml_file(path: Path, problems: Problems) -> Any:
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)


# ---------------------------------------------------------------- Markdown


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown file split into its front matter and its body."""

    path: Path
    meta: LineDict
    body: str
    body_line: int  # line number of the body's first line in the file


_FENCE = "---"


# Files read before without a problem, by path and text: serve reads every file after every save.
_checked_files = Memory(4096)


def load_markdown_file(path: Path, problems: Problems) -> MarkdownSource | None:
    text = read_text(path, problems)
    if text is None:
        return None
    if (found := _checked_files.get((path, text))) is not None:
        return found
    known = problems.count
    source = _split_markdown_file(path, text, problems)
    if source is not None and problems.count == known:
        _checked_files.remember((path, text), source)
    return source


def _split_markdown_file(path: Path, text: str, problems: Problems) -> MarkdownSource | None:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FENCE:
        problems.add(path, 1, "het bestand moet beginnen met een kop tussen twee regels '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE), None)
    if end is None:
        problems.add(path, 1, "de kop (front matter) wordt niet afgesloten met een regel '---'")
        return None
    known = problems.count
    meta = parse_yaml("".join(lines[1:end]), path, problems, first_line=2)
    if problems.count > known:
        return None
    if not isinstance(meta, LineDict):
        problems.add(path, 2, "de kop moet bestaan uit regels 'naam: waarde'")
        return None
    body = "".join(lines[end + 1 :])
    check_markdown(body, end + 2, path, problems)
    return MarkdownSource(path, meta, body, end + 2)


def _comments(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The (start, end) of each `<!-- ... -->`, and where an unclosed one starts. One pass, no regex
    backtracking: a non-greedy pattern would rescan the text for every unclosed '<!--'."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            return spans, start
        spans.append((start, end + 3))
        position = end + 3
    return spans, None


def blank_comments(text: str) -> str:
    """Drop editors' comments but keep their line breaks, so line numbers stay right."""
    parts, position = [], 0
    for start, end in _comments(text)[0]:
        parts += [text[position:start], "\n" * text.count("\n", start, end)]
        position = end
    parts.append(text[position:])
    return "".join(parts)


class LineFinder:
    """The line of each offset in a text, for offsets in increasing order: counting from the start
    for each one would take quadratic time in a file full of matches."""

    def __init__(self, text: str, first_line: int):
        self.text, self.first_line = text, first_line
        self.offset, self.line = 0, first_line

    def __call__(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, self.first_line
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


# A container prefix of a Markdown line: indentation, then a quote or list marker.
CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")
CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));")
# A '<' that starts a tag, a comment or a declaration; it must close with '>' on its own line.
TAG_START = re.compile(r"<[A-Za-z/!?]")
# Characters that start or end something in Markdown or HTML; Python-Markdown's time grows faster
# than linearly with their number in one paragraph.
MARKUP = "\\<>&*_`[]!"


def check_markdown(text: str, first_line: int, path: Path, problems: Problems) -> None:
    """Refuse, naming the line, the shapes of Markdown that Python-Markdown cannot handle in linear time
    or without overflowing its stack: '[' without ']' in its paragraph, brackets or lists or quotes
    nested deeper than max_nesting, an unclosed HTML tag or comment, very long paragraphs or lists;
    and character references to control characters (nh3 would decode them into the page)."""
    spans, unclosed = _comments(text)
    if unclosed is not None:
        problems.add(path, first_line + text.count("\n", 0, unclosed), "het commentaar '<!--' wordt niet afgesloten met '-->'")
    blanked = blank_comments(text)
    line_of = LineFinder(blanked, first_line)
    for match in CHAR_REFERENCE.finditer(blanked):
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or CONTROL.match(chr(code)):
            problems.add(path, line_of(match.start()), f"'{match.group()}' is een stuurteken en niet toegestaan")
    block: list[tuple[int, str]] = []
    for offset, line in enumerate([*blanked.split("\n"), ""]):
        if line.strip():
            block.append((first_line + offset, line))
        elif block:
            _check_block(block, path, problems)
            block = []


def _check_block(block: list[tuple[int, str]], path: Path, problems: Problems) -> None:
    limits = problems.limits
    if len(block) > limits.max_block_lines:
        problems.add(path, block[0][0], f"deze alinea of lijst is langer dan {limits.max_block_lines} regels "
                                        "(max_block_lines in site_config.yaml): zet er lege regels tussen")
        return
    markup = sum(line.count(char) for _, line in block for char in MARKUP)
    if markup > limits.max_block_markup:
        problems.add(path, block[0][0], f"deze alinea bevat {markup} tekens met een betekenis in Markdown of HTML, zoals [ ] < > * _ & \\; "
                                        f"het maximum is {limits.max_block_markup} (max_block_markup in site_config.yaml): verdeel haar over meer alinea's")
        return
    opened: list[int] = []  # the line of each '[' not yet closed
    too_deep = False
    for number, line in block:
        if _nesting(line) > limits.max_nesting and not too_deep:
            problems.add(path, number, f"lijsten of citaten zijn dieper genest dan {limits.max_nesting} niveaus (max_nesting in site_config.yaml)")
            too_deep = True
        last_close = line.rfind(">")
        for tag in TAG_START.finditer(line):
            if tag.start() > last_close:
                problems.add(path, number, f"de HTML-tag '{line[tag.start():tag.start() + 20]}' wordt op deze regel niet met '>' afgesloten")
                break
        for bracket in re.finditer(r"\\.|[\[\]]", line):
            if bracket.group() == "[":
                opened.append(number)
                if len(opened) > limits.max_nesting and not too_deep:
                    problems.add(path, number, f"haken '[' zijn dieper genest dan {limits.max_nesting} niveaus")
                    too_deep = True
            elif bracket.group() == "]" and opened:
                opened.pop()
    if opened:
        problems.add(path, opened[0], "'[' zonder bijbehorende ']' in deze alinea: sluit hem af, of schrijf '\\[' voor het teken zelf")


def _nesting(line: str) -> int:
    """How many quotes and lists a line opens, counting every four columns of indentation as one."""
    depth, position = 0, 0
    while match := CONTAINER.match(line, position):
        depth += 1
        position = match.end()
    indent = len(line) - len(line.lstrip(" \t"))
    return depth + line[:indent].expandtabs(4).count("    ")
