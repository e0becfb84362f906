"""``pugguide import-wiki``: turn the Python wiki's Local User Groups page into group files.

The page is a Markdown list of about 380 bullets under region, country and (for the
United States) state headings, written by many hands over twenty years. Each bullet is
an *entry*; a few entries hold several groups (a country's groups "by city" as
sub-bullets), and a few groups are spread over several bullets (one bullet per link).
Every entry ends in exactly one :class:`Outcome`: a group file written, links merged
into another entry's group, or skipped with the reason. The report lists them all, so
nothing is dropped silently.

Files are rewritten only while nobody has edited them: each carries a marker with a
hash of its content, and a file whose content no longer matches its hash is left alone.
Running the importer twice on the same page changes nothing.

Only facts are imported: names, places, addresses, and what the text says about status,
founding year and meeting frequency. The wiki's prose descriptions are not copied.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.groups.countries import Countries
from pugguide.groups.geo import Gazetteer, fold, split_camel
from pugguide.groups.load import HTML, SLUG, normalise_url
from pugguide.groups.model import LINK_KINDS

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from pugguide.groups.geo import City

#: The snapshot in ``data/sources``: psf/wiki at e069e072, page last changed 2026-02-25.
WIKI_DATE = datetime.date(2026, 2, 25)
WIKI_NAME = "Python wiki, Local User Groups page"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/group.schema.json"
MARKER = "# Imported by pugguide import-wiki ({digest}); rewritten on import until edited."
_MARKER = re.compile(r"# Imported by pugguide import-wiki \(([0-9a-f]{12})\)")

#: ``city`` of groups that cover a whole country, state or region rather than a city.
NATIONWIDE = "Nationwide"
STATEWIDE = "Statewide"
REGIONWIDE = "Region-wide"
#: ``city`` when the entry names no city, region or country the importer can resolve.
#: It says what is true of the source, and the report asks a person to look it up.
NOT_STATED = "Place not stated"
#: How the report's note on such a group begins.
UNRESOLVED = "place not resolved"

# -- reading the Markdown ---------------------------------------------------------------

_LINK = re.compile(
    # [text](target), also the wiki's broken "[text](http://x](http://x)" form
    r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\]\((?P=target))?\)"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"<>^@|~])")


@dataclasses.dataclass
class Link:
    text: str
    target: str

    @property
    def external(self) -> bool:
        return self.target.startswith(("http://", "https://"))


@dataclasses.dataclass
class Bullet:
    line: int
    depth: int
    text: str
    children: list[Bullet] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Entry:
    """A bullet that may describe a group, with where it sits on the page."""

    line: int
    headings: tuple[str, ...]
    bullet: Bullet
    #: The line of the top-level bullet this entry came from.
    origin: int
    #: "state" under a "Regional (by State)" heading: the group covers a state.
    hint: str = ""


@dataclasses.dataclass
class Outcome:
    line: int
    label: str
    status: str  # "written", "merged", "skipped"
    detail: str
    path: str | int = ""  # the file, or the id() of its draft until it has a name
    notes: list[str] = dataclasses.field(default_factory=list)


def parse_page(text: str) -> list[tuple[tuple[str, ...], Bullet]]:
    """Top-level bullets under the page's headings (with their sub-bullets), each with
    its heading path, e.g. ``("USA", "Georgia")``."""
    entries: list[tuple[tuple[str, ...], Bullet]] = []
    headings: list[str] = []
    open_bullets: list[Bullet] = []  # the current bullet at each depth
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if m := re.match(r"(#{2,4})\s+(.*)", line):
            headings = [*headings[: len(m[1]) - 2], _clean_heading(m[2])]
            open_bullets = []
            continue
        if not headings:
            continue  # the introduction
        if line.startswith("---"):
            break  # the footer
        if m := re.match(r"( *)- (.*)", line):
            bullet = Bullet(number, len(m[1]) // 2, m[2].strip())
            while open_bullets and open_bullets[-1].depth >= bullet.depth:
                open_bullets.pop()
            if open_bullets:
                open_bullets[-1].children.append(bullet)
            else:
                entries.append((tuple(headings), bullet))
            open_bullets.append(bullet)
    return entries


def _clean_heading(text: str) -> str:
    text = unescape(text).strip()
    # "Cambodia(សីល >>> ...)" and "Thailand/ประเทศไทย": the English name comes first.
    return re.split(r"[(/]", text, maxsplit=1)[0].strip()


def unescape(text: str) -> str:
    text = _ESCAPE.sub(r"\1", text)
    return text.replace("'''", "").replace("''", "")


def links_of(text: str) -> list[Link]:
    return [Link(unescape(m["text"]).strip(), _repair(m["target"])) for m in _LINK.finditer(text)]


def plain(text: str) -> str:
    """*text* with links replaced by their text and Markdown escapes removed."""
    return re.sub(r"\s+", " ", unescape(_LINK.sub(lambda m: m["text"], text))).strip()


def _repair(target: str) -> str:
    # "http:facebook.com/x" (slashes missing) is meant as a web address.
    return re.sub(r"^(https?):(?!//)/?", r"\1://", target.strip())


# -- classifying links ---------------------------------------------------------------------

_HOST_KINDS = [
    (r"(^|\.)meetup\.com$|timepad\.ru$|eventbrite\.|lu\.ma$", "meetup"),
    (
        r"^mail\.python\.org$|^lists\.|mailman|groups\.yahoo\.|yahoogrupos|^groups\.google\.",
        "mailing_list",
    ),
    (
        r"slack\.com$|discord\.(gg|com)$|^t\.me$|telegram|gitter\.im$|matrix\.to$|zulipchat|freenode\.net$|libera\.chat$|botbot\.me$",
        "chat",
    ),
    (r"(^|\.)github\.com$|gitlab\.com$|codeberg\.org$|bitbucket\.org$", "code"),
    (r"(^|\.)twitter\.com$|^x\.com$", "twitter"),
    (r"facebook\.com$|^fb\.me$|^on\.fb\.me$", "facebook"),
    (r"linkedin\.com$", "linkedin"),
    (r"youtube\.com$|youtu\.be$|vimeo\.com$", "youtube"),
    (r"instagram\.com$", "instagram"),
    (r"bsky\.app$", "bluesky"),
    (r"medium\.com$|blogspot\.com$|^blog\.", "blog"),
    (r"(^|\.)pycon\.|pycon", "conference"),
]
_TEXT_KINDS = [
    (r"mailing ?list|google ?group|maillist", "mailing_list"),
    (r"mastodon", "mastodon"),
    (r"\bforum\b", "forum"),
    (r"calendar", "calendar"),
    (r"\bblog\b", "blog"),
    (r"\birc\b|slack|discord|telegram|chat", "chat"),
    (r"meetup", "meetup"),
    (r"pycon|conference", "conference"),
    (r"web ?site|home ?page|official site|^site$", "website"),
]
#: Link texts that only say what kind of link it is, never a group's name.
_LABEL = re.compile(
    r"(?i)^(our |the )?(web ?site|web site|site|home ?page|blog|our blog|forum|wiki|github|gitlab|"
    r"slack|discord|telegram( group)?|twitter(/x)?( community)?|"
    r"facebook( group| page| groups page)?|"
    r"linkedin|youtube|instagram|mastodon|irc( channel)?|mailing ?list|google ?groups?( page)?|"
    r"meetup(\.com)?( page)?|members|planet|photos|old photos|medium|trello board|events?|"
    r"community page|official site|pycon|e-?mail)[:.]?$"
)


def link_kind(link: Link) -> str | None:
    match = re.match(r"https?://([^/?#:]*)", link.target, re.I)
    host = match[1].lower() if match else ""
    host = host.removeprefix("www.")
    if "/@" in link.target and not host.endswith(("medium.com", "youtube.com")):
        return "mastodon"
    for pattern, kind in _HOST_KINDS:
        if re.search(pattern, host):
            return kind
    for pattern, kind in _TEXT_KINDS:
        if re.search(pattern, link.text, re.I):
            return kind
    return None


def is_label(text: str) -> bool:
    text = text.strip().rstrip(":").strip()
    return not text or bool(_LABEL.match(text)) or bool(re.match(r"https?://", text))


# -- facts from the text ------------------------------------------------------------------

#: Links that are neither the group's home nor a kind we keep: reported, not kept.
_NOT_A_HOME = re.compile(
    r"(?i)\bjobs?\b|trabajo|photos?|flickr|trello|planet|members|events?/?$|eventos"
    r"|//[^/]*(wiki|hackerspaces)[^/]*/"  # wiki pages about a group, or about its venue
)
_FOUNDED = re.compile(
    r"(?i)(?:started|since|starting|set up|formed|founded)\b[^.;]{0,40}?\b((?:19|20)\d\d)\b"
)
_FREQUENCY = [
    (r"(?i)every other week|twice a month|every two weeks|fortnightly|biweekly", "fortnightly"),
    (r"(?i)\bweekly\b|every (mon|tues|wednes|thurs|fri|satur|sun)day", "weekly"),
    (
        r"(?i)monthly|every month|each month|of the month|of every month"
        r"|every \w+ (mon|tues|wednes|thurs|fri|satur|sun)day"
        r"|(first|second|third|fourth|last|2nd|3rd|4th) "
        r"(mon|tues|wednes|thurs|fri|satur|sun)days?\b",
        "monthly",
    ),
    (r"(?i)every couple of months|every two months", "every-two-months"),
]
_CONFERENCE = re.compile(r"(?i)\bpycon\b|conference")
_GROUPISH = re.compile(r"(?i)user|group|community|meetup|pug\b|piggies|club|society|association")


def founded_year(text: str, today: datetime.date) -> int | None:
    if m := _FOUNDED.search(text):
        year = int(m[1])
        return year if 1991 <= year <= today.year else None
    return None


def frequency(text: str) -> str | None:
    for pattern, value in _FREQUENCY:
        if re.search(pattern, text):
            return value
    return None


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > 48:
        slug = slug[:48].rsplit("-", 1)[0]
    return slug


# -- the import ---------------------------------------------------------------------------


@dataclasses.dataclass
class Draft:
    """A group about to be written."""

    entry: Entry
    name: str
    country: str
    city: str
    url: str
    region: str | None = None
    location: City | None = None
    links: dict[str, str] = dataclasses.field(default_factory=dict)
    founded: int | None = None
    frequency: str | None = None
    status: str = "active"
    slug: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)

    def add_link(self, link: Link) -> None:
        kind = link_kind(link)
        if kind is None and not _NOT_A_HOME.search(f"{link.text} {link.target}"):
            kind = "website"  # "Official Site", a bare address, a second domain
        if not link.external:
            return
        if normalise_url(link.target) == normalise_url(self.url):
            return
        if kind is None or kind in self.links:
            self.notes.append(
                f"link not kept ({kind or 'unknown kind'}, one per kind): {link.target}"
            )
            return
        self.links[kind] = link.target


#: Groups the wiki lists only as a run of link bullets under a country heading, named
#: after their own addresses and handles (pytogo.org, linkedin.com/company/python-togo).
#: Keyed by country code.
SECTION_NAMES = {
    "CI": "Python Côte d'Ivoire",  # pythonci.org, @PythonCI
    "TG": "Python Togo",  # pytogo.org, linkedin.com/company/python-togo
    "MZ": "Python Maputo",  # pythonmaputo.slack.com, under the heading Maputo
    "PH": "Python Philippines",  # facebook.com/groups/pythonph, #pythonph
    "GE": "Python Georgia",  # facebook.com/groups/PythonGE
    "MD": "PyMoldova",  # facebook.com/groups/pymoldova
}
#: Cities a person read from entries that name them in a way the gazetteer cannot match
#: (a nickname, a county, a town below 5,000 people). Keyed by the entry's main address.
#: A city GeoNames does not list at all is still the group's city, without a position.
CITY_FIXES = {
    "http://caneypuggies.alwaysreformed.com/": "Caney",  # "Caney Python Users Group", Kansas
    "http://groups.google.com/group/cincypy": "Cincinnati",
    "http://www.meetup.com/Orange-County-CA-Python-User-Group/": "Irvine",
    "https://www.makeryatpahcc.org/": "Middlebury",
    "http://mail.python.org/mailman/listinfo/foxpug": "Appleton",
    "http://www.meetup.com/iepython/": "Riverside",
    "https://www.pspython.com/": "Seattle",
    "http://www.meetup.com/Southcoast-Massachusetts-Python-User-Group/": "Dartmouth",
    "https://www.meetup.com/PyData-SPb/": "Saint Petersburg",
    "http://groups.google.com/group/whatcom-python/": "Bellingham",
}
#: Regions entries name that neither GeoNames' towns nor ISO's top-level subdivisions
#: list, by country: the name as written, folded, -> the region's usual name. Outside the
#: United States such a group is Region-wide with this region; in the United States,
#: where ``region`` is the state, the name becomes the group's ``city``.
REGIONS = {
    "DE": {"rhein-main": "Rhein-Main"},
    # "Python en català": the Catalan-speaking community, not all of Spain.
    "ES": {"mallorca": "Mallorca", "catalan": "Catalonia", "catala": "Catalonia"},
    "GB": {  # the regions of England, as people name them
        "north east": "North East England",
        "north west": "North West England",
        "yorkshire": "Yorkshire",
        "east midlands": "East Midlands",
        "west midlands": "West Midlands",
        "east anglia": "East Anglia",
        "south east": "South East England",
        "south west": "South West England",
    },
    "PL": {"silesia": "Silesia", "slask": "Silesia"},
    "SE": {"skane": "Skåne", "varmland": "Värmland"},
    "US": {
        "socal": "Southern California",
        "norcal": "Northern California",
        "shenandoah valley": "Shenandoah Valley",
    },
}
#: Words that make a place part of a bigger one: "Southern Missouri", "Central Ohio",
#: "the North East of UK" name a part of the state or country, not all of it.
_PART = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|(?:north|south|east|west)ern|central|mid"

#: Brands shared by many local chapters: the chapter's name needs its city.
BRANDS = {"pyladies": "PyLadies", "pydata": "PyData", "django girls": "Django Girls"}

_NAME_TAIL = re.compile(r"(?i)\s+(meetups?|groups|wiki|site|meetup site|page)$")


class Importer:
    """Turns entries into drafts and outcomes; :func:`import_wiki` writes the files."""

    def __init__(
        self, gazetteer: Gazetteer, today: datetime.date, source_date: datetime.date
    ) -> None:
        self.geo = gazetteer
        self.countries = Countries()
        self.today = today
        self.source = f"{WIKI_NAME} as of {source_date.isoformat()}; not yet confirmed by a person"
        self.source_date = source_date
        self.outcomes: list[Outcome] = []
        self.drafts: list[Draft] = []
        self._by_url: dict[str, Draft] = {}
        self._by_name: dict[tuple[str, str], Draft] = {}
        #: A named group still waiting for its address from the link bullets below it.
        self._pending: tuple[Entry, str, Draft] | None = None

    def run(self, page: str) -> None:
        for headings, bullet in parse_page(page):
            entry = Entry(bullet.line, headings, bullet, bullet.line)
            if self._pending and (
                headings != self._pending[0].headings or not self.is_links_only(bullet)
            ):
                self.settle()
            self.entry(entry)
        self.settle()

    # one entry ------------------------------------------------------------------------
    def entry(self, entry: Entry) -> None:
        bullet = entry.bullet
        text = bullet.text
        own = links_of(text)
        label = plain(text)[:70] or "(empty)"
        if "General Community Resources" in entry.headings:
            return self.skip(
                entry, label, "not a group: a country-wide resource (site, wiki, forum or list)"
            )
        if (
            bullet.children
            and not any(link.external for link in own)
            and (text.rstrip().endswith(":") or re.search(r"(?i)\bcommunities\b|\(by \w+\)", text))
        ):
            # "Website:", "Cities Communities", "Regional (by State)": one entry per sub-bullet.
            self.outcomes.append(
                Outcome(
                    entry.line,
                    label,
                    "expanded",
                    f"a heading over {len(bullet.children)} sub-entries",
                )
            )
            hint = "state" if re.search(r"(?i)\(by state\)", text) else ""
            for child in bullet.children:
                self.entry(Entry(child.line, entry.headings, child, entry.origin, hint))
            return None
        country, region, why = self.place(entry, text)
        if country is None:
            return self.skip(entry, label, why)
        if self.is_links_only(bullet):
            return self.links_only(entry, label, [link for link in own if link.external], country)
        name = self.name(text, own)
        if not name:
            return self.skip(entry, label, "no group name in the entry")
        subgroups = [c for c in bullet.children if self.is_subgroup(c, country)]
        links = own + [
            link for c in bullet.children if c not in subgroups for link in links_of(c.text)
        ]
        external = [link for link in links if link.external]
        reason = self.not_a_group(name, text)
        name = _NAME_TAIL.sub("", name) or name
        if HTML.search(name):
            reason = "the name contains HTML markup, which group files refuse"
        if reason:
            self.skip(entry, label, reason)
        elif not external and not bullet.children:
            # A name alone: the link bullets that follow may be its addresses (Indonesia).
            self._pending = (entry, label, Draft(entry, name, country, "", "", region))
        elif not external:
            self.skip(
                entry, label, "no web address (only a wiki page, an e-mail address or a chat name)"
            )
        elif re.match(r"https?://plus\.google\.com", external[0].target):
            self.skip(entry, label, "its only address is on Google+, which closed in 2019")
        else:
            draft = Draft(entry, name, country, "", external[0].target, region)
            for link in external[1:]:
                draft.add_link(link)
            self.facts(draft, text, bullet)
            self.locate(draft, text, external)
            self.add(draft, label)
        for child in subgroups:
            self.entry(Entry(child.line, entry.headings, child, entry.origin))
        for child in bullet.children:  # Brazil: "Regional (by State)" under the conference
            if child not in subgroups and child.children and not links_of(child.text):
                self.entry(Entry(child.line, entry.headings, child, entry.origin))
        return None

    def settle(self) -> None:
        """Finish a name-only group: written if link bullets gave it an address."""
        if self._pending is None:
            return
        entry, label, draft = self._pending
        self._pending = None
        if not draft.url:
            return self.skip(
                entry, label, "no web address (only a wiki page, an e-mail address or a chat name)"
            )
        self.facts(draft, entry.bullet.text, entry.bullet)
        self.locate(draft, entry.bullet.text, [])
        self.add(draft, label)
        return None

    def facts(self, draft: Draft, text: str, bullet: Bullet) -> None:
        words = plain(text) + " " + " ".join(plain(c.text) for c in bullet.children)
        draft.founded = founded_year(words, self.today)
        draft.frequency = frequency(words)
        if re.search(r"(?i)\bdefunct\b|\binactive\b", words):
            draft.status = "inactive"

    def is_links_only(self, bullet: Bullet) -> bool:
        """ "[Twitter](...)", "Facebook Group: [url](url)", "[http://python.sg](...)":
        links, but no name."""
        text = bullet.text.strip()
        links = links_of(text)
        if not links or bullet.children:
            return False
        rest = plain(_LINK.sub(" ", text)).strip(" -:,.")
        if text.startswith("["):
            first = links[0].text
            if re.match(r"https?://", first):
                return not rest
            return is_label(first)
        prefix = plain(text.split("[", 1)[0])
        after = plain(_LINK.sub(" ", text[text.index("[") :])).strip(" -:,.")
        return bool(prefix) and is_label(prefix) and not after

    def is_subgroup(self, bullet: Bullet, country: str) -> bool:
        """A sub-bullet that is a group of its own: a branch, or a group named after a city."""
        links = links_of(bullet.text)
        if not links or is_label(links[0].text):
            return False
        if re.search(r"(?i)\bbranch\b", plain(bullet.text)):
            return True
        return bool(self.geo.cities_in(links[0].text, country)) and link_kind(links[0]) in (
            None,
            "meetup",
            "website",
        )

    def place(self, entry: Entry, text: str) -> tuple[str | None, str | None, str]:
        """Country and region (a US state) from the headings, else from the entry's text."""
        headings = entry.headings
        for i, heading in enumerate(headings):
            code = self.geo.country(heading)
            if code == "US" and i + 1 < len(headings):
                state = self.geo.us_state(headings[i + 1])
                return "US", ("District of Columbia" if state == "DC" else headings[i + 1]), ""
            if code is not None:
                return code, None, ""
        found = self.geo.countries_in(plain(text))
        if found:
            return found[0], None, ""
        where = " / ".join(headings)
        return None, None, f"country not resolved: no country in the entry or its heading ({where})"

    def name(self, text: str, links: list[Link]) -> str:
        raw = re.sub(r"^\(?(defunct|inactive)\)?\s*", "", text.strip(), flags=re.I)
        starts_with_link = re.match(r"^\(*\[+", raw) is not None
        if starts_with_link and links and not is_label(links[0].text):
            name = links[0].text
            if m := re.match(r"(?i)(facebook|twitter|google\+?|linkedin)\s*:\s*(.+)", name):
                name = m[2]
            if not links[0].external and (
                m := re.match(
                    r"\s*([A-Z][\w.]*)\s*$|\s+([A-Z]\w*)\b(?![-:(])", raw.split(")", 1)[-1]
                )
            ):
                # "[PyLadies](./PyLadies.html) Ghana": a wiki page name, then the place.
                name = f"{name} {m[1] or m[2]}"
        else:
            # The text before the first link, or after a link that is only an address.
            rest = (
                raw.split("[", 1)[0]
                if not starts_with_link
                else _LINK.sub(
                    lambda m: " " if _repair(m["target"]).startswith("http") else m["text"], raw
                )
            )
            rest = plain(rest).strip(" -:.,")
            rest = re.sub(r"^[A-Z]{1,3}:\s+", "", rest)  # "DN: Python Users Group Nepal"
            name = re.split(r"\s[-\u2013\u2014]+\s|:\s|\.\s|\s--\s|\s\(?w/", rest, maxsplit=1)[0]
        name = re.sub(r"^[-\u2013\u2014\s\[(]+|[\s.,:;\]]+$", "", unescape(name))
        name = re.sub(r"\s+", " ", name).strip()
        while name.endswith(")") and name.count(")") > name.count("("):
            name = name[:-1].rstrip()
        if name.count("(") > name.count(")"):
            name += ")"  # "Hong Kong Python User Group (HKPUG" lost its bracket to a split
        if is_label(name) or not re.search(r"[^\W\d_]", name):
            return ""
        return name

    def not_a_group(self, name: str, text: str) -> str | None:
        body = plain(text)
        if _CONFERENCE.search(name) and not re.search(
            r"(?i)user group|community", body.replace(name, "")
        ):
            return "not a group: a conference"
        if re.search(r"(?i)\bmailing list\b", name) or re.match(
            r"(?i)^[\w. ]*\bmailing list\b", body
        ):
            return "not a group: a mailing list"
        if re.search(r"(?i)\bforums?\b", name):
            return "not a group: a forum"
        if re.search(r"(?i)\b(web ?site|site|wiki)$", name) and not _GROUPISH.search(name):
            return "not a group: a web site"
        if re.search(r"(?i)outdated|nonprofit|psf-like", body):
            return "not a group: an organisation or an old site"
        return None

    def links_only(self, entry: Entry, label: str, links: list[Link], country: str) -> None:
        """Link bullets belong to the group named above them, or the section's group."""
        target = None
        section = [d for d in self.drafts if d.entry.headings == entry.headings]
        if self._pending and self._pending[0].headings == entry.headings:
            target = self._pending[2]
        elif section and entry.line != entry.origin:
            # Under "Website:" / "IRC:" labels (Singapore) the links are the section's
            # main group's, the first one listed, not whichever group came last.
            target = section[0]
        elif section:
            target = section[-1]
        elif country in SECTION_NAMES and links:
            name = SECTION_NAMES[country]
            draft = Draft(entry, name, country, "", links[0].target)
            draft.notes.append("the wiki gives only links; named after the group's own addresses")
            for link in links[1:]:
                draft.add_link(link)
            self.locate(draft, "", links)
            return self.add(draft, label)
        if target is None or not links:
            return self.skip(entry, label, "only links, no group to file them under")
        before = dict(target.links)
        added = []
        if not target.url:
            target.url = links[0].target
            links = links[1:]
            added.append("its address")
        for link in links:
            target.add_link(link)
        added += [k for k in target.links if k not in before]
        self.outcomes.append(
            Outcome(
                entry.line,
                label,
                "merged",
                "links of the group above ("
                + (", ".join(added) or "nothing kept, see the notes of that group")
                + ")",
                path=id(target),
            )
        )
        return None

    def country_name(self, code: str) -> str:
        return self.countries.name(code) or code

    def skip(self, entry: Entry, label: str, reason: str) -> None:
        self.outcomes.append(Outcome(entry.line, label, "skipped", reason))

    # places ---------------------------------------------------------------------------
    def locate(self, draft: Draft, text: str, links: list[Link]) -> None:
        admin1 = self.geo.us_state(draft.region) if draft.country == "US" and draft.region else None
        if admin1 == "DC":
            draft.city, draft.location = "Washington", self.geo.city("Washington", "US", "DC")
            return
        if draft.entry.hint == "state" and (
            sub := self.geo.subdivision_in(plain(text), draft.country)
        ):
            draft.region, draft.city = sub[0], STATEWIDE
            draft.notes.append(f"listed as the group of the state {sub[0]}")
            return
        if fixed := CITY_FIXES.get(draft.url):
            draft.notes.append(f"city {fixed} read by a person from the entry")
            town = self.geo.town(fixed, draft.country, admin1)
            draft.city, draft.location = (town.name, town) if town else (fixed, None)
            if town is None:
                draft.notes.append("GeoNames does not list it, so it has no map position")
        else:
            texts = [draft.name, plain(text), *draft.entry.headings[1:]]
            texts += [_url_words(link.target) for link in links]
            for chunk in texts:
                if cities := self.geo.cities_in(chunk, draft.country, admin1):
                    draft.city, draft.location = cities[0].name, cities[0]
                    break
            else:
                self.area(draft, text)
        if (brand := fold(re.sub(r"(?i)^local\s+", "", draft.name))) in BRANDS:
            # "PyLadies" alone says nothing: name the chapter after its place.
            place = draft.city if draft.location else self.country_name(draft.country)
            draft.name = f"{BRANDS[brand]} {place}"

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

    @staticmethod
    def region_in(text: str, country: str) -> str | None:
        """The first of :data:`REGIONS` named in *text*."""
        folded = fold(text)
        found = [
            (m.start(), -len(key), name)
            for key, name in REGIONS.get(country, {}).items()
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

    # output ---------------------------------------------------------------------------
    def add(self, draft: Draft, label: str) -> None:
        key = normalise_url(draft.url)
        if key in self._by_url:
            first = self._by_url[key]
            return self.skip(
                draft.entry,
                label,
                f"duplicate of {first.country.lower()}/{first.slug}.yaml (same address)",
            )
        name_key = (draft.country, fold(draft.name))
        if name_key in self._by_name:
            first = self._by_name[name_key]
            first.add_link(Link(draft.name, draft.url))
            kept = draft.url in first.links.values()
            return self.skip(
                draft.entry,
                label,
                f"duplicate of {first.country.lower()}/{first.slug}.yaml (same name); its address "
                + (
                    "was added to that group's links"
                    if kept
                    else "was not kept (that kind of link is taken)"
                ),
            )
        draft.slug = self.unique_slug(draft)
        self._by_url[key] = draft
        self._by_name[name_key] = draft
        self.drafts.append(draft)
        self.outcomes.append(
            Outcome(draft.entry.line, label, "written", "", path=id(draft), notes=draft.notes)
        )
        return None

    def unique_slug(self, draft: Draft) -> str:
        taken = {d.slug for d in self.drafts}
        # "BangPypers (Bangalore Python Users Group)" -> bangpypers
        short = re.split(r"\s[-\u2013\u2014(]|\s\(", draft.name, maxsplit=1)[0]
        base = slugify(short) or slugify(draft.name) or "group"
        city = slugify(draft.city) if draft.location else ""
        for candidate in (
            base,
            f"{base}-{city}" if city else "",
            f"{base}-{draft.country.lower()}",
        ):
            if candidate and SLUG.fullmatch(candidate) and candidate not in taken:
                return candidate
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def render(self, draft: Draft) -> str:
        lines = [
            f"name: {_scalar(draft.name)}",
            f"city: {_scalar(draft.city)}",
            f"country: {draft.country}",
        ]
        if draft.region:
            lines.append(f"region: {_scalar(draft.region)}")
        lines.append(f"url: {_scalar(draft.url)}")
        if draft.links:
            lines.append("links:")
            lines += [f"  {k}: {_scalar(draft.links[k])}" for k in LINK_KINDS if k in draft.links]
        if draft.location:
            lines += ["location:", f"  lat: {draft.location.lat}", f"  lon: {draft.location.lon}"]
        if draft.frequency:
            lines.append(f"frequency: {draft.frequency}")
        if draft.founded:
            lines.append(f"founded: {draft.founded}")
        lines.append(f"status: {draft.status}")
        lines.append(f"last_verified: {self.source_date.isoformat()}")
        lines.append(f"source: {_scalar(self.source)}")
        return "\n".join(lines) + "\n"


def _folded(text: str) -> tuple[str, list[int]]:
    """*text* folded, and for each folded character the index of its original one."""
    folded: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        f = fold(char)
        folded.append(f)
        where += [i] * len(f)
    return "".join(folded), where


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


_PLAIN_SCALAR = re.compile(r"[A-Za-z\u00c0-\uffff][^:#\n\"'\[\]{}&*!|>%@`]*")


def _scalar(value: str) -> str:
    """*value* as a YAML scalar: plain when unambiguous, else double-quoted (JSON is YAML)."""
    if value.startswith(("http://", "https://")) and not re.search(r"\s|\s#|[\[\]{},]", value):
        return value
    if (
        _PLAIN_SCALAR.fullmatch(value)
        and value == value.strip()
        and value.lower() not in ("yes", "no", "true", "false", "null", "on", "off", "y", "n")
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def file_text(body: str) -> str:
    return f"{SCHEMA_LINE}\n{MARKER.format(digest=_digest(body))}\n{body}"


def edited(text: str) -> bool:
    """Whether a file written by the importer has been changed since (or was never its)."""
    lines = text.split("\n", 2)
    if len(lines) < 3 or not (m := _MARKER.match(lines[1])):
        return True
    return _digest(lines[2]) != m[1]


@dataclasses.dataclass
class Result:
    outcomes: list[Outcome]
    written: dict[str, str]  # relative path -> "new" | "updated" | "unchanged" | "kept"
    removed: list[str]
    entries: int


def import_wiki(
    page: str,
    out: Path,
    *,
    gazetteer: Gazetteer | None = None,
    today: datetime.date | None = None,
    source_date: datetime.date = WIKI_DATE,
) -> Result:
    """Import *page* into ``out/<cc>/<slug>.yaml``; see the module docstring."""
    importer = Importer(gazetteer or Gazetteer(), today or datetime.date.today(), source_date)
    importer.run(page)
    written: dict[str, str] = {}
    produced = set()
    for draft in importer.drafts:
        rel = f"{draft.country.lower()}/{draft.slug}.yaml"
        produced.add(rel)
        path = out / rel
        text = file_text(importer.render(draft))
        if path.exists():
            old = path.read_text(encoding="utf-8")
            if old == text:
                written[rel] = "unchanged"
                continue
            if edited(old):
                written[rel] = "kept"
                continue
            written[rel] = "updated"
        else:
            written[rel] = "new"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    removed = []
    for path in sorted(out.glob("*/*.yaml")):
        rel = path.relative_to(out).as_posix()
        if rel not in produced and not edited(path.read_text(encoding="utf-8")):
            path.unlink()
            removed.append(rel)
    by_id = {id(d): f"{d.country.lower()}/{d.slug}.yaml" for d in importer.drafts}
    for outcome in importer.outcomes:
        if isinstance(outcome.path, int):
            outcome.path = by_id[outcome.path]
    entries = len(parse_page(page))
    return Result(importer.outcomes, written, removed, entries)


def report(result: Result, source_file: str, source_date: datetime.date = WIKI_DATE) -> str:
    """The import report as Markdown (no timestamps: the same import gives the same bytes)."""
    outcomes = sorted(result.outcomes, key=lambda o: o.line)
    counts = Counter(o.status for o in outcomes)
    skipped = Counter(
        o.detail.split(":")[0]
        if o.detail.startswith(("not a group", "country not"))
        else o.detail.split(" (")[0].split(" of ")[0]
        for o in outcomes
        if o.status == "skipped"
    )
    unsure = [
        o
        for o in outcomes
        if o.status == "written" and any(n.startswith(UNRESOLVED) for n in o.notes)
    ]
    lines = [
        "# Import report: the Python wiki's Local User Groups page",
        "",
        f"Source: `{source_file}` ({WIKI_NAME}, last changed {source_date.isoformat()}).",
        "Written by `pugguide import-wiki`; run it again and this report and the group files",
        "come out byte for byte the same.",
        "",
        "## What `last_verified` means for imported groups",
        "",
        f"Nobody has confirmed these groups yet. Each imported file says `last_verified: "
        f"{source_date.isoformat()}`, the date the wiki page last changed, which is the most",
        "recent date anyone vouched for the list as a whole, and a `source` note saying so.",
        "Many entries are much older than that date. When you confirm a group is alive,",
        "update `last_verified` and delete the `source` line.",
        "",
        "## Figures",
        "",
        "| | count |",
        "|---|---:|",
        f"| top-level entries on the page | {result.entries} |",
        f"| entries considered (including groups listed as sub-entries) | {len(outcomes)} |",
        f"| group files written | {counts['written']} |",
        f"| entries merged into the group above them (link-only bullets) | {counts['merged']} |",
        f"| headings over sub-entries (each counted on its own) | {counts['expanded']} |",
        f"| entries skipped | {counts['skipped']} |",
    ]
    for reason, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| skipped: {reason} | {n} |")
    lines.append(
        f"| files whose place could not be resolved (city: {NOT_STATED}) | {len(unsure)} |"
    )
    if unsure:
        lines += [
            "",
            "## Places not resolved",
            "",
            f"These entries name no place the importer can resolve, so their files say "
            f"`city: {NOT_STATED}`.",
            "Look each group up and edit its file; the importer then leaves the file alone.",
            "",
        ]
        lines += [
            f"- `{o.path}`, line {o.line} of the page: "
            + next(n for n in o.notes if n.startswith(UNRESOLVED)).split(": ", 1)[1]
            for o in unsure
        ]
    lines += [
        "",
        "## Every entry",
        "",
        "| line | entry | outcome | file or reason |",
        "|---:|---|---|---|",
    ]
    for o in outcomes:
        detail = (
            str(o.path)
            if o.status == "written"
            else (f"{o.detail} → {o.path}" if o.path else o.detail)
        )
        notes = "; ".join(o.notes)
        if notes:
            detail += f" ({notes})"
        lines.append(f"| {o.line} | {_cell(o.label)} | {o.status} | {_cell(detail)} |")
    if result.removed:
        lines += [
            "",
            "## Files removed (written by an earlier import, no longer produced, unedited)",
            "",
        ]
        lines += [f"- `{r}`" for r in result.removed]
    kept = [rel for rel, state in sorted(result.written.items()) if state == "kept"]
    if kept:
        lines += ["", "## Files left alone because someone edited them since the import", ""]
        lines += [f"- `{r}`" for r in kept]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def outcomes_by_status(outcomes: Iterable[Outcome]) -> Counter[str]:
    return Counter(o.status for o in outcomes)


# -- the command ------------------------------------------------------------------------


def cmd_import_wiki(args: argparse.Namespace) -> int:
    """``pugguide import-wiki FILE``: write group files and the report; exit 1 on bad input."""
    from pugguide.cli import _data_dir

    try:
        page = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"pugguide import-wiki: error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    if not parse_page(page):
        print(
            f"{args.file}:0:0: error: no list entries under ## headings: is this the "
            "Local User Groups page?",
            file=sys.stderr,
        )
        return 1
    out = args.out or _data_dir(args) / "groups"
    report_file = args.report or out.parent / "import-report.md"
    result = import_wiki(page, out, source_date=args.source_date)
    text = report(result, args.file.name, args.source_date)
    if not report_file.exists() or report_file.read_text(encoding="utf-8") != text:
        report_file.write_text(text, encoding="utf-8")
    states = Counter(result.written.values())
    outcomes = Counter(o.status for o in result.outcomes)
    print(
        f"{result.entries} entries: {outcomes['written']} group files "
        f"({states['new']} new, {states['updated']} updated, {states['unchanged']} unchanged, "
        f"{states['kept']} kept because edited), {outcomes['merged']} merged, "
        f"{outcomes['skipped']} skipped; {len(result.removed)} old files removed. "
        f"Report: {report_file}"
    )
    return 0


def add_parser(sub: Any) -> None:
    """Add ``import-wiki`` to the ``pugguide`` subcommands."""
    p = sub.add_parser(
        "import-wiki", help="import groups from the Python wiki's Local User Groups page"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the page, as Markdown")
    p.add_argument("--out", type=Path, help="where group files go (default: data/groups)")
    p.add_argument(
        "--report", type=Path, help="where the report goes (default: data/import-report.md)"
    )
    p.add_argument(
        "--source-date",
        type=datetime.date.fromisoformat,
        default=WIKI_DATE,
        help=f"when the page last changed (default {WIKI_DATE}, the snapshot in data/sources)",
    )
    p.set_defaults(func=cmd_import_wiki)
