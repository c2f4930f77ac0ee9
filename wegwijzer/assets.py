"""Static assets: copied from assets/, with JavaScript and CSS minified on the way.

The sources stay readable for developers; visitors download less. The minifier is
tdewolff/minify (PyPI minify-go): it shortens local names in JavaScript, which
whitespace-only minifiers cannot, and is deterministic. Files are listed and read by
`sources`: no symbolic links, no special files, no dot-files or dot-folders.
"""
from __future__ import annotations

from pathlib import Path

import minify

from .problems import Problems
from .sources import list_sources, read_bytes

MINIFIED_TYPES = {".js": "application/javascript", ".css": "text/css"}


def read_assets(assets_dir: Path, problems: Problems) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in list_sources(assets_dir, problems, recursive=True):
        data = read_bytes(path, problems, "max_asset_bytes")
        if data is None:
            continue
        media_type = MINIFIED_TYPES.get(path.suffix)
        if media_type:
            try:
                data = minify.string(media_type, data.decode("utf-8")).encode("utf-8")
            except (minify.MinifyError, UnicodeDecodeError) as error:
                problems.add(path, None, f"kan niet worden verkleind: {error}")
                continue
        files["assets/" + path.relative_to(assets_dir).as_posix()] = data
    problems.raise_if_any()
    return files
