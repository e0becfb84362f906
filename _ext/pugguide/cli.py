"""The ``pugguide`` command: check, import and maintain the guide's data.

Every subcommand reports bad input as ``path:line:column: error: message`` lines
and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pugguide import __version__
from pugguide.groups import importer, newgroup, stalecmd  # import-wiki; new-group, stale
from pugguide.paths import find_data_dir
from pugguide.problems import display_path
from pugguide.validate import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _data_dir(args: argparse.Namespace) -> Path:
    data_dir = args.data_dir or find_data_dir()
    if data_dir is None:
        sys.exit(
            "pugguide: error: no data/ folder with a schema/ inside here or above; "
            "run this inside the pug-guide repository or pass --data-dir"
        )
    return Path(data_dir)


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    paths = args.paths or [data_dir]
    problems = validate(paths, data_dir)
    for problem in problems:
        shown = type(problem)(**{**vars(problem), "path": display_path(problem.path)})
        print(shown.format(args.format))
    if problems:
        files = len({p.path for p in problems})
        print(
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in "
            f"{files} file{'s' * (files != 1)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pugguide", description="Check and maintain the pug-guide data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="the data/ folder (default: found from here upwards)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check data files and report every problem")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    p.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github prints annotations that GitHub shows on the offending line",
    )
    p.set_defaults(func=cmd_validate)

    newgroup.add_parser(sub)  # contribute: `pugguide new-group`
    stalecmd.add_parser(sub)  # contribute: `pugguide stale`, for the monthly report
    importer.add_parser(sub)  # group directory: `pugguide import-wiki`
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `pugguide ... | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
