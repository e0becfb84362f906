"""The directory of one build: every group's record, the pages they go on, and which
groups are stale. Pure data code: the Sphinx side (:mod:`pugguide.directory`) loads
the files and hands the base records here.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pugguide.groups.pages import plan
from pugguide.groups.records import complete_record, edit_url, relative_to_root
from pugguide.groups.stale import stale_cutoff, stale_slugs

if TYPE_CHECKING:
    import datetime

    from pugguide.groups.pages import Page
    from pugguide.groups.records import Record


@dataclasses.dataclass(frozen=True)
class Directory:
    """The directory as loaded for one build; never pickled into the environment."""

    records: list[Record]
    pages: list[Page]
    #: Slugs of stale groups, oldest verification first.
    stale: list[str]
    today: str
    #: Group files whose addresses answered their latest weekly check.
    answered: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a build's directory depends on besides the group files."""

    root: Path  # the repository (conf.py's folder): files are named from here
    repository: str
    branch: str
    page_size: int


def make_directory(
    entries: list[tuple[str, Record]],
    settings: Settings,
    today: datetime.date,
    answered: frozenset[str] = frozenset(),
) -> Directory:
    """The directory from (file, base record) pairs in directory order."""
    cutoff = stale_cutoff(today)
    prefix = f"{settings.root}{os.sep}"
    records = []
    for path, base in entries:
        # A prefix test, not Path.relative_to: 10,000 of those cost a fifth of a second.
        if path.startswith(prefix) and os.sep == "/":
            rel = path[len(prefix) :]
        else:
            rel = relative_to_root(Path(path), settings.root)
        edit = edit_url(settings.repository, settings.branch, rel)
        records.append(complete_record(base, stale_before=cutoff, relpath=rel, edit=edit))
    pages = plan(records, settings.page_size)
    placed = {r["slug"]: r for page in pages for r in page.records}
    records = [placed[r["slug"]] for r in records]
    return Directory(records, pages, stale_slugs(records), today.isoformat(), answered)
