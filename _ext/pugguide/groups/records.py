"""Groups as plain records: the one shape pages, exports, the map and the filter share.

A record is a dict of JSON types made from a :class:`~pugguide.groups.model.Group`
and the facts of one build (its date, the repository, where the group's page is).
Generated pages embed records, the exports write them, so a value is computed once.
Nothing here escapes: each output format escapes for itself.
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any, TypedDict, cast

from pugguide.groups.slugs import slugify as slugify  # pages and anchors import it here
from pugguide.groups.stale import stale_cutoff

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.groups.model import Group


def build_date() -> datetime.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` so that a rebuild is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def anchor(slug: str) -> str:
    """The HTML id of a group's entry; stable as long as its file name is."""
    return f"group-{slug}"


def is_web_address(url: str) -> bool:
    """Only http(s) addresses become links, whatever validation let through."""
    return url.lower().startswith(("http://", "https://"))


def edit_url(repository: str, branch: str, relpath: str) -> str:
    """The repository's web editor for *relpath*, or "" without a repository."""
    return f"{repository.rstrip('/')}/edit/{branch}/{relpath}" if repository else ""


class Record(TypedDict):
    """A group as pages, exports, the map and the filter see it; fields in the JSON
    export's order."""

    slug: str
    name: str
    city: str
    region: str
    country: str
    country_name: str
    url: str
    links: dict[str, str]
    lat: float | None
    lon: float | None
    languages: list[str]
    formats: list[str]
    frequency: str
    founded: int | None
    status: str
    #: The date a paused group plans to meet again ("" when none).
    returns: str
    stale: bool
    description: str
    contact: str
    last_verified: str
    source: str
    file: str
    edit_url: str
    page: str


#: Every field of a record, in order (the JSON export keeps it).
RECORD_FIELDS = tuple(Record.__annotations__)


def fields(record: Record) -> dict[str, Any]:
    """*record* read field by field, by names from :data:`RECORD_FIELDS`."""
    return cast("dict[str, Any]", record)


#: The fields a build adds (:func:`complete_record`); the others come from the
#: group's file alone (:func:`base_record`), and builds keep them between them.
BUILD_FIELDS = ("stale", "file", "edit_url", "page")
FILE_FIELDS = tuple(field for field in RECORD_FIELDS if field not in BUILD_FIELDS)


def base_record(group: Group) -> Record:
    """The :data:`FILE_FIELDS` of *group*'s record: what builds keep between them."""
    lat, lon = group.location if group.location else (None, None)
    base = {
        "slug": group.slug,
        "name": group.name,
        "city": group.city,
        "region": group.region or "",
        "country": group.country,
        "country_name": group.country_name,
        "url": group.url,
        "links": dict(group.links),
        "lat": lat,
        "lon": lon,
        "languages": list(group.languages),
        "formats": list(group.formats),
        "frequency": group.frequency or "",
        "founded": group.founded,
        "status": group.status,
        "returns": group.returns.isoformat() if group.returns else "",
        "description": group.description,
        "contact": group.contact or "",
        "last_verified": group.last_verified.isoformat(),
        "source": group.source or "",
    }
    return cast("Record", base)  # the build's fields come in complete_record()


def complete_record(
    base: Record, *, stale_before: datetime.date, relpath: str, edit: str, page: str = ""
) -> Record:
    """*base* with the :data:`BUILD_FIELDS`: stale (verified before *stale_before*), the
    file from the repository root, its edit link and its entry's address (*page*, set
    once pages are planned)."""
    added = {
        # ISO dates compare as text: no date objects for 10,000 records.
        "stale": base["last_verified"] < stale_before.isoformat(),
        "file": relpath,
        "edit_url": edit,
        "page": page,
    }
    given = fields(base)
    return cast("Record", {f: added[f] if f in added else given[f] for f in RECORD_FIELDS})


def make_record(
    group: Group, *, today: datetime.date, relpath: str, edit: str, page: str = ""
) -> Record:
    """*group* as a record (see :func:`complete_record`)."""
    return complete_record(
        base_record(group), stale_before=stale_cutoff(today), relpath=relpath, edit=edit, page=page
    )


def directory_order(country: str, region: str, city: str, name: str, slug: str) -> tuple[str, ...]:
    """The directory's order of groups: by country, region, city and name."""
    return (country.lower(), region.casefold(), city.casefold(), name.casefold(), slug)


def sort_key(record: Record) -> tuple[str, ...]:
    r = record
    return directory_order(r["country"], r["region"], r["city"], r["name"], r["slug"])


def relative_to_root(path: Path, root: Path) -> str:
    """*path* from the repository root, with forward slashes (for links and exports)."""
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()  # the usual case, without touching disk
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
