"""Editions side by side: a repository with two edition tags, built by
``python -m pugguide.editions editions`` (what ``nox -s editions`` runs), gives one
folder per edition, ``versions.json``, and a switcher that keeps the reader's page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import copy_project, git

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

NEW_PAGE = "reference/only-in-2026-11"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Editions 2026.10 and 2026.11 of a snapshot of the project, built side by side.
    2026.11 adds a page and a sentence to the promotion page."""
    work = tmp_path_factory.mktemp("editions")
    repo = copy_project(work / "repo")  # committed on 2026-10-05
    git(repo, "tag", "2026.10")
    (repo / "docs" / f"{NEW_PAGE}.md").write_text(
        "---\norphan: true\n---\n\n# Only in the newer edition\n\nAdded after 2026.10.\n",
        encoding="utf-8",
    )
    with (repo / "docs/how-to/promote.md").open("a", encoding="utf-8") as page:
        page.write("\n\nA sentence first published in edition 2026.11.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Changes for 2026.11", date="2026-11-02T12:00:00Z")
    git(repo, "tag", "2026.11")
    git(repo, "tag", "not-an-edition")

    out = work / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pugguide.editions",
            "editions",
            "--root",
            str(repo),
            "--out",
            str(out),
            "--formats",
            "html",
        ],
        env={**os.environ, "PYTHONPATH": str(repo / "_ext")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    # The temporary worktrees are gone again.
    assert git(repo, "worktree", "list").count("\n") == 0
    return out


def edition_box(html: str) -> dict[str, str]:
    box = html[html.index('<div class="pug-edition"') :]
    box = box[: box.index("</div>")]
    return dict(re.findall(r'data-pug-(\w+)="([^"]*)"', box)) | {"html": box}


def switch_target(site: Path, edition: str, page: str, other: str) -> Path:
    """Where editions.js sends a reader of *page* in *edition* who picks *other*:
    the same page there when it exists, else that edition's home page."""
    box = edition_box((site / edition / page).read_text(encoding="utf-8"))
    root = (site / edition / page).parent / box["root"] / ".."
    same = (root / other / box["page"]).resolve()
    return same if same.is_file() else (root / other / "index.html").resolve()


def test_versions_json_lists_every_edition_newest_first(editions: Path) -> None:
    index = json.loads((editions / "versions.json").read_text(encoding="utf-8"))
    assert index["latest"] == "2026.11"
    assert [(e["version"], e["date"], e["url"]) for e in index["editions"]] == [
        ("2026.11", "2026-11-02", "2026.11/"),
        ("2026.10", "2026-10-05", "2026.10/"),
    ]
    for entry in index["editions"]:
        assert (editions / entry["url"] / "index.html").is_file()
    redirect = (editions / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=2026.11/index.html"' in redirect


def test_each_edition_is_built_from_its_own_tag(editions: Path) -> None:
    old = (editions / "2026.10/how-to/promote.html").read_text(encoding="utf-8")
    new = (editions / "2026.11/how-to/promote.html").read_text(encoding="utf-8")
    assert "first published in edition 2026.11" in new
    assert "first published in edition 2026.11" not in old
    assert not (editions / "2026.10" / f"{NEW_PAGE}.html").exists()
    assert edition_box(old)["release"] == "2026.10"
    assert edition_box(new)["release"] == "2026.11"
    assert "Edition" in edition_box(old)["html"]
    assert "(2026-10-05)" in edition_box(old)["html"]


def test_switching_keeps_the_page_or_falls_back_to_the_home_page(editions: Path) -> None:
    assert (
        switch_target(editions, "2026.11", "how-to/promote.html", "2026.10")
        == (editions / "2026.10/how-to/promote.html").resolve()
    )
    assert (
        switch_target(editions, "2026.10", "how-to/promote.html", "2026.11")
        == (editions / "2026.11/how-to/promote.html").resolve()
    )
    assert (
        switch_target(editions, "2026.11", f"{NEW_PAGE}.html", "2026.10")
        == (editions / "2026.10/index.html").resolve()
    )


def test_tagged_editions_link_their_release_files(editions: Path) -> None:
    box = edition_box((editions / "2026.10/how-to/promote.html").read_text(encoding="utf-8"))
    release = "https://github.com/pug-guide/pug-guide/releases/download/2026.10"
    assert f'href="{release}/pug-guide-2026.10.pdf"' in box["html"]
    assert f'href="{release}/pug-guide-2026.10.epub"' in box["html"]


@pytest.fixture(scope="module")
def editions_server(editions: Path):  # type: ignore[no-untyped-def]
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(editions))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_the_switcher_opens_the_same_page_in_the_other_edition(
    chromium: Any,
    editions_server: str,
) -> None:
    page = chromium.new_page()
    try:
        page.goto(f"{editions_server}2026.11/how-to/promote.html")
        select = page.locator(".pug-edition-select")
        select.wait_for(state="visible")
        assert select.locator("option").all_inner_texts() == [
            "2026.11 (latest) \u2013 2026-11-02",
            "2026.10 \u2013 2026-10-05",
        ]
        select.select_option("2026.10")
        page.wait_for_url(f"{editions_server}2026.10/how-to/promote.html")

        page.goto(f"{editions_server}2026.11/{NEW_PAGE}.html")
        page.locator(".pug-edition-select").select_option("2026.10")
        page.wait_for_url(f"{editions_server}2026.10/index.html")
    finally:
        page.close()


@pytest.mark.sphinx(
    "html",
    testroot="editions-site",
    freshenv=True,
    confoverrides={
        "release": "2026.11",
        "version": "2026.11",
        "pugguide_edition_downloads": "local",
    },
)
def test_an_editions_build_links_the_files_next_to_its_pages(app: SphinxTestApp) -> None:
    app.build()
    html = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert 'href="pug-guide-2026.11.pdf"' in html
    assert 'href="pug-guide-2026.11.epub"' in html
    nested = Path(app.outdir, "sub/page.html").read_text(encoding="utf-8")
    assert 'href="../pug-guide-2026.11.pdf"' in nested


@pytest.mark.sphinx(
    "html",
    testroot="editions-site",
    freshenv=True,
    confoverrides={"release": "2026.11", "version": "2026.11"},
)
def test_read_the_docs_gets_its_downloads_and_its_own_version_menu(
    app: SphinxTestApp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION", "2026.11")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    app.build()
    html = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert 'href="/_/downloads/en/2026.11/pdf/"' in html
    assert 'href="/_/downloads/en/2026.11/epub/"' in html
    assert "pug-edition-select" not in html  # Read the Docs' flyout switches versions
