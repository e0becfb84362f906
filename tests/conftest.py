"""Shared fixtures: Sphinx's testing fixtures, the repository's paths, a built site,
and a way to need a system tool (skip on a laptop without it, fail in CI)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
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


def sphinx_build(
    out: Path,
    builder: str = "html",
    *extra: str,
    root: Path = ROOT,
    src: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build the guide at *root* (the repository by default) with the strict flags
    ``nox -s docs`` uses; *src* is the source folder (default ``root/docs``), *env*
    what to add to the environment."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            str(root),
            "-W",
            "-n",
            "--keep-going",
            "-b",
            builder,
            *extra,
            str(src or root / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def need_tex() -> None:
    for tool in ("xelatex", "latexmk", "pdftotext", "pdfinfo"):
        need_tool(tool, "to build and read the PDF edition")


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; keeps pytest's output for failures."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None):  # type: ignore[no-untyped-def]
    """``http://127.0.0.1:<port>/`` serving *folder* (or answering with *handler*)."""
    make = handler or functools.partial(QuietFiles, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole guide built once as HTML, warning-free, for tests that read pages."""
    out = tmp_path_factory.mktemp("site")
    result = sphinx_build(out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


# -- contribute / quality gates (issue 8): the built site served to Chromium ----------


@pytest.fixture(scope="session")
def site_server(built_site: Path):  # type: ignore[no-untyped-def]
    """``http://127.0.0.1:<port>/`` serving the built site, for browser tests."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's headless Chromium through Playwright (skips, or fails under CI, without it)."""
    executable = need_tool("chromium", "for the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


# -- editions (issue 7): the project as a git repository of its own -------------------

#: git without the user's configuration, with fixed names and dates.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-10-05T12:00:00Z",
    "GIT_COMMITTER_DATE": "2026-10-05T12:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = (
        GIT_ENV
        if date is None
        else {**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    )
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def copy_project(dest: Path) -> Path:
    """The working tree (tracked and new files, not ignored ones) committed to a fresh
    repository at *dest*: builds there see one fixed commit while the checkout moves on."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


@pytest.fixture(scope="session")
def project_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the project as a one-commit git repository (see copy_project)."""
    return copy_project(tmp_path_factory.mktemp("project") / "pug-guide")


@pytest.fixture(scope="session")
def snapshot_site(project_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The snapshot built as HTML, warning-free: pages whose edition is known exactly."""
    from pugguide.editions import sphinx_build as build

    out = tmp_path_factory.mktemp("snapshot-site") / "html"
    build(project_repo, "html", out)
    return out


@pytest.fixture(scope="session")
def guide_pdf(
    project_repo: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    """The whole guide's PDF as released: a clone of the snapshot tagged 2026.11, built
    once the way `nox -s pdf` and the release workflow build it; and its LaTeX folder."""
    need_tex()
    from pugguide.editions import build_pdf

    where = tmp_path_factory.mktemp("pdf")
    tagged = where / "tagged"
    git(where, "clone", "-q", str(project_repo), str(tagged))
    git(tagged, "tag", "2026.11")
    pdf = build_pdf(tagged, where / "pdf", where / "latex")
    return pdf, where / "latex"


def form_data_dir(tmp: Path) -> Path:
    """A data folder with the real schemas and the one group that the shared form
    cases (tests/data/group-form-cases.yaml) are checked against."""
    import yaml

    cases = yaml.safe_load((ROOT / "tests" / "data" / "group-form-cases.yaml").read_bytes())
    data = tmp / "data"
    shutil.copytree(DATA / "schema", data / "schema")
    existing = data / "groups" / "fr" / "existing-group.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text(cases["existing"], encoding="utf-8")
    return data
