"""How two entries of different sources are judged the same group (importers/merge.py),
and what the group keeps from each."""

from __future__ import annotations

import datetime

import pytest

from pugguide.groups.model import NATIONWIDE
from pugguide.importers.draft import Draft, Source
from pugguide.importers.merge import (
    Slugs,
    absorb,
    distance_km,
    meetup_name,
    name_key,
    same_group,
)

WIKI = Source("wiki", "Wiki", "wiki.md", datetime.date(2026, 2, 25))
LIST = Source("pyladies", "List", "list.yml", datetime.date(2026, 6, 27))
BERLIN = (52.52, 13.405)
POTSDAM = (52.3906, 13.0645)  # about 27 km from Berlin


def draft(source: Source = WIKI, **fields: object) -> Draft:
    values: dict = {
        "name": "PyLadies Berlin",
        "country": "DE",
        "city": "Berlin",
        "url": "https://berlin.example.org/",
        "location": BERLIN,
        **fields,
    }
    return Draft(source, 1, **values)


# -- rule 1: the same address ---------------------------------------------------------


def test_same_address_once_normalised() -> None:
    group = draft(url="http://WWW.Berlin.Example.org/")
    entry = draft(LIST, name="Something else", url="https://berlin.example.org", location=None)
    assert same_group(group, entry) == "same address https://berlin.example.org"


def test_an_address_in_links_counts_too() -> None:
    group = draft(links={"twitter": "https://twitter.com/PyLadiesBer"})
    entry = draft(LIST, name="Other", url="https://twitter.com/PyLadiesBer/", location=None)
    assert same_group(group, entry) == "same address https://twitter.com/PyLadiesBer/"


# -- rule 2: the same meetup group ------------------------------------------------------


def test_meetup_names() -> None:
    assert meetup_name("https://www.meetup.com/PyLadiesAMS/") == "pyladiesams"
    assert meetup_name("https://www.meetup.com/es-ES/pyladies-co-cali/events/") == (
        "pyladies-co-cali"
    )
    assert meetup_name("https://example.org/PyLadiesAMS") is None


def test_same_meetup_group_whatever_the_address() -> None:
    group = draft(links={"meetup": "http://meetup.com/PyLadies-Berlin"})
    entry = draft(
        LIST, name="Other", url="https://www.meetup.com/pyladies-berlin/events/1", location=None
    )
    assert same_group(group, entry) == "same meetup group pyladies-berlin"


# -- rule 3: the same name and place ----------------------------------------------------


def test_name_key_leaves_out_places_and_filler() -> None:
    assert name_key(draft(name="Pyladies Berlin, Germany Chapter"), ["Germany"]) == {"pyladies"}
    assert name_key(draft(name="Python Users Berlin")) == {"python"}


def test_same_name_within_a_few_km() -> None:
    group = draft(name="PyLadies Berlin, Germany")
    near = draft(LIST, url="https://other.example.org", location=(52.50, 13.40))
    assert same_group(group, near, ["Germany"]) == "same name, 2 km apart"


def test_same_name_too_far_apart_is_another_group() -> None:
    assert distance_km(BERLIN, POTSDAM) > 25
    group = draft()
    far = draft(LIST, url="https://other.example.org", city="Potsdam", location=POTSDAM)
    assert same_group(group, far) is None


def test_same_name_without_a_position_needs_the_same_city() -> None:
    group = draft(name="PyLadies Ghana", country="GH", city=NATIONWIDE, location=None)
    entry = draft(
        LIST, name="PyLadies Ghana", country="GH", city=NATIONWIDE, url="https://x.example.org"
    )
    assert same_group(group, entry) == "same name and city (Nationwide)"
    other_city = draft(LIST, name="PyLadies Ghana", country="GH", city="Accra", url="https://y.org")
    assert same_group(group, other_city) is None


def test_other_names_or_countries_are_other_groups() -> None:
    group = draft()
    assert same_group(group, draft(LIST, name="PyData Berlin", url="https://p.example")) is None
    assert same_group(group, draft(LIST, country="US", url="https://q.example")) is None


# -- merging ----------------------------------------------------------------------------


def test_the_first_source_wins_and_the_second_fills_gaps() -> None:
    group = draft(location=None, links={"twitter": "https://twitter.com/a"})
    entry = draft(
        LIST,
        name="PyLadies Berlin (list)",
        url="https://www.meetup.com/PyLadies-Berlin/",
        links={"twitter": "https://twitter.com/b", "code": "https://github.com/b"},
        languages=["de"],
    )
    added = absorb(group, entry)
    assert added == ["meetup", "code", "position", "languages"]
    assert group.name == "PyLadies Berlin"
    assert group.url == "https://berlin.example.org/"
    assert group.links == {
        "twitter": "https://twitter.com/a",
        "meetup": "https://www.meetup.com/PyLadies-Berlin/",
        "code": "https://github.com/b",
    }
    assert "link not kept (twitter, one per kind): https://twitter.com/b" in group.notes
    assert group.sources == [WIKI, LIST]
    data = group.data()
    assert data["last_verified"] == "2026-06-27"
    assert data["source"] == (
        "Wiki (2026-02-25) and List (2026-06-27); not yet confirmed by a person"
    )


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        (set(), "pyladies-berlin"),
        ({"pyladies-berlin"}, "pyladies-berlin-berlin"),
        ({"pyladies-berlin", "pyladies-berlin-berlin"}, "pyladies-berlin-de"),
        ({"pyladies-berlin", "pyladies-berlin-berlin", "pyladies-berlin-de"}, "pyladies-berlin-2"),
    ],
)
def test_slugs_are_unique(taken: set[str], expected: str) -> None:
    slugs = Slugs(taken)
    assert slugs.assign(draft()) == expected
    assert expected in slugs.taken
