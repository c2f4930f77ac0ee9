"""Static assets: copied from assets/, with JavaScript and CSS minified on the way.

The sources stay readable for developers; visitors download less. The minifier is
tdewolff/minify (PyPI minify-go): it shortens local names in JavaScript, which
whitespace-only minifiers cannot, and is deterministic.
"""
from __future__ import annotations

from pathlib import Path

import minify

from .problems import ContentError, Problems

MINIFIED_TYPES = {".js": "application/javascript", ".css": "text/css"}


def read_assets(assets_dir: Path, root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(assets_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        data = path.read_bytes()
        media_type = MINIFIED_TYPES.get(path.suffix)
        if media_type:
            try:
                data = minify.string(media_type, data.decode("utf-8")).encode("utf-8")
            except (minify.MinifyError, UnicodeDecodeError) as error:
                problems = Problems(root)
                problems.add(path, None, f"kan niet worden verkleind: {error}")
                raise ContentError(problems.items) from error
        files["assets/" + path.relative_to(assets_dir).as_posix()] = data
    return files
