"""The directory's search index for the browser, split so one look-up fetches little.

The filter and the "near" search never fetch ``groups.json`` (8 MB at 10,000 groups).
They fetch, from ``search/`` beside it:

``index.json``
    Counts, the filter's choices, and where each country's and region's groups are:
    groups are numbered in directory order (country, region, city, name), so a
    country is a run of numbers, ``[first, end)``. Also the rows of the first
    :data:`ONLINE_SHOWN` groups that meet online, which every near search lists.
``words/<shard>.json``
    ``{word: [group numbers]}`` for the words of groups' names and places, folded
    like the gazetteer's keys (:func:`pugguide.groups.places.key`) and sharded by
    their first three letters (:func:`~pugguide.groups.places.shard_name`,
    :data:`WORD_SHARDS` buckets): a search for "berl" fetches one shard.
``points.json``
    Every group's latitude and longitude in hundredths of a degree (about a
    kilometre), ``null`` without a place or for a group of a whole country, state or
    region (:data:`~pugguide.groups.model.AREA_WIDE`, in ``wide``): what the near
    search measures.
``facets.json``
    Each group's status mark, formats and languages as numbers, fetched only when the
    reader filters by one of them.
``groups/<n>.json``
    The rows shown, :data:`CHUNK` groups a file (:data:`ROW_FIELDS`); results fetch
    the files of the groups they show.

Addresses are relative to the export folder, like the exports' ``page``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from pugguide.groups import places
from pugguide.groups.entries import status_kind
from pugguide.groups.model import AREA_WIDE, FORMATS, STATUSES
from pugguide.groups.records import anchor

if TYPE_CHECKING:
    from pugguide.groups.records import Record

VERSION = 2
FOLDER = "search"
INDEX = f"{FOLDER}/index.json"
#: Groups in one file of rows: about 15 kB.
CHUNK = 100
WORD_SHARDS = 256
#: Online groups the near search lists beside the nearest (the rest: their page).
ONLINE_SHOWN = 10
#: The guide's "start a group" tutorial, from the export folder (label
#: ``tutorial-first-group``); the near search links it when no group is close.
START_PAGE = "../start-here/first-group.html"
#: The marks a group can carry in the filter (groups.entries.status_kind()).
MARKS = ("active", *(s for s in STATUSES if s != "active"), "stale")
ROW_FIELDS = ("slug", "name", "city", "region", "country", "status", "returns", "mark", "page")
#: The fields of a row a record holds as they are (the mark and the page are worked out).
_RECORD_PART = itemgetter(*ROW_FIELDS[:-2])

#: One encoder for every file (the exports' too): ``json.dumps`` with options builds a
#: new one per call.
COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _runs(numbers: list[int]) -> list[list[int]]:
    """Consecutive numbers as ``[first, end)`` runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n:
            runs[-1][1] = n + 1
        else:
            runs.append([n, n + 1])
    return runs


def words(record: Record) -> set[str]:
    """The words a search finds *record* by."""
    r = record
    return set(places.key(f"{r['name']} {r['city']} {r['region']} {r['country_name']}").split())


def _row(record: Record, mark: str, pages: dict[str, int]) -> list[Any]:
    """The :data:`ROW_FIELDS` of *record*: its own fields, then *mark* and its page."""
    page, _, fragment = record["page"].partition("#")
    number = pages.setdefault(page, len(pages))
    # The page's number in "pages", or the whole address when the entry's fragment is
    # not the usual one.
    where = number if fragment == anchor(record["slug"]) else record["page"]
    return [*_RECORD_PART(record), mark, where]


def _hundredths(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def render(records: list[Record], today: str) -> dict[str, str]:
    """File (relative to the export folder) -> text, for every file above."""
    pages: dict[str, int] = {}
    countries: dict[str, list[int]] = defaultdict(list)
    regions: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    shards: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    languages = sorted({lang for r in records for lang in r["languages"]})
    language_bit = {lang: 1 << i for i, lang in enumerate(languages)}
    format_bit = {f: 1 << i for i, f in enumerate(FORMATS)}
    points: list[int | None] = []
    wide: list[int] = []
    facets: list[int] = []
    rows = []
    for n, r in enumerate(records):
        countries[r["country"]].append(n)
        if r["region"]:
            regions[r["country"]][r["region"]].append(n)
        for word in words(r):
            shards[places.shard_name(word, WORD_SHARDS)][word].append(n)
        if r["city"] in AREA_WIDE:
            wide.append(n)
            points += [None, None]
        else:
            points += [_hundredths(r["lat"]), _hundredths(r["lon"])]
        mark = status_kind(r)
        facets += [
            MARKS.index(mark),
            sum(format_bit.get(f, 0) for f in r["formats"]),
            sum(language_bit[lang] for lang in r["languages"]),
        ]
        rows.append(_row(r, mark, pages))
    names = {r["country"]: r["country_name"] for r in records}
    index = {
        "v": VERSION,
        "generated": today,
        "count": len(records),
        "start": START_PAGE,
        "chunk": CHUNK,
        "shards": WORD_SHARDS,
        "fields": ROW_FIELDS,
        "marks": MARKS,
        "formats": FORMATS,
        "languages": languages,
        "countries": {cc: [names[cc], _runs(ns)] for cc, ns in countries.items()},
        "regions": {
            cc: {region: _runs(ns) for region, ns in found.items()} for cc, found in regions.items()
        },
        "pages": list(pages),
        # Groups for a whole country, state or region, listed apart by the near search.
        "wide": wide,
        # The near search lists the first groups that meet online with every result:
        # their rows come with the index, one request less on the way to results.
        "online": [rows[n] for n in countries.get("online", [])[:ONLINE_SHOWN]],
    }
    files = {
        INDEX: COMPACT.encode(index) + "\n",
        f"{FOLDER}/points.json": COMPACT.encode(points) + "\n",
        f"{FOLDER}/facets.json": COMPACT.encode(facets) + "\n",
    }
    # Every bucket has its file, empty or not: a missing one would be a failed request.
    for bucket in range(WORD_SHARDS):
        name = f"{bucket:03x}"
        # Sorted: words come from sets, whose order changes between runs (two builds of
        # one commit are byte-identical).
        shard = dict(sorted(shards.get(name, {}).items()))
        files[f"{FOLDER}/words/{name}.json"] = COMPACT.encode(shard) + "\n"
    for start in range(0, len(rows), CHUNK):
        text = ",\n".join(map(COMPACT.encode, rows[start : start + CHUNK]))
        files[f"{FOLDER}/groups/{start // CHUNK}.json"] = f"[\n{text}\n]\n"
    return files
