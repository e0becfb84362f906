"""The Python wiki's "Local User Groups" page: its entries, as drafts and outcomes.

The page is a Markdown list of about 380 bullets under region, country and (for the
United States) state headings. Each bullet is an *entry*; a few entries hold several
groups (a country's groups "by city" as sub-bullets), and a few groups are spread over
several bullets (one bullet per link). Only facts are imported: names, places,
addresses, and what the text says about status, founding year and meeting frequency;
the wiki's prose is not copied. Names and facts come from wikitext.py, places from
places.py.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import TYPE_CHECKING

from pugguide.groups.geo import fold
from pugguide.groups.load import HTML, normalise_url
from pugguide.importers.draft import Collector, Draft, Source
from pugguide.importers.links import is_label, link_kind
from pugguide.importers.markdown import Bullet, Link, links_of, parse_page, plain, without_links
from pugguide.importers.places import Places
from pugguide.importers.wikitext import NAME_TAIL, entry_name, founded_year, frequency, not_a_group

if TYPE_CHECKING:
    from pugguide.groups.geo import Gazetteer
    from pugguide.importers.fixes import WikiFixes
    from pugguide.importers.merge import Slugs

#: The snapshot in ``data/sources``: psf/wiki at e069e072, page last changed 2026-02-25.
SOURCE = Source(
    "wiki",
    "Python wiki, Local User Groups page",
    "psf-wiki-LocalUserGroups.md",
    datetime.date(2026, 2, 25),
    short="Python wiki",
)

_NO_ADDRESS = "no web address (only a wiki page, an e-mail address or a chat name)"
_RESOURCE = "not a group: a country-wide resource (site, wiki, forum or list)"


@dataclasses.dataclass
class Entry:
    """A bullet that may describe a group, with where it sits on the page."""

    headings: tuple[str, ...]
    bullet: Bullet
    #: A sub-bullet of a top-level bullet.
    nested: bool = False
    #: "state" under a "Regional (by State)" heading: the group covers a state.
    hint: str = ""

    @property
    def line(self) -> int:
        return self.bullet.line


class WikiImport(Collector):
    """Turns the page's entries into drafts (each given a slug by *slugs*) and outcomes."""

    def __init__(
        self, gazetteer: Gazetteer, fixes: WikiFixes, slugs: Slugs, *, today: datetime.date
    ) -> None:
        super().__init__(SOURCE)
        self.geo = gazetteer
        self.fixes = fixes
        self.places = Places(gazetteer, fixes)
        self.slugs = slugs
        self.today = today
        self._by_url: dict[str, Draft] = {}
        self._by_name: dict[tuple[str, str], Draft] = {}
        #: A named group still waiting for its address from the link bullets below it.
        self._pending: tuple[Entry, str, Draft] | None = None
        words = "|".join(re.escape(w) for w in fixes.not_group_words)
        self._old_or_org = re.compile(rf"(?i){words}") if words else None

    def run(self, page: str) -> None:
        for headings, bullet in parse_page(page):
            if self._pending and (
                headings != self._pending[0].headings or not self.is_links_only(bullet)
            ):
                self.settle()
            self.entry(Entry(headings, bullet))
        self.settle()

    def draft(self, entry: Entry, name: str, country: str, url: str, region: str | None) -> Draft:
        draft = Draft(SOURCE, entry.line, name, country, "", url, region, headings=entry.headings)
        draft.hint = entry.hint
        return draft

    def entry(self, entry: Entry) -> None:
        bullet = entry.bullet
        text = bullet.text
        own = links_of(text)
        label = plain(text)[:70] or "(empty)"
        if any(h in self.fixes.not_group_headings for h in entry.headings):
            return self.skip(entry.line, label, _RESOURCE)
        if (
            bullet.children
            and not any(link.external for link in own)
            and (text.rstrip().endswith(":") or re.search(r"(?i)\bcommunities\b|\(by \w+\)", text))
        ):
            # "Website:", "Cities Communities", "Regional (by State)": one entry per sub-bullet.
            detail = f"a heading over {len(bullet.children)} sub-entries"
            self.outcome(entry.line, label, "expanded", detail)
            hint = "state" if re.search(r"(?i)\(by state\)", text) else ""
            for child in bullet.children:
                self.entry(Entry(entry.headings, child, True, hint))
            return None
        country, region, why = self.place(entry, text)
        if country is None:
            return self.skip(entry.line, label, why)
        if self.is_links_only(bullet):
            return self.links_only(entry, label, [link for link in own if link.external], country)
        name = entry_name(text, own)
        if not name:
            return self.skip(entry.line, label, "no group name in the entry")
        subgroups = [c for c in bullet.children if self.is_subgroup(c, country)]
        others = [c for c in bullet.children if c not in subgroups]
        links = own + [link for c in others for link in links_of(c.text)]
        external = [link for link in links if link.external]
        reason = not_a_group(name, text, self._old_or_org)
        name = NAME_TAIL.sub("", name) or name
        if HTML.search(name):
            reason = "the name contains HTML markup, which group files refuse"
        if reason:
            self.skip(entry.line, label, reason)
        elif not external and not bullet.children:
            # A name alone: the link bullets that follow may be its addresses (Indonesia).
            self._pending = (entry, label, self.draft(entry, name, country, "", region))
        elif not external:
            self.skip(entry.line, label, _NO_ADDRESS)
        elif re.match(r"https?://plus\.google\.com", external[0].target):
            self.skip(entry.line, label, "its only address is on Google+, which closed in 2019")
        else:
            draft = self.draft(entry, name, country, external[0].target, region)
            for link in external[1:]:
                draft.add_link(link)
            self.facts(draft, bullet)
            self.places.locate(draft, text, external)
            self.add(draft, label)
        # Brazil: "Regional (by State)" under the conference.
        headed = [c for c in others if c.children and not links_of(c.text)]
        for child in [*subgroups, *headed]:
            self.entry(Entry(entry.headings, child, True))
        return None

    def settle(self) -> None:
        """Finish a name-only group: written if link bullets gave it an address."""
        if self._pending is None:
            return None
        entry, label, draft = self._pending
        self._pending = None
        if not draft.url:
            return self.skip(entry.line, label, _NO_ADDRESS)
        self.facts(draft, entry.bullet)
        self.places.locate(draft, entry.bullet.text, [])
        return self.add(draft, label)

    def facts(self, draft: Draft, bullet: Bullet) -> None:
        words = " ".join(plain(b.text) for b in (bullet, *bullet.children))
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
        if text.startswith("["):
            if re.match(r"https?://", links[0].text):
                return not plain(without_links(text)).strip(" -:,.")
            return is_label(links[0].text)
        prefix = plain(text.split("[", 1)[0])
        after = plain(without_links(text[text.index("[") :])).strip(" -:,.")
        return bool(prefix) and is_label(prefix) and not after

    def is_subgroup(self, bullet: Bullet, country: str) -> bool:
        """A sub-bullet that is a group of its own: a branch, or a group named after a city."""
        links = links_of(bullet.text)
        if not links or is_label(links[0].text):
            return False
        if re.search(r"(?i)\bbranch\b", plain(bullet.text)):
            return True
        if link_kind(links[0]) not in (None, "meetup", "website"):
            return False
        return bool(self.geo.cities_in(links[0].text, country))

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
        if found := self.geo.countries_in(plain(text)):
            return found[0], None, ""
        where = " / ".join(headings)
        return None, None, f"country not resolved: no country in the entry or its heading ({where})"

    def links_only(self, entry: Entry, label: str, links: list[Link], country: str) -> None:
        """Link bullets belong to the group named above them, or the section's group."""
        target = None
        section = [d for d in self.drafts if d.headings == entry.headings]
        if self._pending and self._pending[0].headings == entry.headings:
            target = self._pending[2]
        elif section:
            # Under "Website:" / "IRC:" labels (Singapore) the links are the section's
            # main group's, the first one listed, not whichever group came last.
            target = section[0] if entry.nested else section[-1]
        elif country in self.fixes.section_names and links:
            name = self.fixes.section_names[country]
            draft = self.draft(entry, name, country, links[0].target, None)
            draft.notes.append("the wiki gives only links; named after the group's own addresses")
            for link in links[1:]:
                draft.add_link(link)
            self.places.locate(draft, "", links)
            return self.add(draft, label)
        if target is None or not links:
            return self.skip(entry.line, label, "only links, no group to file them under")
        before = set(target.links)
        added = []
        if not target.url:
            target.url = links[0].target
            links = links[1:]
            added.append("its address")
        for link in links:
            target.add_link(link)
        added += [k for k in target.links if k not in before]
        kept = ", ".join(added) or "nothing kept, see the notes of that group"
        detail = f"links of the group above ({kept})"
        return self.outcome(entry.line, label, "merged", detail, target)

    def add(self, draft: Draft, label: str) -> None:
        """Keep *draft*, unless the page listed the same group before."""
        url, name = normalise_url(draft.url), (draft.country, fold(draft.name))
        if first := self._by_url.get(url):
            return self.skip(draft.line, label, f"duplicate of {first.rel} (same address)")
        if first := self._by_name.get(name):
            first.add_link(Link(draft.name, draft.url))
            if draft.url in first.links.values():
                address = "was added to that group's links"
            else:
                address = "was not kept (that kind of link is taken)"
            return self.skip(
                draft.line, label, f"duplicate of {first.rel} (same name); its address {address}"
            )
        self.slugs.assign(draft)
        self._by_url[url] = self._by_name[name] = draft
        return self.keep(draft, label)


def entries(page: str) -> int:
    """The page's top-level entries."""
    return len(parse_page(page))
