"""``pugguide stale``: the groups nobody has confirmed for a while, oldest first.

The monthly staleness workflow files its output as an issue, so the Markdown form is a
table a maintainer can work through; it prints nothing when no group is stale.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import TYPE_CHECKING, Any

from pugguide.argtypes import iso_date
from pugguide.exitcodes import EXIT_OK
from pugguide.groups.load import load_groups
from pugguide.groups.stale import STALE_MONTHS, stale_cutoff, stale_groups
from pugguide.problems import display_path

if TYPE_CHECKING:
    from pathlib import Path


def run(args: argparse.Namespace, data_dir: Path) -> int:
    groups, problems = load_groups(data_dir)
    if problems:
        print(
            f"({len(problems)} problems in group files skipped; run pugguide validate)",
            file=sys.stderr,
        )
    today = args.today or datetime.date.today()
    stale = stale_groups((g for g in groups if g.status == "active"), today, args.months)
    if not stale:
        return EXIT_OK
    cutoff = stale_cutoff(today, args.months)
    if args.format == "markdown":
        print(
            f"{len(stale)} active group{'s' * (len(stale) != 1)} not verified since "
            f"{cutoff.isoformat()} ({args.months} months), oldest first. For each, check "
            "its site: if it still meets, set `last_verified` to the day you checked; if "
            "not, set `status: inactive`.\n"
        )
        print("| file | group | last verified |")
        print("| --- | --- | --- |")
        for g in stale:
            name = f"{g.name} ({g.city}, {g.country_name})".replace("|", "\\|")
            print(f"| `{display_path(g.path, data_dir.parent)}` | {name} | {g.last_verified} |")
    else:
        for g in stale:
            print(f"{display_path(g.path)}: {g.name} ({g.city}), last verified {g.last_verified}")
    return EXIT_OK


def add_parser(sub: Any) -> None:
    p = sub.add_parser("stale", help="list active groups not verified for a year")
    p.add_argument(
        "--months",
        type=int,
        default=STALE_MONTHS,
        help=f"how old a verification may be (default {STALE_MONTHS})",
    )
    p.add_argument(
        "--format",
        choices=["text", "markdown"],
        default="text",
        help="markdown prints a table for the monthly issue",
    )
    p.add_argument("--today", type=iso_date, help=argparse.SUPPRESS)  # for tests
    p.set_defaults(func=run)
