"""Groups as plain records: the one shape pages, exports, the map and the filter share.

A record is a dict of JSON types made from a :class:`~pugguide.groups.model.Group`
and the facts of one build (its date, the repository, where the group's page is).
Generated pages embed records, the exports write them, so a value is computed once.
Nothing here escapes: each output format escapes for itself.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import TYPE_CHECKING, Any

from pugguide.groups.stale import stale_cutoff

if TYPE_CHECKING:
    from pathlib import Path

    from pugguide.groups.model import Group

Record = dict[str, Any]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def build_date() -> datetime.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` so that a rebuild is reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def slugify(text: str) -> str:
    """A lower-case ASCII name for page file names and anchors ("Baden-Württemberg" ->
    "baden-w-rttemberg"); never empty."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "x"


def anchor(slug: str) -> str:
    """The HTML id of a group's entry; stable as long as its file name is."""
    return f"group-{slug}"


def is_web_address(url: str) -> bool:
    """Only http(s) addresses become links, whatever validation let through."""
    return url.lower().startswith(("http://", "https://"))


def edit_url(repository: str, branch: str, relpath: str) -> str:
    """The repository's web editor for *relpath*, or "" without a repository."""
    if not repository:
        return ""
    return f"{repository.rstrip('/')}/edit/{branch}/{relpath}"


def make_record(
    group: Group,
    *,
    today: datetime.date,
    relpath: str,
    edit: str,
    page: str = "",
    stale_before: datetime.date | None = None,
) -> Record:
    """*group* as a record; *relpath* is its file from the repository root, *page* the
    address of its entry relative to the directory's index (set once pages are planned).
    *stale_before* is :func:`~pugguide.groups.stale.stale_cutoff` of *today*, for callers
    making thousands of records."""
    lat, lon = group.location if group.location else (None, None)
    cutoff = stale_before or stale_cutoff(today)
    return {
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
        "stale": group.last_verified < cutoff,
        "description": group.description,
        "contact": group.contact or "",
        "last_verified": group.last_verified.isoformat(),
        "source": group.source or "",
        "file": relpath,
        "edit_url": edit,
        "page": page,
    }


def relative_to_root(path: Path, root: Path) -> str:
    """*path* from the repository root, with forward slashes (for links and exports)."""
    try:
        return path.relative_to(root).as_posix()  # the usual case, without touching disk
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
