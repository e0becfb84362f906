"""Page planning, the pages' HTML and its escaping, CSV defusing and the build date:
the directory's pure functions, without Sphinx."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from pugguide.groups import exports, mapsvg, pagehtml, pages
from pugguide.groups.records import build_date


def body(page: pages.Page) -> str:
    """*page*'s HTML, with links to other pages written as ``<docname>``."""
    return pagehtml.body(page, lambda docname: f"<{docname}>")


def record(slug: str, country: str = "US", region: str = "", city: str = "Town", **kw):
    base = {
        "slug": slug,
        "name": slug.title(),
        "city": city,
        "region": region,
        "country": country,
        "country_name": {"US": "United States", "DE": "Germany"}.get(country, "Online"),
        "url": f"https://{slug}.example.org/",
        "links": {},
        "lat": None,
        "lon": None,
        "languages": [],
        "formats": [],
        "frequency": "",
        "founded": None,
        "status": "active",
        "returns": "",
        "stale": False,
        "description": "",
        "contact": "",
        "last_verified": "2026-01-01",
        "source": "",
        "file": f"data/groups/x/{slug}.yaml",
        "edit_url": "",
        "page": "",
    }
    return {**base, **kw}


def test_small_country_is_one_page_with_region_sections_other_places_last() -> None:
    recs = [record("a", "DE", ""), record("b", "DE", "Bavaria"), record("c", "DE", "Berlin")]
    (page,) = pages.plan(recs, max_per_page=10)
    assert page.name == "de" and page.label == "directory-de"
    assert [h for h, _ in page.sections] == ["Bavaria", "Berlin", "Other places"]
    assert page.records[-1]["page"] == "directory/generated/de#group-a"
    assert recs[0]["page"] == ""  # plan() returns its result; it changes nothing given


def test_big_country_splits_by_region_and_big_regions_into_parts() -> None:
    recs = [record(f"ca{i}", region="California", city=f"City {i}") for i in range(7)]
    recs += [record(f"ga{i}", region="Georgia") for i in range(2)]
    recs += [record("none")]
    planned = {p.name: p for p in pages.plan(recs, max_per_page=3)}
    assert sorted(planned) == [
        "us",
        "us-california",
        "us-california-2",
        "us-california-3",
        "us-other",
    ]
    overview = planned["us"]
    assert overview.count == 10 and not overview.records
    assert planned["us-california"].title == (
        "Python user groups in United States: California (City 0 to City 2)"
    )
    # Small regions share a page instead of costing one each.
    assert [h for h, _ in planned["us-california-3"].sections] == ["California (City 6)", "Georgia"]
    assert all(len(p.records) <= 3 for p in planned.values())
    placed = {r["slug"]: r["page"] for page in planned.values() for r in page.records}
    assert placed["none"] == "directory/generated/us-other#group-none"
    # The overview links its parts with their counts; a part links back to its country.
    assert (
        'href="&lt;directory/generated/us-california&gt;">California (City 0 to City 2)</a> (3)'
        in body(overview)
    )
    assert 'href="&lt;directory/generated/us&gt;"><span>United States</span>' in body(
        planned["us-other"]
    )


def test_parts_break_between_cities() -> None:
    recs = [record(f"a{i}", region="R", city="Alpha") for i in range(2)]
    recs += [record(f"b{i}", region="R", city="Beta") for i in range(3)]
    recs += [record(f"c{i}", region="R", city="Gamma") for i in range(5)]
    parts = [p for p in pages.plan(recs, max_per_page=4) if p.records]
    assert [[r["city"] for r in p.records] for p in parts] == [
        ["Alpha", "Alpha"],
        ["Beta"] * 3,
        ["Gamma"] * 4,
        ["Gamma"],
    ]
    # One more group in Alpha changes only Alpha's page.
    before = {p.name: body(p) for p in parts}
    recs.insert(0, record("a9", region="R", city="Alpha"))
    after = {p.name: body(p) for p in pages.plan(recs, max_per_page=4) if p.records}
    assert sorted(n for n in after if after[n] != before.get(n)) == ["us-r"]


def test_region_names_that_slug_alike_get_distinct_pages() -> None:
    recs = [
        record("a", region="São Paulo"),
        record("b", region="Sao Paulo"),
        record("c", region="X"),
    ]
    names = [p.name for p in pages.plan(recs, max_per_page=1)]
    assert len(names) == len(set(names)) == 4


def test_page_html_escapes_every_value() -> None:
    hostile = record(
        "x",
        "DE",
        region="<script>*[a](javascript:1)*</script>",
        name='"><img src=x onerror=alert(1)>',
        description="</li></ul><h1>",
    )
    other = record("y", "DE", region="B")
    (page,) = pages.plan([hostile, other], max_per_page=10)
    html = body(page)
    assert "<script>" not in html and "<img" not in html and "<h1>" not in html.split("</h1>")[1]
    assert "<h2>&lt;script&gt;*[a](javascript:1)*&lt;/script&gt;<a" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # Several regions: the page lists them at the top, linked to their sections.
    assert '<nav class="pug-sections"' in html and 'href="#region-b">B</a>' in html


@pytest.mark.parametrize(
    "value, shown",
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (["de", "en"], "de;en"),
        (True, "true"),
        (None, ""),
    ],
)
def test_csv_cells_are_defused(value: object, shown: str) -> None:
    assert exports.csv_cell(value) == shown


def test_csv_keeps_negative_coordinates_as_numbers() -> None:
    text = exports.to_csv([record("x", lat=-33.9, lon=-70.6, name="=1+1")])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["lat"] == "-33.9" and row["lon"] == "-70.6" and row["name"] == "'=1+1"


def test_build_date_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")
    assert build_date() == datetime.date(2026, 11, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == datetime.date.today()


def test_map_projection_and_escaped_titles() -> None:
    assert mapsvg.project(0, -180) == (0, mapsvg.project(0, 0)[1])
    x, y = mapsvg.project(52.5, 13.4)
    assert 530 < x < 540 and 80 < y < 95
    svg = mapsvg.svg(
        [record("x", lat=1.0, lon=2.0, name="<b>&", country_name='A"B')], lambda r: 'p.html#"q'
    )
    assert '<title>&lt;b&gt;&amp; — Town, A"B</title>' in svg
    assert "href='p.html#\"q'" in svg or 'href="p.html#&quot;q"' in svg
    assert "<b>" not in svg


@pytest.mark.parametrize(
    "city, region, shown",
    [
        ("Munich", "Bavaria", "Munich, Bavaria"),
        ("Berlin", "Berlin", "Berlin"),
        ("Southern California", "California", "Southern California"),
        ("Region-wide", "Skåne", "Region-wide, Skåne"),
        ("Nationwide", "", "Nationwide"),
    ],
)
def test_place_leaves_out_a_region_the_city_names(city: str, region: str, shown: str) -> None:
    from pugguide.groups.entries import place

    assert place(record("x", city=city, region=region)) == shown
