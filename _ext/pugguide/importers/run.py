"""``pugguide import``: every source, merged into one folder of group files.

Sources are read in :data:`ORDER`; each one's importer turns its entries into drafts and
outcomes, the merge step (merge.py) joins a later source's group to the same group of an
earlier one, write.py writes the files and report.py the report.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from pugguide.groups.geo import Gazetteer
from pugguide.groups.yamlwrite import Layout
from pugguide.importers import pyladies, wiki
from pugguide.importers.fixes import (
    PYLADIES_FIXES,
    WIKI_FIXES,
    WikiFixes,
    load_pyladies_fixes,
    load_wiki_fixes,
)
from pugguide.importers.merge import Slugs, merge_into
from pugguide.importers.write import Existing, write_all
from pugguide.problems import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from pathlib import Path

    from pugguide.importers.draft import Draft, Outcome, Source

#: Every source, in the order they are merged: the first one's facts win.
SOURCES: dict[str, Source] = {s.id: s for s in (wiki.SOURCE, pyladies.SOURCE)}
ORDER = tuple(SOURCES)
SOURCES_DIR = "sources"


@dataclasses.dataclass
class SourceRun:
    source: Source
    #: The source's own entries (the page's top-level bullets; the list's chapters).
    entries: int
    outcomes: list[Outcome]


@dataclasses.dataclass
class Result:
    runs: list[SourceRun]
    written: dict[str, str]
    removed: list[str]

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for run in self.runs for o in run.outcomes]

    @property
    def entries(self) -> int:
        return sum(run.entries for run in self.runs)


@dataclasses.dataclass
class Inputs:
    """What an import reads besides the snapshots; built once, shared by imports."""

    gazetteer: Gazetteer = dataclasses.field(default_factory=Gazetteer)
    today: datetime.date = dataclasses.field(default_factory=datetime.date.today)


def snapshot(data_dir: Path, source: str) -> Path:
    """The committed snapshot of *source*: ``data/sources/<file>``."""
    return data_dir / SOURCES_DIR / SOURCES[source].file


def import_sources(
    out: Path,
    data_dir: Path,
    *,
    selected: Collection[str] = ORDER,
    files: Mapping[str, Path] | None = None,
    inputs: Inputs | None = None,
) -> Result:
    """Import *selected* sources into ``out/<cc>/<slug>.yaml``.

    Snapshots are read from *files* (source id -> path), by default the committed ones
    under *data_dir*; the fixes files and the schema always come from *data_dir*. A
    snapshot or fixes file that cannot be read raises :class:`DataError` (file and line).
    """
    inputs = inputs or Inputs()
    files = {s: (files or {}).get(s) or snapshot(data_dir, s) for s in selected}
    existing = Existing.scan(out) if out.is_dir() else Existing({})
    slugs = Slugs(rel.split("/")[1].removesuffix(".yaml") for rel in existing.foreign(selected))
    groups: list[Draft] = []
    runs: list[SourceRun] = []
    if "wiki" in selected:
        fixes_file = data_dir / SOURCES_DIR / WIKI_FIXES
        fixes = load_wiki_fixes(fixes_file) if fixes_file.exists() else WikiFixes()
        page = _read(files["wiki"])
        wiki_import = wiki.WikiImport(inputs.gazetteer, fixes, slugs, today=inputs.today)
        wiki_import.run(page)
        groups += wiki_import.drafts
        runs.append(SourceRun(wiki.SOURCE, wiki.entries(page), wiki_import.outcomes))
    if "pyladies" in selected:
        chapters = pyladies.read_chapters(files["pyladies"])
        fixes_file = data_dir / SOURCES_DIR / PYLADIES_FIXES
        names = {c["name"] for _, c in chapters if isinstance(c.get("name"), str)}
        # The fixes are for the committed list: another list may lack some chapters.
        strict = files["pyladies"] == snapshot(data_dir, "pyladies")
        chapter_fixes = (
            load_pyladies_fixes(fixes_file, names, strict=strict) if fixes_file.exists() else {}
        )
        importer = pyladies.PyLadiesImport(inputs.gazetteer, chapter_fixes)
        importer.run(chapters)
        merge_into(groups, importer.outcomes, slugs)
        runs.append(SourceRun(pyladies.SOURCE, len(chapters), importer.outcomes))
    for run in runs:
        for outcome in run.outcomes:
            outcome.path = outcome.draft.rel if outcome.draft else ""
    written = write_all(groups, out, Layout.from_data_dir(data_dir), existing, selected)
    return Result(runs, written.files, written.removed)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(path, 0, 0, f"cannot read {path}: {exc}")]) from None
