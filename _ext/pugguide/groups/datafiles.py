"""Work a build hands to a worker process: loading a cold directory, and writing the
files drawn from the whole directory (the map and the downloads).

Plain functions of plain data, so a fresh ``spawn`` worker runs them with nothing of
the build copied into it; what they write, they write atomically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pugguide.groups import cache, exports, mapsvg, places

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.groups.records import Record
    from pugguide.problems import Problem

#: Where the exports and the map go in the output, next to the directory's index.
EXPORT_DIR = "directory"
MAP_FILE = f"{EXPORT_DIR}/map.svg"
#: The JSON export; the search box finds its index (``search/``) beside it.
GROUPS_JSON = f"{EXPORT_DIR}/groups.json"


def write_atomically(path: Path, text: str) -> bool:
    """Write *text* to *path* unless it holds it already; True if it was written.

    A build stopped half-way leaves the old file, never half of a new one. Unchanged
    files are left alone: a rebuild after one group's edit changes a handful of the
    ~400 files here, and renaming the rest cost it most of a second."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
    return True


def load_and_keep(
    data_dir: Path, cache_dir: Path, stats: dict[str, cache.Stat]
) -> tuple[list[tuple[str, Record]], list[Problem]]:
    """:func:`pugguide.groups.cache.load_cached`, saving the cache before returning."""
    entries, problems, save = cache.load_cached(data_dir, cache_dir, stats)
    save()
    return entries, problems


def _page(record: Record) -> str:
    return record["page"]


def write_data_files(outdir: Path, records: list[Record], today: str, *, web: bool) -> None:
    """The map (every HTML builder, EPUB too) and, for the web, the exports; *records*
    have their ``page`` relative to the export folder (the map links entries only on
    the web)."""
    write_atomically(outdir / MAP_FILE, mapsvg.svg(records, _page if web else None))
    if web:
        for name, text in exports.render(records, today).items():
            write_atomically(outdir / EXPORT_DIR / name, text)
        places.write_shards(outdir / EXPORT_DIR / places.FOLDER, write_atomically)
