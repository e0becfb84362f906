"""The world map of groups, drawn at build time: SVG for the web and EPUB, TikZ for PDF.

Nothing is fetched when the page is viewed: country outlines come from a vendored file,
``groups/world-110m.json``, derived from npm's ``world-atlas`` 2.0.2 (ISC licence; its
source, Natural Earth 1:110m, is public domain; ``bench/make_world_outline.py``
regenerates it). Each located group is one dot, with its name in a ``<title>`` tooltip
and a link to its entry. The projection is equirectangular, cropped to the latitudes
where people live, so a dot's position is two multiplications.

For print, TikZ draws the same outlines and dots as vector graphics inside the LaTeX
source: no SVG converter, ImageMagick or librsvg is needed, and the map stays sharp.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, cast
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pugguide.groups.records import Record

OUTLINES = Path(__file__).resolve().parent / "world-110m.json"
WIDTH = 1000.0
NORTH, SOUTH = 84.0, -58.0
HEIGHT = round((NORTH - SOUTH) / 360 * WIDTH, 1)
ANTARCTICA = "010"  # ISO 3166-1 numeric

STYLE = (
    ".sea{fill:#f1f5f9}.land{fill:#b8c4d0;stroke:#f1f5f9;stroke-width:.5}"
    ".g{fill:#2b6cb0;stroke:#fff;stroke-width:.4}.g.stale{fill:#b7791f}"
    ".g.inactive{fill:#718096}a:hover .g,a:focus .g{fill:#e53e3e;r:4}"
)


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map coordinates to SVG user units (y grows downwards)."""
    x = (lon + 180) / 360 * WIDTH
    y = (NORTH - max(SOUTH, min(NORTH, lat))) / 360 * WIDTH
    return round(x, 1), round(y, 1)


@functools.cache
def outlines() -> list[list[list[tuple[float, float]]]]:
    """Each country's rings in map units (read once: the file does not change)."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return [
        [[project(lat, lon) for lon, lat in _unwrap(ring)] for ring in country["rings"]]
        for country in data["countries"]
        if country["id"] != ANTARCTICA  # below the crop; it would draw a line at the edge
    ]


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring crossing the antimeridian (Russia, Fiji) continues east of 180 degrees
    instead of jumping across the map; the picture's edge clips what lies beyond."""
    if any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(ring)):
        return [[lon + 360 if lon < 0 else lon, lat] for lon, lat in ring]
    return ring


def _path(rings: list[list[tuple[float, float]]]) -> str:
    return "".join("M" + "L".join(f"{x:g} {y:g}" for x, y in ring) + "Z" for ring in rings if ring)


@functools.cache
def _land() -> tuple[str, ...]:
    return tuple(f'<path d="{_path(rings)}"/>' for rings in outlines())


def located(records: Iterable[Record]) -> list[Record]:
    return [r for r in records if r["lat"] is not None and r["lon"] is not None]


def svg(records: Iterable[Record], href: Callable[[Record], str] | None = None) -> str:
    """The map as a standalone SVG document; *href* gives each dot's link."""
    dots = located(records)
    title = f"Map of {len(dots)} Python user groups"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'role="img" aria-labelledby="map-title">',
        f'<title id="map-title">{escape(title)}</title>',
        f"<style>{STYLE}</style>",
        f'<rect class="sea" width="{WIDTH:g}" height="{HEIGHT:g}"/>',
        '<g class="land">',
        *_land(),
        "</g>",
        '<g class="groups">',
    ]
    for r in dots:
        x, y = project(cast("float", r["lat"]), cast("float", r["lon"]))  # located()
        state = " inactive" if r["status"] == "inactive" else " stale" if r["stale"] else ""
        label = f"{r['name']} — {r['city']}, {r['country_name']}"
        dot = (
            f'<circle class="g{state}" cx="{x:g}" cy="{y:g}" r="2.5">'
            f"<title>{escape(label)}</title></circle>"
        )
        if href is not None:
            dot = f'<a href={quoteattr(href(r))} target="_top">{dot}</a>'
        out.append(dot)
    out += ["</g>", "</svg>", ""]
    return "\n".join(out)


def tikz(records: Iterable[Record], width_cm: float = 15.0) -> str:
    """The map as a TikZ picture (needs ``\\usepackage{tikz}``); y grows upwards."""
    unit = width_cm / WIDTH

    def pt(x: float, y: float) -> str:
        return f"({x:g},{HEIGHT - y:.1f})"

    out = [
        r"\begin{center}",
        r"\definecolor{pugland}{HTML}{B8C4D0}\definecolor{pugdot}{HTML}{2B6CB0}",
        rf"\begin{{tikzpicture}}[x={unit:.5f}cm,y={unit:.5f}cm]",
        rf"\clip (0,0) rectangle ({WIDTH:g},{HEIGHT:g});",
    ]
    for rings in outlines():
        path = " ".join(" -- ".join(pt(x, y) for x, y in ring) + " -- cycle" for ring in rings)
        out.append(rf"\filldraw[fill=pugland,draw=white,line width=0.2pt] {path};")
    dots = [project(cast("float", r["lat"]), cast("float", r["lon"])) for r in located(records)]
    for i in range(0, len(dots), 400):  # short paths keep TeX's memory small
        circles = " ".join(f"{pt(x, y)} circle (1.2pt)" for x, y in dots[i : i + 400])
        out.append(rf"\fill[pugdot] {circles};")
    out += [r"\end{tikzpicture}", r"\end{center}", ""]
    return "\n".join(out)
