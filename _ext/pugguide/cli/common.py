"""What every ``pugguide`` subcommand shares: exit statuses and printing problems."""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.problems import display_path

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "print_problems"]

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.problems import Problem


def print_problems(
    problems: Iterable[Problem], style: str = "text", *, stream: str = "err"
) -> None:
    """Print each problem as ``path:line:column: error: ...``, to stdout or stderr."""
    out = sys.stdout if stream == "out" else sys.stderr
    for problem in problems:
        print(dataclasses.replace(problem, path=display_path(problem.path)).format(style), file=out)
