"""The PyLadies chapter list: its quirks, the corrections file, and bad input."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from pugguide.groups.geo import Gazetteer
from pugguide.importers.fixes import load_pyladies_fixes, load_wiki_fixes
from pugguide.importers.pyladies import CHAPTER_PAGE, PyLadiesImport, read_chapters
from pugguide.importers.run import Inputs, import_sources
from pugguide.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

CHAPTERS = """\
chapters:
- name: Berlin, Germany
  location: {latitude: 52.52, longitude: 13.405}
  website: http://berlin.pyladies.com
  external_website: true
  meetup: PyLadies-Berlin
  organizer: Ada Example
  email: ada.example@gmail.com
  twitter: '@PyLadiesBer'
- name: Austin, TX
  location: {latitude: 30.27, longitude: -97.74}
  website: atx
- name: Australia
  location: {latitude: -25.0, longitude: 133.0}
  website: http://australia.pyladies.com/
  external_ website: true
- name: Sydney, Australia
  location: {latitude: -33.87, longitude: 151.21}
  website: http://australia.pyladies.com/
  github: pyladies-sydney
- name: Kyoto
  location: {latitude: 35.0116, longitude: 135.7681}
  google_plus: https://plus.google.com/u/0/communities/1
  website: http://pyladies-kyoto.connpass.com
  external_website: true
- name: Mumbai, India
  location: {latitude: 19.07, longitude: 72.87}
  email: mum@pyladies.com
- name: CDMX, M&eacute;xico
  location: {latitude: 19.43, longitude: -99.13}
  facebook: Pyladies CDMX
  meetup: Mexico-City-Pyladies-Meetup
"""


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    return Inputs(Gazetteer(), today=datetime.date(2026, 11, 22))


@pytest.fixture
def chapters(tmp_path: Path) -> list:
    path = tmp_path / "chapters.yml"
    path.write_text(CHAPTERS, encoding="utf-8")
    return read_chapters(path)


def run(inputs: Inputs, chapters: list, fixes: dict | None = None) -> PyLadiesImport:
    importer = PyLadiesImport(inputs.gazetteer, fixes or {})
    importer.run(chapters)
    return importer


def test_chapters_become_groups(inputs: Inputs, chapters: list) -> None:
    importer = run(inputs, chapters)
    by_label = {o.label: o for o in importer.outcomes}
    assert len(importer.outcomes) == 7  # every chapter accounted for
    berlin = by_label["Berlin, Germany"].draft
    assert berlin is not None
    assert (berlin.name, berlin.city, berlin.country) == ("PyLadies Berlin", "Berlin", "DE")
    assert berlin.url == "http://berlin.pyladies.com"
    assert berlin.links == {
        "meetup": "https://www.meetup.com/PyLadies-Berlin/",
        "twitter": "https://twitter.com/PyLadiesBer",
    }
    assert berlin.location == (52.52, 13.405)
    assert berlin.contact is None  # e-mail addresses are not copied
    assert "Ada" not in repr(berlin.data())
    austin = by_label["Austin, TX"].draft
    assert austin is not None
    assert (austin.country, austin.region) == ("US", "Texas")
    assert austin.url == CHAPTER_PAGE.format("atx")
    # The stray "external_ website" key counts as external_website.
    australia = by_label["Australia"].draft
    assert australia is not None
    assert (australia.city, australia.url) == ("Nationwide", "http://australia.pyladies.com/")
    # A site several chapters list is the country chapter's; Sydney keeps its own.
    sydney = by_label["Sydney, Australia"].draft
    assert sydney is not None
    assert sydney.url == "https://github.com/pyladies-sydney"
    assert "not kept, 2 chapters list it: http://australia.pyladies.com/" in sydney.notes
    kyoto = by_label["Kyoto"].draft
    assert kyoto is not None
    assert kyoto.country == "JP"  # from its position
    assert "Google+ address not kept: Google+ closed in 2019" in kyoto.notes
    assert by_label["Mumbai, India"].status == "skipped"
    assert by_label["Mumbai, India"].detail == "no web address of its own"
    cdmx = by_label["CDMX, México"].draft  # an HTML entity in the list's name
    assert cdmx is not None
    assert cdmx.country == "MX"
    assert "facebook 'Pyladies CDMX' is not a name on facebook.com/: not kept" in cdmx.notes


def test_fixes_change_a_chapter(inputs: Inputs, chapters: list, tmp_path: Path) -> None:
    path = tmp_path / "fixes.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            chapters:
              Kyoto:
                name: PyLadies Kansai
                region: Kyoto
                languages: [ja]
              Mumbai, India:
                skip: the chapter has closed
            """
        ),
        encoding="utf-8",
    )
    fixes = load_pyladies_fixes(path, {c["name"] for _, c in chapters})
    by_label = {o.label: o for o in run(inputs, chapters, fixes).outcomes}
    kyoto = by_label["Kyoto"].draft
    assert kyoto is not None
    assert (kyoto.name, kyoto.region, kyoto.languages) == ("PyLadies Kansai", "Kyoto", ["ja"])
    assert (by_label["Mumbai, India"].status, by_label["Mumbai, India"].detail) == (
        "skipped",
        "the chapter has closed",
    )


BAD_FIXES = [
    (
        "chapters:\n  Nowhere:\n    city: X\n",
        "fixes.yaml:2:3: error: no chapter is named 'Nowhere' in the PyLadies list",
    ),
    (
        "chapters:\n  Kyoto:\n    town: X\n",
        "fixes.yaml:3:5: error: unknown key 'town'; use name, slug, city, region, country, "
        "website, meetup, languages, skip",
    ),
    ("chapters:\n  Kyoto:\n    country: JPN\n", "fixes.yaml:3:14: error: 'JPN' is not an upper"),
    ("chapters:\n  Kyoto:\n    city: [a]\n", "fixes.yaml:3:11: error: should be a line of text"),
    ("chapters:\n  Kyoto: {x: 1, x: 2}\n", "fixes.yaml:2:17: error: duplicate key 'x'"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FIXES)
def test_a_bad_fix_names_file_line_and_field(
    text: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("fixes.yaml")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_pyladies_fixes(path, {"Kyoto"})
    assert caught.value.problems[0].format().startswith(message)


def test_a_bad_wiki_fix_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "wiki-fixes.yaml"
    path.write_text(
        "section_names:\n  XX: Python Nowhere\ncities:\n  not-an-address: Caney\n"
        "not_group_words: word\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_wiki_fixes(path)
    assert [(p.line, p.message.split(";")[0]) for p in caught.value.problems] == [
        (2, "'XX' is not an upper-case ISO 3166-1 code (or online)"),
        (4, "'not-an-address' is not an entry's http(s) address"),
        (5, "should be a list of words"),
    ]


def test_the_committed_fixes_files_are_valid() -> None:
    load_wiki_fixes(DATA / "sources" / "wiki-fixes.yaml")
    names = {c["name"] for _, c in read_chapters(DATA / "sources" / "pyladies-chapters.yml")}
    assert load_pyladies_fixes(DATA / "sources" / "pyladies-fixes.yaml", names)


def test_a_snapshot_that_is_not_the_list(tmp_path: Path) -> None:
    path = tmp_path / "chapters.yml"
    path.write_text("chapters: 3\n", encoding="utf-8")
    with pytest.raises(DataError, match="expected a 'chapters:' list"):
        read_chapters(path)
    path.write_text("chapters:\n- name: A\n- just text\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_chapters(path)
    assert caught.value.problems[0].line == 3


def test_bad_input_on_the_command_line_is_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pugguide.cli import main

    path = tmp_path / "chapters.yml"
    path.write_text("chapters:\n- name: A\n  name: B\n", encoding="utf-8")
    status = main(
        ["--data-dir", str(DATA), "import", "pyladies", "--file", str(path), "--out", str(tmp_path)]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:3:3: error: ")
    assert "Traceback" not in err


def test_pyladies_alone_into_an_empty_folder(inputs: Inputs, tmp_path: Path) -> None:
    path = tmp_path / "chapters.yml"
    path.write_text(CHAPTERS, encoding="utf-8")
    out = tmp_path / "groups"
    result = import_sources(
        out, DATA, selected=["pyladies"], files={"pyladies": path}, inputs=inputs
    )
    assert sorted(result.written) == [
        "au/pyladies-australia.yaml",
        "au/pyladies-sydney.yaml",
        "de/pyladies-berlin.yaml",
        "jp/pyladies-kyoto.yaml",
        "mx/pyladies-cdmx.yaml",
        "us/pyladies-austin.yaml",
    ]
    text = (out / "de" / "pyladies-berlin.yaml").read_text(encoding="utf-8")
    assert "\nsource: PyLadies chapter list as of 2026-06-27; not yet confirmed by a person\n" in (
        text
    )


def test_fixes_files_have_a_checker_for_pugguide_validate(tmp_path: Path) -> None:
    from pugguide.importers.fixes import check_files

    sources = DATA / "sources"
    assert check_files(sorted(sources.iterdir()), DATA) == []
    bad = tmp_path / "wiki-fixes.yaml"
    bad.write_text("brands:\n  pyladies: [PyLadies]\n", encoding="utf-8")
    assert [p.format() for p in check_files([bad], DATA)] == [
        f"{bad}:2:13: error: should be a line of text"
    ]
