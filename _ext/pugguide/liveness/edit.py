"""Change one top-level line of a group file and leave every other byte as it was.

Group files are written by people: comments, key order, quoting and line endings are
theirs. So a value (``status``, ``last_verified``) is changed or a key (``source``)
dropped on the line the strict loader's positions point to; the YAML is never re-written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pugguide.problems import DataError, Problem
from pugguide.yamlload import load_text

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.yamlload import Document

#: ``key: value  # comment`` on one line; the value plain or quoted.
_LINE = re.compile(
    r"(?P<key>[A-Za-z_]+:[ \t]*)"
    r"(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\s#'\"][^#\r\n]*?)"
    r"(?P<rest>[ \t]*(?:#[^\r\n]*)?)(?P<end>\r?\n|\r)?"
)


def _newline(lines: list[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith(("\n", "\r")):
            return line[-1]
    return "\n"


def parse(path: Path, text: str) -> Document:
    """The group file's document; :class:`DataError` when it is not a mapping."""
    doc = load_text(path, text)
    if not isinstance(doc.data, dict):
        raise DataError([Problem(path, 1, 1, "a group file is a mapping of keys to values")])
    return doc


def set_value(path: Path, text: str, key: str, value: str, *, before: str | None = None) -> str:
    """*text* with top-level *key* set to the plain scalar *value*.

    An existing one-line entry has its value replaced (spacing and comment kept); a
    missing key is added as its own line just before the key *before* (at the end when
    *before* is absent too). A value written over several lines is a :class:`DataError`.
    """
    doc = parse(path, text)
    lines = text.splitlines(keepends=True)
    if key in doc.data:
        line_no, column = doc.key_marks[(key,)]
        line = lines[line_no - 1]
        match = _LINE.fullmatch(line, column - 1) if column == 1 else None
        if match is None or match["key"].rstrip(": \t") != key:
            raise DataError(
                [Problem(path, line_no, column, f"{key} is not a one-line 'key: value'")]
            )
        lines[line_no - 1] = f"{match['key']}{value}{match['rest']}{match['end'] or ''}"
        return "".join(lines)
    new_line = f"{key}: {value}{_newline(lines)}"
    if before is not None and before in doc.data:
        lines.insert(doc.key_marks[(before,)][0] - 1, new_line)
    else:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += _newline(lines)
        lines.append(new_line)
    return "".join(lines)


def remove_key(path: Path, text: str, key: str) -> str:
    """*text* without top-level *key*: its line and any continuation lines of its value.

    Comment and blank lines right after it belong to what follows and are kept.
    """
    doc = parse(path, text)
    if key not in doc.data:
        return text
    lines = text.splitlines(keepends=True)
    start = doc.key_marks[(key,)][0] - 1
    later = [doc.key_marks[(k,)][0] - 1 for k in doc.data if doc.key_marks[(k,)][0] - 1 > start]
    end = min(later, default=len(lines))
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    del lines[start:end]
    return "".join(lines)
