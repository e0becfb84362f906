"""The PyLadies chapter list (``chapters:`` of pyladies/pyladies' ``www/config.yml``).

Each chapter is a Python group. Its ``name`` is "City, Country" (sometimes only a
country, a state, or a city); its ``location`` has a latitude and longitude, which say
the country when the name does not. Addresses are built the way pyladies.com builds
them: ``website`` is the chapter's own site when ``external_website`` is set (one entry
spells it ``external_ website``) or when it is an address, else the chapter's page on
pyladies.com; ``meetup``, ``github``, ``twitter`` and the rest are names on those sites.

Never copied: ``organizer`` (people's names) and ``email`` (several are personal
addresses). Not kept: Google+ (closed in 2019), short links, pictures, meetup ids.
Corrections a person made are in ``data/sources/pyladies-fixes.yaml``.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pycountry

from pugguide.groups.countries import Countries
from pugguide.groups.geo import fold
from pugguide.groups.load import normalise_url
from pugguide.groups.model import NATIONWIDE, REGIONWIDE, STATEWIDE
from pugguide.importers.draft import Collector, Draft, Source
from pugguide.importers.markdown import Link
from pugguide.problems import DataError, Problem
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.groups.geo import Gazetteer

#: The snapshot in ``data/sources``: pyladies/pyladies at 825d55a4, changed 2026-06-27.
SOURCE = Source(
    "pyladies", "PyLadies chapter list", "pyladies-chapters.yml", datetime.date(2026, 6, 27)
)
BRAND = "PyLadies"
CHAPTER_PAGE = "https://www.pyladies.com/locations/{}/"
#: Handles on other sites, in the order tried for a chapter's main address after its
#: own site and its meetup group.
PROFILES = {
    "timepad": "https://{}.timepad.ru/",
    "github": "https://github.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "twitter": "https://twitter.com/{}",
    "instagram": "https://www.instagram.com/{}/",
    "linkedin": "https://www.linkedin.com/{}",
    "youtube": "https://www.youtube.com/{}",
}
_US_NAMES = {"usa", "us", "united states"}
CITY_STATES = ("SG", "HK", "MO")


def read_chapters(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The chapters in *path*, each with its line; :class:`DataError` when the file is
    not a ``chapters:`` list of mappings."""
    doc = load_file(path)
    chapters = doc.data.get("chapters") if isinstance(doc.data, dict) else None
    if not isinstance(chapters, list):
        raise DataError(
            [Problem(path, 1, 1, "expected a 'chapters:' list (the PyLadies config.yml block)")]
        )
    found = []
    for i, chapter in enumerate(chapters):
        if not isinstance(chapter, dict):
            raise DataError([doc.problem(("chapters", i), "a chapter should be a mapping")])
        found.append((doc.where(("chapters", i))[0], chapter))
    return found


class PyLadiesImport(Collector):
    """Turns chapters into drafts (without slugs: the merge step gives them) and outcomes."""

    def __init__(self, gazetteer: Gazetteer, fixes: dict[str, dict[str, Any]]) -> None:
        super().__init__(SOURCE)
        self.geo = gazetteer
        self.fixes = fixes
        self.countries = Countries()
        self.us_codes = set(gazetteer.us_states.values())

    def run(self, chapters: list[tuple[int, dict[str, Any]]]) -> None:
        placed: list[tuple[dict[str, Any], Draft, list[str]]] = []
        for line, raw in chapters:
            label = html.unescape(str(raw.get("name") or "(no name)"))
            fix = self.fixes.get(raw.get("name") or "", {})
            # A fix's name is the group's name; the chapter keeps its name in the list.
            values = {**raw, **{("group_name" if k == "name" else k): v for k, v in fix.items()}}
            if values.get("skip"):
                self.skip(line, label, str(values["skip"]))
            elif not isinstance(raw.get("name"), str):
                self.skip(line, label, "no name")
            elif isinstance(draft := self.place(line, label, values), str):
                self.skip(line, label, draft)
            else:
                placed.append((values, draft, self.own_addresses(values, draft.notes)))
        # An address several chapters list is not any one chapter's own (a national site,
        # or a copy-and-paste slip), unless one of them is the country's own chapter.
        shared = Counter(normalise_url(u) for *_, own in placed for u in set(own))
        owners = {normalise_url(u): d for _, d, own in placed if d.city == NATIONWIDE for u in own}
        for values, draft, own in placed:
            kept = []
            for url in own:
                key = normalise_url(url)
                if shared[key] > 1 and owners.get(key) is not draft:
                    draft.notes.append(f"not kept, {shared[key]} chapters list it: {url}")
                else:
                    kept.append(url)
            self.finish(html.unescape(values["name"]), draft, kept, values)

    def place(self, line: int, label: str, values: dict[str, Any]) -> Draft | str:
        """A draft with the chapter's country, region, city and position, or why not."""
        text = re.sub(rf"(?i)^\s*{BRAND}\s+|\s+{BRAND}\s*$", "", label)
        parts = [p.strip() for p in text.split(",") if p.strip()]
        location = _position(values.get("location"))
        notes: list[str] = []
        country = values.get("country") or self.country(parts, location, notes)
        if country is None:
            return "country not resolved: the name names none and the chapter has no position"
        if country == "online" or (
            location and (near := self.geo.nearest(*location)) and near.country != country
        ):
            if country != "online":
                notes.append("its position is in another country: not kept")
            location = None
        # "City, Country", "City, State, Country", "Country, City", "Country", "City".
        at = next((i for i in range(len(parts) - 1, 0, -1) if self.names(parts[i], country)), None)
        if at is None and parts and self.names(parts[0], country):
            # A city-state's name alone is its city: "Singapore", "Hong Kong".
            at = None if len(parts) == 1 and country in CITY_STATES else 0
        others = [p for i, p in enumerate(parts) if i != at]
        region, admin1 = values.get("region"), None
        for part in [*others[1:], *([parts[at]] if at is not None and country == "US" else [])]:
            if region is None and (sub := self.subdivision(part, country)):
                region, admin1 = sub
        city, written = values.get("city"), values.get("city")
        if city is None and others:
            city = written = others[0]
            if (sub := self.subdivision(city, country)) and not self.geo.city(city, country):
                region, city = sub[0], STATEWIDE if country != "US" else written
            elif town := self.geo.city(city, country, admin1):
                city = town.name
                if fold(town.name) == fold(written):
                    written = town.name  # "Sao Carlos" is São Carlos; Bangalore stays
        if city is None:
            city = NATIONWIDE if region is None else REGIONWIDE
        if city == NATIONWIDE:
            place = self.countries.name(country) or country
        elif city in (STATEWIDE, REGIONWIDE):
            place = written if written not in (None, STATEWIDE, REGIONWIDE) else str(region)
        else:
            place = written or city
        name = values.get("group_name") or f"{BRAND} {place}"
        draft = Draft(SOURCE, line, name, country, city, "", region, location, notes=notes)
        draft.languages = list(values.get("languages") or [])
        draft.slug = str(values.get("slug") or "")
        return draft

    def country(
        self, parts: list[str], location: tuple[float, float] | None, notes: list[str]
    ) -> str | None:
        """The country the name says (a country's name, a US state), else the one its
        position is in; a two- or three-letter code counts only where the position agrees
        ("Lavras, MG" is in Minas Gerais, not Madagascar)."""
        near = self.geo.nearest(*location) if location else None
        named = [c for p in parts[1:] or parts for c in self.strong(p)]
        if not named and len(parts) > 1:
            named = self.strong(parts[0])  # "Ethiopia, Addis Ababa"
        if named:
            return near.country if near and near.country in named else named[0]
        codes = [c for p in parts for c in self.codes(p)]
        if near:
            if near.country not in codes:
                notes.append("country from the chapter's position")
            return near.country
        return codes[0] if codes else None

    def names(self, part: str, country: str) -> bool:
        return country in self.strong(part) or country in self.codes(part)

    def strong(self, part: str) -> list[str]:
        """Countries *part* names by name: "Korea", "Scotland", "USA", a US state or its code."""
        found: list[str] = []
        if fold(part) in _US_NAMES or self.geo.us_state(part) or part in self.us_codes:
            found.append("US")
        if (code := self.geo.country(part)) and code not in found:
            found.append(code)
        return found

    @staticmethod
    def codes(part: str) -> list[str]:
        """Countries *part* names by ISO code ("NG", "MDG")."""
        if part.isupper() and len(part) in (2, 3):
            found = pycountry.countries.get(alpha_2=part) or pycountry.countries.get(alpha_3=part)
            return [found.alpha_2] if found else []
        return []

    def subdivision(self, part: str, country: str) -> tuple[str, str | None] | None:
        """(name, GeoNames admin1 code for US states) of the state or region *part* names."""
        if country == "US":
            code = part if part in self.us_codes else self.geo.us_state(part)
            if code:
                sub = pycountry.subdivisions.get(code=f"US-{code}")  # type: ignore[no-untyped-call]
                return (sub.name if sub else part), code
            return None
        if part.isupper() and len(part) <= 3:
            sub = pycountry.subdivisions.get(code=f"{country}-{part}")  # type: ignore[no-untyped-call]
            if sub is not None:
                return sub.name, None
        found = self.geo.subdivisions.get((country, fold(part)))
        return (found[0], None) if found else None

    def own_addresses(self, values: dict[str, Any], notes: list[str]) -> list[str]:
        """The chapter's addresses, main one first; what cannot be one goes to *notes*."""
        own: list[str] = []
        external = values.get("external_website") or values.get("external_ website")
        website = str(values.get("website") or "").strip()
        page = ""
        if re.match(r"https?://", website):
            own.append(website)
        elif website and ("." in website or external):
            own.append(f"https://{website}")
        elif website:
            page = CHAPTER_PAGE.format(website)
        if meetup := str(values.get("meetup") or "").strip("/ "):
            own.append(f"https://www.meetup.com/{meetup}/")
        if page:
            own.append(page)
        for key, pattern in PROFILES.items():
            if handle := str(values.get(key) or "").strip().lstrip("@").strip("/"):
                site = pattern.format("").removeprefix("https://").removeprefix("www.")
                # "https://github.com/x" and "www.facebook.com/x": an address, not a handle.
                handle = re.sub(rf"^(https?://)?(www\.)?{re.escape(site)}", "", handle, flags=re.I)
                if re.search(r"\s|://", handle):
                    notes.append(f"{key} {handle!r} is not a name on {site}: not kept")
                else:
                    own.append(pattern.format(handle))
        return own

    def finish(
        self, label: str, draft: Draft, addresses: list[str], values: dict[str, Any]
    ) -> None:
        if values.get("google_plus"):
            draft.notes.append("Google+ address not kept: Google+ closed in 2019")
        if values.get("whatsapp"):
            draft.notes.append(f"short link not kept: {values['whatsapp']}")
        if not addresses:
            why = "no web address of its own"
            why += f" ({'; '.join(draft.notes)})" if draft.notes else ""
            return self.skip(draft.line, label, why)
        draft.url = addresses[0]
        for url in addresses[1:]:
            draft.add_link(Link("", url))
        return self.keep(draft, label)


def _position(location: Any) -> tuple[float, float] | None:
    if not isinstance(location, dict):
        return None
    lat, lon = location.get("latitude"), location.get("longitude")
    if isinstance(lat, int | float) and isinstance(lon, int | float) and (lat, lon) != (0, 0):
        return round(float(lat), 4), round(float(lon), 4)
    return None
