"""Propose ``status: inactive`` for groups whose addresses keep failing.

Rule: a group is proposed when its latest checks in the history are failures
(``broken``, ``error`` or ``unreachable``), at least :data:`CHECKS` of them in a row,
in at least :data:`WEEKS` different ISO weeks; one answer ends the run. Only groups
whose file says ``active`` (or no status) or ``seeking-organizers`` are proposed: an
inactive group needs nothing, and a paused group is expected to be quiet.

The weekly workflow starts the proposal branch afresh from ``main`` and runs this, so
the pull request shows exactly the current proposals: a group that answered again drops
out. Only the ``status`` line changes (added before ``last_verified`` when absent).
``pugguide liveness-propose`` runs it, as does ``python -m pugguide.liveness.proposals``.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pugguide.liveness import edit
from pugguide.liveness.history import HISTORY, HistoryError, read_history
from pugguide.problems import DataError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.liveness.history import Row
    from pugguide.problems import Problem

#: Failed checks in a row before a group is proposed inactive...
CHECKS = 3
#: ...spread over at least this many ISO weeks.
WEEKS = 3
#: Statuses that a run of failures can turn into inactive.
PROPOSABLE = ("active", "seeking-organizers")


@dataclasses.dataclass(frozen=True)
class Proposal:
    """A group file to mark inactive, with the failed checks that justify it."""

    file: str
    failures: tuple[Row, ...]


def failing(rows: Iterable[Row]) -> dict[str, tuple[Row, ...]]:
    """Each group file's latest run of failures that meets the rule, oldest first."""
    found = {}
    ordered = sorted(rows, key=lambda r: (r.file, r.checked))
    for file, checks in itertools.groupby(ordered, key=lambda r: r.file):
        run = list(itertools.takewhile(lambda r: r.failed, reversed([*checks])))[::-1]
        if len(run) >= CHECKS and len({r.week for r in run}) >= WEEKS:
            found[file] = tuple(run)
    return found


def propose(rows: Iterable[Row], root: Path) -> tuple[list[Proposal], list[Problem]]:
    """Mark inactive, in the files under *root*, the groups the rule picks.

    Returns what was proposed, and problems with files that could not be edited.
    A history line for a file that no longer exists is ignored.
    """
    proposals, problems = [], []
    for file, run in failing(rows).items():
        path = root / file
        if not file.startswith("data/groups/") or ".." in file.split("/") or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
            doc = edit.parse(path, text)
            if doc.data.get("status", "active") not in PROPOSABLE:
                continue
            new = edit.set_value(path, text, "status", "inactive", before="last_verified")
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        except UnicodeDecodeError:
            continue  # validation reports it; nothing to propose here
        path.write_bytes(new.encode("utf-8"))
        proposals.append(Proposal(file, run))
    return proposals, problems


def summary(proposals: list[Proposal]) -> str:
    """The pull request's body: one line per proposed group, with its failed checks."""
    if not proposals:
        return "No group has failed its weekly check three weeks running.\n"
    lines = [
        f"{len(proposals)} group{'s' * (len(proposals) != 1)} failed {CHECKS} or more weekly "
        f"checks in a row, over {WEEKS} weeks or more, so this proposes `status: inactive` "
        "for each. Before merging, look at each group: if it still meets, drop its change "
        'and ask the organizers to confirm it (the directory\'s "We still meet" link). '
        "A group that answers again drops out of this pull request by itself next week.",
        "",
        "| file | failed checks |",
        "| --- | --- |",
    ]
    for p in proposals:
        checks = "; ".join(
            f"{r.week} {r.status}" + (f" {r.http_status}" if r.http_status else "")
            for r in p.failures
        )
        lines.append(f"| `{p.file}` | {checks} |")
    return "\n".join(lines) + "\n"


def run(history: Path, root: Path, summary_file: Path | None = None) -> int:
    """Read *history*, edit the group files under *root*; 0, or 1 on a problem."""
    try:
        rows = read_history(history)
    except HistoryError as exc:
        print(f"pugguide: error: {exc}", file=sys.stderr)
        return 1
    proposals, problems = propose(rows, root)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    text = summary(proposals)
    if summary_file is not None:
        summary_file.write_text(text, encoding="utf-8")
    print(text, end="")
    return 1 if problems else 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``pugguide liveness-propose``, and of ``python -m`` this module."""
    parser.add_argument("--history", type=Path, default=HISTORY, help=f"default {HISTORY}")
    parser.add_argument("--root", type=Path, default=Path(), help="the repository (default: here)")
    parser.add_argument("--summary", type=Path, help="also write the Markdown summary here")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pugguide.liveness.proposals")
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args.history, args.root, args.summary)


if __name__ == "__main__":
    sys.exit(main())
