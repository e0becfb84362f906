"""Checklists in Sphinx builds: HTML, LaTeX, EPUB and text output, errors at the YAML
line, incremental rebuilds and parallel reading.

Every test copies its test root (``srcdir=``): the extension writes generated pages into
the source folder, and test roots are read-only.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

GENERATED = "checklists/generated"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class _Checklists(HTMLParser):
    """The checklists in a page, as a reader (or a test) sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.checklists: list[dict[str, object]] = []
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.labels: dict[str, str] = {}
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "pug-checklist" in classes:
            self.checklists.append({"attrs": a, "items": []})
        elif tag == "li" and "data-item" in a:
            self.checklists[-1]["items"].append(a["data-item"])  # type: ignore[attr-defined]
        elif tag == "input" and a.get("type") == "checkbox":
            self.inputs[a["id"] or ""] = a
        elif tag == "label" and a.get("for") in self.inputs:
            self._label = a["for"]
            self.labels[self._label or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self.labels[self._label] += data


def parse(html: str) -> _Checklists:
    parser = _Checklists()
    parser.feed(html)
    return parser


# -- HTML ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="checklists", srcdir="checklists-html", freshenv=True)
def test_html_checkboxes_labels_and_links(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = _read(app.outdir / "venue.html")
    found = parse(page)
    [checklist] = found.checklists
    attrs = checklist["attrs"]
    assert attrs["data-checklist"] == "venue"  # type: ignore[index]
    assert attrs["role"] == "group"  # type: ignore[index]
    assert checklist["items"] == ["size", "access", "keys"]
    # Every checkbox has a label naming it, and the item's other parts describe it.
    assert set(found.inputs) == set(found.labels)
    labels = [found.labels[i] for i in found.inputs]
    assert labels == [
        "Count the chairs <b>twice</b>",
        "Check step-free access",
        "Agree who opens the door",
    ]
    size = next(a for i, a in found.inputs.items() if i.endswith("-size"))
    described = (size["aria-describedby"] or "").split()
    assert [d.rsplit("-", 1)[1] for d in described] == ["when", "details", "see"]
    for target in described:
        assert f'id="{target}"' in page
    # Text is escaped, never markup.
    assert "<b>twice" not in page
    assert "Count the chairs &lt;b&gt;twice&lt;/b&gt;" in page
    assert "Pick a &lt;room&gt; &amp;" in page
    # `see` links resolve, to a section and to another checklist's page.
    assert re.search(r'See: <a class="reference internal" href="#howto-venue">', page)
    assert f'href="{GENERATED}/first.html#checklist-first"' in page
    # The printable page is one link away; scripts and styles load only where needed.
    assert f'href="{GENERATED}/venue.html#checklist-venue"' in page
    assert "_static/checklists.js" in page
    assert "_static/checklists.css" in page
    assert "_static/checklists-print.css" in page
    assert "checklists.js" not in _read(app.outdir / "other.html")
    assert (app.outdir / "_static" / "checklists.js").is_file()


@pytest.mark.sphinx("html", testroot="checklists", srcdir="checklists-twice", freshenv=True)
def test_a_checklist_shown_twice_in_a_page_keeps_html_ids_unique(app: SphinxTestApp) -> None:
    app.build()
    page = _read(app.outdir / "twice.html")
    found = parse(page)
    shown = [c["attrs"]["data-checklist"] for c in found.checklists]  # type: ignore[index]
    assert shown == ["first", "first"]
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert len(found.inputs) == 2 == len(found.labels)


REPO = "https://github.com/example/guide"


@pytest.mark.sphinx(
    "html",
    testroot="checklists",
    srcdir="checklists-pages",
    freshenv=True,
    confoverrides={"html_theme": "furo", "pugguide_repository_url": REPO},
)
def test_each_checklist_has_its_own_page_and_the_index_lists_all(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert sorted(p.name for p in (app.srcdir / GENERATED).iterdir()) == [
        "first.md",
        "social.md",
        "venue.md",
    ]
    page = _read(app.outdir / GENERATED / "venue.html")
    assert '<section id="checklist-venue">' in page
    assert "<h1>Pick a &lt;room&gt; &amp; “keep” it" in page
    [checklist] = parse(page).checklists
    assert "pug-checklist-standalone" in checklist["attrs"]["class"]  # type: ignore[index]
    assert "Print this checklist" not in page  # it is the printable page
    # The page is generated: "edit" and "view source" open the YAML file instead.
    assert f'href="{REPO}/edit/main/data/checklists/venue.yaml" rel="edit"' in page
    assert f'href="{REPO}/blob/main/data/checklists/venue.yaml"' in page
    assert "generated/venue.md" not in page

    index = _read(app.outdir / "checklists" / "index.html")
    listed = re.findall(r'href="generated/([a-z-]+)\.html#checklist-\1"', index)
    # `order` first (first: 1, venue: 2), then the rest by id.
    assert listed[:3] == ["first", "venue", "social"]
    assert "(3 items): What to check before you book a room for meetings." in index
    assert "(1 item): The night itself." in index
    # The pages are in the navigation, in the same order.
    assert app.env.toctree_includes["checklists/index"] == [f"{GENERATED}/{i}" for i in listed]


# -- other builders -----------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="checklists", srcdir="checklists-latex", freshenv=True)
def test_latex_has_empty_boxes_and_working_links(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    [tex_file] = app.outdir.glob("*.tex")
    tex = _read(tex_file)
    # venue: in venue.md and on its own page; first: twice in twice.md and on its own
    # page; social: on its own page.
    assert tex.count(r"\item[{\raisebox{-0.2ex}{\Large$\square$}}]") == 3 * 2 + 1 * 3 + 2
    assert r"Count the chairs \textless{}b\textgreater{}twice" in tex
    assert r"\textit{(6 weeks before)}" in tex
    assert r"See: {\hyperref[\detokenize{venue:howto-venue}]" in tex
    assert r"\hyperref[\detokenize{checklists/generated/first:checklist-first}]" in tex
    assert "Print this checklist" not in tex
    assert "amssymb" in _read(tex_file)


@pytest.mark.sphinx("epub", testroot="checklists", srcdir="checklists-epub", freshenv=True)
def test_epub_has_drawn_boxes_not_form_controls(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = _read(app.outdir / "venue.xhtml")
    assert "<input" not in page
    assert page.count('<span class="pug-box" aria-hidden="true">\u2610</span>') == 3
    assert 'href="checklists/generated/first.xhtml#checklist-first"' in page
    assert "checklists.js" not in page
    assert "checklists-print.css" not in page  # :has() is beyond e-book readers
    assert "_static/checklists.css" in page
    assert "Print this checklist" not in page
    # Nor are they packed into the book.
    manifest = _read(app.outdir / "content.opf")
    assert "checklists.css" in manifest
    assert "checklists.js" not in manifest
    assert "checklists-print.css" not in manifest


@pytest.mark.sphinx("text", testroot="checklists", srcdir="checklists-text", freshenv=True)
def test_text_output(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = _read(app.outdir / "venue.txt")
    assert "[ ] Count the chairs <b>twice</b> (6 weeks before)" in text
    assert "    See: Finding a room" in text
    assert "[ ] Check step-free access" in text


@pytest.mark.sphinx("man", testroot="checklists", srcdir="checklists-man", freshenv=True)
def test_builders_without_visitors_fall_back_to_a_list(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    [page] = app.outdir.glob("*.1")
    assert "Check step\\-free access" in _read(page)


# -- errors -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="checklists-bad", srcdir="checklists-bad", freshenv=True)
def test_errors_point_at_the_yaml_line_without_knock_on_warnings(app: SphinxTestApp) -> None:
    app.build()
    warnings = [w for w in app.warning.getvalue().splitlines() if w.strip()]
    # Strip colour codes and the test folder, keep "where: what [type.subtype]".
    warnings = sorted(
        re.sub(r"\x1b\[[0-9;]*m", "", w).replace(str(app.srcdir) + "/", "") for w in warnings
    )
    assert len(warnings) == 3, warnings
    assert re.fullmatch(
        r"data/checklists/dangling\.yaml:8: WARNING: item 'lost': see: no guide section is "
        r"labelled 'no-such-label'; use the label of a guide page \[pugguide\.reference\]",
        warnings[0],
    ), warnings[0]
    assert re.fullmatch(
        r"data/checklists/dupe\.yaml:6: WARNING: duplicate item id 'same' .*"
        r"\[pugguide\.duplicate\]",
        warnings[1],
    ), warnings[1]
    assert re.fullmatch(
        r"index\.md:5: WARNING: unknown checklist 'nosuch'; the checklists are: dangling "
        r"\[pugguide\.directive\]",
        warnings[2],
    ), warnings[2]
    # The broken file's page exists, so links to it still work.
    assert f'href="{GENERATED}/dupe.html#checklist-dupe"' in _read(app.outdir / "index.html")
    # The dangling link shows as text until it is fixed.
    assert "This one links nowhere" in _read(app.outdir / "index.html")


# -- incremental and parallel builds ------------------------------------------------


def _rewrite(path: Path, old: str, new: str) -> None:
    text = _read(path)
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.sphinx("html", testroot="checklists", srcdir="checklists-incremental", freshenv=True)
def test_editing_one_checklist_rereads_only_the_pages_showing_it(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    app.build()
    app.cleanup()  # one application at a time registers nodes and directives
    data = app.srcdir / "data" / "checklists"

    def reread() -> set[str]:
        # A new application, as a new `sphinx-build` run: it loads the saved
        # environment, and the checklists at builder-inited.
        again = make_app("html", srcdir=app.srcdir)
        updated = set(again.builder.read())
        again.build()  # save the environment for the next step
        again.cleanup()
        assert again.warning.getvalue() == ""
        return updated

    assert reread() == set()

    # An item changes: the page embedding it and its own page, not the index.
    _rewrite(data / "venue.yaml", "Check step-free access", "Check the lift works")
    assert reread() == {"venue", f"{GENERATED}/venue"}

    # A summary changes: its page and the index, which shows summaries.
    _rewrite(data / "first.yaml", "The night itself.", "The first night.")
    assert reread() == {f"{GENERATED}/first", "twice", "checklists/index"}

    # A new file: its new page and the index that lists it.
    (data / "extra.yaml").write_text(
        "title: Extra\nsummary: Added later.\nitems:\n  - id: one\n    text: One\n",
        encoding="utf-8",
    )
    assert reread() == {f"{GENERATED}/extra", "checklists/index"}
    assert (app.srcdir / GENERATED / "extra.md").is_file()

    # A removed file: its page goes, and the index is read again.
    (data / "extra.yaml").unlink()
    assert reread() == {"checklists/index"}
    assert not (app.srcdir / GENERATED / "extra.md").exists()


@pytest.mark.sphinx("html", testroot="checklists", srcdir="checklists-serial", freshenv=True)
def test_parallel_build_gives_the_same_pages(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app.build()
    app.cleanup()
    copy = tmp_path / "parallel"
    shutil.copytree(app.srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    parallel = make_app("html", srcdir=copy, parallel=2, freshenv=True)
    parallel.build()
    assert parallel.warning.getvalue() == ""
    # It read in parallel: progress then names chunks of documents ("a .. b").
    assert re.search(r"reading sources\.\.\. .*\S \.\. \S", parallel.status.getvalue())

    def pages(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): _read(p) for p in sorted(root.rglob("*.html"))}

    serial, par = pages(app.outdir), pages(parallel.outdir)
    assert serial.keys() == par.keys()
    for name in serial:
        assert serial[name] == par[name], name


# -- the guide ----------------------------------------------------------------------


def test_the_guide_has_a_page_per_checklist_listed_on_the_index(built_site: Path) -> None:
    from pugguide.checklists.model import checklist_files, load_files

    root = Path(__file__).resolve().parent.parent
    checklists, problems = load_files(checklist_files(root / "data"), root / "data")
    assert problems == []
    index = _read(built_site / "checklists" / "index.html")
    listed = re.findall(r'href="generated/([a-z-]+)\.html#checklist-\1"', index)
    assert listed == list(checklists)
    for checklist in checklists.values():
        page = _read(built_site / GENERATED / f"{checklist.id}.html")
        assert f'<section id="checklist-{checklist.id}">' in page
        [shown] = parse(page).checklists
        assert shown["items"] == [item.id for item in checklist.items]
        # Every `see` became a link: as many links in the list as items with one.
        links = re.findall(
            r'class="pug-checklist-see"[^>]*>See: <a class="reference internal"', page
        )
        assert len(links) == sum(1 for item in checklist.items if item.see)


def test_see_links_to_numbered_steps_drop_the_step_number(built_site: Path) -> None:
    # how-to steps are headed "6. Arrange a standby speaker"; out of its page the
    # number means nothing, so a checklist's "See:" link reads without it.
    see_texts = []
    for page in (built_site / "checklists" / "generated").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        see_texts += re.findall(
            r'class="pug-checklist-see"[^>]*>.*?<span class="std std-ref">(.*?)</span>', html
        )
    assert "Arrange a standby speaker" in see_texts
    assert not [t for t in see_texts if re.match(r"\d+\.\s", t)]
