"""``pugguide validate``: check data files and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS
from pugguide.problems import print_problems
from pugguide.validate import validate

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace, data_dir: Path) -> int:
    problems = validate(args.paths or [data_dir], data_dir)
    print_problems(problems, args.format, stream="out")
    if problems:
        files = len({p.path for p in problems})
        print(
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in "
            f"{files} file{'s' * (files != 1)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def add_parser(sub: Any) -> None:
    p = sub.add_parser("validate", help="check data files and report every problem")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    p.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github prints annotations that GitHub shows on the offending line",
    )
    p.set_defaults(func=run)
