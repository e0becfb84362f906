"""Group files: every kind of bad input gets its message at the right place; good
files load into the :class:`~pugguide.groups.model.Group` contract.

Each file in ``tests/data/bad/groups`` starts with ``# expect: LINE:COLUMN: message``
lines: the problems that file must produce, and no others (sphinx-external-toc keeps
its bad files the same way).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest

from pugguide import schemas
from pugguide.groups import check_files, load_files, load_groups
from pugguide.groups.countries import ISO_639_1
from pugguide.groups.load import _fast_validator
from pugguide.groups.model import FORMATS, FREQUENCIES, LINK_KINDS, STATUSES, Group
from pugguide.groups.urls import normalise_url
from pugguide.paths import schema_file
from pugguide.problems import DataError
from pugguide.yamlload import MAX_BYTES, load_file, load_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BAD = Path(__file__).parent / "data" / "bad" / "groups"
GOOD = Path(__file__).parent / "data" / "good" / "groups"
SCHEMA = schema_file(DATA, "group")

SINGLE = sorted(p for p in BAD.rglob("*.yaml") if "pairs" not in p.parts)
PAIRS = sorted((BAD / "pairs").rglob("*.yaml"))


def expected(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [ln.removeprefix("# expect: ") for ln in lines if ln.startswith("# expect: ")]


def shown(problems: list) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


@pytest.mark.parametrize("path", SINGLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_file_gives_its_message(path: Path) -> None:
    wanted = expected(path)
    assert wanted, f"{path} has no '# expect:' line"
    got = shown(check_files([path], DATA))
    assert len(got) == len(wanted), got
    for want, have in zip(sorted(wanted), got, strict=True):
        assert have.startswith(want), (want, got)


def test_pairs_report_both_files() -> None:
    problems = check_files(PAIRS, DATA)
    by_file = {p.path.relative_to(BAD / "pairs").as_posix(): p for p in problems}
    assert len(problems) == len(by_file) == len(PAIRS)  # one problem in each file
    for path in PAIRS:
        problem = by_file[path.relative_to(BAD / "pairs").as_posix()]
        [want] = expected(path)
        assert shown([problem])[0].startswith(want)
    # each names the other file; the URL message also gives the other file's line
    assert "/at/same-slug.yaml" in by_file["de/same-slug.yaml"].message
    assert "/de/same-slug.yaml" in by_file["at/same-slug.yaml"].message
    assert "same-url-b.yaml:5" in by_file["de/same-url-a.yaml"].message
    assert "same-url-a.yaml:5" in by_file["de/same-url-b.yaml"].message


def test_each_pair_alone_is_valid() -> None:
    for path in PAIRS:
        assert check_files([path], DATA) == []


def test_huge_file_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "groups" / "de" / "huge.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("name: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    [problem] = check_files([path], DATA)
    assert problem.format().endswith("the limit is 262,144 (a data file should be a few KiB)")
    assert (problem.line, problem.column) == (0, 0)


def test_good_files_load_into_the_contract() -> None:
    groups, problems = load_files(sorted(GOOD.rglob("*.yaml")), DATA)
    assert problems == []
    berlin, remote = groups  # sorted by folder: de before online
    assert berlin == Group(
        slug="python-users-berlin",
        path=GOOD / "de" / "python-users-berlin.yaml",
        line=1,
        name="Python Users Berlin (PUB)",
        city="Berlin",
        country="DE",
        country_name="Germany",
        region="Berlin",
        url="https://www.meetup.com/python-users-berlin-example/",
        links={
            "website": "https://pub.example.org/",
            "chat": "https://discord.gg/example",
            "code": "https://github.com/example-pub",
            "mastodon": "https://fosstodon.org/@pub",
        },
        location=(52.52, 13.405),
        languages=("en", "de"),
        formats=("talks", "lightning-talks", "social"),
        frequency="monthly",
        founded=2010,
        status="active",
        description=(
            "Talks & beer on the second Wednesday; newcomers welcome. If 3 < 5 people "
            "come, we still meet. \"Quotes\" and 'apostrophes' are fine."
        ),
        contact="organisers@example.org",
        last_verified=datetime.date(2026, 1, 15),
        source=None,
    )
    assert list(berlin.links) == [k for k in LINK_KINDS if k in berlin.links]
    assert (remote.country, remote.country_name, remote.folder, remote.online) == (
        "online",
        "Online",
        "online",
        True,
    )
    assert (remote.status, remote.source, remote.location, remote.links) == (
        "inactive",
        "Imported from an example page; not yet confirmed by a person",
        None,
        {},
    )
    assert hash(berlin)  # usable in sets, although links is a dict
    with pytest.raises(dataclasses.FrozenInstanceError):
        berlin.name = "x"  # type: ignore[misc]


def test_load_groups_returns_only_valid_groups(tmp_path: Path) -> None:
    groups_dir = tmp_path / "data" / "groups"
    (groups_dir / "de").mkdir(parents=True)
    (tmp_path / "data" / "schema").mkdir()
    (tmp_path / "data" / "schema" / "group.schema.json").write_bytes(SCHEMA.read_bytes())
    good = (GOOD / "de" / "python-users-berlin.yaml").read_text(encoding="utf-8")
    (groups_dir / "de" / "python-users-berlin.yaml").write_text(good, encoding="utf-8")
    (groups_dir / "de" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    groups, problems = load_groups(tmp_path / "data")
    assert [g.slug for g in groups] == ["python-users-berlin"]
    assert [p.path.name for p in problems] == ["broken.yaml"]


def test_script_in_name_is_an_error_but_ampersand_and_lone_angle_pass() -> None:
    # Pages escape every value; validation keeps markup out of the data altogether.
    def problems(name: str) -> list[str]:
        doc = load_text(GOOD / "de" / "x.yaml", f"name: {json.dumps(name)}\n")
        from pugguide.groups.load import _Run

        return [p.message for p in _Run(SCHEMA).check_rules(doc)]

    assert problems("<script>alert(1)</script>")
    assert problems("Python <b>Berlin</b>")
    assert problems("Caf&eacute; Python")
    assert problems("Python &#60;3")
    assert problems("Python & Beer < 3 > 2 'Quotes' \"too\"") == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://Example.org/x/", "http://example.org/x"),
        ("https://www.example.org", "https://example.org/"),
        ("https://example.org:443/a", "http://example.org/a"),
        ("https://www.meetup.com/Python-Berlin/", "https://meetup.com/python-berlin"),
        ("https://x.org/a#section", "https://x.org/a"),
    ],
)
def test_urls_that_name_the_same_page(one: str, other: str) -> None:
    assert normalise_url(one) == normalise_url(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/A", "https://example.org/a"),  # paths are case-sensitive
        ("https://groups.google.com/forum/#!forum/a", "https://groups.google.com/forum/#!forum/b"),
        ("https://example.org/?g=1", "https://example.org/?g=2"),
        ("https://example.org:8080/", "https://example.org/"),
    ],
)
def test_urls_that_name_different_pages(one: str, other: str) -> None:
    assert normalise_url(one) != normalise_url(other)


def test_schema_vocabularies_match_the_model() -> None:
    schema = schemas.load_schema(SCHEMA)
    props = schema["properties"]
    assert tuple(props["links"]["properties"]) == LINK_KINDS
    assert tuple(props["formats"]["items"]["enum"]) == FORMATS
    assert tuple(props["frequency"]["enum"]) == FREQUENCIES
    assert tuple(props["status"]["enum"]) == STATUSES
    assert set(Group.__dataclass_fields__) >= set(props) - {"location"} | {"location"}


def test_schema_is_strict_everywhere() -> None:
    def objects(node: object) -> list[dict]:
        found = []
        if isinstance(node, dict):
            if node.get("type") == "object":
                found.append(node)
            for value in node.values():
                found += objects(value)
        elif isinstance(node, list):
            for value in node:
                found += objects(value)
        return found

    schema = schemas.load_schema(SCHEMA)
    assert objects(schema)
    assert all(o.get("additionalProperties") is False for o in objects(schema))


def test_language_codes_match_pycountry() -> None:
    import pycountry

    assert {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")} == ISO_639_1


def test_fast_check_agrees_with_jsonschema() -> None:
    # jsonschema-rs decides "valid" alone; it must never pass what jsonschema refuses.
    agree = 0
    fast = _fast_validator(SCHEMA)
    if fast is None:
        pytest.skip("jsonschema-rs is not installed")
    for path in [*SINGLE, *PAIRS, *GOOD.rglob("*.yaml")]:
        try:
            doc = load_file(path)
        except DataError:
            continue
        if fast.is_valid(doc.data):  # the other way is harmless: jsonschema then decides
            assert schemas.check(doc, SCHEMA) == [], path
        agree += fast.is_valid(doc.data) == (schemas.check(doc, SCHEMA) == [])
    assert agree >= 40  # and on nearly every file they agree


def _utf8(paths: list[Path]) -> list[Path]:
    # A file that is not UTF-8 is refused before either parser sees it.
    def decodes(path: Path) -> bool:
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    return [p for p in paths if decodes(p)]


@pytest.mark.parametrize("path", _utf8([*SINGLE, *GOOD.rglob("*.yaml")]), ids=lambda p: p.name)
def test_libyaml_and_pure_python_parsers_agree(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")
    outcomes = []
    for use_libyaml in (True, False):
        try:
            doc = load_text(path, raw, use_libyaml=use_libyaml)
            outcomes.append((repr(doc.data), doc.value_marks, doc.key_marks))  # nan != nan
        except DataError as exc:
            [problem] = exc.problems
            # libyaml words syntax errors its own way; the place must be the same
            outcomes.append((problem.line, problem.column, problem.message[:12]))
    assert outcomes[0] == outcomes[1]


def test_a_new_rule_anywhere_in_the_package_revalidates_cached_files(tmp_path: Path) -> None:
    """The cache of validated groups is dropped when any file of the package changes:
    here the address rules (groups/urls.py), which a list of "validating modules" left
    out, so files validated under the old rule kept passing."""
    import os
    import shutil
    import subprocess
    import sys

    package = Path(__file__).resolve().parent.parent / "_ext" / "pugguide"
    shutil.copytree(package, tmp_path / "pugguide", ignore=shutil.ignore_patterns("__pycache__"))
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "roots" / "test-directory" / "data", data)
    script = (
        "import sys; from pathlib import Path; from pugguide.groups import cache\n"
        "data = Path(sys.argv[1])\n"
        "entries, problems, save = cache.load_cached(data, data.parent, cache.stat_files(data))\n"
        "save(); print(len(entries), len(problems))\n"
    )

    def load() -> str:
        env = {**os.environ, "PYTHONPATH": str(tmp_path)}
        run = [sys.executable, "-c", script, str(data)]
        return subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout

    assert load() == "6 0\n"
    assert load() == "6 0\n"  # from the cache
    urls = tmp_path / "pugguide" / "groups" / "urls.py"
    rule = "def url_problem(url: str) -> str | None:\n"
    text = urls.read_text(encoding="utf-8")
    assert rule in text
    urls.write_text(text.replace(rule, rule + '    return "refused by a new rule"\n'), "utf-8")
    kept, problems = map(int, load().split())
    assert (kept, problems >= 6) == (0, True)  # every file's address is refused now
