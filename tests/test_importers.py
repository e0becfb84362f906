"""``pugguide import``: both sources from the committed snapshots, merged; the committed
data is exactly what the import gives, and the importers are pure data code."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pugguide.cli import build_parser, importcmd, main
from pugguide.groups import check_files
from pugguide.groups.geo import Gazetteer
from pugguide.importers.report import report
from pugguide.importers.run import Inputs, Result, import_sources
from pugguide.importers.write import edited

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    return Inputs(Gazetteer(), today=TODAY)


@pytest.fixture(scope="module")
def both(inputs: Inputs, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("both") / "groups"
    return out, import_sources(out, DATA, inputs=inputs)


def test_reimport_changes_nothing(both: tuple[Path, Result]) -> None:
    """The committed data/groups and report are the import of the committed snapshots."""
    out, result = both
    produced = {p.relative_to(out).as_posix() for p in out.rglob("*.yaml")}
    committed = {
        p.relative_to(DATA / "groups").as_posix(): p for p in (DATA / "groups").rglob("*.yaml")
    }
    imported = {rel for rel, p in committed.items() if not edited(p.read_text(encoding="utf-8"))}
    assert imported <= produced  # no imported file that the import no longer gives
    for rel in sorted(produced):
        if rel in committed and rel in imported:
            assert committed[rel].read_bytes() == (out / rel).read_bytes(), rel
        else:
            assert rel in committed, f"{rel} is produced but not committed"
    assert (DATA / "import-report.md").read_text(encoding="utf-8") == report(result)


def test_figures(both: tuple[Path, Result], tmp_path: Path) -> None:
    out, result = both
    assert [run.source.id for run in result.runs] == ["wiki", "pyladies"]
    wiki_run, pyladies_run = result.runs
    assert (wiki_run.entries, pyladies_run.entries) == (378, 142)
    # Every chapter has exactly one outcome, and a chapter that is a group is a file.
    assert sorted(o.line for o in pyladies_run.outcomes) == sorted(
        {o.line for o in pyladies_run.outcomes}
    )
    assert len(pyladies_run.outcomes) == 142
    statuses = Counter(o.status for o in pyladies_run.outcomes)
    assert statuses["written"] + statuses["merged"] >= 100
    assert all(o.detail for o in pyladies_run.outcomes if o.status != "written")
    assert len(result.written) >= 450
    files = sorted(out.rglob("*.yaml"))
    assert len(files) == len(result.written)
    bare = tmp_path / "data"
    bare.mkdir()
    (bare / "schema").symlink_to(DATA / "schema", target_is_directory=True)
    assert check_files(files, bare) == []


def test_groups_in_both_sources_are_one_file(both: tuple[Path, Result]) -> None:
    out, result = both
    merged = {o.label: o for o in result.runs[1].outcomes if o.status == "merged"}
    # Same address, same meetup-or-name rule, same name and place.
    assert merged["Amsterdam, the Netherlands"].path == "nl/pyladies-amsterdam-chapter.yaml"
    assert "same address" in merged["Amsterdam, the Netherlands"].detail
    assert "same name" in merged["Bangalore, India"].detail
    assert merged["Los Angeles, CA"].path == "us/pyladies-los-angeles.yaml"
    text = (out / "nl" / "pyladies-amsterdam-chapter.yaml").read_text(encoding="utf-8")
    assert (
        "\nsource: Python wiki (2026-02-25) and PyLadies chapter list (2026-06-27); "
        "not yet confirmed by a person\n" in text
    )
    assert "\nlast_verified: 2026-06-27\n" in text
    assert text.splitlines()[1].startswith("# Imported by pugguide import from wiki, pyladies (")
    # The report says which entry each merged chapter joined.
    assert "| 5 | Amsterdam, the Netherlands | merged | the same group as wiki line 642" in (
        report(result)
    )


def test_no_names_of_people(both: tuple[Path, Result]) -> None:
    """Organizers are named in the PyLadies list; no file carries their names or mail."""
    out, _ = both
    source = (DATA / "sources" / "pyladies-chapters.yml").read_text(encoding="utf-8")
    organizers = {
        line.split(":", 1)[1].strip()
        for line in source.splitlines()
        if line.strip().startswith("organizer:")
    }
    # People's names, not the chapter's own name or handle ("PyLadies Tunis", PyLadiesATX).
    organizers = {o for o in organizers if " " in o and "pyladies" not in o.lower()}
    assert organizers
    text = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.yaml"))
    assert not [o for o in organizers if o in text]
    assert "@gmail.com" not in text
    assert "contact:" not in text


def test_pyladies_places(both: tuple[Path, Result]) -> None:
    out, _ = both

    def fields(rel: str) -> dict[str, str]:
        lines = (out / rel).read_text(encoding="utf-8").splitlines()
        return dict(line.strip().split(": ", 1) for line in lines if ": " in line)

    ny = fields("us/pyladies-new-york.yaml")
    assert (ny["city"], ny["region"]) == ("New York City", "New York")  # "New York, NY"
    assert fields("br/pyladies-lavras.yaml")["region"] == "Minas Gerais"  # MG, not Madagascar
    assert fields("ba/pyladies-doboj.yaml")["country"] == "BA"  # "BiH", from its position
    assert fields("et/pyladies-addis-ababa.yaml")["city"] == "Addis Ababa"  # "Ethiopia, Addis…"
    assert fields("au/pyladies-australia.yaml")["city"] == "Nationwide"
    assert fields("online/pyladies-remote-chapter.yaml")["country"] == "online"  # a fix
    # "Maputo, Mozambique" has a position in another country: the name wins, no position.
    maputo = fields("mz/pyladies-maputo.yaml")
    assert "lat" not in maputo
    # A short website is the chapter's page on pyladies.com.
    assert fields("tr/pyladies-ankara.yaml")["url"] == "https://www.pyladies.com/locations/ankara/"


def test_command_line_imports_every_source(
    inputs: Inputs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, rep = tmp_path / "groups", tmp_path / "report.md"
    args = build_parser().parse_args(["import", "--out", str(out), "--report", str(rep)])
    assert importcmd.run(args, DATA, inputs=inputs) == 0
    assert "520 entries" in capsys.readouterr().out
    assert rep.read_text(encoding="utf-8") == (DATA / "import-report.md").read_text("utf-8")
    # One source alone leaves the other's files alone.
    args = build_parser().parse_args(
        ["import", "pyladies", "--out", str(out), "--report", str(rep)]
    )
    assert importcmd.run(args, DATA, inputs=inputs) == 0
    line = capsys.readouterr().out
    assert "0 old files removed" in line
    assert (out / "us" / "pyhawaii.yaml").is_file()


def test_command_line_refuses_unknown_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(DATA), "import", "nosuch"]) == 2
    assert "unknown source nosuch; choose from wiki, pyladies" in capsys.readouterr().err
    assert main(["--data-dir", str(DATA), "import", "--file", "x.md"]) == 2
    assert "--file needs exactly one SOURCE" in capsys.readouterr().err


def test_importers_and_cli_import_no_sphinx() -> None:
    code = (
        "import pkgutil, importlib, sys, pugguide.importers as p, pugguide.cli as c\n"
        "for pkg in (p, c):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "import pugguide.groups.slugs, pugguide.groups.yamlwrite, pugguide.groups.newgroup\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils'))\n"
        "print(bad)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"
