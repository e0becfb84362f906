"""Groups nobody has confirmed for a while: ``pugguide stale`` and the maintainers' page.

A group is *stale* when its ``last_verified`` date is more than *months* months before
today. Pages mark stale groups "may be inactive"; maintainers work through the list,
oldest first, confirming each group or marking it inactive.
"""

from __future__ import annotations

import calendar
import datetime
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.groups.model import Group
    from pugguide.groups.records import Record

#: How long a verification counts, in months.
STALE_MONTHS = 12
#: The maintainers' order: oldest verification first (ISO dates sort as text), then slug.
_ORDER = ("last_verified", "slug")


def months_before(day: datetime.date, months: int) -> datetime.date:
    """*day* moved back by *months* calendar months (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def stale_cutoff(today: datetime.date | None = None, months: int = STALE_MONTHS) -> datetime.date:
    """Groups verified before this date are stale."""
    return months_before(today or datetime.date.today(), months)


def is_stale(group: Group, today: datetime.date | None = None, months: int = STALE_MONTHS) -> bool:
    """Whether *group* was last verified more than *months* months before *today*."""
    return group.last_verified < stale_cutoff(today, months)


def stale_groups(
    groups: Iterable[Group], today: datetime.date | None = None, months: int = STALE_MONTHS
) -> list[Group]:
    """The stale groups among *groups*, oldest verification first (then by slug)."""
    cutoff = stale_cutoff(today, months)
    return sorted((g for g in groups if g.last_verified < cutoff), key=attrgetter(*_ORDER))


def stale_slugs(records: Iterable[Record]) -> list[str]:
    """The slugs of the records marked stale, in :func:`stale_groups`' order."""
    stale = sorted((r for r in records if r["stale"]), key=itemgetter(*_ORDER))
    return [r["slug"] for r in stale]
