"""Snapshots (pytest-regressions) of what the directory hands readers: a country page's
body, a placeholder once filled in, and the three exports, from the ``test-directory``
root on a fixed date.

A change to any of them fails here with a diff; when the change is meant, run
``nox -s tests -- tests/test_snapshots.py --force-regen`` and commit the new files in
``tests/test_snapshots/`` with the change, so a reviewer sees what readers will see.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from docutils import nodes

if TYPE_CHECKING:
    from pytest_regressions.file_regression import FileRegressionFixture
    from sphinx.testing.util import SphinxTestApp

#: 2026-11-01, as in test_directory_build.py: two groups of the root are stale then.
EPOCH = "1793491200"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _body(page: str) -> str:
    """The part of a written page that the directory wrote, not the theme."""
    start = page.index('<section id="directory-de">')
    return page[start : page.rindex("</section>") + len("</section>")] + "\n"


@pytest.mark.sphinx("html", testroot="directory", srcdir="snapshots", freshenv=True)
def test_country_page_placeholder_and_exports(
    app: SphinxTestApp, file_regression: FileRegressionFixture
) -> None:
    app.build()
    out = Path(app.outdir)
    page = (out / "directory/generated/de.html").read_text(encoding="utf-8")
    file_regression.check(_body(page), basename="country_page_de", extension=".html")

    # The summary placeholder, resolved for the HTML builder: its counts and search box.
    doctree = app.env.get_and_resolve_doctree("directory/index", app.builder, tags=app.tags)
    summary = next(p for p in doctree.findall(nodes.paragraph) if "pug-counts" in p["classes"])
    filled = summary.pformat() + summary.next_node(descend=False, siblings=True).pformat()
    file_regression.check(filled, basename="summary_placeholder", extension=".xml")

    for name in ("groups.json", "groups.csv", "groups.geojson"):
        # Read with universal newlines: the snapshot holds the CSV's rows, not its CRLFs
        # (test_directory_build parses the CSV itself).
        text = (out / "directory" / name).read_text(encoding="utf-8")
        stem, suffix = name.split(".")
        file_regression.check(text, basename=f"export_{stem}", extension=f".{suffix}")
