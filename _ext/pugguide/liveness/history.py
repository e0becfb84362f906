"""The liveness history: ``data/liveness/history.csv``, one line per group per week.

``pugguide liveness-record`` adds each weekly ``check-groups`` report here; group files
are never rewritten for it. A second check in the same ISO week replaces that week's
line, so running the workflow by hand does not count twice. Lines older than
:data:`KEEP_WEEKS` weeks are dropped (a few hundred KiB for thousands of groups; the
proposals need only the last few weeks). Lines are sorted by week, then file, so a
week's check adds a block at the end and a diff shows just that block.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from pathlib import Path
from typing import Any

from pugguide.liveness.fetch import ANSWERED, STATUSES

#: The default history file, relative to the repository root.
HISTORY = Path("data") / "liveness" / "history.csv"
FIELDS = ("week", "checked", "file", "status", "http_status", "final_url")
#: Weeks of history kept (a quarter).
KEEP_WEEKS = 13


class HistoryError(Exception):
    """A report or history file that cannot be read; the message names the place."""


@dataclasses.dataclass(frozen=True, order=True)
class Row:
    """One group's outcome in one week's check."""

    week: str  # ISO week, 2026-W49
    checked: str  # ISO time of the check (UTC)
    file: str  # the group file, relative to the repository root
    status: str
    http_status: int | None
    final_url: str | None

    @property
    def failed(self) -> bool:
        return self.status not in ANSWERED


def iso_week(moment: datetime.datetime) -> str:
    """``2026-W49``: the ISO year and week of *moment* in UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> datetime.date:
    """The Monday of ISO week ``2026-W49``."""
    year, number = week.split("-W")
    return datetime.date.fromisocalendar(int(year), int(number), 1)


def parse_time(text: str) -> datetime.datetime:
    """An ISO time; one without a zone is taken as UTC."""
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def rows_from_report(report: Any, where: str = "report") -> list[Row]:
    """The lines a ``check-groups`` report adds: one per group."""
    if not isinstance(report, dict) or not isinstance(report.get("groups"), dict):
        raise HistoryError(f"{where}: not a check-groups report (no 'groups' mapping)")
    try:
        moment = parse_time(str(report["checked"]))
    except (KeyError, ValueError):
        raise HistoryError(f"{where}: 'checked' is not an ISO time") from None
    checked = moment.astimezone(datetime.UTC).isoformat(timespec="seconds")
    rows = []
    for file, entry in report["groups"].items():
        if not isinstance(entry, dict) or entry.get("status") not in STATUSES:
            raise HistoryError(f"{where}: {file}: status must be one of {', '.join(STATUSES)}")
        code = entry.get("http_status")
        if code is not None and type(code) is not int:
            raise HistoryError(f"{where}: {file}: http_status must be a number or null")
        final = entry.get("final_url")
        rows.append(Row(iso_week(moment), checked, file, entry["status"], code, final or None))
    return rows


def read_report(path: Path) -> list[Row]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HistoryError(f"{path}: cannot read the report: {exc}") from None
    return rows_from_report(data, str(path))


def read_history(path: Path) -> list[Row]:
    """The history's lines; an absent file is an empty history."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read: {exc.strerror}") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is not None and tuple(reader.fieldnames) != FIELDS:
        raise HistoryError(f"{path}:1:1: error: the header must be {','.join(FIELDS)}")
    rows = []
    for number, line in enumerate(reader, start=2):
        try:
            week, checked, file, status, code, final = (line[field] for field in FIELDS)
            rows.append(
                Row(week, checked, file, status, int(code) if code else None, final or None)
            )
            week_start(week)
        except (ValueError, TypeError, KeyError):
            raise HistoryError(f"{path}:{number}:1: error: not a history line") from None
    return rows


def format_history(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(dataclasses.astuple(r) for r in rows)  # None is written as ""
    return out.getvalue()


def record(history: list[Row], new: list[Row], keep_weeks: int = KEEP_WEEKS) -> list[Row]:
    """*history* with *new* added: a group's line for a week replaces its older line for
    the same week; weeks more than *keep_weeks* before the newest are dropped."""
    by_time = sorted([*history, *new], key=lambda r: r.checked)  # stable: new wins a tie
    rows = sorted({(r.week, r.file): r for r in by_time}.values())
    if rows:
        newest = max(week_start(r.week) for r in rows)
        oldest = newest - datetime.timedelta(weeks=keep_weeks - 1)
        rows = [r for r in rows if week_start(r.week) >= oldest]
    return rows
