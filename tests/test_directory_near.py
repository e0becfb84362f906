"""Groups near a place, in headless Chromium over the whole built guide: distances
checked against great-circle distances computed here from groups.json, ``?near=``
links, a mocked geolocation, a place with several matches, coordinates, the message
beyond 300 km, online groups apart, and the add-your-group form's duplicate warning."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from pugguide.groups import places
from pugguide.groups.model import AREA_WIDE

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.browser

#: Places on five continents, several written as their own language writes them.
PLACES = ["Lyon", "München", "Kraków", "Tromsø", "São Paulo", "大阪", "Nairobi", "Brisbane"]


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def groups(built_site: Path) -> list[dict[str, Any]]:
    data = json.loads((built_site / "directory" / "groups.json").read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = data["groups"]
    return found


@pytest.fixture(scope="module")
def shards() -> dict[str, dict[str, Any]]:
    return {name[:-5]: json.loads(text) for name, text in places.shards().items()}


@pytest.fixture
def page(chromium, site_server: str):  # type: ignore[no-untyped-def]
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    hosts: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.append(urlsplit(r.url).netloc))
    yield page
    context.close()
    assert not errors
    assert set(hosts) <= {urlsplit(site_server).netloc}


def _results(page) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    page.locator(".pug-near-results li").first.wait_for()
    return [
        (li.get_attribute("data-slug"), float(li.get_attribute("data-km")))
        for li in page.locator(".pug-near-results li").all()
    ]


def _expected(groups: list[dict[str, Any]], lat: float, lon: float) -> dict[str, float]:
    # Groups of a whole country or region are listed apart: their pin is not a place.
    return {
        g["slug"]: haversine(lat, lon, g["lat"], g["lon"])
        for g in groups
        if g["lat"] is not None and g["country"] != "online" and g["city"] not in AREA_WIDE
    }


def _check(shown: list[tuple[str, float]], expected: dict[str, float]) -> None:
    assert len(shown) == 10
    kms = [km for _, km in shown]
    assert kms == sorted(kms)
    for slug, km in shown:
        # The index keeps two decimals of each coordinate: about a kilometre.
        assert km == pytest.approx(expected[slug], abs=1.5), slug
    nearest = sorted(expected.values())
    assert kms[0] == pytest.approx(nearest[0], abs=1.5)
    assert kms[-1] == pytest.approx(nearest[9], abs=1.5)


@pytest.mark.parametrize("name", PLACES)
def test_near_a_place_typed(page, site_server: str, groups, shards, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html")
    page.locator(".pug-filter input[name=near]").fill(name)
    (place,) = places.lookup(shards, name)[:1]
    shown = _results(page)
    _check(shown, _expected(groups, place[3], place[4]))
    assert parse_qs(urlsplit(page.url).query) == {"near": [name]}
    # Each result links to its entry.
    href = page.locator(".pug-near-results li a").first.get_attribute("href")
    assert href is not None and f"#group-{shown[0][0]}" in href


def test_near_link_opens_with_results(page, site_server: str, groups, shards) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html?near=Lyon")
    (place,) = places.lookup(shards, "Lyon")
    shown = _results(page)
    _check(shown, _expected(groups, place[3], place[4]))
    assert page.locator(".pug-filter input[name=near]").input_value() == "Lyon"
    assert "within 300 km of Lyon" in page.locator(".pug-near-status").inner_text()


@pytest.mark.parametrize("name", ["Lyon", "Strasbourg", "Nairobi"])
def test_the_status_says_how_many_listed_groups_are_within_300_km(  # type: ignore[no-untyped-def]
    page, site_server: str, name: str
) -> None:
    page.goto(site_server + f"directory/index.html?near={quote(name)}")
    kms = [km for _, km in _results(page)]
    status = page.locator(".pug-near-status").inner_text()
    close = sum(km <= 300 for km in kms)
    if close == 0:
        assert "No group meets within 300 km" in status
    elif close < len(kms):
        assert f"{close} group" in status
        assert f"then the next {len(kms) - close} beyond" in status, status
    else:
        assert "beyond" not in status, status


@pytest.mark.parametrize("where", ["directory/map.html", "directory/generated/de.html"])
def test_map_and_country_pages_answer_near(page, site_server: str, groups, shards, where) -> None:  # type: ignore[no-untyped-def]
    # On Germany's page, "near Strasbourg" still finds the groups across the border.
    page.goto(site_server + where + "?near=Strasbourg")
    (place,) = places.lookup(shards, "Strasbourg")[:1]
    shown = _results(page)
    _check(shown, _expected(groups, place[3], place[4]))
    assert {g["country"] for g in groups if g["slug"] in dict(shown)} > {"DE"}
    if "generated" in where:
        # The box starts on the page's country; the list below already shows its groups.
        assert page.locator(".pug-filter select[name=country]").input_value() == "DE"
        assert page.locator(".pug-results li").count() == 0


def test_several_matches_offer_a_choice(page, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html?near=Portland")
    choices = page.locator(".pug-near-choices button")
    choices.first.wait_for()
    labels = choices.all_inner_texts()
    assert "Portland, Oregon, United States" in labels
    assert "Portland, Maine, United States" in labels
    assert page.locator(".pug-near-results li").count() == 0
    page.locator(".pug-near-choices button", has_text="Maine").click()
    button_lat, button_lon = 43.657, -70.259
    _check(_results(page), _expected(groups, button_lat, button_lon))
    assert "at=" in page.url
    # The chosen place survives a reload of the address.
    page.reload()
    _check(_results(page), _expected(groups, button_lat, button_lon))


def test_coordinates(page, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html")
    page.locator(".pug-filter input[name=near]").fill("-33.87, 151.21")
    _check(_results(page), _expected(groups, -33.87, 151.21))


def test_geolocation_mocked(chromium, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(geolocation={"latitude": 52.52, "longitude": 13.405})
    context.grant_permissions(["geolocation"])
    page = context.new_page()
    try:
        page.goto(site_server + "directory/index.html")
        assert "stays in this browser" in page.locator(".pug-near-note").inner_text()
        page.locator(".pug-locate").click()
        _check(_results(page), _expected(groups, 52.52, 13.405))
        assert "near=" not in page.url  # a position is never put in the address
    finally:
        context.close()


def test_far_away_says_so_and_links_the_tutorial(page, site_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html?near=" + quote("-75, 0"))  # Antarctica
    shown = _results(page)
    assert shown[0][1] > 300
    status = page.locator(".pug-near-status")
    assert "No group meets within 300 km" in status.inner_text()
    href = status.locator("a").get_attribute("href")
    assert href is not None and href.endswith("/start-here/first-group.html")


def test_groups_of_a_whole_country_are_listed_apart(page, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    # PyLadies Australia's pin is near Alice Springs, but it meets nowhere in particular.
    wide = {g["slug"] for g in groups if g["country"] == "AU" and g["city"] in AREA_WIDE}
    assert wide
    page.goto(site_server + "directory/index.html?near=Alice%20Springs")
    near = {slug for slug, _ in _results(page)}
    listed = {li.get_attribute("data-slug") for li in page.locator(".pug-near-wide li").all()}
    assert listed == wide and not near & wide
    assert "No group meets within 300 km" in page.locator(".pug-near-status").inner_text()
    assert "Groups for all of Australia" in page.locator(".pug-near-wide-title").inner_text()


def test_online_groups_listed_apart(page, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_server + "directory/index.html?near=Nairobi")
    _results(page)
    online = {g["slug"] for g in groups if g["country"] == "online"}
    assert online
    listed = {li.get_attribute("data-slug") for li in page.locator(".pug-near-online li").all()}
    assert listed == online
    near = {li.get_attribute("data-slug") for li in page.locator(".pug-near-results li").all()}
    assert not near & online


def test_text_search_uses_the_compact_index(page, site_server: str) -> None:  # type: ignore[no-untyped-def]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(site_server + "directory/index.html")
    page.locator(".pug-filter input[name=q]").fill("grenoble")
    page.locator(".pug-results li a").first.wait_for()
    assert "Grenoble" in page.locator(".pug-results li").first.inner_text()
    assert "/directory/search/index.json" in fetched
    # One shard of words and one file of rows, never the whole export.
    assert sum("/directory/search/words/" in path for path in fetched) == 1
    assert sum("/directory/search/groups/" in path for path in fetched) == 1
    assert not any(path.endswith("groups.json") for path in fetched)


def test_form_warns_of_a_duplicate(page, site_server: str, groups) -> None:  # type: ignore[no-untyped-def]
    grenoble = next(g for g in groups if g["city"] == "Grenoble")
    page.goto(site_server + "contribute/add-your-group.html")
    page.locator(".pg-addgroup[data-index=loaded]").wait_for()
    page.fill("#pg-name", "Python Isère")
    page.fill("#pg-country", "FR")
    page.fill("#pg-city", "Grenoble")
    warning = page.locator(".pg-duplicates")
    warning.wait_for()
    assert "Is it one of these? Update it instead" in warning.inner_text()
    item = warning.locator(f"li[data-slug='{grenoble['slug']}']")
    assert "km away" in item.inner_text()
    # The address of an existing group, whatever its spelling.
    page.fill("#pg-city", "Nowhere at all")
    other = groups[0]
    page.fill("#pg-url", other["url"].rstrip("/") + "/")
    assert "the same address" in warning.locator(f"li[data-slug='{other['slug']}']").inner_text()
