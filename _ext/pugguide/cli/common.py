"""What every ``pugguide`` subcommand shares: exit statuses and printing problems."""

from __future__ import annotations

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.problems import print_problems

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "print_problems"]
