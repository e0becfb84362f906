"""What every ``pugguide`` subcommand shares: exit statuses and printing problems."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pugguide.problems import display_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.problems import Problem

#: The command's exit statuses: done; problems in the data (reported); wrong usage.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_problems(problems: Iterable[Problem], style: str = "text", *, stream: str = "err") -> int:
    """Print each problem as ``path:line:column: error: ...``; return how many."""
    out = sys.stdout if stream == "out" else sys.stderr
    count = 0
    for problem in problems:
        shown = type(problem)(**{**vars(problem), "path": display_path(problem.path)})
        print(shown.format(style), file=out)
        count += 1
    return count
