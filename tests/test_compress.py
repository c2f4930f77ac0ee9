"""A .gz and a .br beside every text file of the build, each the same bytes when unpacked, and the same
bytes on every build (gzip without a time or a file name in its header)."""
from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from wegwijzer.compress import ENCODINGS, is_text
from wegwijzer.pipeline import build


def originals(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.endswith(ENCODINGS)}


def test_every_text_file_has_a_gz_and_a_br_that_unpack_to_it(built) -> None:
    texts = {name: data for name, data in originals(built.files).items() if is_text(name)}
    kinds = {name.rpartition(".")[2] for name in texts}
    assert {"html", "css", "js", "json", "svg", "xml", "txt"} <= kinds
    for name, data in texts.items():
        assert gzip.decompress(built.files[name + ".gz"]) == data, name
        assert brotli.decompress(built.files[name + ".br"]) == data, name


def test_the_copies_are_smaller_and_brotli_is_smallest_where_it_counts(built) -> None:
    page = built.files["index.html"]
    assert len(built.files["index.html.br"]) < len(built.files["index.html.gz"]) < len(page) / 2


def test_only_text_files_get_copies(built) -> None:
    copies = {name for name in built.files if name.endswith(ENCODINGS)}
    assert copies == {name + suffix for name in originals(built.files) if is_text(name) for suffix in ENCODINGS}
    assert "_headers.gz" not in copies  # read by the host, never served


def test_gzip_headers_carry_no_time_and_no_file_name(built) -> None:
    for name in (n for n in built.files if n.endswith(".gz")):
        header = built.files[name][:10]
        assert header[4:8] == b"\0\0\0\0", f"{name}: a modification time in the gzip header"
        assert not header[3] & 0x08, f"{name}: a file name in the gzip header"


def test_the_dev_server_build_leaves_the_copies_out(project: Path) -> None:
    _, files = build(project, compressed=False)
    assert not [name for name in files if name.endswith(ENCODINGS)]
    assert not list((project.parent / "dist").rglob("*.gz"))
