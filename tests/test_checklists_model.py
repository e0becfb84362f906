"""The checklist data layer, without Sphinx: the real checklists, and bad files.

Every file in ``tests/data/checklists/bad/`` starts with ``# expect: LINE: MESSAGE``:
the one problem it must produce, at that line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pugguide.checklists.model import (
    check_files,
    checklist_files,
    load_files,
    page_labels,
    unknown_labels,
)
from pugguide.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BAD = Path(__file__).parent / "data" / "checklists" / "bad"
#: Other pages link to these checklists' labels; each must exist.
PLANNED = {
    "before-you-start",
    "first-meeting",
    "every-meeting",
    "promotion",
    "venue",
    "in-house-approval",
    "sustainable-community",
    "yearly-review",
    "handover",
}
#: What the unknown-see case checks against (the CLI finds these in docs/).
LABELS = {"howto-find-a-venue", "howto-promote"}


def test_the_guide_ships_every_planned_checklist_and_all_are_valid() -> None:
    files = checklist_files(DATA)
    checklists, problems = load_files(files, DATA)
    assert problems == []
    assert set(checklists) >= PLANNED
    for checklist in checklists.values():
        assert checklist.title and checklist.summary
        assert 5 <= len(checklist.items) <= 25, checklist.id
        assert all(item.text for item in checklist.items)
    # Index order is the order of a group's life, not the alphabet.
    order = list(checklists)
    assert order.index("before-you-start") < order.index("first-meeting") < order.index("handover")


def test_every_see_in_the_guide_names_a_page_label() -> None:
    checklists, _ = load_files(checklist_files(DATA), DATA)
    known = page_labels(ROOT / "docs") | {c.label for c in checklists.values()}
    assert unknown_labels(checklists.values(), known) == []
    linked = sum(1 for c in checklists.values() for item in c.items if item.see)
    assert linked >= 40  # most items point at the page that explains them


def test_check_files_on_the_real_data_finds_nothing() -> None:
    assert check_files(checklist_files(DATA), DATA) == []


def _expected(path: Path) -> tuple[int, str]:
    match = re.match(r"# expect: (\d+): (.*)$", path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} lacks its '# expect: LINE: MESSAGE' first line"
    return int(match[1]), match[2]


BAD_FILES = sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_file_is_reported_at_its_line(path: Path) -> None:
    line, message = _expected(path)
    checklists, problems = load_files([path], DATA)
    problems += unknown_labels(checklists.values(), LABELS)
    assert len(problems) == 1, [p.format() for p in problems]
    [problem] = problems
    assert problem.path == path
    assert problem.line == line
    assert message in problem.message
    # A file with a problem never becomes half a checklist, except a dangling link,
    # which only Sphinx can confirm and which renders as plain text meanwhile.
    assert (path.stem in checklists) == (problem.subtype == "reference")


def test_every_bad_case_is_distinct() -> None:
    messages = [_expected(p)[1] for p in BAD_FILES]
    assert len(set(messages)) == len(messages) >= 10


def test_cli_reports_the_same_problems_with_labels_from_the_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A repository in miniature: data/ with the real schema, docs/ with one label.
    data = tmp_path / "data"
    shutil.copytree(DATA / "schema", data / "schema")
    (data / "checklists").mkdir()
    for name in ("unknown-see.yaml", "duplicate-id.yaml"):
        shutil.copy(BAD / name, data / "checklists" / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "venue.md").write_text("(howto-find-a-venue)=\n# Venues\n")

    status = main(["--data-dir", str(data), "validate", str(data / "checklists")])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert len(out) == 2
    assert re.search(r"duplicate-id\.yaml:9:\d+: error: duplicate item id 'book-room'", out[0])
    assert re.search(
        r"unknown-see\.yaml:7:\d+: error: item 'venue': see: no guide section is labelled "
        r"'howto-find-a-venu'; did you mean 'howto-find-a-venue'\?",
        out[1],
    )


def test_cli_accepts_the_real_checklists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(DATA), "validate", str(DATA / "checklists")]) == 0
    assert capsys.readouterr().out == ""


def test_labels_are_found_in_myst_and_rst_pages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("(first-label)=\n# A\n\n(second)=\n\ntext (not-a-label)= x\n")
    (tmp_path / "b.rst").write_text(".. _rst-label:\n\nB\n=\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "c.md").write_text("(ignored)=\n")
    assert page_labels(tmp_path) == {"first-label", "second", "rst-label"}
