"""The guide as a whole: it builds warning-free and the extension declares itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def test_whole_site_builds_warning_free(built_site: Path) -> None:
    # built_site builds with -W -n --keep-going and asserts exit status 0.
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Python user group" in index
    for section in ("start-here", "how-to", "checklists", "directory", "background"):
        assert f'href="{section}/index.html"' in index, section


def test_site_loads_nothing_from_other_hosts_in_its_html_head(built_site: Path) -> None:
    index = (built_site / "index.html").read_text(encoding="utf-8")
    head = index[: index.index("</head>")]
    for attr in ('src="http', 'src="//', 'rel="stylesheet" href="http'):
        assert attr not in head


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_extension_declares_parallel_safety(app: SphinxTestApp) -> None:
    ext = app.extensions["pugguide"]
    assert ext.parallel_read_safe is True
    assert ext.parallel_write_safe is True
    assert isinstance(ext.metadata["env_version"], int)
    assert app.config.pugguide_data_dir == "data"
