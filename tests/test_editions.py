"""Editions, the fast part: the version from git tags, the CI fallbacks, the split of
text into scripts for the PDF, and what every web page says about its edition."""

from __future__ import annotations

import re
import subprocess
from typing import TYPE_CHECKING

import pytest
from conftest import git, need_tool

from pugguide.edition import UNKNOWN, detect_edition, version_key
from pugguide.scripts import SCRIPTS, script_runs

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "conf.py").write_text("project = 'x'\n")
    git(tmp_path, "add", "conf.py")
    git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def commit(repo: Path, name: str) -> None:
    (repo / name).write_text(name)
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", name)


def test_an_untagged_checkout_is_a_draft_named_by_its_commit(repo: Path) -> None:
    edition = detect_edition(repo, environ={})
    head = git(repo, "rev-parse", "--short=7", "HEAD")
    assert (edition.version, edition.release) == (UNKNOWN, f"{UNKNOWN}-g{head}")
    assert not edition.tagged
    assert edition.date == "2026-10-05"  # the commit's date, not today's


def test_the_tag_names_the_edition_and_later_commits_say_how_far_past_it(repo: Path) -> None:
    git(repo, "tag", "2026.10")
    edition = detect_edition(repo, environ={})
    assert (edition.version, edition.release, edition.tagged) == ("2026.10", "2026.10", True)
    assert edition.basename == "pug-guide-2026.10"

    commit(repo, "more")
    git(repo, "tag", "v9.9")  # not a calendar version: ignored
    edition = detect_edition(repo, environ={})
    assert edition.version == "2026.10"
    assert re.fullmatch(r"2026\.10-1-g[0-9a-f]{7,}", edition.release), edition.release
    assert not edition.tagged


def test_the_newest_edition_tag_wins(repo: Path) -> None:
    git(repo, "tag", "2026.9")
    commit(repo, "fix")
    git(repo, "tag", "2026.10.1")
    assert detect_edition(repo, environ={}).release == "2026.10.1"
    assert sorted(["2026.10", "2026.9", "2026.10.1"], key=version_key) == [
        "2026.9",
        "2026.10",
        "2026.10.1",
    ]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"READTHEDOCS_VERSION_TYPE": "tag", "READTHEDOCS_VERSION_NAME": "2026.11"}, "2026.11"),
        ({"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "2026.11"}, "2026.11"),
        ({"GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "2026.11"}, UNKNOWN),
        ({"READTHEDOCS_VERSION_TYPE": "tag", "READTHEDOCS_VERSION_NAME": "latest"}, UNKNOWN),
    ],
)
def test_a_shallow_clone_without_tags_trusts_the_ci_only_for_tag_builds(
    tmp_path: Path, environ: dict[str, str], expected: str
) -> None:
    # Not a git repository at all: like a tarball, or a clone that lost its tags.
    (tmp_path / "conf.py").write_text("")
    environ = {**environ, "SOURCE_DATE_EPOCH": "1793000000"}
    edition = detect_edition(tmp_path, environ=environ)
    assert edition.version == expected
    assert edition.timestamp == 1793000000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zürich Pythonistas, Київ, Αθήνα, Hà Nội",
            [(None, "Zürich Pythonistas, Київ, Αθήνα, Hà Nội")],
        ),
        ("PyData القاهرة الكبرى!", [(None, "PyData "), ("arab", "القاهرة الكبرى"), (None, "!")]),
        ("פייתון ישראל", [("hebr", "פייתון ישראל")]),
        (
            "Python 東京 ユーザー会",
            [(None, "Python "), ("hans", "東京"), (None, " "), ("jpan", "ユーザー会")],
        ),
        ("서울 파이썬 (Seoul)", [("kore", "서울 파이썬"), (None, " (Seoul)")]),
        ("पायथन दिल्ली", [("deva", "पायथन दिल्ली")]),
        ("กรุงเทพ Python", [("thai", "กรุงเทพ"), (None, " Python")]),
    ],
)
def test_text_splits_into_runs_by_script(
    text: str,
    expected: list[tuple[str | None, str]],
) -> None:
    assert script_runs(text) == expected
    assert "".join(run for _, run in script_runs(text)) == text


def test_every_script_font_is_installed() -> None:
    # A misspelt or missing font would only warn in LaTeX and print empty boxes.
    fc_list = need_tool("fc-list", "to list the installed fonts")
    installed = subprocess.run(
        [fc_list, ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    families = {name for line in installed.splitlines() for name in line.split(",")}
    missing = {s.font for s in SCRIPTS.values()} - families
    assert missing == set(), "install fonts-noto-core, fonts-noto-cjk (see .ci/run)"
    assert {s.kind for s in SCRIPTS.values()} == {"plain", "rtl", "cjk"}


def test_every_page_names_its_edition_and_date(
    snapshot_site: Path,
    project_repo: Path,
) -> None:
    built_site = snapshot_site
    edition = detect_edition(project_repo)
    release, today = edition.release, edition.date
    assert release.startswith("unreleased-g")  # the snapshot has no edition tag
    for page in ("index.html", "how-to/promote.html", "checklists/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        box = html[html.index('<div class="pug-edition"') :]
        box = box[: box.index("</div>")]
        assert f'data-pug-release="{release}"' in box, page
        assert f"({today})" in box, page
        assert f'data-pug-page="{page}"' in box, page
        # Also in the footer, which a phone shows without opening the menu.
        commit = release.removeprefix("unreleased-g")
        assert f"Draft at commit {commit} ({today})" in html, page
    # The switcher script ships with the site and is loaded by the pages.
    assert (built_site / "_static" / "editions.js").is_file()
    assert "_static/editions.js" in (built_site / "index.html").read_text(encoding="utf-8")


def test_a_pdf_build_names_each_undefined_reference() -> None:
    """What build_pdf prints when a reference points nowhere: LaTeX's own lines."""
    from pugguide.editions import UNDEFINED_REF

    log = (
        "Overfull \\hbox\n"
        "LaTeX Warning: Hyper reference `guide:intro' on page 3 undefined on input line 5.\n"
        "LaTeX Warning: Reference `fig:map' on page 4 undefined on input line 9.\n"
    )
    assert UNDEFINED_REF.findall(log) == [
        "LaTeX Warning: Hyper reference `guide:intro' on page 3 undefined",
        "LaTeX Warning: Reference `fig:map' on page 4 undefined",
    ]
