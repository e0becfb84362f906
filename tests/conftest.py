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


# -- contribute / quality gates (issue 8): the built site served to Chromium ----------


@pytest.fixture(scope="session")
def site_server(built_site: Path):  # type: ignore[no-untyped-def]
    """``http://127.0.0.1:<port>/`` serving the built site, for browser tests."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest's output for failures

    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


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
