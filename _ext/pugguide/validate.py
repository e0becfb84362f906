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
    from collections.abc import Callable, Iterable
    from pathlib import Path

    Checker = Callable[[list[Path], Path], list[Problem]]

#: folder name -> "module:function" checking a list of files (given the data folder).
KINDS: dict[str, str] = {}
# group directory (issue 6): data/groups/<cc>/<slug>.yaml
KINDS["groups"] = "pugguide.groups.load:check_files"
KINDS["checklists"] = "pugguide.checklists.model:check_files"  # checklists (issue 5)

SUFFIX = ".yaml"


def _checker(kind: str) -> Checker:
    module, _, func = KINDS[kind].partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def kind_of(path: Path) -> str | None:
    """The kind of data *path* holds, from its nearest folder named like a kind."""
    for parent in path.parents:
        if parent.name in KINDS:
            return parent.name
    return None


def collect(paths: Iterable[Path]) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Files under *paths* grouped by kind, and problems with files that fit no kind."""
    by_kind: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and _is_data(p) and not NOT_DATA & set(p.relative_to(path).parts)
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
            kind = kind_of(file)
            if kind is None:
                if file.suffix in (SUFFIX, ".yml"):
                    problems.append(
                        Problem(
                            file,
                            0,
                            0,
                            "cannot tell what this file describes; data files live under "
                            + " or ".join(f"{k}/" for k in KINDS),
                            subtype="yaml",
                        )
                    )
            elif file.suffix != SUFFIX:
                problems.append(
                    Problem(
                        file,
                        0,
                        0,
                        f"data files end in {SUFFIX}; rename it to {file.stem}{SUFFIX}",
                        subtype="yaml",
                    )
                )
            else:
                by_kind[kind].append(file)
    return by_kind, problems


#: Folders of a data folder that hold no contributed data: the importers' source
#: snapshots and curation tables (the importers check those), and the liveness
#: history the weekly job writes.
NOT_DATA = frozenset({"sources", "liveness"})


def _is_data(path: Path) -> bool:
    # READMEs and dotfiles may sit beside the data; anything else must be YAML.
    return not path.name.startswith(".") and path.suffix not in (".md", ".txt")


def validate(paths: Iterable[Path], data_dir: Path) -> list[Problem]:
    """Every problem in the files under *paths*, sorted by file and line."""
    by_kind, problems = collect(paths)
    for kind, files in by_kind.items():
        if files:
            # Sorted by text: comparing Path objects costs seconds at 10,000 files.
            problems.extend(_checker(kind)(sorted(set(files), key=str), data_dir))
    return sorted(problems)
