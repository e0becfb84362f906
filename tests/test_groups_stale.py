"""The staleness rule shared by ``pugguide stale`` and the maintainers' page."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from pugguide.groups.model import Group
from pugguide.groups.stale import is_stale, months_before, stale_cutoff, stale_groups

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 22), 12, D(2025, 11, 22)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2024, 3, 31), 1, D(2024, 2, 29)),
        (D(2026, 1, 15), 1, D(2025, 12, 15)),
        (D(2026, 1, 15), 0, D(2026, 1, 15)),
        (D(2026, 5, 31), 15, D(2025, 2, 28)),
    ],
)
def test_months_before(day: D, months: int, expected: D) -> None:
    assert months_before(day, months) == expected


def group(slug: str, verified: D) -> Group:
    return Group(
        slug=slug,
        path=Path(f"data/groups/de/{slug}.yaml"),
        line=1,
        name=slug,
        city="Berlin",
        country="DE",
        country_name="Germany",
        region=None,
        url=f"https://{slug}.example.org",
        links={},
        location=None,
        languages=(),
        formats=(),
        frequency=None,
        founded=None,
        status="active",
        description="",
        contact=None,
        last_verified=verified,
    )


def test_stale_groups_oldest_first() -> None:
    today = D(2026, 11, 22)
    groups = [
        group("fresh", D(2026, 6, 1)),
        group("b-old", D(2024, 1, 1)),
        group("edge", D(2025, 11, 22)),  # exactly twelve months: not yet stale
        group("a-old", D(2024, 1, 1)),
        group("day-over", D(2025, 11, 21)),
    ]
    assert [g.slug for g in stale_groups(groups, today)] == ["a-old", "b-old", "day-over"]
    assert not is_stale(groups[2], today)
    assert is_stale(groups[4], today)
    assert [g.slug for g in stale_groups(groups, today, months=36)] == []
    assert stale_cutoff(today, 6) == D(2026, 5, 22)


def test_groups_are_picklable_for_parallel_builds() -> None:
    import pickle

    g = dataclasses.replace(group("x", D(2026, 1, 1)), links={"chat": "https://chat.example"})
    assert pickle.loads(pickle.dumps(g)) == g
