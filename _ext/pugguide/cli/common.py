"""What every ``pugguide`` subcommand shares: exit statuses and printing problems."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.problems import display_path

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "print_problems"]

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.problems import Problem


def print_problems(problems: Iterable[Problem], style: str = "text", *, stream: str = "err") -> int:
    """Print each problem as ``path:line:column: error: ...``; return how many."""
    out = sys.stdout if stream == "out" else sys.stderr
    count = 0
    for problem in problems:
        shown = type(problem)(**{**vars(problem), "path": display_path(problem.path)})
        print(shown.format(style), file=out)
        count += 1
    return count
