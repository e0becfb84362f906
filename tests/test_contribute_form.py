"""The "Add your group" form, driven in Chromium with the cases of
``tests/data/group-form-cases.yaml``: whatever the form produces, ``pugguide validate``
must judge the same way (accept it, or report the same field)."""

from __future__ import annotations

import datetime
import re
import shutil
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import form_data_dir

from pugguide import cli
from pugguide.groups import load_groups
from pugguide.groups.exports import to_json
from pugguide.groups.records import make_record
from pugguide.validate import validate

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from pugguide.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "data" / "group-form-cases.yaml"
TABLE = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CASES = TABLE["cases"]
FORM_PAGE = "contribute/add-your-group.html"

pytestmark = pytest.mark.browser


def case_fields(case: dict[str, Any]) -> dict[str, Any]:
    fields = {**TABLE["base"], **case["fields"]}
    return {k: v for k, v in fields.items() if v is not None}


def validator_fields(problems: list[Problem]) -> set[str]:
    """The fields the validator's problems are about, named as the form names them."""
    fields = set()
    for p in problems:
        if m := re.match(r"missing required key '([^']+)'(?: in (\S+))?", p.message):
            fields.add(f"{m[2]}.{m[1]}" if m[2] else m[1])
        elif not p.field and ("slug" in p.message or "file name" in p.message):
            fields.add("slug")
        elif not p.field and p.message.startswith("folder "):
            fields.add("country")  # the folder comes from the country
        else:
            fields.add(p.field)
    return fields


def directory_export(data_dir: Path) -> str:
    """``groups.json`` for *data_dir*, made by the directory's own export code."""
    groups, problems = load_groups(data_dir)
    assert not problems
    today = datetime.date.today()
    records = [
        make_record(g, today=today, relpath=f"data/groups/{g.folder}/{g.slug}.yaml", edit="")
        for g in groups
    ]
    return to_json(records, today.isoformat())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return form_data_dir(tmp_path_factory.mktemp("form"))


@pytest.fixture
def form(chromium: Browser, site_server: str, data_dir: Path) -> Page:
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The directory the cases run against, as the build exports it.
    index = directory_export(data_dir)
    page.route(
        "**/directory/groups.json",
        lambda route: route.fulfill(status=200, content_type="application/json", body=index),
    )
    page.goto(site_server + FORM_PAGE)
    page.wait_for_selector(".pg-addgroup[data-ready='true'][data-index='loaded']", timeout=10_000)
    page.evaluate("document.querySelector('.pg-links').open = true")
    yield page
    page.close()
    assert not errors, errors


def fill(page: Page, fields: dict[str, Any]) -> None:
    if "slug" in fields:  # typed after the name, as a person would correct it
        fields = {k: v for k, v in fields.items() if k != "slug"} | {"slug": fields["slug"]}
    for name, value in fields.items():
        if name == "formats":
            for fmt in value:
                page.check(f"[data-format][value='{fmt}']")
        elif name == "frequency":
            page.select_option("#pg-frequency", value)
        else:
            page.fill(f"#pg-{name}", str(value))


def form_result(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
        const root = document.querySelector('.pg-addgroup');
        return {
          yaml: root.querySelector('.pg-yaml code').textContent,
          path: root.querySelector('.pg-path code').textContent,
          fields: [...root.querySelectorAll('.pg-problems li')].map(li => li.dataset.field),
          messages: [...root.querySelectorAll('.pg-problems li')].map(li => li.textContent),
          href: root.querySelector('.pg-github').getAttribute('href'),
          disabled: root.querySelector('.pg-github').getAttribute('aria-disabled'),
        };
    }"""
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_form_and_validator_agree(
    case: dict[str, Any], form: Page, data_dir: Path, tmp_path: Path
) -> None:
    fill(form, case_fields(case))
    result = form_result(form)

    # Put the file where the form says it goes, next to the existing group, and validate.
    target = tmp_path / result["path"]
    shutil.copytree(data_dir, tmp_path / "data")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result["yaml"], encoding="utf-8")
    problems = [p for p in validate([tmp_path / "data"], tmp_path / "data") if p.path == target]
    # ...and as CI does: the whole directory, so the cross-file rules see every group.
    status = cli.main(["--data-dir", str(tmp_path / "data"), "validate"])

    form_fields = set(result["fields"])
    expected = case.get("error")
    if expected is None:
        assert result["fields"] == [], result["messages"]
        assert problems == [], [p.format() for p in problems]
        assert status == 0
        assert result["disabled"] == "false"
    else:
        assert expected in form_fields, result["messages"]
        assert expected in validator_fields(problems), [p.format() for p in problems]
        assert status == 1
        assert result["disabled"] == "true" and result["href"] is None
    # Not only the expected field: both flag exactly the same fields.
    assert form_fields == validator_fields(problems), (
        result["messages"],
        [p.format() for p in problems],
    )


def test_form_links_to_github_new_file_page_with_the_file(form: Page, site_server: str) -> None:
    fill(form, {**TABLE["base"], "name": "PyData Zürich", "country": "CH", "city": "Zürich"})
    result = form_result(form)
    href = urllib.parse.urlsplit(result["href"])
    query = urllib.parse.parse_qs(href.query)
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    repository = re.search(r'^repository_url = "([^"]+)"', conf, re.M)[1]  # type: ignore[index]
    branch = re.search(r'^repository_branch = "([^"]+)"', conf, re.M)[1]  # type: ignore[index]
    assert f"{href.scheme}://{href.netloc}{href.path}" == (
        f"{repository}/new/{branch}/data/groups/ch"
    )
    assert query["filename"] == ["pydata-zurich.yaml"]
    assert query["value"] == [result["yaml"]]
    assert "name: PyData Zürich" in result["yaml"]
    assert result["yaml"].startswith("# yaml-language-server: $schema=../../schema/")


def test_form_marks_the_field_once_left(form: Page) -> None:
    form.fill("#pg-url", "not a web address")
    assert form.get_attribute("#pg-url", "aria-invalid") is None  # not while typing
    form.locator("#pg-url").blur()
    assert form.get_attribute("#pg-url", "aria-invalid") == "true"
    assert "http" in form.inner_text("#pg-url-error")
    form.fill("#pg-url", "https://fixed.example.org")
    assert form.get_attribute("#pg-url", "aria-invalid") is None


def test_cases_table_is_sound() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    long_name = next(c for c in CASES if c["id"] == "name-too-long")["fields"]["name"]
    assert len(long_name) == 121  # one over the schema's maxLength of 120
    assert sum("error" in c for c in CASES) >= 20
