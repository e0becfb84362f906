"""One group, one file: slugs for new groups, and groups found in more than one source.

Sources are merged in order (the wiki, then PyLadies). An entry of a later source is the
same group as one already imported when any of these holds, tried in this order:

1. **same address**: one of its addresses (main or link) and one of the group's are
   equal once normalised (``http://WWW.x.org/a/`` is ``https://x.org/a``). Addresses
   several chapters share (a national site) are not evidence and are left out by the
   source's importer;
2. **same meetup group**: both link to the same meetup.com group (its name, any case);
3. **same name and place**: their names are the same once places and filler words are
   taken out ("Pyladies Bangalore, India" and "PyLadies Bangalore" are both
   "pyladies"), they are in the same country, and either both positions are within
   :data:`NEAR_KM` or, when one has no position, both name the same city.

The group keeps what the first source said and gains what it lacked from the later one
(links of kinds it has no address for, a position, languages, a contact address); the
later source's main address becomes a link when its kind is free. Its ``source`` line
names both sources.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from pugguide.groups.countries import Countries
from pugguide.groups.geo import distance_km, fold
from pugguide.groups.load import normalise_url
from pugguide.groups.slugs import slugify
from pugguide.importers.links import host, link_kind
from pugguide.importers.markdown import Link

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.importers.draft import Draft, Outcome

#: How far apart two positions may be for one group (city centres differ by source).
NEAR_KM = 25.0
#: The importers' slug length (the name's first words; a file name people can type).
SLUG_LENGTH = 48
#: Words that say nothing about which group it is.
_FILLER = frozenset({
    "the", "of", "in", "and", "de", "do", "da", "del", "la", "le", "chapter", "branch", "group",
    "groups", "user", "users", "community", "meetup", "meetups", "city", "area",
})  # fmt: skip


class Slugs:
    """The slugs taken so far; a new group gets the first free one of its candidates."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def assign(self, draft: Draft) -> str:
        # A slug chosen by a person (in a fixes file) is kept while it is free.
        if not draft.slug or draft.slug in self.taken:
            # "BangPypers (Bangalore Python Users Group)" -> bangpypers
            short = re.split(r"\s[-\u2013\u2014(]|\s\(", draft.name, maxsplit=1)[0]
            base = slugify(short, max_length=SLUG_LENGTH, fallback="") or slugify(
                draft.name, max_length=SLUG_LENGTH, fallback="group"
            )
            places = [slugify(draft.city, max_length=SLUG_LENGTH)] if draft.location else []
            tries = [base, *(f"{base}-{p}" for p in (*places, draft.country.lower()))]
            numbered = (f"{base}-{n}" for n in itertools.count(2))
            draft.slug = next(s for s in itertools.chain(tries, numbered) if s not in self.taken)
        self.taken.add(draft.slug)
        return draft.slug


def meetup_name(url: str) -> str | None:
    """The meetup.com group an address points at ("PyLadiesAMS" -> "pyladiesams")."""
    if not host(url).endswith("meetup.com"):
        return None
    path = [p for p in re.split(r"[/?#]", url.split("meetup.com", 1)[1]) if p]
    if path and re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", path[0]):
        path = path[1:]  # meetup.com/es-ES/<group>
    return path[0].casefold() if path else None


def name_key(draft: Draft, place_words: Iterable[str] = ()) -> frozenset[str]:
    """The words of *draft*'s name that say which group it is: without its places
    (city, region, country and *place_words*) and filler words."""
    places = {draft.city, draft.region or "", draft.country, *place_words}
    drop = {w for p in places for w in re.findall(r"\w+", fold(p))} | _FILLER
    return frozenset(w for w in re.findall(r"\w+", fold(draft.name)) if w not in drop)


def same_group(group: Draft, entry: Draft, place_words: Iterable[str] = ()) -> str | None:
    """Why *entry* is the same group as *group* (see the module docstring), or None."""
    mine = {normalise_url(u) for u in group.addresses()}
    if shared := [u for u in entry.addresses() if normalise_url(u) in mine]:
        return f"same address {shared[0]}"
    meetups = {m for u in group.addresses() if (m := meetup_name(u))}
    if shared := [m for u in entry.addresses() if (m := meetup_name(u)) in meetups]:
        return f"same meetup group {shared[0]}"
    if group.country != entry.country:
        return None
    words = list(place_words)
    key = name_key(group, words)
    if not key or key != name_key(entry, words):
        return None
    if group.location and entry.location:
        km = distance_km(group.location, entry.location)
        return f"same name, {km:.0f} km apart" if km <= NEAR_KM else None
    if fold(group.city) == fold(entry.city):
        return f"same name and city ({entry.city})"
    return None


def absorb(group: Draft, entry: Draft) -> list[str]:
    """Add to *group* what *entry* knows and it does not; say what was added."""
    added: list[str] = []
    known = {normalise_url(u) for u in group.addresses()}
    for url in entry.addresses():
        if normalise_url(url) in known:
            continue
        kind = link_kind(Link("", url)) or "website"
        if kind in group.links:
            group.notes.append(f"link not kept ({kind}, one per kind): {url}")
            continue
        group.links[kind] = url
        known.add(normalise_url(url))
        added.append(kind)
    if entry.location and not group.location:
        group.location = entry.location
        added.append("position")
    if entry.languages and not group.languages:
        group.languages = list(entry.languages)
        added.append("languages")
    if entry.contact and not group.contact:
        group.contact = entry.contact
        added.append("contact")
    group.sources += [source for source in entry.sources if source not in group.sources]
    return added


def merge_into(groups: list[Draft], outcomes: list[Outcome], slugs: Slugs) -> None:
    """Add a later source's groups to *groups*: each joins the same group of an earlier
    source (see the module docstring), or is a new group with a slug of its own."""
    earlier = list(groups)
    countries = Countries()
    for outcome in outcomes:
        draft = outcome.draft
        if outcome.status != "written" or draft is None:
            continue
        words = [countries.name(draft.country) or ""]
        matches = ((g, why) for g in earlier if (why := same_group(g, draft, words)))
        if (match := next(matches, None)) is None:
            slugs.assign(draft)
            groups.append(draft)
            continue
        group, why = match
        added = ", ".join(absorb(group, draft)) or "nothing new"
        outcome.status = "merged"
        outcome.draft = group
        outcome.detail = (
            f"the same group as {group.source.id} line {group.line} ({why}); added {added}"
        )
        outcome.notes = draft.notes
