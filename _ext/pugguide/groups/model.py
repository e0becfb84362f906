"""The group directory's data model: THE CONTRACT between the data files and the pages.

A group is one file, ``data/groups/<cc>/<slug>.yaml``, described by
``data/schema/group.schema.json``; :mod:`pugguide.groups.load` turns a valid file into
a :class:`Group`. Keep the names and meanings below stable: add fields, never rename or
repurpose one.

Text fields hold raw text: validation refuses HTML tags and character references in
them, but ``&``, ``<`` followed by a space and quotes are allowed, so whatever renders a
group must still escape every value.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime
    from pathlib import Path


#: Folder (and ``country`` value) of groups that meet only online: they have no country.
ONLINE = "online"

#: Kinds of ``links``, in the order pages show them. ``url`` is the group's main home.
LINK_KINDS: tuple[str, ...] = (
    "website",  # a second site, when url points elsewhere (e.g. to meetup)
    "meetup",  # meetup.com or a similar event platform page
    "mailing_list",
    "chat",  # Slack, Discord, Matrix, Telegram, Zulip, IRC web client...
    "forum",  # Discourse, Google Groups web forum...
    "calendar",  # iCal feed or calendar page
    "code",  # GitHub, GitLab, Codeberg organisation
    "blog",
    "mastodon",
    "twitter",  # Twitter / X
    "bluesky",
    "linkedin",
    "facebook",
    "instagram",
    "youtube",  # YouTube or another video channel
    "conference",  # the group's regional PyCon or similar event
)

#: What happens at meetings.
FORMATS: tuple[str, ...] = (
    "talks",
    "lightning-talks",
    "workshops",
    "hack-nights",
    "sprints",
    "coding-dojo",
    "study-group",
    "social",
    "conference",
    "online",
    "hybrid",
)

#: How often the group meets.
FREQUENCIES: tuple[str, ...] = (
    "weekly",
    "fortnightly",
    "monthly",
    "every-two-months",
    "quarterly",
    "yearly",
    "irregular",
)

STATUSES: tuple[str, ...] = ("active", "seeking-organizers", "paused", "inactive")

#: ``city`` of groups that cover a whole country, state or region rather than a city.
#: Their ``location``, where they have one, is a map pin, not where people meet: the
#: near search lists them apart instead of measuring them.
NATIONWIDE = "Nationwide"
STATEWIDE = "Statewide"
REGIONWIDE = "Region-wide"
AREA_WIDE = frozenset({NATIONWIDE, STATEWIDE, REGIONWIDE})


@dataclasses.dataclass(frozen=True)
class Group:
    """One Python user group, as read from a valid ``data/groups/<cc>/<slug>.yaml``.

    Optional fields absent from the file hold ``None``, ``""`` or an empty tuple/dict.
    """

    #: The file name without ``.yaml``: unique across the directory; use it as the anchor.
    slug: str
    #: The group's YAML file (as found under the data folder given to the loader).
    path: Path
    #: Line of the group in *path* (always 1: one group per file), for warning locations.
    line: int
    name: str
    #: Where the group meets (for online groups: where its organisers are, or "Online").
    city: str
    #: Upper-case ISO 3166-1 alpha-2 code ("DE"; "XK" for Kosovo), or :data:`ONLINE`.
    country: str
    #: Short English name of the country ("South Korea"), or "Online".
    country_name: str
    #: State, province or region within the country, as written in the file.
    region: str | None
    #: The group's main web address (http or https).
    url: str
    #: Other addresses by kind (keys from :data:`LINK_KINDS`, in that order).
    links: dict[str, str] = dataclasses.field(hash=False)
    #: (latitude, longitude) in degrees, or None.
    location: tuple[float, float] | None
    #: ISO 639-1 codes of the languages spoken at meetings ("en", "pt").
    languages: tuple[str, ...]
    #: Values from :data:`FORMATS`.
    formats: tuple[str, ...]
    #: A value from :data:`FREQUENCIES`, or None.
    frequency: str | None
    founded: int | None
    #: "active" (the default), "seeking-organizers", "paused" or "inactive"; see also
    #: :func:`pugguide.groups.stale`.
    status: str
    #: Short plain text ("" when absent).
    description: str
    #: An e-mail address to reach the organisers, or None.
    contact: str | None
    #: When someone last confirmed the group exists; read together with *source*.
    last_verified: datetime.date
    #: Where the entry came from when no person has confirmed it yet (the importer sets
    #: it, e.g. "Python wiki, Local User Groups page, 2026-02-25"); None once confirmed.
    source: str | None = None
    #: When a paused group plans to meet again, or None.
    returns: datetime.date | None = None

    @property
    def folder(self) -> str:
        """The country folder: lower-case code or ``online`` (``directory-<folder>`` pages)."""
        return self.country.lower()

    @property
    def online(self) -> bool:
        return self.country == ONLINE
