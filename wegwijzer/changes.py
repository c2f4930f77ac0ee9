"""Change notes: what the editors changed, and when, for people who keep a permalink.

A cell (tip file), a checklist statement or a page may carry `changes:` with a `date` and a
`note` each. The notes show where the text is (its tip page, every advice page that includes
the cell, the checklist, the page), on the "Wijzigingen" page and in an Atom feed. Every date
comes from the content, so two builds of the same input are byte-identical; the ids of feed
entries come from stable names (a cell's code, a checklist id, a page's slug), so a feed reader
never shows a note twice.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from . import urls as paths
from .model import Change, Site
from .routes import Origin, Route


@dataclass(frozen=True)
class ChangeEntry:
    """One note, with what it is about and where that is on the site."""

    date: date
    note: str
    title: str  # what changed, as a visitor knows it
    path: str  # site path, with a #fragment for a checklist statement
    key: str  # a stable name of what changed, for the feed's ids
    number: int  # 1, 2, ...: the note's place among the notes of that key on that date
    source: Path

    def tag(self, site_url: str) -> str:
        """The entry's Atom id: a tag URI (RFC 4151) that stays the same from build to build."""
        return f"tag:{urlsplit(site_url).hostname},{self.date.isoformat()}:{self.key}/{self.number}"


def _entries_of(changes: tuple[Change, ...], title: str, path: str, key: str, source: Path) -> Iterator[ChangeEntry]:
    counted: dict[date, int] = {}
    for change in changes:
        counted[change.date] = counted.get(change.date, 0) + 1
        yield ChangeEntry(change.date, change.note, title, path, key, counted[change.date], source)


def change_entries(site: Site) -> list[ChangeEntry]:
    """Every note of the site, newest first; on one date in a fixed order (by page, then as written)."""
    found: list[ChangeEntry] = []
    for cell in site.wegwijzer.cells.values():
        what = cell.answer.label if cell.answer else "algemene tips"
        found += _entries_of(cell.changes, f"{cell.activity.name}: {what} ({cell.code})", cell.path, f"tip/{cell.code}", cell.source)
    checklist = site.checklist
    for number, theme in enumerate(checklist.themes, 1):
        for q in theme.questions:
            found += _entries_of(q.changes, f"Checklist, thema {number}, vraag {q.number}: {q.text}",
                                 f"{paths.CHECKLIST_PATH}#{q.id}", f"checklist/{q.id}", checklist.source)
    for page in site.pages:
        found += _entries_of(page.changes, page.title, paths.page_path(page.slug), f"pagina/{page.slug}", page.source)
    return sorted(found, key=lambda e: (-e.date.toordinal(), e.path, e.number))


def change_routes(site: Site) -> Iterator[Route]:
    """The "Wijzigingen" page and its Atom feed."""
    entries = change_entries(site)
    updated = entries[0].date if entries else site.updated
    context = {"entries": entries, "updated": updated}
    origin = Origin(site.config.path, what="de wijzigingen")
    yield Route(paths.CHANGES_PATH, "changes", "changes.html", origin, context, sources=site.sources())
    yield Route(paths.FEED_PATH, "feed", "wijzigingen.xml", origin, context, sources=site.sources(), indexed=False)
