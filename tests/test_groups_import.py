"""``pugguide import wiki`` (and its older form ``import-wiki``): every entry of the wiki
page is accounted for, the files it writes are valid, and running it again changes
nothing. The import of both sources together is tested in test_importers.py."""

from __future__ import annotations

import datetime
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pugguide.cli import build_parser, importcmd, main
from pugguide.groups import check_files
from pugguide.groups.geo import Gazetteer
from pugguide.importers.markdown import parse_page
from pugguide.importers.report import report
from pugguide.importers.run import Inputs, Result, import_sources

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
WIKI = DATA / "sources" / "psf-wiki-LocalUserGroups.md"  # the committed snapshot
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def gazetteer() -> Inputs:
    # A few seconds: GeoNames towns of 5,000 people and more. Built once, passed in.
    return Inputs(Gazetteer(), today=TODAY)


def import_wiki(page: str, out: Path, *, gazetteer: Inputs, today: datetime.date) -> Result:
    """Import *page* as the wiki source into *out*."""
    assert today == gazetteer.today
    out.mkdir(parents=True, exist_ok=True)
    source = out.parent / f"{out.name}-page.md"
    source.write_text(page, encoding="utf-8")
    return import_sources(out, DATA, selected=["wiki"], files={"wiki": source}, inputs=gazetteer)


@pytest.fixture(scope="module")
def bare_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the real schemas and no groups: imported files are checked
    among themselves, not against the committed directory they would all duplicate."""
    data = tmp_path_factory.mktemp("bare-data")
    (data / "schema").symlink_to(DATA / "schema", target_is_directory=True)
    return data


@pytest.fixture(scope="module")
def imported(gazetteer: Inputs, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("import") / "groups"
    page = WIKI.read_text(encoding="utf-8")
    result = import_wiki(page, out, gazetteer=gazetteer, today=TODAY)
    return page, out, result


def test_every_entry_is_accounted_for(imported) -> None:
    page, out, result = imported
    top_level = [bullet.line for _, bullet in parse_page(page)]
    assert result.entries == len(top_level) == 378
    # Every bullet line on the page (top-level or a group listed as a sub-bullet) has
    # exactly one outcome; every top-level bullet has at least its own.
    lines = Counter(o.line for o in result.outcomes)
    assert max(lines.values()) == 1
    assert set(top_level) <= set(lines)
    statuses = Counter(o.status for o in result.outcomes)
    assert set(statuses) == {"written", "merged", "skipped", "expanded"}
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml"))
    assert statuses["written"] == len(files) == len(result.written)
    assert sorted(o.path for o in result.outcomes if o.status == "written") == files
    assert all(o.detail for o in result.outcomes if o.status != "written")
    assert all(o.path in files for o in result.outcomes if o.status == "merged")


def test_imported_files_are_valid_and_say_where_they_came_from(imported, bare_data) -> None:
    _, out, _ = imported
    files = sorted(out.rglob("*.yaml"))
    assert check_files(files, bare_data) == []
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/group.schema.json\n")
        assert "\nlast_verified: 2026-02-25\n" in text
        assert (
            "\nsource: Python wiki, Local User Groups page as of 2026-02-25; not yet confirmed"
            in text
        )


def test_known_entries(imported) -> None:
    _, out, _ = imported

    def fields(rel: str) -> dict[str, str]:
        text = (out / rel).read_text(encoding="utf-8")
        return dict(re.findall(r"^\s*(\w+): (.+)$", text, re.M))

    pyhawaii = fields("us/pyhawaii.yaml")
    assert (pyhawaii["name"], pyhawaii["city"], pyhawaii["region"]) == (
        "PyHawaii",
        "Honolulu",
        "Hawaii",
    )
    assert pyhawaii["meetup"] == "http://www.meetup.com/PyHawaii-Python-Users-Group/"
    assert "lat" in pyhawaii
    # "Korea" and "Czech Republic" headings; "Cracow's" is Kraków
    assert fields("kr/pykug.yaml")["country"] == "KR"
    assert fields("cz/python-cz.yaml")["country"] == "CZ"
    assert fields("pl/pykonik.yaml")["city"] == "Kraków"
    # Georgia the state, not the country
    assert fields("us/pyatl.yaml")["region"] == "Georgia"
    # "(Defunct)" entries keep their facts but say so
    assert fields("us/illipy.yaml")["status"] == "inactive"
    # A run of link-only bullets becomes one group with those links (Togo)
    togo = fields("tg/python-togo.yaml")
    assert {"chat", "code", "mastodon", "twitter", "linkedin", "youtube"} <= set(togo)


def test_known_skips(imported) -> None:
    _, _, result = imported
    reasons = {o.line: o.detail for o in result.outcomes if o.status == "skipped"}
    assert reasons[508].startswith("not a group")  # Python-Forum.de
    assert reasons[376] == "not a group: a mailing list"  # the Australian list
    assert reasons[466] == "not a group: a conference"  # PyCon CZ
    assert reasons[1048].startswith("duplicate of us/derbypy.yaml")  # listed twice
    assert reasons[934].startswith("country not resolved")  # Python MENA


def test_rerun_is_idempotent_and_respects_edits(
    imported, gazetteer: Inputs, tmp_path: Path
) -> None:
    page, out, first = imported
    copy = tmp_path / "groups"
    shutil.copytree(out, copy)
    again = import_wiki(page, copy, gazetteer=gazetteer, today=TODAY)
    assert set(again.written.values()) == {"unchanged"}
    assert report(again) == report(first)
    # A person edits one file and removes the marker from another: both are kept.
    edited_file = copy / "us" / "pyhawaii.yaml"
    text = edited_file.read_text(encoding="utf-8").replace("status: active", "status: inactive")
    edited_file.write_text(text, encoding="utf-8")
    unmarked = copy / "us" / "chipy.yaml"
    unmarked.write_text(
        unmarked.read_text(encoding="utf-8").replace("# Imported by", "# Was imported by"),
        encoding="utf-8",
    )
    leftover = copy / "de" / "old-import.yaml"
    leftover.write_text((copy / "de" / "pub.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    third = import_wiki(page, copy, gazetteer=gazetteer, today=TODAY)
    assert third.written["us/pyhawaii.yaml"] == "kept"
    assert third.written["us/chipy.yaml"] == "kept"
    assert edited_file.read_text(encoding="utf-8") == text
    assert third.removed == ["de/old-import.yaml"]  # unedited, no longer produced
    assert not leftover.exists()


SAMPLE = """# Local User Groups

- [intro link](https://example.org) is not an entry

## Asia

### Pakistan

- [Lahore Python](https://lahore.example.org/) - Python in Lahore

### Korea

- [PyKUG](http://www.python.or.kr](http://www.python.or.kr) - Python Users Group in Korea

### Pakistan

- [Python Pakistan](http://www.python.org.pk) - National group
  - [Mailing List](https://mail.python.org/mailman/listinfo/pk)
  - [Slack](https://pk.slack.com/)

- [Karachi Python Forum](https://forum.example.org/) - a forum

- [Twitter](https://twitter.com/pythonpk)

## Middle East

- [Python MENA](https://groups.google.com/forum/#!forum/python-mena)

- [Lahore Python](https://lahore.example.org) - listed twice, Pakistan

- [<b>Bold</b> Python](https://bold.example.org/) - Karachi, Pakistan

------------------------------------------------------------------------
"""


def test_sample_page_quirks(gazetteer: Inputs, tmp_path: Path, bare_data: Path) -> None:
    result = import_wiki(SAMPLE, tmp_path / "groups", gazetteer=gazetteer, today=TODAY)
    tmp_path = tmp_path / "groups"
    by_line = {o.line: o for o in result.outcomes}
    assert result.entries == 8
    assert by_line[9].path == "pk/lahore-python.yaml"
    # the broken "[x](url](url)" link still gives the address
    assert by_line[13].path == "kr/pykug.yaml"
    assert "url: http://www.python.or.kr\n" in (tmp_path / "kr" / "pykug.yaml").read_text(
        encoding="utf-8"
    )
    # the second "Pakistan" heading files into the same country
    assert by_line[17].path == "pk/python-pakistan.yaml"
    text = (tmp_path / "pk" / "python-pakistan.yaml").read_text(encoding="utf-8")
    assert "mailing_list: https://mail.python.org/mailman/listinfo/pk" in text
    assert "chat: https://pk.slack.com/" in text
    assert "city: Nationwide" in text
    assert by_line[21].detail == "not a group: a forum"
    # a lone link bullet joins the group above it
    assert (by_line[23].status, by_line[23].path) == ("merged", "pk/python-pakistan.yaml")
    assert "twitter: https://twitter.com/pythonpk" in text
    assert by_line[27].detail.startswith("country not resolved")
    assert by_line[29].detail.startswith("duplicate of pk/lahore-python.yaml")
    assert by_line[31].detail == "the name contains HTML markup, which group files refuse"
    assert check_files(sorted(tmp_path.rglob("*.yaml")), bare_data) == []


def test_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], gazetteer: Inputs
) -> None:
    page = tmp_path / "page.md"
    page.write_text(SAMPLE, encoding="utf-8")
    out, rep = tmp_path / "groups", tmp_path / "report.md"
    args = [
        "--data-dir",
        str(DATA),
        "import-wiki",
        str(page),
        "--out",
        str(out),
        "--report",
        str(rep),
    ]

    def main(argv: list[str]) -> int:  # the gazetteer passed in, not built per run
        parsed = build_parser().parse_args(argv)
        return importcmd.run_wiki(parsed, DATA, inputs=gazetteer)

    assert main(args) == 0
    first = capsys.readouterr().out
    assert first.startswith("8 entries: 3 group files (3 new, 0 updated, 0 unchanged")
    before = rep.read_bytes()
    assert main(args) == 0
    assert "(0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert rep.read_bytes() == before
    assert "| 31 | <b>Bold</b> Python - Karachi, Pakistan | skipped |" in before.decode()


def test_command_line_refuses_what_is_not_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text("just text\n", encoding="utf-8")
    assert main(["--data-dir", str(DATA), "import-wiki", str(page), "--out", str(tmp_path)]) == 1
    assert "no list entries under ## headings" in capsys.readouterr().err
    assert main(["--data-dir", str(DATA), "import-wiki", str(tmp_path / "missing.md")]) == 1
    assert "cannot read" in capsys.readouterr().err


# -- places: what the importer writes in `city` when an entry names no big town -----------


def _import_snippet(page: str, out: Path, gazetteer: Inputs) -> tuple[dict, str]:
    """Import a wiki snippet; return each file's fields by its path, and the report."""
    out = out / "groups"
    result = import_wiki(page, out, gazetteer=gazetteer, today=TODAY)
    files = {
        path.relative_to(out).as_posix(): dict(
            re.findall(r"^\s*(\w+): (.+)$", path.read_text(encoding="utf-8"), re.M)
        )
        for path in sorted(out.rglob("*.yaml"))
    }
    return files, report(result)


KANSAS_AND_MASSACHUSETTS = """## USA

### Kansas

- [CaneyPUGgies - Caney Python Users Group](http://caneypuggies.alwaysreformed.com/)

### Massachusetts

- [Southcoast Python User Group](http://www.meetup.com/Southcoast-Massachusetts-Python-User-Group/) will be meeting in Dartmouth, MA.
"""  # noqa: E501 (the address is the one a person read the city from)


def test_a_city_read_by_a_person_is_kept_even_below_the_gazetteers_size(
    gazetteer: Inputs, tmp_path: Path, bare_data: Path
) -> None:
    files, text = _import_snippet(KANSAS_AND_MASSACHUSETTS, tmp_path, gazetteer)
    # Caney, Kansas has about 2,000 people: GeoNames' small-town list gives its position.
    caney = files["us/caneypuggies.yaml"]
    assert (caney["city"], caney["region"]) == ("Caney", "Kansas")
    assert (caney["lat"], caney["lon"]) == ("37.0115", "-95.9353")
    assert "us/caneypuggies.yaml (city Caney read by a person from the entry) |" in text
    # Dartmouth, Massachusetts is not in GeoNames' list of towns: the city, no position.
    dartmouth = files["us/southcoast-python-user-group.yaml"]
    assert (dartmouth["city"], dartmouth["region"]) == ("Dartmouth", "Massachusetts")
    assert "lat" not in dartmouth
    assert (
        "us/southcoast-python-user-group.yaml (city Dartmouth read by a person from the entry; "
        "GeoNames does not list it, so it has no map position) |" in text
    )
    assert check_files(sorted(tmp_path.rglob("*.yaml")), bare_data) == []


REGIONS_AND_PARTS = """## Europe

### United Kingdom

- [Python West Midlands](http://www.pywm.eu/) - UK

- [Python North East](http://groups.google.co.uk/group/python-north-east) - Python North East is a Python user group for the North East of UK covering areas from Northumberland, Tyne & Wear, Teesside to Yorkshire

### Sweden

- [SkanePy](http://groups.google.com/group/skanepy) Skåne Python User Group

### France

- [PySud](https://pysud.example.org/) - Python user group for the South of France

### Malta

- [PyMalta](https://pymalta.org) - a Python user group for the Maltese islands

### North Macedonia

- [Python North Macedonia](https://pymk.example.org/)

## USA

### California

- [SYPUG](http://sypug.blogspot.com/) - [SoCal](./SoCal.html) Youth Python User Group.

### Missouri

- [Southern Missouri Python Interest Group](http://www.somopig.org)

### Virginia

- [PyVA](https://pyva.example.org/) - Python users of Virginia and West Virginia
"""  # noqa: E501 (the wiki's North East entry, whole)


def test_regions_and_parts_of_a_country_or_state_are_not_the_whole(
    gazetteer: Inputs, tmp_path: Path, bare_data: Path
) -> None:
    files, text = _import_snippet(REGIONS_AND_PARTS, tmp_path, gazetteer)

    def place(rel: str) -> tuple[str, str | None]:
        return files[rel]["city"], files[rel].get("region")

    # Regions the gazetteer does not know, named by the entry or hidden in a name.
    assert place("gb/python-west-midlands.yaml") == ("Region-wide", "West Midlands")
    assert place("se/skanepy.yaml") == ("Region-wide", "Skåne")
    assert "se/skanepy.yaml (no city named; the entry names the region Skåne) |" in text
    # "the North East of UK" is a region of the country, not the country.
    assert place("gb/python-north-east.yaml") == ("Region-wide", "North East England")
    assert (
        "gb/python-north-east.yaml (no city named; the entry names the region "
        "North East England) |" in text
    )
    # The same for any country: a compass word before it names a part of it.
    assert place("fr/pysud.yaml") == ("Region-wide", "South of France")
    assert "fr/pysud.yaml (no city named; the entry names South of France, part of France) |" in (
        text
    )
    # A country named inside one word, and a country whose name has a compass word.
    assert place("mt/pymalta.yaml") == ("Nationwide", None)
    assert place("mk/python-north-macedonia.yaml") == ("Nationwide", None)
    # In the United States region is the state: the part of it becomes the city.
    assert place("us/sypug.yaml") == ("Southern California", "California")
    assert place("us/southern-missouri-python-interest-group.yaml") == (
        "Southern Missouri",
        "Missouri",
    )
    assert "(no city named; the entry names Southern Missouri, part of Missouri) |" in text
    # West Virginia is a state of its own, not a part of Virginia.
    assert place("us/pyva.yaml") == ("Statewide", "Virginia")
    assert all(f["city"] != "Unknown" for f in files.values())
    assert check_files(sorted(tmp_path.rglob("*.yaml")), bare_data) == []


NO_PLACE = """## Asia

### China

- [ZEUUX](http://www.zeuux.org) - ZEUUX is a free software community that has a Python user group.
"""


def test_an_entry_that_names_no_place_says_so(
    gazetteer: Inputs, tmp_path: Path, bare_data: Path
) -> None:
    files, text = _import_snippet(NO_PLACE, tmp_path, gazetteer)
    zeuux = files["cn/zeuux.yaml"]
    assert (zeuux["city"], zeuux.get("region"), zeuux.get("lat")) == (
        "Place not stated",
        None,
        None,
    )
    reason = (
        "no city or region in its name, text or addresses, and nothing says it covers all of "
        "China, so city: Place not stated; a person should look it up"
    )
    assert f"| cn/zeuux.yaml (place not resolved: {reason}) |" in text
    assert "| files whose place could not be resolved (city: Place not stated) | 1 |" in text
    assert "## Places not resolved\n" in text
    assert f"- `cn/zeuux.yaml`, line 5 of the page: {reason}\n" in text
    assert "Unknown" not in text
    assert check_files(sorted(tmp_path.rglob("*.yaml")), bare_data) == []


def test_no_imported_group_is_unknown_and_only_countries_are_nationwide(imported) -> None:
    _, out, _ = imported
    cities = {
        path.relative_to(out).as_posix(): re.search(
            r"^city: (.*)$", path.read_text(encoding="utf-8"), re.M
        )[1]
        for path in out.rglob("*.yaml")
    }
    assert "Unknown" not in cities.values()
    assert [rel for rel, city in cities.items() if city == "Place not stated"] == ["cn/zeuux.yaml"]
    assert cities["gb/python-north-east.yaml"] == "Region-wide"
    assert cities["us/socal-piggies.yaml"] == "Southern California"
    assert cities["mt/pymalta.yaml"] == "Nationwide"
    # Python North East and Python en català are regional; PyMalta and PyMoldova national.
    nationwide = {rel for rel, city in cities.items() if city == "Nationwide"}
    assert len(nationwide) == 73
    assert {"gb/python-north-east.yaml", "es/python-en-catala.yaml"}.isdisjoint(nationwide)
    assert {"mt/pymalta.yaml", "md/pymoldova.yaml"} <= nationwide
