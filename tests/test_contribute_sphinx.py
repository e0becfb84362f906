"""The ``pugguide-add-group-form`` directive in each builder, on a small test project."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent


def _json_script(html: str, name: str) -> object:
    match = re.search(
        rf'<script type="application/json" data-pg="{name}">(.*?)</script>', html, re.S
    )
    assert match, name
    return json.loads(match[1])


@pytest.mark.sphinx("html", testroot="contribute", freshenv=True)
def test_html_embeds_the_validators_schema_and_codes(app: SphinxTestApp) -> None:
    app.build()
    assert not app.warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    schema = json.loads((ROOT / "data" / "schema" / "group.schema.json").read_text("utf-8"))
    assert _json_script(html, "schema") == schema
    rules = _json_script(html, "rules")
    assert isinstance(rules, dict)
    assert rules["countries"]["DE"] == "Germany" and "en" in rules["languages"]
    form = re.search(r'<div class="pg-addgroup"[^>]*>', html)[0]  # type: ignore[index]
    assert 'data-repository="https://example.org/owner/repo"' in form
    assert 'data-branch="trunk"' in form
    # Existing slugs and addresses come from the directory's export.
    assert 'data-index="directory/groups.json"' in form
    # The script and its styles load on this page only, from the site itself.
    assert '<script defer="defer" src="_static/addgroup.js' in html
    assert (app.outdir / "_static" / "addgroup.js").is_file()
    assert 'href="https://example.org/owner/repo/issues/new/choose"' in html


@pytest.mark.sphinx("latex", testroot="contribute", freshenv=True)
def test_latex_says_where_the_form_is(app: SphinxTestApp) -> None:
    app.build()
    assert not app.warning.getvalue()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "works on the web version of this guide" in tex
    assert "pg-form" not in tex


@pytest.mark.sphinx("epub", testroot="contribute", freshenv=True)
def test_epub_shows_the_fallback_not_a_script(app: SphinxTestApp) -> None:
    app.build()
    page = (app.outdir / "index.xhtml").read_text(encoding="utf-8")
    assert "works on the web version of this guide" in unescape(page)
    assert "addgroup.js" not in page and "pg-form" not in page


def test_json_in_a_script_element_cannot_close_it() -> None:
    from pugguide.contribute import _json_script as embed

    text = embed("x", json.dumps({"a": "</script><!-- x"}))
    assert text.count("</script>") == 1
    inner = text.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(inner) == {"a": "</script><!-- x"}
