"""Turn a "We still meet: confirm" issue into a change of the group's file.

The confirmation workflow (``.github/workflows/confirm.yml``) runs this on the event of
an issue opened with the ``group-confirm`` form. The form must name an existing group
file inside ``data/groups`` (nothing else: the issue's author is anyone); its
``last_verified`` becomes the day the issue was opened (UTC) and its ``source`` line
goes, every other byte stays. The Markdown message written is the pull request's body,
or the reason for the refusal. ``pugguide liveness-confirm`` runs it, as does
``python -m pugguide.liveness.confirm``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any

from pugguide.liveness import edit
from pugguide.liveness.history import parse_time
from pugguide.problems import DataError

#: The label the form gives its issues; the workflow runs only on issues that carry it.
LABEL = "group confirmation"
#: The form's field labels, as GitHub writes them as ``### headings`` in the body.
FILE_LABEL = "Group file"
EVIDENCE_LABEL = "When and where did the group last meet?"
RELATION_LABEL = "Your relation to the group"
NO_RESPONSE = "_No response_"
#: A group file's path as the form asks for it: nothing else, no ``..``, no backslash.
GROUP_PATH = re.compile(r"data/groups/(?:[a-z]{2}|online)/[a-z0-9]+(?:-[a-z0-9]+)*\.yaml")


class Refusal(Exception):
    """The issue cannot be turned into a change; the message tells its author why."""


@dataclasses.dataclass(frozen=True)
class Confirmation:
    file: str
    day: datetime.date
    issue: int
    evidence: str
    relation: str


def parse_form(body: str) -> dict[str, str]:
    """An issue form's answers by field label (``### Label`` then the answer)."""
    parts = re.split(r"^### (.*)$", body.replace("\r\n", "\n"), flags=re.MULTILINE)
    pairs = zip(parts[1::2], parts[2::2], strict=True)  # [before, label, answer, label, ...]
    answers = {label.strip(): answer.strip() for label, answer in pairs}
    return {label: "" if value == NO_RESPONSE else value for label, value in answers.items()}


def read_event(event: dict[str, Any]) -> Confirmation:
    """The confirmation an ``issues`` event carries; :class:`Refusal` if it carries none."""
    issue = event.get("issue")
    if not isinstance(issue, dict):
        raise Refusal("the event has no issue")
    labels = {label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)}
    if LABEL not in labels:
        raise Refusal(f"the issue is not labelled {LABEL!r}")
    answers = parse_form(str(issue.get("body") or ""))
    file = answers.get(FILE_LABEL, "").strip().strip("`").strip()
    if not file:
        raise Refusal(f"the issue has no {FILE_LABEL!r} answer")
    if not GROUP_PATH.fullmatch(file):
        raise Refusal(
            f"{file[:200]!r} is not a group file: write its path as the directory's "
            "link fills it in, e.g. data/groups/de/python-users-berlin.yaml"
        )
    try:
        opened = parse_time(str(issue["created_at"]))
    except (KeyError, ValueError):
        raise Refusal("the issue has no creation time") from None
    return Confirmation(
        file=file,
        day=opened.astimezone(datetime.UTC).date(),
        issue=int(issue.get("number") or 0),
        evidence=answers.get(EVIDENCE_LABEL, ""),
        relation=answers.get(RELATION_LABEL, ""),
    )


def group_path(root: Path, file: str) -> Path:
    """*file* under *root*, if it is a regular group file inside ``data/groups``."""
    if not GROUP_PATH.fullmatch(file):
        raise Refusal(f"{file!r} is not a group file path")
    groups = (root / "data" / "groups").resolve()
    path = root / file
    for part in (path, *path.parents):
        if part == root:
            break
        if part.is_symlink():
            raise Refusal(f"{file} is not a plain file in the repository")
    if not path.resolve().is_relative_to(groups) or not path.is_file():
        raise Refusal(f"there is no group file {file} in the directory")
    return path


def apply(event: dict[str, Any], root: Path) -> tuple[Confirmation, Path]:
    """Edit the confirmed group's file under *root*; :class:`Refusal` when it cannot."""
    confirmation = read_event(event)
    path = group_path(root, confirmation.file)
    try:
        text = path.read_bytes().decode("utf-8")
        new = edit.set_value(path, text, "last_verified", confirmation.day.isoformat())
        new = edit.remove_key(path, new, "source")
    except UnicodeDecodeError:
        raise Refusal(f"{confirmation.file} is not UTF-8 text; a maintainer must fix it") from None
    except DataError as exc:
        first = exc.problems[0]
        raise Refusal(
            f"{confirmation.file} cannot be edited automatically "
            f"(line {first.line}: {first.message}); a maintainer will do it"
        ) from None
    if new == text:
        raise Refusal(f"{confirmation.file} is already confirmed on {confirmation.day.isoformat()}")
    path.write_bytes(new.encode("utf-8"))
    return confirmation, path


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in (text or "(not given)").splitlines()) or "> "


def pull_request_body(c: Confirmation) -> str:
    return (
        f"Confirms `{c.file}` from #{c.issue}: `last_verified` becomes "
        f"{c.day.isoformat()} (the day the issue was opened) and the `source` line, "
        "if any, goes. Check the evidence before merging.\n\n"
        f"**{EVIDENCE_LABEL}**\n\n{_quote(c.evidence)}\n\n"
        f"**{RELATION_LABEL}**\n\n{_quote(c.relation)}\n\n"
        f"Closes #{c.issue}\n"
    )


def run(event_file: Path, root: Path, message: Path | None) -> int:
    """0 with the file edited and the pull request's body written to *message*; 1 with
    the refusal written there instead."""
    try:
        try:
            event = json.loads(event_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Refusal(f"cannot read the event {event_file}: {exc}") from None
        if not isinstance(event, dict):
            raise Refusal(f"{event_file} is not an event")
        confirmation, _path = apply(event, root)
    except Refusal as exc:
        text = (
            f"This confirmation could not be turned into a pull request: {exc}.\n\n"
            "Edit the issue's first field, or ask a maintainer to confirm the group.\n"
        )
        status = 1
        print(f"pugguide: error: {exc}", file=sys.stderr)
    else:
        text, status = pull_request_body(confirmation), 0
        print(f"{confirmation.file}: last_verified {confirmation.day.isoformat()}")
    if message is not None:
        message.write_text(text, encoding="utf-8")
    return status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``pugguide liveness-confirm``, and of ``python -m`` this module."""
    parser.add_argument("--event", type=Path, required=True, help="the issues event (JSON)")
    parser.add_argument("--root", type=Path, default=Path(), help="the repository (default: here)")
    parser.add_argument("--message", type=Path, help="write the PR body, or the refusal, here")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pugguide.liveness.confirm")
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args.event, args.root, args.message)


if __name__ == "__main__":
    sys.exit(main())
