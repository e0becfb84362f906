"""The one way the package writes a text file it generates (atomically, and only when
the text changed), and the one digest of its own files (:func:`package_digest`).

Atomically, so a build or a command stopped half-way leaves the old file, never half of
a new one. Only when changed, so an unchanged file keeps its mtime: Sphinx does not
read a generated page again, and a rebuild after one group's edit rewrites a handful
of the directory's ~400 data files instead of renaming them all (most of a second on a
busy disk).
"""

from __future__ import annotations

import functools
import hashlib
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


@functools.cache
def package_digest() -> str:
    """A digest of every file of the ``pugguide`` package, code and data: what builds
    keep between them (validated groups, written pages and data files) is redone when
    any of it changes. Lists of the modules that matter went stale: a new URL rule in
    groups/urls.py was not in the cache's list, so cached files escaped it."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
