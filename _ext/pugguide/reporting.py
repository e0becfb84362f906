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
    listed = list(problems)
    for problem in listed:
        logger.warning(
            problem.message, location=problem.location, type="pugguide", subtype=problem.subtype
        )
    return len(listed)
