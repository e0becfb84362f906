"""The scripts the weekly liveness job and the confirmation workflow call, on sample
inputs: the history after checks, the inactive proposals, a confirmation issue."""

from __future__ import annotations

import json
from pathlib import Path

from pugguide.cli import main
from pugguide.liveness import history, proposals

GROUP = (
    "# yaml-language-server: $schema=../../schema/group.schema.json\n"
    "name: Quiet Py\ncity: Bonn\ncountry: DE\nurl: https://quiet.example.org/\n"
    "last_verified: 2026-02-25\n"
    "source: Python wiki (2026-02-25); not yet confirmed by a person\n"
)
REPO = Path(__file__).resolve().parent.parent


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "data" / "groups" / "de").mkdir(parents=True)
    (root / "data" / "schema").symlink_to(REPO / "data" / "schema", target_is_directory=True)
    (root / "data" / "groups" / "de" / "quiet-py.yaml").write_text(GROUP, encoding="utf-8")
    return root


def report(day: str, status: str, code: int | None) -> dict[str, object]:
    entry = {"status": status, "http_status": code, "final_url": "https://quiet.example.org/"}
    return {"checked": f"{day}T05:20:00+00:00", "groups": {"data/groups/de/quiet-py.yaml": entry}}


def record(tmp_path: Path, checks: list[tuple[str, str, int | None]]) -> Path:
    """The history after one check-groups report per (day, status, code)."""
    path = tmp_path / "history.csv"
    rows: list[history.Row] = []
    for day, status, code in checks:
        rows = history.record(rows, history.rows_from_report(report(day, status, code)))
    path.write_text(history.format_history(rows), encoding="utf-8")
    return path


def test_three_failures_over_three_weeks_propose_inactive(tmp_path: Path) -> None:
    root = repo(tmp_path)
    checks = [("2026-11-16", "broken", 404), ("2026-11-23", "broken", 404)]
    checks.append(("2026-11-30", "unreachable", None))
    path = record(tmp_path, checks)
    assert len(history.read_history(path)) == 3  # one line per group per week
    found, problems = proposals.propose(history.read_history(path), root)
    assert problems == []
    assert [p.file for p in found] == ["data/groups/de/quiet-py.yaml"]
    assert proposals.run(path, root) == 0
    text = (root / "data/groups/de/quiet-py.yaml").read_text(encoding="utf-8")
    assert "status: inactive\n" in text
    assert text.replace("status: inactive\n", "") == GROUP  # every other byte kept


def test_fewer_weeks_or_an_answer_propose_nothing(tmp_path: Path) -> None:
    root = repo(tmp_path)
    two = record(tmp_path, [("2026-11-23", "broken", 404), ("2026-11-30", "broken", 404)])
    assert proposals.propose(history.read_history(two), root)[0] == []
    # Three checks in one ISO week are one line, not three weeks.
    same = record(tmp_path, [("2026-11-30", "broken", 404)] * 2 + [("2026-12-01", "error", 503)])
    assert len(history.read_history(same)) == 1
    assert proposals.propose(history.read_history(same), root)[0] == []
    # A group that answers again is cleared.
    weeks = ["2026-11-09", "2026-11-16", "2026-11-23"]
    back = record(tmp_path, [*((day, "broken", 404) for day in weeks), ("2026-11-30", "ok", 200)])
    assert proposals.propose(history.read_history(back), root)[0] == []


def test_a_confirmation_issue_gives_the_right_file_change(tmp_path: Path) -> None:
    root = repo(tmp_path)
    event = tmp_path / "event.json"
    body = (
        "### Group file\n\ndata/groups/de/quiet-py.yaml\n\n"
        "### When and where did the group last meet?\n\n27 November, at the library\n\n"
        "### Your relation to the group\n\nI organize it\n"
    )
    payload = {
        "action": "opened",
        "issue": {
            "number": 42,
            "title": "Still meets: data/groups/de/quiet-py.yaml",
            "created_at": "2026-12-01T18:30:00Z",
            "body": body,
            "labels": [{"name": "directory"}, {"name": "group confirmation"}],
            "user": {"login": "organizer"},
        },
    }
    event.write_text(json.dumps(payload), encoding="utf-8")
    message = tmp_path / "message.md"
    argv = ["--data-dir", str(root / "data"), "liveness-confirm", "--event", str(event)]
    assert main([*argv, "--root", str(root), "--message", str(message)]) == 0
    text = (root / "data/groups/de/quiet-py.yaml").read_text(encoding="utf-8")
    assert text == GROUP.replace("last_verified: 2026-02-25", "last_verified: 2026-12-01").replace(
        "source: Python wiki (2026-02-25); not yet confirmed by a person\n", ""
    )
    assert "#42" in message.read_text(encoding="utf-8") or "42" in message.read_text("utf-8")


def test_a_confirmation_outside_the_groups_is_refused(tmp_path: Path) -> None:
    root = repo(tmp_path)
    event = tmp_path / "event.json"
    body = (
        "### Group file\n\n../../etc/passwd\n\n"
        "### When and where did the group last meet?\n\nyesterday\n\n"
        "### Your relation to the group\n\nOther\n"
    )
    issue = {"number": 7, "title": "x", "created_at": "2026-12-01T18:30:00Z", "body": body}
    issue["labels"] = [{"name": "group confirmation"}]
    event.write_text(json.dumps({"action": "opened", "issue": issue}), encoding="utf-8")
    argv = ["--data-dir", str(root / "data"), "liveness-confirm", "--event", str(event)]
    assert main([*argv, "--root", str(root)]) != 0
    assert (root / "data/groups/de/quiet-py.yaml").read_text(encoding="utf-8") == GROUP
