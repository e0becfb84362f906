"""The liveness subcommands of ``pugguide``: ``check-groups`` (fetch each group's
addresses, write a JSON report), ``liveness-record`` (add a report to
``data/liveness/history.csv``), ``liveness-propose`` (:mod:`~pugguide.liveness.proposals`)
and ``liveness-confirm`` (:mod:`~pugguide.liveness.confirm`).

One status per group: its main ``url``'s when that answers (``ok`` or ``redirected``);
else that of the first answering link of a kind that shows the group's own activity
(:data:`EVIDENCE_KINDS`; ``final_url`` shows which), so a group whose site lapsed but
whose meetup page lives is not called dead; else the main ``url``'s failure. Social
network and chat links never decide: those platforms answer 200 for deleted accounts
or show bots a log-in page. Every failing address is printed, whatever decides.

Exit status: 0 when every group answered; 1 when one did not or a file could not be
read (the report is written either way); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.files import write_if_changed
from pugguide.liveness import confirm, history, proposals
from pugguide.liveness.fetch import ANSWERED, STATUSES, Checker, Outcome
from pugguide.problems import print_problems

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from pugguide.groups.model import Group

#: Link kinds whose answer counts as the group's when its main url fails, in this order.
EVIDENCE_KINDS = ("website", "meetup", "calendar", "blog", "mailing_list", "forum", "conference")


def combine(main: Outcome, links: dict[str, Outcome]) -> Outcome:
    """The group's outcome from its main url's and its links' (see the module's text)."""
    if main.answered:
        return main
    return next((links[k] for k in EVIDENCE_KINDS if k in links and links[k].answered), main)


async def check_groups(
    groups: list[Group], checker: Checker
) -> dict[Group, tuple[Outcome, dict[str, Outcome]]]:
    """Every group's main outcome and link outcomes, all fetched in parallel."""

    async def one(group: Group) -> tuple[Outcome, dict[str, Outcome]]:
        main, *links = await asyncio.gather(
            checker.check(group.url), *map(checker.check, group.links.values())
        )
        return main, dict(zip(group.links, links, strict=True))

    return dict(zip(groups, await asyncio.gather(*map(one, groups)), strict=True))


def cmd_check_groups(args: argparse.Namespace, data_dir: Path) -> int:
    from pugguide.groups import load_files
    from pugguide.groups.load import GROUPS, SUFFIX
    from pugguide.problems import display_path

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"pugguide: error: {missing[0]}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    files: list[Path] = []
    for path in args.paths or [data_dir / GROUPS]:
        files.extend(sorted(path.rglob(f"*{SUFFIX}")) if path.is_dir() else [path])
    groups, problems = load_files(files, data_dir)
    print_problems(problems)
    checker = Checker(
        timeout=args.timeout, concurrency=args.concurrency, allow_loopback=args.allow_loopback
    )
    checked = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    results = run_async(lambda: check_groups(groups, checker))
    by_key = {display_path(g.path, data_dir.parent).as_posix(): g for g in results}
    report: dict[str, Any] = {}
    counts = dict.fromkeys(STATUSES, 0)
    for key in sorted(by_key):
        main, links = results[by_key[key]]
        decided = combine(main, links)
        report[key] = decided.report()
        counts[decided.status] += 1
        for field, outcome in [("url", main), *((f"links.{k}", o) for k, o in links.items())]:
            if not outcome.answered:
                print(f"{key}: {field}: {outcome.status}: {outcome.final_url}: {outcome.reason}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"checked": checked, "groups": report}, indent=2)
    args.report.write_text(text + "\n", encoding="utf-8")
    print(
        f"{len(results)} groups checked ({checker.requests_sent} requests): "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n),
        file=sys.stderr,
    )
    failed = any(counts[s] for s in STATUSES if s not in ANSWERED)
    return EXIT_PROBLEMS if failed or problems else EXIT_OK


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run the coroutine *make* gives to its end, even where this thread already runs an
    event loop (a notebook, a test session driving a browser): then in a thread of its
    own, since asyncio.run() refuses to nest."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def cmd_record(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        new = history.read_report(args.report)
        rows = history.record(history.read_history(args.history), new)
    except history.HistoryError as exc:
        print(f"pugguide: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    changed = write_if_changed(args.history, history.format_history(rows))
    print(f"{args.history}: {len(new)} groups recorded" + ("" if changed else " (no change)"))
    return EXIT_OK


def cmd_propose(args: argparse.Namespace, data_dir: Path) -> int:
    return proposals.run(args.history, args.root, args.summary)


def cmd_confirm(args: argparse.Namespace, data_dir: Path) -> int:
    return confirm.run(args.event, args.root, args.message)


def _positive(kind: type[float] | type[int]) -> Any:
    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def add_parser(sub: Any) -> None:
    """Add ``check-groups``, ``liveness-record``, ``liveness-propose`` and
    ``liveness-confirm`` to the ``pugguide`` subcommands."""
    p = sub.add_parser("check-groups", help="fetch each group's addresses and write a JSON report")
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="group files or folders (default: all)"
    )
    p.add_argument("--report", type=Path, required=True, help="where to write the JSON report")
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=10.0,
        help="seconds for each phase of a request (default 10); an address gets 3 times that",
    )
    p.add_argument(
        "--concurrency", type=_positive(int), default=8, help="requests at once (default 8)"
    )
    p.add_argument(
        "--allow-loopback",
        action="store_true",
        help="for tests only: allow addresses on this machine (127.0.0.1, ::1)",
    )
    p.set_defaults(func=cmd_check_groups)

    p = sub.add_parser("liveness-record", help="add a check-groups report to the history")
    p.add_argument("--report", type=Path, required=True, help="the check-groups report")
    p.add_argument(
        "--history", type=Path, default=history.HISTORY, help=f"default {history.HISTORY}"
    )
    p.set_defaults(func=cmd_record)

    p = sub.add_parser(
        "liveness-propose", help="set status: inactive where the history shows 3 weeks of failures"
    )
    proposals.add_arguments(p)
    p.set_defaults(func=cmd_propose)

    p = sub.add_parser("liveness-confirm", help="apply a 'We still meet' issue to its group file")
    confirm.add_arguments(p)
    p.set_defaults(func=cmd_confirm)
