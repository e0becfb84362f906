"""``pugguide validate`` on group files: exit status, one line per problem, GitHub form."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pugguide.cli import main

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BAD = Path(__file__).parent / "data" / "bad" / "groups"
GOOD = Path(__file__).parent / "data" / "good" / "groups"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["--data-dir", str(DATA), "validate", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_good_folder_passes_silently(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(GOOD)) == (0, [], "")


def test_the_real_directory_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, str(DATA / "groups"))
    assert (status, lines) == (0, [])


def test_bad_files_one_line_each_with_location(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, lines, err = run(
        capsys, str(BAD / "de" / "html-in-name.yaml"), str(BAD / "de" / "javascript-url.yaml")
    )
    assert status == 1
    assert lines == [
        "tests/data/bad/groups/de/html-in-name.yaml:2:7: error: name contains HTML "
        "('<script>alert(1)</script>'); write plain text (& and < followed by a space are fine)",
        "tests/data/bad/groups/de/javascript-url.yaml:5:6: error: url: 'javascript:alert(1)' "
        "is not valid (an http:// or https:// address)",
    ]
    assert err == "2 problems in 2 files\n"


def test_whole_bad_folder_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, str(BAD))
    assert status == 1
    files = {line.split(":", 1)[0] for line in lines}
    assert len(files) == len(list(BAD.rglob("*.yaml")))
    assert all(": error: " in line for line in lines)


def test_github_annotations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, lines, _ = run(capsys, "--format", "github", str(BAD / "de" / "javascript-url.yaml"))
    assert status == 1
    assert lines == [
        "::error file=tests/data/bad/groups/de/javascript-url.yaml,line=5,col=6::"
        "url: 'javascript:alert(1)' is not valid (an http:// or https:// address)"
    ]


def test_file_level_problem_annotates_line_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _, lines, _ = run(capsys, "--format", "github", str(BAD / "de" / "empty.yaml"))
    assert lines == ["::error file=tests/data/bad/groups/de/empty.yaml,line=1,col=1::file is empty"]


def test_a_file_anywhere_is_checked_as_a_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "try" / "groups" / "de" / "python-users-berlin.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(GOOD / "de" / "python-users-berlin.yaml", target)
    assert run(capsys, str(target))[0] == 0
    target.write_text(
        target.read_text(encoding="utf-8").replace("country: DE", "country: FR"), encoding="utf-8"
    )
    status, lines, _ = run(capsys, str(tmp_path / "try"))
    assert status == 1
    assert lines[0].endswith(
        "error: country is 'FR' but the file is in the folder 'de'; move it to groups/fr/ "
        "or fix the code"
    )


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, lines, _ = run(capsys, str(tmp_path / "nope.yaml"))
    assert status == 1
    assert lines == [f"{tmp_path / 'nope.yaml'}:0:0: error: no such file or folder"]


def test_no_traceback_from_the_command_line(tmp_path: Path) -> None:
    # The console script, end to end, on the nastiest files we have.
    result = subprocess.run(
        [sys.executable, "-m", "pugguide", "--data-dir", str(DATA), "validate", str(BAD)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip().endswith(f"in {len(list(BAD.rglob('*.yaml')))} files")
