"""Turn :class:`~pugguide.problems.Problem` objects into Sphinx warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.problems import Problem

logger = logging.getLogger(__name__)


def warn(problems: Iterable[Problem]) -> int:
    """Log each problem at its file and line; return how many there were.

    A location holding ``:`` is printed as given, so the warning reads
    ``data/groups/de/berlin.yaml:3: WARNING: ... [pugguide.schema]``.
    """
    count = 0
    for problem in problems:
        logger.warning(
            problem.message, location=problem.location, type="pugguide", subtype=problem.subtype
        )
        count += 1
    return count
