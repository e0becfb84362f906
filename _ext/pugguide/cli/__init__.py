"""The ``pugguide`` command: check, import and maintain the guide's data.

:func:`main` finds the data folder once and passes it to the subcommand. Each
subcommand is a module listed in :data:`COMMANDS`, with ``add_parser(sub)`` and a
``run(args, data_dir)`` that returns an exit status from :mod:`pugguide.exitcodes`.
Bad input is reported as ``path:line:column: error: message`` lines, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pugguide import __version__
from pugguide.cli import importcmd, newgroup, stale, validate
from pugguide.exitcodes import EXIT_OK, EXIT_USAGE
from pugguide.liveness import command as liveness
from pugguide.paths import find_data_dir

#: The subcommands' modules, in the order ``pugguide --help`` lists them (liveness:
#: check-groups and the weekly job's liveness-* steps).
COMMANDS = (validate, newgroup, stale, importcmd, liveness)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pugguide", description="Check and maintain the pug-guide data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="the data/ folder (default: found from here upwards)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir or find_data_dir()
    if data_dir is None:
        print(
            "pugguide: error: no data/ folder with a schema/ inside here or above; "
            "run this inside the pug-guide repository or pass --data-dir",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return int(args.func(args, Path(data_dir)))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `pugguide ... | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
