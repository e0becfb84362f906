"""Regenerate ``_ext/pugguide/groups/world-110m.json`` from npm's ``world-atlas``.

The directory's map draws country outlines at build time, so the site never asks a
tile server or CDN for anything. The outlines come from ``world-atlas`` 2.0.2
(``countries-110m.json``, ISC licence, derived from public-domain Natural Earth 1:110m
data). This script decodes its TopoJSON arcs into plain longitude/latitude rings,
rounded to 0.1 degree (a pixel at the map's width), and keeps the ISO numeric id and
name. Run it by hand after ``npm pack world-atlas@2`` and unpacking the tarball::

    python bench/make_world_outline.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "_ext" / "pugguide" / "groups" / "world-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main(src: str) -> None:
    topology = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geom in topology["objects"]["countries"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = [r for polygon in polygons for idx in polygon if len(r := ring(arcs, idx)) >= 4]
        countries.append(
            {"id": geom.get("id", ""), "name": geom["properties"]["name"], "rings": rings}
        )
    out = {
        "source": "world-atlas 2.0.2 countries-110m.json (npm), from Natural Earth 1:110m",
        "license": (
            "ISC (world-atlas, Copyright 2013-2019 Michael Bostock); Natural Earth: public domain"
        ),
        "countries": countries,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
