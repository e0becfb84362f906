"""Shared fixtures: Sphinx's testing fixtures, the repository's paths, a built site,
and a way to need a system tool (skip on a laptop without it, fail in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOT / "tests" / "roots"


def need_tool(name: str, why: str) -> str:
    """The path of system tool *name*; skip if missing, but fail under CI.

    CI installs every tool (see .ci/run), so a skip there would hide a gap.
    """
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed; it is needed {why} (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def sphinx_build(out: Path, builder: str = "html", *extra: str) -> subprocess.CompletedProcess[str]:
    """Build the real guide with the strict flags ``nox -s docs`` uses."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(ROOT),
            "-W",
            "-n",
            "--keep-going",
            "-b",
            builder,
            *extra,
            str(ROOT / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole guide built once as HTML, warning-free, for tests that read pages."""
    out = tmp_path_factory.mktemp("site")
    result = sphinx_build(out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out
