"""The one way the package writes a text file it generates: atomically, and only when
the text changed.

Atomically, so a build or a command stopped half-way leaves the old file, never half of
a new one. Only when changed, so an unchanged file keeps its mtime: Sphinx does not
read a generated page again, and a rebuild after one group's edit rewrites a handful
of the directory's ~400 data files instead of renaming them all (most of a second on a
busy disk).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write *text* (UTF-8, newlines as given) to *path* unless it holds it already;
    True if it was written."""
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
