"""Where a wiki entry's group meets: a city, or the region or country it covers.

Cities come from the gazetteer (GeoNames' towns of 5,000 people or more, found in the
group's name, its text, its headings and its addresses); what a person read from an
entry, and regions GeoNames lacks, come from ``data/sources/wiki-fixes.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pugguide.groups.countries import Countries
from pugguide.groups.geo import fold, split_camel
from pugguide.groups.model import NATIONWIDE, REGIONWIDE, STATEWIDE
from pugguide.importers.draft import NOT_STATED, UNRESOLVED
from pugguide.importers.markdown import plain

if TYPE_CHECKING:
    from pugguide.groups.geo import City, Gazetteer
    from pugguide.importers.draft import Draft
    from pugguide.importers.fixes import WikiFixes
    from pugguide.importers.markdown import Link

#: Words that make a place part of a bigger one: "Southern Missouri", "Central Ohio",
#: "the North East of UK" name a part of the state or country, not all of it.
_PART = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|(?:north|south|east|west)ern|central|mid"


def _at(city: City | None) -> tuple[float, float] | None:
    return (city.lat, city.lon) if city else None


class Places:
    def __init__(self, gazetteer: Gazetteer, fixes: WikiFixes) -> None:
        self.geo = gazetteer
        self.fixes = fixes
        self.countries = Countries()

    def country_name(self, code: str) -> str:
        return self.countries.name(code) or code

    def locate(self, draft: Draft, text: str, links: list[Link]) -> None:
        admin1 = self.geo.us_state(draft.region) if draft.country == "US" and draft.region else None
        if admin1 == "DC":
            draft.city, draft.location = "Washington", _at(self.geo.city("Washington", "US", "DC"))
            return
        if draft.hint == "state" and (sub := self.geo.subdivision_in(plain(text), draft.country)):
            draft.region, draft.city = sub[0], STATEWIDE
            draft.notes.append(f"listed as the group of the state {sub[0]}")
            return
        if fixed := self.fixes.cities.get(draft.url):
            draft.notes.append(f"city {fixed} read by a person from the entry")
            town = self.geo.town(fixed, draft.country, admin1)
            draft.city, draft.location = (town.name, _at(town)) if town else (fixed, None)
            if town is None:
                draft.notes.append("GeoNames does not list it, so it has no map position")
        else:
            texts = [draft.name, plain(text), *draft.headings[1:]]
            texts += [_url_words(link.target) for link in links]
            for chunk in texts:
                if cities := self.geo.cities_in(chunk, draft.country, admin1):
                    draft.city, draft.location = cities[0].name, _at(cities[0])
                    break
            else:
                self.area(draft, text)
        brands = self.fixes.brands
        if (brand := fold(re.sub(r"(?i)^local\s+", "", draft.name))) in brands:
            # "PyLadies" alone says nothing: name the chapter after its place.
            place = draft.city if draft.location else self.country_name(draft.country)
            draft.name = f"{brands[brand]} {place}"

    def area(self, draft: Draft, text: str) -> None:
        """No city: a group named after a region, its state, or its whole country."""
        # "Python West Midlands - UK": a bare country after a dash only says where the
        # group is, not that it covers the whole country.
        parts = re.split(r"\s[-\u2013\u2014]+\s|,\s|[().]", f"{draft.name} - {plain(text)}")
        body = " ".join(p for p in parts if self.geo.country(p.strip()) is None)
        # "PyMalta", "SkanePy": a place hidden inside one word.
        body = f"{body} {split_camel(body)}"
        if region := self.region_in(body, draft.country):
            self.part_of(draft, region)
            draft.notes.append(f"no city named; the entry names the region {region}")
        elif part := self.part_named(body, draft):
            whole = draft.region if draft.country == "US" and draft.region else None
            self.part_of(draft, part)
            draft.notes.append(
                f"no city named; the entry names {part}, part of "
                f"{whole or self.country_name(draft.country)}"
            )
        elif draft.region and fold(draft.region) in fold(body):
            draft.city = STATEWIDE
            draft.notes.append(f"no city named; the group is named after {draft.region}")
        elif draft.country in self.geo.countries_in(body) or re.search(
            rf"\b{draft.country}\b|(?i:\bnational\b)", body
        ):
            draft.city = NATIONWIDE
            draft.notes.append("no city named; the group is named after its country")
        elif re.search(r"(?i)\bassocia(tion|ción|ção)\b", body):
            draft.city = NATIONWIDE
            draft.notes.append("no city named; a national association")
        elif draft.country != "US" and (sub := self.geo.subdivision_in(body, draft.country)):
            draft.region = sub[0]
            draft.city = STATEWIDE if sub[1] == "State" else REGIONWIDE
            draft.notes.append(f"no city named; the group is named after {sub[0]}")
        else:
            draft.city = NOT_STATED
            draft.notes.append(
                f"{UNRESOLVED}: no city or region in its name, text or addresses, and nothing "
                f"says it covers all of {self.country_name(draft.country)}, so city: "
                f"{NOT_STATED}; a person should look it up"
            )

    @staticmethod
    def part_of(draft: Draft, place: str) -> None:
        """The group covers *place*, part of its country (or, in the US, of its state)."""
        if draft.country == "US" and draft.region:
            draft.city = place  # region is the state
        else:
            draft.city, draft.region = REGIONWIDE, place

    def region_in(self, text: str, country: str) -> str | None:
        """The first region of the fixes file's ``regions`` named in *text*."""
        folded = fold(text)
        found = [
            (m.start(), -len(key), name)
            for key, name in self.fixes.regions.get(country, {}).items()
            if (m := re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded))
        ]
        return min(found)[2] if found else None

    def part_named(self, text: str, draft: Draft) -> str | None:
        """ "Southern California", "Central Ohio", "the North East of UK": a part of the
        group's state (in the US) or country, named after it; as the entry writes it."""
        if draft.country == "US" and draft.region:
            wholes = [fold(draft.region)]
        else:
            wholes = [k for k, code in self.geo.countries.items() if code == draft.country]
        if not wholes:
            return None
        names = "|".join(re.escape(k) for k in sorted(wholes, key=len, reverse=True))
        pattern = rf"\b(?:{_PART})[\s-]+(?:of[\s-]+(?:the[\s-]+)?)?(?:{names})\b"
        folded, where = _folded(text)
        for m in re.finditer(pattern, folded):
            # "West Virginia", "North Macedonia", "South Africa" are wholes of their own.
            if self.geo.us_state(m[0]) is None and self.geo.country(m[0]) is None:
                part = text[where[m.start()] : where[m.end() - 1] + 1]
                return part[:1].upper() + part[1:]
        return None


def _folded(text: str) -> tuple[str, list[int]]:
    """*text* folded, and for each folded character the index of its original one."""
    folds = [fold(char) for char in text]
    return "".join(folds), [i for i, f in enumerate(folds) for _ in f]


def _url_words(url: str) -> str:
    """Words from an address that may name a city: "milano.python.it" -> "Milano"."""
    m = re.match(r"https?://([^/?#]*)([^?#]*)", url)
    if not m:
        return ""
    host, path = m[1].lower(), m[2]
    words = [w for w in re.split(r"[.\-_]", host) if len(w) >= 4 and w not in ("python", "www")]
    if "meetup.com" in host:
        words += [w for seg in path.split("/")[1:3] for w in re.split(r"[-_]", seg) if len(w) >= 4]
    return " ".join(w[:1].upper() + w[1:] for w in words)
