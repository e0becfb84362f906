"""Problems found in data files, each tied to a file, line and column.

This module knows nothing of Sphinx: the command-line tool, the Sphinx build and
pre-commit all report the same :class:`Problem` objects, formatted in one place.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file.

    *line* and *column* are 1-based, as editors show them; 0 means "the whole file".
    *field* is the dotted path of the offending key (``links.meetup``), when there is one.
    *subtype* names the kind of problem, one of :class:`pugguide.warnings_.Subtype`.
    """

    path: Path
    line: int
    column: int
    message: str
    field: str = ""
    subtype: str = "schema"

    @property
    def location(self) -> str:
        """``path:line`` for Sphinx's ``location=``, which prints it as given."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def format(self, style: str = "text") -> str:
        """Render for people (``text``) or as a GitHub Actions annotation (``github``)."""
        if style == "github":
            # Workflow commands need %, CR and LF escaped in the message and in properties.
            msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            file = str(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
            return f"::error file={file},line={max(self.line, 1)},col={max(self.column, 1)}::{msg}"
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"


class DataError(Exception):
    """Raised by loaders when a file cannot be turned into data at all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def display_path(path: Path, root: Path | None = None) -> Path:
    """*path* relative to *root* (or the working directory) when inside it, else as given."""
    resolved = path.resolve()
    for base in (root, Path.cwd()):
        if base is not None and resolved.is_relative_to(base.resolve()):
            return resolved.relative_to(base.resolve())
    return path


def print_problems(
    problems: Iterable[Problem], style: str = "text", *, stream: str = "err"
) -> None:
    """Print each problem as ``path:line:column: error: ...``, to stdout or stderr."""
    out = sys.stdout if stream == "out" else sys.stderr
    for problem in problems:
        print(dataclasses.replace(problem, path=display_path(problem.path)).format(style), file=out)
