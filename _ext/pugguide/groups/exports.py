"""The directory as downloadable data: ``groups.json``, ``groups.csv``, ``groups.geojson``;
and what the filter and "near" search fetch instead: the split index of
:mod:`pugguide.groups.searchindex` (``search/``) and the gazetteer's shards
(``search/places/*.json``, written by :mod:`pugguide.groups.places`).

Written on every HTML build next to the directory's index. The JSON and GeoJSON files
carry ``schema_version`` and are described by ``data/schema/groups-export.schema.json``
and ``data/schema/groups-geojson.schema.json``; bump :data:`SCHEMA_VERSION` when a
field changes meaning or goes away (adding one is compatible).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from pugguide.groups import mapsvg, searchindex
from pugguide.groups.model import LINK_KINDS
from pugguide.groups.records import RECORD_FIELDS, fields

if TYPE_CHECKING:
    from pugguide.groups.records import Record

SCHEMA_VERSION = 1
FILES = ("groups.json", "groups.csv", "groups.geojson")
#: Fields of a group in the JSON export, in order ("page" is relative to the export):
#: all of a record's.
JSON_FIELDS = RECORD_FIELDS
#: The JSON fields, with ``links`` spread into one column per kind (CSV is flat).
CSV_FIELDS = (
    *(field for field in JSON_FIELDS if field != "links"),
    *(f"link_{kind}" for kind in LINK_KINDS),
)
#: A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _header(today: str, count: int) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "generated": today, "count": count}


def to_json(records: list[Record], today: str) -> str:
    if not records:
        return json.dumps({**_header(today, 0), "groups": []}) + "\n"
    # One group a line: compact for the filter to fetch, still readable in a diff. A
    # record's keys are JSON_FIELDS in order (records.complete_record): written as it is.
    lines = ",\n".join(map(searchindex.COMPACT.encode, records))
    head = json.dumps(_header(today, len(records)), separators=(",", ":"))[:-1]
    return f'{head},"groups":[\n{lines}\n]}}\n'


def csv_cell(value: object) -> str:
    """*value* as CSV text, defused: a leading ``=+-@`` gets a ``'`` so no spreadsheet
    runs it as a formula (OWASP's advice for CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(map(str, value))
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _number(value: object) -> str:
    # Numbers stay numbers: a negative latitude is data, not a formula.
    return "" if value is None else str(value)


#: How each CSV column is written: (JSON field, cell function), links last.
_COLUMNS = tuple(
    (field, _number if field in ("lat", "lon", "founded") else csv_cell)
    for field in JSON_FIELDS
    if field != "links"
)


def to_csv(records: list[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(
        [
            *(cell(r[field]) for field, cell in _COLUMNS),
            *(csv_cell(r["links"].get(kind)) for kind in LINK_KINDS),
        ]
        for r in map(fields, records)
    )
    return buffer.getvalue()


def to_geojson(records: list[Record], today: str) -> str:
    features = [
        {
            "type": "Feature",
            "id": r["slug"],
            "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
            "properties": {
                k: fields(r)[k]
                for k in (
                    "slug",
                    "name",
                    "city",
                    "region",
                    "country",
                    "country_name",
                    "url",
                    "status",
                    "stale",
                    "last_verified",
                    "page",
                )
            },
        }
        for r in mapsvg.located(records)
    ]
    doc = {"type": "FeatureCollection", **_header(today, len(features)), "features": features}
    return searchindex.COMPACT.encode(doc) + "\n"


def render(records: list[Record], today: str) -> dict[str, str]:
    """File name -> text of each export and of the browser's search index
    (:mod:`pugguide.groups.searchindex`; the gazetteer's shards do not depend on the
    groups: see :func:`pugguide.groups.places.write_shards`)."""
    return {
        "groups.json": to_json(records, today),
        "groups.csv": to_csv(records),
        "groups.geojson": to_geojson(records, today),
        **searchindex.render(records, today),
    }
