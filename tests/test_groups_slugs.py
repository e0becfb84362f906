"""One ``slugify`` and one group-file writer for the whole project."""

from __future__ import annotations

import datetime
from pathlib import Path

from pugguide.groups import records
from pugguide.groups.slugs import slugify
from pugguide.groups.yamlwrite import SCHEMA_HINT, Layout, dump, render
from pugguide.yamlload import load_text

DATA = Path(__file__).resolve().parent.parent / "data"


def test_slugify() -> None:
    assert slugify("PyData Zürich") == "pydata-zurich"
    assert slugify("  Python -- São Paulo!! ") == "python-sao-paulo"
    assert slugify("Baden-Württemberg") == "baden-wurttemberg"
    assert slugify("Łódź Python") == "lodz-python"
    assert slugify("Straße") == "strasse"


def test_slugify_is_never_empty_unless_asked() -> None:
    assert slugify("") == "x"
    assert slugify("!!!") == "x"
    assert slugify("пайтон", fallback="") == ""


def test_slugify_cap_ends_on_a_whole_word() -> None:
    long_name = "Python User Group of the Greater Metropolitan Area of Somewhere"
    assert slugify(long_name, max_length=48) == "python-user-group-of-the-greater-metropolitan"
    assert len(slugify("a" * 60, max_length=48)) == 48


def test_records_use_the_same_slugify() -> None:
    assert records.slugify is slugify


def test_writer_follows_the_schema_order_and_reads_back() -> None:
    layout = Layout.from_data_dir(DATA)
    assert layout.order[:5] == ("name", "city", "country", "region", "url")
    data = {
        "source": "Somewhere; not yet confirmed by a person",
        "last_verified": "2026-02-25",
        "location": {"lon": 10.5, "lat": 59.9},
        "url": "https://example.org/#!x",
        "country": "NO",
        "city": "Oslo",
        "name": "Python: Oslo",
        "links": {"twitter": "https://twitter.com/x", "meetup": "https://meetup.com/x/"},
    }
    text = dump(data, layout)
    assert text.splitlines() == [
        "name: 'Python: Oslo'",
        "city: Oslo",
        "country: 'NO'",
        "url: https://example.org/#!x",
        "links:",
        "  meetup: https://meetup.com/x/",
        "  twitter: https://twitter.com/x",
        "location:",
        "  lat: 59.9",
        "  lon: 10.5",
        "last_verified: 2026-02-25",
        "source: Somewhere; not yet confirmed by a person",
    ]
    doc = load_text(Path("x.yaml"), render(data, layout, "# a note"))
    assert doc.data == {**data, "last_verified": "2026-02-25"}
    assert render(data, layout).startswith(SCHEMA_HINT + "\n")
    date = datetime.date(2026, 1, 2)
    assert dump({"last_verified": date}, layout) == "last_verified: 2026-01-02\n"
