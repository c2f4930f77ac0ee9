"""Rebuilds in the dev server: the whole site is loaded and checked again, but only the routes whose
inputs changed are rendered again.

`serve` keeps its last build: the model and the bytes of every output. For each batch of changed files
that the file-system watcher reports, it loads and checks the whole site (tens of milliseconds: Markdown
and minified assets come from the build's cache) and then renders
- every route, when site_config.yaml or anything in assets/ changed (hashed names, and the images that
  content links to, change on every page), or when the routes, the content files or the site's date did;
- otherwise only the routes with a changed content file among their sources or a changed template in
  their closure, and those whose last output names an asset whose hashed name changed (the search
  index, which /zoeken/ names).
Every other file is taken over from the current dist/ as a hard link, into a new folder that replaces
dist/ in one step, as in a full build: a reader sees the old site or the new one, never a mix, and a
rebuild that fails writes nothing. The result has the same bytes as a clean build without compressed
copies (tests/test_incremental.py checks it after many kinds of edits).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import Loaded, load_site, published_assets
from .urls import PublicAddress
from .writer import new_site, remove_in_background


@dataclass
class Rebuilt:
    rendered: int  # routes rendered again
    written: int  # files whose bytes changed (the others are links to the previous ones)
    total: int  # files of the site


@dataclass
class _Last:
    loaded: Loaded
    names: dict[str, str]  # the published assets' hashed names, search index included
    outputs: dict[str, bytes]  # every file of dist/ (but the marker), as the last build wrote it


@dataclass
class LiveBuild:
    """The site as `serve` rebuilds it, change after change. The changes of a failed rebuild stay pending,
    so the next one also renders what they touched."""

    config_path: Path
    address: PublicAddress | None = None
    _last: _Last | None = None
    _pending: set[Path] = field(default_factory=set)

    def rebuild(self, changed: Iterable[Path] = ()) -> Rebuilt:
        """Build with the changed files; raises what a full build raises, and then writes nothing."""
        self._pending.update(Path(path).absolute() for path in changed)
        kept = self._last.loaded.renderer if self._last and not self._beyond_content() else None
        loaded = load_site(self.config_path, self.address, renderer=kept)
        assets = published_assets(loaded)
        urls = loaded.urls.with_assets(assets.names)
        stale = self._stale_routes(loaded, assets.names)
        previous = self._last.outputs if self._last else {}
        outputs: dict[str, bytes] = {}
        written = 0
        output_dir = loaded.config.dir("output_dir")
        with new_site(output_dir, retire=remove_in_background) as staging:

            def put(name: str, data: bytes) -> None:
                nonlocal written
                outputs[name] = data
                if previous.get(name) == data:
                    try:
                        staging.link(name, output_dir)
                        return
                    except OSError:  # dist/ was changed beside serve: the bytes are at hand
                        pass
                staging.write(name, data)
                written += 1

            for name, data in assets.files().items():
                put(name, data)
            for route in loaded.routes:
                fresh = route.path in stale or route.output not in previous
                put(route.output, loaded.renderer.render(loaded.site, loaded.routes, route, urls) if fresh
                    else previous[route.output])
        self._last, self._pending = _Last(loaded, assets.names, outputs), set()
        return Rebuilt(len(stale), written, len(outputs))

    def _beyond_content(self) -> bool:
        """Whether a pending change is to the settings, a template or an asset (or outside the watched folders)."""
        config = self._last.loaded.config if self._last else None
        return config is None or any(not _within(path, config.dir("content_dir")) for path in self._pending)

    def _stale_routes(self, loaded: Loaded, names: dict[str, str]) -> set[str]:
        """The paths of the routes to render again."""
        everything = {route.path for route in loaded.routes}
        last, pending, config = self._last, self._pending, loaded.config
        if last is None or self.config_path.absolute() in pending or any(_within(p, config.dir("assets_dir")) for p in pending):
            return everything
        before, site = last.loaded, loaded.site
        if ([r.path for r in before.routes] != [r.path for r in loaded.routes]
                or set(before.site.sources()) != set(site.sources()) or before.site.updated != site.updated):
            return everything
        templates_dir = config.dir("templates_dir")
        templates = {p.relative_to(templates_dir).as_posix() for p in pending if _within(p, templates_dir)}
        renamed = [old.encode() for name, old in last.names.items() if names.get(name) != old]
        return {route.path for route in loaded.routes
                if pending.intersection(route.sources) or (templates and templates & loaded.routes.templates(route))
                or any(old in last.outputs[route.output] for old in renamed)}


def _within(path: Path, folder: Path) -> bool:
    return folder.absolute() in path.parents
