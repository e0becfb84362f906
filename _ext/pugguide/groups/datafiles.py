"""The files a build draws from the whole directory (the map and the downloads), and
the cold load a first build hands to a worker process.

Plain functions of plain data, so a fresh ``spawn`` worker runs the load with nothing of
the build copied into it; what they write, they write atomically.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from pugguide.files import write_if_changed
from pugguide.groups import cache, exports, mapsvg, places, searchindex

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.groups.records import Record
    from pugguide.problems import Problem

#: Where the exports and the map go in the output, next to the directory's index.
EXPORT_DIR = "directory"
MAP_FILE = f"{EXPORT_DIR}/map.svg"
#: The JSON export; the search box finds its index (``search/``) beside it.
GROUPS_JSON = f"{EXPORT_DIR}/groups.json"


def load_and_keep(
    data_dir: Path, cache_dir: Path, stats: dict[str, cache.Stat]
) -> tuple[list[tuple[str, Record]], list[Problem]]:
    """:func:`pugguide.groups.cache.load_cached`, saving the cache before returning."""
    entries, problems, save = cache.load_cached(data_dir, cache_dir, stats)
    save()
    return entries, problems


def write_data_files(outdir: Path, records: list[Record], today: str, *, web: bool) -> None:
    """The map (every HTML builder, EPUB too) and, for the web, the exports; *records*
    have their ``page`` relative to the export folder (the map links entries only on
    the web)."""
    write_if_changed(outdir / MAP_FILE, mapsvg.svg(records, itemgetter("page") if web else None))
    if web:
        files = exports.render(records, today)
        for name, text in files.items():
            write_if_changed(outdir / EXPORT_DIR / name, text)
        # With fewer groups than last build, the last files of rows would stay behind,
        # still serving the removed groups.
        rows = outdir / EXPORT_DIR / searchindex.FOLDER / "groups"
        for old in rows.glob("*.json"):
            if old.relative_to(outdir / EXPORT_DIR).as_posix() not in files:
                old.unlink()
        places.write_shards(outdir / EXPORT_DIR / places.FOLDER, write_if_changed)
