"""The liveness subcommands of ``pugguide``.

* ``check-groups [FILES or FOLDERS] --report FILE.json``: fetch each group's addresses
  and write the report (see :mod:`pugguide.liveness.fetch` for the outcomes);
* ``liveness-record --report FILE.json``: add a report to ``data/liveness/history.csv``;
* ``liveness-propose``: mark inactive the groups whose checks keep failing
  (:mod:`pugguide.liveness.proposals`);
* ``liveness-confirm --event FILE``: apply a "We still meet" issue
  (:mod:`pugguide.liveness.confirm`).

One status per group
    Every address is fetched: ``url`` and each of ``links``. The group's status is its
    main ``url``'s when that answers (``ok`` or ``redirected``). When it does not, the
    first link that answers among the kinds that show the group's own activity
    (:data:`EVIDENCE_KINDS`: website, meetup, calendar, blog, mailing list, forum,
    conference) stands for the group, and ``final_url`` shows which one it was, so a
    group whose site lapsed but whose meetup page lives is not called dead. Links to
    social networks and chat never decide: those platforms answer 200 for deleted
    accounts or show bots a log-in page. When nothing answers, the main ``url``'s
    failure is the group's status. Every failing address is printed, whatever decides.

Exit status: 0 when every group answered, 1 when a group did not or a file could not
be read (the report is written either way), 2 for a usage error, as for every
``pugguide`` subcommand.
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
from pugguide.liveness.fetch import ANSWERED, STATUSES, Checker, Outcome

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from pugguide.groups.model import Group
    from pugguide.problems import Problem

#: Link kinds whose answer counts as the group's when its main url fails, in this order.
EVIDENCE_KINDS = ("website", "meetup", "calendar", "blog", "mailing_list", "forum", "conference")


def combine(main: Outcome, links: dict[str, Outcome]) -> Outcome:
    """The group's outcome from its main url's and its links' (see the module's text)."""
    if main.answered:
        return main
    for kind in EVIDENCE_KINDS:
        if kind in links and links[kind].answered:
            return links[kind]
    return main


async def check_groups(
    groups: list[Group], checker: Checker
) -> dict[Group, tuple[Outcome, dict[str, Outcome]]]:
    """Every group's main outcome and link outcomes, all fetched in parallel."""
    jobs: list[tuple[Group, str, str]] = []
    for group in groups:
        jobs.append((group, "url", group.url))
        jobs.extend((group, f"links.{kind}", url) for kind, url in group.links.items())
    outcomes = await asyncio.gather(*(checker.check(url) for _g, _k, url in jobs))
    results: dict[Group, tuple[Outcome, dict[str, Outcome]]] = {}
    for (group, field, _url), outcome in zip(jobs, outcomes, strict=True):
        main, links = results.get(group, (outcome, {}))
        if field != "url":
            links[field.removeprefix("links.")] = outcome
        results[group] = (main, links)
    return results


def _files(paths: list[Path], data_dir: Path) -> list[Path]:
    from pugguide.groups.load import GROUPS, SUFFIX

    found: list[Path] = []
    for path in paths or [data_dir / GROUPS]:
        found.extend(sorted(path.rglob(f"*{SUFFIX}")) if path.is_dir() else [path])
    return found


def _key(path: Path, root: Path) -> str:
    from pugguide.problems import display_path

    return display_path(path, root).as_posix()


def cmd_check_groups(args: argparse.Namespace, data_dir: Path) -> int:
    from pugguide.groups import load_files

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"pugguide: error: {missing[0]}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    groups, problems = load_files(_files(args.paths, data_dir), data_dir)
    _show_problems(problems)
    checker = Checker(
        timeout=args.timeout,
        concurrency=args.concurrency,
        allow_loopback=args.allow_loopback,
    )
    checked = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    results = run_async(lambda: check_groups(groups, checker))
    root = data_dir.parent
    report: dict[str, Any] = {"checked": checked, "groups": {}}
    counts = dict.fromkeys(STATUSES, 0)
    for group in sorted(results, key=lambda g: _key(g.path, root)):
        main, links = results[group]
        decided = combine(main, links)
        key = _key(group.path, root)
        report["groups"][key] = decided.report()
        counts[decided.status] += 1
        for field, outcome in [("url", main), *((f"links.{k}", o) for k, o in links.items())]:
            if not outcome.answered:
                print(f"{key}: {field}: {outcome.status}: {outcome.final_url}: {outcome.reason}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
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


def _show_problems(problems: list[Problem]) -> None:
    from pugguide.problems import display_path

    for problem in problems:
        print(
            type(problem)(**{**vars(problem), "path": display_path(problem.path)}).format(),
            file=sys.stderr,
        )


def cmd_record(args: argparse.Namespace, data_dir: Path) -> int:
    from pugguide.liveness import history

    try:
        new = history.read_report(args.report)
        rows = history.record(history.read_history(args.history), new)
    except history.HistoryError as exc:
        print(f"pugguide: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    changed = history.write_if_changed(args.history, history.format_history(rows))
    print(f"{args.history}: {len(new)} groups recorded" + ("" if changed else " (no change)"))
    return EXIT_OK


def cmd_propose(args: argparse.Namespace, data_dir: Path) -> int:
    from pugguide.liveness import proposals

    return proposals.run(args.history, args.root, args.summary)


def cmd_confirm(args: argparse.Namespace, data_dir: Path) -> int:
    from pugguide.liveness import confirm

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
    from pugguide.liveness.history import HISTORY

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
    p.add_argument("--history", type=Path, default=HISTORY, help=f"default {HISTORY}")
    p.set_defaults(func=cmd_record)

    p = sub.add_parser(
        "liveness-propose", help="set status: inactive where the history shows 3 weeks of failures"
    )
    p.add_argument("--history", type=Path, default=HISTORY, help=f"default {HISTORY}")
    p.add_argument("--root", type=Path, default=Path(), help="the repository (default: here)")
    p.add_argument("--summary", type=Path, help="also write the Markdown summary here")
    p.set_defaults(func=cmd_propose)

    p = sub.add_parser("liveness-confirm", help="apply a 'We still meet' issue to its group file")
    p.add_argument("--event", type=Path, required=True, help="the issues event (JSON)")
    p.add_argument("--root", type=Path, default=Path(), help="the repository (default: here)")
    p.add_argument("--message", type=Path, help="write the PR body, or the refusal, here")
    p.set_defaults(func=cmd_confirm)
