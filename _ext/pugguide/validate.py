"""Validate data files of every kind: the one entry point behind ``pugguide validate``,
the Sphinx build and pre-commit.

Each kind of data lives in its own folder under ``data/`` and has a checker that takes
all files of that kind at once, because some rules span files (a slug or URL used by
two groups). A file's kind is the nearest enclosing folder named after a kind, so a
file can be checked wherever it sits (``/tmp/try/groups/de/x.yaml``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from pugguide.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: folder name -> "module:function" checking a list of files (given the data folder).
KINDS: dict[str, str] = {
    "groups": "pugguide.groups.load:check_files",  # data/groups/<cc>/<slug>.yaml (issue 6)
    "checklists": "pugguide.checklists.model:check_files",  # checklists (issue 5)
}
SUFFIX = ".yaml"
#: Folders of a data folder that hold no contributed data: the importers' source
#: snapshots and curation tables (the importers check those), and the liveness
#: history the weekly job writes.
NOT_DATA = frozenset({"sources", "liveness"})


def collect(paths: Iterable[Path]) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Files under *paths* grouped by kind, and problems with files that fit no kind."""
    by_kind: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            # READMEs and dotfiles may sit beside the data; anything else must be YAML.
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not p.name.startswith(".")
                and p.suffix not in (".md", ".txt")
                and not NOT_DATA & set(p.relative_to(path).parts)
            )
            # A whole folder of one kind (data/groups) has no kind folder above it.
            if path.name in KINDS:
                by_kind[path.name].extend(files)
                continue
        elif path.exists():
            files = [path]
        else:
            problems.append(Problem(path, 0, 0, "no such file or folder", subtype="yaml"))
            continue
        for file in files:
            kind = next((parent.name for parent in file.parents if parent.name in KINDS), None)
            if kind is None:
                if file.suffix in (SUFFIX, ".yml"):
                    folders = " or ".join(f"{k}/" for k in KINDS)
                    message = (
                        f"cannot tell what this file describes; data files live under {folders}"
                    )
                    problems.append(Problem(file, 0, 0, message, subtype="yaml"))
            elif file.suffix != SUFFIX:
                message = f"data files end in {SUFFIX}; rename it to {file.stem}{SUFFIX}"
                problems.append(Problem(file, 0, 0, message, subtype="yaml"))
            else:
                by_kind[kind].append(file)
    return by_kind, problems


def validate(paths: Iterable[Path], data_dir: Path) -> list[Problem]:
    """Every problem in the files under *paths*, sorted by file and line."""
    by_kind, problems = collect(paths)
    for kind, files in by_kind.items():
        if files:
            module, _, func = KINDS[kind].partition(":")
            check = getattr(importlib.import_module(module), func)
            # Sorted by text: comparing Path objects costs seconds at 10,000 files.
            problems.extend(check(sorted(set(files), key=str), data_dir))
    return sorted(problems)
