"""Groups validated by an earlier build, kept in a file next to Sphinx's doctrees.

Validating a group file costs a quarter of a millisecond, seconds for 10,000 files. A
build keeps each group's :func:`~pugguide.groups.records.base_record` in
``pugguide-groups.pickle`` (outside the pickled environment, which every build loads),
keyed by each file's path, size and mtime: only new, changed or failing files are
validated again. A change to the schema or to any file of the package drops the cache whole.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pugguide.files import package_digest
from pugguide.groups.load import SCHEMA, group_file_names, jobs_for, load_files, normalise_url
from pugguide.groups.records import FILE_FIELDS, base_record, fields, sort_key
from pugguide.paths import schema_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from pugguide.groups.records import Record
    from pugguide.problems import Problem

FILE = "pugguide-groups.pickle"
#: (size, mtime in ns) of a file, as os.stat gives them.
Stat = tuple[int, int]


def stat_files(data_dir: Path) -> dict[str, Stat]:
    """Every group file (as a string path) and its size and mtime, in path order."""
    out: dict[str, Stat] = {}
    for name in group_file_names(data_dir):
        st = os.stat(name)  # noqa: PTH116
        out[name] = (st.st_size, st.st_mtime_ns)
    return out


def signature(stats: dict[str, Stat]) -> str:
    """One digest of every file's path, size and mtime: equal when nothing changed."""
    return hashlib.sha1(repr(sorted(stats.items())).encode()).hexdigest()


def _rules_key(data_dir: Path) -> str:
    """The schema and the package's code (which judge and record a file): a change to
    either revalidates all."""
    schema = schema_file(data_dir, SCHEMA).read_bytes()
    return hashlib.sha1(schema + package_digest().encode()).hexdigest()


def load_cached(
    data_dir: Path, cache_dir: Path, stats: dict[str, Stat]
) -> tuple[list[tuple[str, Record]], list[Problem], Callable[[], None]]:
    """Every valid group as (its file, its base record) in directory order, the problems
    of the other files, and a function that saves the cache if files were validated anew:
    the caller picks when to pay for writing it. *stats* comes from :func:`stat_files`.

    A kept group whose slug or address a file validated now also uses is validated again
    with it, so the loader reports the clash at each of them.
    """
    key = _rules_key(data_dir)
    cache_path = cache_dir / FILE
    rows = _read(cache_path, key)
    kept: dict[str, Record] = {}
    fresh: list[str] = []
    for name, stat in stats.items():
        hit = rows.get(name)
        if hit is not None and hit[0] == stat:
            kept[name] = cast("Record", dict(zip(FILE_FIELDS, hit[1], strict=True)))
        else:
            fresh.append(name)
    jobs = jobs_for(len(fresh))
    loaded, problems = load_files([Path(f) for f in fresh], data_dir, jobs=jobs)
    if kept and loaded:
        slugs = {base["slug"]: name for name, base in kept.items()}
        urls = {normalise_url(base["url"]): name for name, base in kept.items()}
        found = {n for g in loaded for n in (slugs.get(g.slug), urls.get(normalise_url(g.url)))}
        if clash := sorted(name for name in found if name is not None):
            for name in clash:
                del kept[name]
            fresh += clash
            loaded, problems = load_files([Path(f) for f in fresh], data_dir, jobs=jobs)
    new = {str(g.path): base_record(g) for g in loaded}
    entries = sorted([*kept.items(), *new.items()], key=lambda entry: sort_key(entry[1]))

    def save() -> None:
        if not fresh and len(kept) == len(rows):
            return
        new_rows = {name: rows[name] for name in kept}
        new_rows.update(
            (name, (stats[name], tuple(fields(base)[k] for k in FILE_FIELDS)))
            for name, base in new.items()
        )
        _write(cache_path, key, new_rows)

    return entries, problems, save


#: A cached file: its size and mtime, and its base record's values in FILE_FIELDS order
#: (plain tuples of builtins: 10,000 of them load in a few hundredths of a second).
Row = tuple[Stat, tuple[Any, ...]]


def _read(path: Path, key: str) -> dict[str, Row]:
    try:
        with path.open("rb") as fh:
            stored_key, rows = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return {}  # missing, from another version, or damaged: validate everything
    return rows if stored_key == key and isinstance(rows, dict) else {}


def _write(path: Path, key: str, rows: dict[str, Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as fh:
        pickle.dump((key, rows), fh, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)  # a build killed half-way leaves the old cache, not half a file
