"""``pugguide new-group``: a valid file in the right folder, or nothing written."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import form_data_dir

from pugguide import cli
from pugguide.validate import validate

ROOT = Path(__file__).resolve().parent.parent
TABLE = yaml.safe_load((ROOT / "tests" / "data" / "group-form-cases.yaml").read_text("utf-8"))
TODAY = "2026-03-14"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return form_data_dir(tmp_path)


def run(data_dir: Path, *args: str) -> int:
    return cli.main(
        ["--data-dir", str(data_dir), "new-group", "--no-input", "--today", TODAY, *args]
    )


def options(fields: dict[str, Any]) -> list[str]:
    """The form's fields from the shared cases, as new-group options."""
    args: list[str] = []
    for name, value in fields.items():
        if value is None:
            continue
        if name == "languages":
            for code in str(value).replace(",", " ").split():
                args += ["--language", code]
        elif name == "formats":
            for fmt in value:
                args += ["--format", fmt]
        elif name.startswith("link-"):
            args += ["--link", f"{name[5:]}={value}"]
        else:
            args += [f"--{name}", str(value)]
    return args


def test_creates_a_valid_file_in_the_country_folder(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(
        data_dir,
        "--name",
        "PyData Zürich",
        "--city",
        "Zürich",
        "--country",
        "ch",
        "--url",
        "https://pydata.example.ch",
        "--language",
        "de",
        "--language",
        "en",
    )
    assert status == 0, capsys.readouterr().err
    path = data_dir / "groups" / "ch" / "pydata-zurich.yaml"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/group.schema.json\n")
    data = yaml.safe_load(text)
    assert data["country"] == "CH"
    assert str(data["last_verified"]) == TODAY
    assert data["languages"] == ["de", "en"]
    assert validate([data_dir], data_dir) == []
    out = capsys.readouterr().out
    assert "Created data/groups/ch/pydata-zurich.yaml" in out or str(path) in out
    # The page it sends people to exists.
    for page in re.findall(r"docs/\S+?\.md", out):
        assert (ROOT / page).is_file(), page


def test_today_is_the_default_date(data_dir: Path) -> None:
    assert (
        cli.main(
            [
                "--data-dir",
                str(data_dir),
                "new-group",
                "--no-input",
                "--name",
                "Py A",
                "--city",
                "A",
                "--country",
                "DE",
                "--url",
                "https://a.example.org",
            ]
        )
        == 0
    )
    data = yaml.safe_load((data_dir / "groups" / "de" / "py-a.yaml").read_text("utf-8"))
    assert str(data["last_verified"]) == datetime.date.today().isoformat()


def test_online_groups_go_in_the_online_folder(data_dir: Path) -> None:
    assert (
        run(
            data_dir,
            "--name",
            "Remote Py",
            "--city",
            "Online",
            "--country",
            "online",
            "--url",
            "https://remote.example.org",
        )
        == 0
    )
    assert (data_dir / "groups" / "online" / "remote-py.yaml").is_file()


def test_never_overwrites(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (data_dir / "groups" / "fr" / "existing-group.yaml").read_text("utf-8")
    status = run(
        data_dir,
        "--name",
        "Existing Group",
        "--slug",
        "existing-group",
        "--city",
        "Lyon",
        "--country",
        "FR",
        "--url",
        "https://other.example.org",
    )
    assert status == 1
    assert "already exists" in capsys.readouterr().err
    assert (data_dir / "groups" / "fr" / "existing-group.yaml").read_text("utf-8") == before


def test_bad_details_write_nothing_and_say_where(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(
        data_dir, "--name", "Py B", "--city", "B", "--country", "UK", "--url", "ftp://b.example.org"
    )
    err = capsys.readouterr().err
    assert status == 1
    assert not (data_dir / "groups" / "uk").exists()
    assert "did you mean" in err and "GB" in err
    assert "py-b.yaml:5:6: error: url" in err  # the line the url would be on
    assert "Nothing was written" in err


def test_missing_details_without_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "--name", "Py C") == 2
    assert "--city" in capsys.readouterr().err


def test_prompts_for_what_is_missing(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(
        ["Python Prompted", "de", "Bonn", "https://prompted.example.org", "", "en", "monthly", ""]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert cli.main(["--data-dir", str(data_dir), "new-group", "--ask"]) == 0
    data = yaml.safe_load((data_dir / "groups" / "de" / "python-prompted.yaml").read_text("utf-8"))
    assert data["city"] == "Bonn" and data["frequency"] == "monthly"


def test_asks_again_for_a_wrong_answer(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(
        ["Python Retry", "de", "Bonn", "not-a-url", "", "", "", "", "https://retry.example.org"]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert cli.main(["--data-dir", str(data_dir), "new-group", "--ask"]) == 0
    data = yaml.safe_load((data_dir / "groups" / "de" / "python-retry.yaml").read_text("utf-8"))
    assert data["url"] == "https://retry.example.org"


CASES = [c for c in TABLE["cases"] if c.get("cli", True)]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_new_group_agrees_with_the_shared_cases(case: dict[str, Any], data_dir: Path) -> None:
    """The same inputs as the browser form: accepted exactly when the form accepts them."""
    fields = {**TABLE["base"], **case["fields"]}
    status = cli.main(["--data-dir", str(data_dir), "new-group", "--no-input", *options(fields)])
    written = [p for p in (data_dir / "groups").rglob("*.yaml") if p.stem != "existing-group"]
    if "error" in case:
        assert status != 0
        assert written == []
    else:
        assert status == 0
        assert len(written) == 1
        assert validate([data_dir], data_dir) == []


def test_template_in_the_docs_is_a_valid_group(data_dir: Path) -> None:
    template = ROOT / "docs" / "contribute" / "group-template.yaml"
    text = template.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/group.schema.json")
    target = data_dir / "groups" / "be" / "python-ghent.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    assert [p.format() for p in validate([data_dir], data_dir)] == []
    # Every key the schema knows is shown, so the template teaches the whole format.
    import json

    schema = json.loads((ROOT / "data" / "schema" / "group.schema.json").read_text("utf-8"))
    shown = set(yaml.safe_load(text))
    # status, its returns date and source describe a group's state, not a new one.
    assert set(schema["properties"]) - shown <= {"status", "returns", "source"}


def test_stale_lists_old_active_groups_for_the_monthly_issue(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # existing-group was verified 2025-06-01: stale a year later, fresh before.
    args = ["--data-dir", str(data_dir), "stale", "--format", "markdown"]
    assert cli.main([*args, "--today", "2026-03-01"]) == 0
    assert capsys.readouterr().out == ""  # nothing to report: the workflow closes the issue
    assert cli.main([*args, "--today", "2026-07-01"]) == 0
    out = capsys.readouterr().out
    assert "| `data/groups/fr/existing-group.yaml` | Existing Python Group (Lyon, France) |" in out
    assert "2025-06-01" in out
