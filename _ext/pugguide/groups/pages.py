"""Plan the directory's generated pages.

Page structure, chosen with measurements (see BENCHMARKS.md): one page per country;
a country with more than :data:`MAX_PER_PAGE` groups becomes an overview page linking
one page per region (state, province), and a region still too big is cut into parts.
Groups are list entries, never section headings or pages of their own: a heading per
group puts 10,000 entries in every page's table of contents, a page per group costs
pages squared in the theme's navigation. At about 1.2 KB of HTML per entry, 150 groups
keep every page well under the 300 KB budget.

The pages are written as HTML (:mod:`pugguide.groups.pagehtml`), not as Sphinx
documents; nothing here knows Sphinx.
"""

from __future__ import annotations

import dataclasses
from itertools import groupby
from typing import TYPE_CHECKING

from pugguide.groups.model import ONLINE
from pugguide.groups.records import slugify

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pugguide.groups.records import Record

#: Most groups on one page before a country is split by region (and a region in parts).
MAX_PER_PAGE = 150
#: Where country pages go in the output (their docnames start with it).
FOLDER = "directory/generated"


@dataclasses.dataclass
class Page:
    """One generated page: a list of groups, or an overview of a big country's parts."""

    #: File stem under :data:`FOLDER` ("de", "us-california", "us-california-2").
    name: str
    title: str
    #: The country folder ("de", "online").
    folder: str
    country_name: str
    #: Sections: (heading or "" for none, records), in page order.
    sections: list[tuple[str, list[Record]]] = dataclasses.field(default_factory=list)
    #: For an overview page: (page name, title, number of groups) of each part.
    parts: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)
    #: The country page above a part, for the breadcrumb.
    parent: str = ""

    @property
    def docname(self) -> str:
        return f"{FOLDER}/{self.name}"

    @property
    def label(self) -> str:
        return f"directory-{self.name}"

    @property
    def records(self) -> list[Record]:
        return [r for _, records in self.sections for r in records]

    @property
    def count(self) -> int:
        return sum(n for *_, n in self.parts) if self.parts else len(self.records)


def plan(records: Iterable[Record], max_per_page: int = MAX_PER_PAGE) -> list[Page]:
    """The pages for *records* (sorted by country, region, city, as the loader returns
    them). The pages hold copies of the records, each with its ``page`` set to
    ``docname#anchor``; the records given are left as they were."""
    records = [record.copy() for record in records]
    pages: list[Page] = []
    for folder, grouped in groupby(records, key=lambda r: r["country"].lower()):
        recs = list(grouped)
        name = recs[0]["country_name"]
        headline = (
            "Python user groups online" if folder == ONLINE else f"Python user groups in {name}"
        )
        by_region = [(region, list(rs)) for region, rs in groupby(recs, key=lambda r: r["region"])]
        # Named regions in order, then the groups without one.
        regions = [
            (region or "Other places", rs)
            for region, rs in sorted(by_region, key=lambda item: (not item[0], item[0].casefold()))
        ]
        if len(recs) <= max_per_page:
            # Headings only when they help: several regions on the page.
            sections = regions if len(regions) > 1 else [("", recs)]
            pages.append(Page(folder, headline, folder, name, sections))
            continue
        overview = Page(folder, headline, folder, name)
        # Units: a region, or a part of a region too big for one page (cut between
        # cities). Consecutive units share a page while they fit, so small regions
        # do not each cost a page.
        units: list[tuple[str, list[Record], str]] = []
        for place, rs in regions:
            chunks = _parts(rs, max_per_page)
            for chunk in chunks:
                first, last = chunk[0]["city"], chunk[-1]["city"]
                cities = f" ({first} to {last})" if first != last else f" ({first})"
                units.append((place, chunk, cities if len(chunks) > 1 else ""))
        bins: list[list[tuple[str, list[Record], str]]] = []
        for unit in units:
            if bins and sum(len(u[1]) for u in bins[-1]) + len(unit[1]) <= max_per_page:
                bins[-1].append(unit)
            else:
                bins.append([unit])
        used: set[str] = set()
        for units_on_page in bins:
            first_place, _, first_cities = units_on_page[0]
            last_place, _, last_cities = units_on_page[-1]
            base = stem = (
                f"{folder}-{slugify(first_place) if first_place != 'Other places' else 'other'}"
            )
            n = 2
            while stem in used:
                stem, n = f"{base}-{n}", n + 1
            used.add(stem)
            where = first_place + first_cities
            if len(units_on_page) > 1:
                where += f" to {last_place}{last_cities}"
            title = f"Python user groups in {name}: {where}"
            sections = [(place + cities, recs) for place, recs, cities in units_on_page]
            pages.append(Page(stem, title, folder, name, sections, parent=folder))
            overview.parts.append((stem, title, sum(len(r) for _, r in sections)))
        pages.append(overview)
    for page in pages:
        for record in page.records:
            record["page"] = f"{page.docname}#group-{record['slug']}"
    pages.sort(key=lambda p: p.name)
    return pages


def _parts(records: list[Record], max_per_page: int) -> list[list[Record]]:
    """*records* (sorted by city) cut into pages between cities, so adding a group
    changes one page unless that page was full; only a city bigger than a page is cut
    inside."""
    parts: list[list[Record]] = []
    current: list[Record] = []
    for _, grouped in groupby(records, key=lambda r: r["city"].casefold()):
        city = list(grouped)
        if current and len(current) + len(city) > max_per_page:
            parts.append(current)
            current = []
        while len(city) > max_per_page:
            parts.append(city[:max_per_page])
            city = city[max_per_page:]
        current += city
    if current:
        parts.append(current)
    return parts
