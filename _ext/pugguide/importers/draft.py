"""What every importer produces: drafts of group files, and one outcome per entry.

A *draft* is a group about to be written; an *outcome* says what became of one entry of
a source (a group file written, merged into another entry's group, or skipped, with the
reason). The report lists every outcome, so nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pugguide.groups.load import normalise_url
from pugguide.importers.links import NOT_A_HOME, link_kind

if TYPE_CHECKING:
    import datetime

    from pugguide.importers.markdown import Link

#: ``city`` when the entry names no city, region or country the importer can resolve.
#: It says what is true of the source, and the report asks a person to look it up.
NOT_STATED = "Place not stated"
#: How the report's note on such a group begins.
UNRESOLVED = "place not resolved"
#: The end of every imported file's ``source`` line.
UNCONFIRMED = "not yet confirmed by a person"


@dataclasses.dataclass(frozen=True)
class Source:
    """One list of groups an importer reads."""

    #: The name on the command line: ``pugguide import wiki``.
    id: str
    #: How the report and the files' ``source`` line name it.
    title: str
    #: The snapshot in ``data/sources``.
    file: str
    #: When the snapshot's source last changed.
    date: datetime.date
    #: A shorter name, for the ``source`` line of a group found in several sources.
    short: str = ""


@dataclasses.dataclass
class Draft:
    """A group about to be written."""

    source: Source
    #: Where the entry starts in the source (a line number), and how the report shows it.
    line: int
    name: str
    country: str
    city: str
    url: str
    region: str | None = None
    location: tuple[float, float] | None = None
    links: dict[str, str] = dataclasses.field(default_factory=dict)
    languages: list[str] = dataclasses.field(default_factory=list)
    founded: int | None = None
    frequency: str | None = None
    status: str = "active"
    contact: str | None = None
    slug: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)
    #: The wiki's headings over the entry, and "state" under a "(by State)" heading.
    headings: tuple[str, ...] = ()
    hint: str = ""
    #: Every source the group was found in, the first one first (see merge.py).
    sources: list[Source] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        self.sources = self.sources or [self.source]

    @property
    def rel(self) -> str:
        """The file, relative to the groups folder: ``de/pyladies-berlin.yaml``."""
        return f"{self.country.lower()}/{self.slug}.yaml"

    def addresses(self) -> list[str]:
        return [url for url in (self.url, *self.links.values()) if url]

    def add_link(self, link: Link) -> None:
        if not link.external or normalise_url(link.target) == normalise_url(self.url):
            return
        kind = link_kind(link)
        if kind is None and not NOT_A_HOME.search(f"{link.text} {link.target}"):
            kind = "website"  # "Official Site", a bare address, a second domain
        if kind is None or kind in self.links:
            self.notes.append(
                f"link not kept ({kind or 'unknown kind'}, one per kind): {link.target}"
            )
        else:
            self.links[kind] = link.target

    def data(self) -> dict[str, Any]:
        """The group file's fields (the writer puts them in the schema's order)."""
        location = self.location and {"lat": self.location[0], "lon": self.location[1]}
        optional: dict[str, Any] = {
            "region": self.region,
            "links": dict(self.links),
            "location": location,
            "languages": list(self.languages),
            "frequency": self.frequency,
            "founded": self.founded,
            "contact": self.contact,
        }
        return {
            "name": self.name,
            "city": self.city,
            "country": self.country,
            "url": self.url,
            **{key: value for key, value in optional.items() if value},
            "status": self.status,
            "last_verified": max(s.date for s in self.sources).isoformat(),
            "source": source_line(self.sources),
        }


@dataclasses.dataclass
class Outcome:
    source: Source
    line: int
    label: str
    status: str  # "written", "merged", "skipped", "expanded"
    detail: str
    #: The group this entry became or joined, until it has a file name.
    draft: Draft | None = None
    #: The file, relative to the groups folder, once the drafts have slugs.
    path: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)


class Collector:
    """An importer's results: its drafts, and one outcome per entry of its source."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.outcomes: list[Outcome] = []
        self.drafts: list[Draft] = []

    def outcome(
        self, line: int, label: str, status: str, detail: str, draft: Draft | None = None
    ) -> None:
        self.outcomes.append(Outcome(self.source, line, label, status, detail, draft))

    def skip(self, line: int, label: str, reason: str) -> None:
        self.outcome(line, label, "skipped", reason)

    def keep(self, draft: Draft, label: str) -> None:
        """*draft* becomes a group file."""
        self.drafts.append(draft)
        self.outcomes.append(
            Outcome(self.source, draft.line, label, "written", "", draft, notes=draft.notes)
        )


def source_line(sources: list[Source]) -> str:
    """A group file's ``source``: one line (a long one would not fit yamllint's 120
    columns), naming every source and its date."""
    if len(sources) == 1:
        named = f"{sources[0].title} as of {sources[0].date.isoformat()}"
    else:
        named = " and ".join(f"{s.short or s.title} ({s.date.isoformat()})" for s in sources)
    return f"{named}; {UNCONFIRMED}"
