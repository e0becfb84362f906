"""The group directory built by Sphinx from the ``test-directory`` root: pages, anchors,
staleness, exports and their schemas, escaping, print builders, incremental and
parallel builds."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

import jsonschema
import pytest

from pugguide.directory.build import DirectoryBuild
from pugguide.groups.datafiles import write_data_files
from pugguide.groups.records import RECORD_FIELDS

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

    from pugguide.groups.records import Record

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schema"
#: 2026-11-01: Munich (2024-02-10) and PyATL (2023-06-30) are stale, the rest are not.
EPOCH = "1793491200"
HOSTILE = "<script>alert(1)</script> & Co"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def html(app: SphinxTestApp, docname: str) -> str:
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


def entry(page: str, slug: str) -> str:
    """The HTML of one group's list entry."""
    start = page.index(f'id="group-{slug}"')
    return page[start : page.index("</li>", start)]


def warnings(app: SphinxTestApp) -> list[str]:
    # A second app in one process re-registers Sphinx's own nodes; that is not ours.
    return [w for w in app.warning.getvalue().splitlines() if "already registered" not in w]


def reread(app: SphinxTestApp) -> list[str]:
    """Documents the last build read, from Sphinx's own progress lines."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status)


def written(app: SphinxTestApp) -> list[str]:
    """Documents the last build wrote, from Sphinx's own progress lines."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status)


def country_pages(app: SphinxTestApp) -> dict[str, int]:
    """Each country page's output file and when it was last written."""
    folder = Path(app.outdir) / "directory" / "generated"
    return {p.stem: p.stat().st_mtime_ns for p in folder.glob("*.html")}


def rewritten(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_country_pages_entries_and_anchors(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    de = html(app, "directory/generated/de")
    assert "Python user groups in Germany" in de
    for slug in ("python-berlin", "munich-python", "leipzig-py"):
        assert f'id="group-{slug}"' in de
    # Groups are list entries under region headings, not headings of their own.
    assert re.search(r"<h2>Bavaria", de) and not re.search(r"<h\d[^>]*>Munich Python", de)
    berlin = entry(de, "python-berlin")
    assert 'href="https://berlin.example.org/"' in berlin
    assert 'href="https://www.meetup.com/python-berlin-example/"' in berlin
    assert "German, English" in berlin and "talks, hack nights" in berlin
    assert "last verified 2026-05-01" in berlin
    assert "https://example.org/pug-guide/edit/main/data/groups/de/python-berlin.yaml" in berlin
    assert "may be inactive" not in berlin
    assert "may be inactive" in entry(de, "munich-python")
    leipzig = entry(de, "leipzig-py")
    assert ">inactive</span>" in leipzig and "may be inactive" not in leipzig
    # Other pages link to a country page by its label.
    index = html(app, "index")
    assert '<a class="reference internal" href="directory/generated/de.html">' in index
    assert '<span class="std std-ref">Python user groups in Germany</span></a>' in index
    assert 'online.html"><span class="xref std std-ref">the online groups</span>' in index


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        "html_theme": "furo",
        "html_theme_options": {
            "source_repository": "https://github.com/example/guide/",
            "source_branch": "main",
        },
    },
)
def test_theme_edit_button_opens_the_data_folder(app: SphinxTestApp) -> None:
    app.build()
    de = html(app, "directory/generated/de")
    assert 'href="https://example.org/pug-guide/tree/main/data/groups/de" rel="edit"' in de
    assert "generated/de.md" not in de
    # furo's navigation, computed once for all generated pages, links from their folder.
    assert 'href="../index.html"' in de
    index = html(app, "directory/index")
    assert "https://github.com/example/guide/edit/main/directory/index.md" in index


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_index_counts_links_and_no_js_fallback(app: SphinxTestApp) -> None:
    app.build()
    index = html(app, "directory/index")
    assert (
        "6 groups in 3 countries and 1 online; 3 of them active and confirmed by a person "
        "within the last 12 months." in index
    )
    for cc in ("de", "gb", "us", "online"):
        assert f'href="generated/{cc}.html"' in index
    # The filter box is hidden until its script fills it; the script is on the page.
    assert re.search(r'<div class="pug-filter" data-groups="groups.json" hidden', index)
    assert "pugguide-directory.js" in index
    # Country pages carry the same box, started on their country, and its script.
    de = html(app, "directory/generated/de")
    assert re.search(r'<div class="pug-filter" data-groups="../groups.json" data-country="de"', de)
    assert "pugguide-directory.js" in de
    stale = html(app, "directory/maintainers")
    assert stale.index("PyATL") < stale.index("Munich Python")  # oldest first
    assert "London Python" not in stale
    assert 'href="generated/us.html#group-pyatl"' in stale


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_exports_match_their_schemas(app: SphinxTestApp) -> None:
    app.build()
    out = Path(app.outdir) / "directory"
    data = json.loads((out / "groups.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "groups-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == 1 and data["count"] == 6
    assert data["generated"] == "2026-11-01"
    by_slug = {g["slug"]: g for g in data["groups"]}
    assert by_slug["munich-python"]["stale"] is True
    assert by_slug["python-berlin"]["stale"] is False
    assert by_slug["python-berlin"]["page"] == "generated/de.html#group-python-berlin"

    geo = json.loads((out / "groups.geojson").read_text(encoding="utf-8"))
    geo_schema = json.loads((SCHEMAS / "groups-geojson.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(geo_schema).validate(geo)
    assert sorted(f["id"] for f in geo["features"]) == [
        "london-python",
        "munich-python",
        "pyatl",
        "python-berlin",
    ]
    berlin_point = next(f for f in geo["features"] if f["id"] == "python-berlin")
    assert berlin_point["geometry"]["coordinates"] == [13.405, 52.52]  # lon, lat

    rows = list(csv.DictReader(io.StringIO((out / "groups.csv").read_text("utf-8"))))
    assert len(rows) == 6
    berlin = next(r for r in rows if r["slug"] == "python-berlin")
    assert (
        berlin["languages"] == "de;en" and berlin["link_chat"] == "https://chat.example.org/berlin"
    )
    assert next(r for r in rows if r["slug"] == "london-python")["lon"] == "-0.128"

    # Every schema itself is valid Draft 2020-12.
    for path in (SCHEMAS / "groups-export.schema.json", SCHEMAS / "groups-geojson.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text("utf-8")))


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_map_is_local_svg_with_a_dot_per_located_group(app: SphinxTestApp) -> None:
    app.build()
    page = html(app, "directory/map")
    assert re.search(r'<object data="map\.svg" type="image/svg\+xml"', page)
    svg = (Path(app.outdir) / "directory" / "map.svg").read_text(encoding="utf-8")
    assert svg.count("<circle") == 4
    assert "<title>Munich Python — Munich, Germany</title>" in svg
    assert 'href="generated/de.html#group-munich-python"' in svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)  # nothing from other hosts


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_data_from_files_is_escaped_everywhere(
    app_params, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation refuses HTML in names; the render layer must not rely on that, so the
    loaded data is altered after validation (the app starts after the patch)."""
    real = DirectoryBuild.load_entries

    def hostile(self: DirectoryBuild, app: SphinxTestApp) -> tuple[list, list]:
        entries, problems = real(self, app)
        bad = {"name": HOSTILE, "description": "=HYPERLINK(1)", "region": "*x* <b>"}
        return [
            (path, {**base, **bad} if base["slug"] == "python-berlin" else base)
            for path, base in entries
        ], problems

    monkeypatch.setattr(DirectoryBuild, "load_entries", hostile)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    out = Path(app.outdir)
    for page in ("directory/generated/de", "directory/index"):
        text = html(app, page)
        assert "<script>alert" not in text
    de = html(app, "directory/generated/de")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in de
    assert "*x* &lt;b&gt;" in de and "<b>" not in de  # Markdown and HTML stay literal
    svg = (out / "directory" / "map.svg").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in svg and "<script>" not in svg
    rows = list(csv.DictReader(io.StringIO((out / "directory/groups.csv").read_text("utf-8"))))
    assert next(r for r in rows if r["slug"] == "python-berlin")["description"] == (
        "'=HYPERLINK(1)"
    )
    data = json.loads((out / "directory/groups.json").read_text(encoding="utf-8"))
    assert any(g["name"] == HOSTILE for g in data["groups"])  # data survives intact


@pytest.mark.sphinx("latex", testroot="directory", copy_test_root=True, freshenv=True)
def test_latex_compact_table_and_tikz_map(
    app_params, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = DirectoryBuild.load_entries
    monkeypatch.setattr(
        DirectoryBuild,
        "load_entries",
        lambda self, app: (
            [
                (
                    path,
                    {**base, "name": "R&D_Team #1 {x} 100%"} if base["slug"] == "pyatl" else base,
                )
                for path, base in real(self, app)[0]
            ],
            [],
        ),
    )
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{tikzpicture}" in tex and tex.count("circle (1.2pt)") == 4
    assert r"\usepackage{tikz}" in tex
    assert "Python Users Berlin" in tex and "Germany (3)" in tex
    assert r"R\&D\_Team \#1 \{x\} 100\%" in tex  # LaTeX specials escaped
    assert "map.svg" not in tex


@pytest.mark.sphinx("text", testroot="directory", copy_test_root=True, freshenv=True)
def test_text_builder_renders_every_node(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    index = (Path(app.outdir) / "directory" / "index.txt").read_text(encoding="utf-8")
    assert "London Python" in index and "United Kingdom (1)" in index
    mapped = (Path(app.outdir) / "directory" / "map.txt").read_text(encoding="utf-8")
    assert "[Map of 4 groups" in mapped


def _edit(srcdir: Path, rel: str, old: str, new: str) -> None:
    path = srcdir / "data" / "groups" / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    srcdir="directory-incremental",
    copy_test_root=True,
    freshenv=True,
)
def test_incremental_add_edit_remove(app: SphinxTestApp, make_app, sphinx_test_tempdir) -> None:
    app.build()
    srcdir = Path(app.srcdir)

    def rebuild() -> SphinxTestApp:
        again = make_app("html", srcdir=app.srcdir)
        again.build()
        assert warnings(again) == []
        return again

    def export() -> dict[str, dict]:
        data = json.loads((Path(app.outdir) / "directory/groups.json").read_text("utf-8"))
        return {g["slug"]: g for g in data["groups"]}

    # Country pages are not documents: no edit re-reads one; only the pages whose
    # HTML changed are written again.
    pages = country_pages(app)
    assert sorted(pages) == ["de", "gb", "online", "us"]
    again = rebuild()
    assert reread(again) == []  # no change: nothing re-read, nothing rewritten
    assert rewritten(pages, pages := country_pages(again)) == []

    # A group without a location is on its country page only.
    _edit(srcdir, "de/leipzig-py.yaml", "name: Leipzig.py", "name: Leipzig Pythonistas")
    again = rebuild()
    assert reread(again) == []
    # No count, country or stale entry changed: no document shows the change.
    assert written(again) == []
    assert rewritten(pages, pages := country_pages(again)) == ["de"]
    assert "Leipzig Pythonistas" in html(again, "directory/generated/de")
    assert export()["leipzig-py"]["name"] == "Leipzig Pythonistas"

    # A located group is on the map too (its dot's tooltip shows the name): the map
    # page is rewritten with the new SVG, not re-read.
    _edit(srcdir, "gb/london-python.yaml", "name: London Python", "name: PyLondinium")
    again = rebuild()
    assert reread(again) == []
    assert rewritten(pages, pages := country_pages(again)) == ["gb"]
    svg = (Path(app.outdir) / "directory" / "map.svg").read_text(encoding="utf-8")
    assert "PyLondinium" in svg
    assert "PyLondinium" in html(again, "directory/generated/gb")
    assert export()["london-python"]["name"] == "PyLondinium"

    (srcdir / "data/groups/gb/edinburgh-python.yaml").write_text(
        "name: Edinburgh Python\ncity: Edinburgh\ncountry: GB\nregion: Scotland\n"
        "url: https://edinburgh.example.org/\nlocation:\n  lat: 55.95\n  lon: -3.19\n"
        'last_verified: "2026-08-01"\n',
        encoding="utf-8",
    )
    again = rebuild()
    assert reread(again) == []
    # The counts changed: the pages that show them are written again.
    assert written(again) == ["directory/index", "index"]
    assert rewritten(pages, pages := country_pages(again)) == ["gb"]
    assert 'id="group-edinburgh-python"' in html(again, "directory/generated/gb")
    assert "7 groups in 3 countries" in html(again, "directory/index")  # rewritten
    assert "edinburgh-python" in export()
    svg = (Path(app.outdir) / "directory" / "map.svg").read_text(encoding="utf-8")
    assert "Edinburgh Python" in svg

    (srcdir / "data/groups/us/pyatl.yaml").unlink()
    again = rebuild()
    assert reread(again) == []  # its page is gone; index and map are rewritten
    assert rewritten(pages, pages := country_pages(again)) == []
    assert "us" not in pages
    assert 'href="generated/us.html"' not in html(again, "directory/index")
    assert "pyatl" not in export()
    assert "PyATL" not in html(again, "directory/maintainers")


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    srcdir="directory-data-files",
    copy_test_root=True,
    freshenv=True,
)
def test_a_rebuild_rewrites_only_the_data_files_that_changed(app: SphinxTestApp, make_app) -> None:
    app.build()
    folder = Path(app.outdir) / "directory"

    def stamps() -> dict[str, int]:
        files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".html"]
        return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in files}

    before = stamps()
    time.sleep(0.01)  # mtimes must be able to differ
    # Leipzig.py has no location: the map, the GeoJSON and the points stay as they are.
    _edit(Path(app.srcdir), "de/leipzig-py.yaml", "name: Leipzig.py", "name: Leipzig Snakes")
    make_app("html", srcdir=app.srcdir).build()
    after = stamps()
    changed = {name for name in after if before.get(name) != after[name]}
    assert {"groups.json", "groups.csv"} <= changed
    assert "Leipzig Snakes" in (folder / "groups.csv").read_text(encoding="utf-8")
    assert not changed & {"map.svg", "groups.geojson", "search/points.json"}
    # The word shards of "leipzig" and "snakes" at most, out of hundreds of files.
    assert any(name.startswith("search/words/") for name in changed)
    assert len(changed) < 10 < len(after)


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    srcdir="directory-gone-and-renamed",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"html_theme": "furo"},
)
def test_a_country_left_as_the_navigation_changes_loses_its_page(
    app: SphinxTestApp, make_app
) -> None:
    """Every page is written again when what surrounds them changes (a page title in the
    navigation); a country whose last group left in that same build still loses its page."""
    app.build()
    gb = Path(app.outdir) / "directory/generated/gb.html"
    assert gb.is_file()
    srcdir = Path(app.srcdir)
    (srcdir / "data/groups/gb/london-python.yaml").unlink()
    page = srcdir / "directory/map.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("# Map of Python user groups", "# The map of groups"), "utf-8")
    again = make_app("html", srcdir=app.srcdir, confoverrides={"html_theme": "furo"})
    again.build()
    assert warnings(again) == []
    assert "The map of groups" in html(again, "directory/generated/de")
    assert not gb.exists()


def _records(count: int) -> list[Record]:
    base = {
        "slug": "", "name": "Py", "city": "Berlin", "region": "", "country": "DE",
        "country_name": "Germany", "url": "https://py.example", "links": {}, "lat": None,
        "lon": None, "languages": [], "formats": [], "frequency": "", "founded": None,
        "status": "active", "returns": "", "stale": False, "description": "", "contact": "",
        "last_verified": "2026-10-01", "source": "", "file": "", "edit_url": "", "page": "",
    }  # fmt: skip
    assert tuple(base) == RECORD_FIELDS
    return [
        cast("Record", {**base, "slug": f"g{n}", "page": f"de.html#group-g{n}"})
        for n in range(count)
    ]


def test_fewer_groups_leave_no_rows_of_removed_groups_behind(tmp_path: Path) -> None:
    """The search's files of rows hold a hundred groups each: when the directory shrinks,
    the files past its end go, or readers could still download removed groups."""
    rows = tmp_path / "directory" / "search" / "groups"
    write_data_files(tmp_path, _records(250), "2026-11-01", web=True)
    assert sorted(p.name for p in rows.iterdir()) == ["0.json", "1.json", "2.json"]
    write_data_files(tmp_path, _records(50), "2026-11-01", web=True)
    assert sorted(p.name for p in rows.iterdir()) == ["0.json"]
    assert len(json.loads((rows / "0.json").read_text(encoding="utf-8"))) == 50


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    srcdir="directory-nav",
    copy_test_root=True,
    freshenv=True,
    confoverrides={"html_theme": "furo"},
)
def test_country_pages_follow_the_site_navigation(app: SphinxTestApp, make_app) -> None:
    """What the theme puts around a country page (here: the sidebar's pages) rewrites
    every country page when it changes; a deleted output file is written again."""
    app.build()
    srcdir = Path(app.srcdir)
    pages = country_pages(app)
    (srcdir / "news.md").write_text("# Organiser news\n\nNew this year.\n", encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text("utf-8").replace("directory/index\n", "directory/index\nnews\n")
    )
    furo = {"html_theme": "furo"}
    again = make_app("html", srcdir=app.srcdir, confoverrides=furo)
    again.build()
    assert warnings(again) == []
    assert rewritten(pages, pages := country_pages(again)) == ["de", "gb", "online", "us"]
    assert "Organiser news" in html(again, "directory/generated/us")

    (Path(app.outdir) / "directory/generated/gb.html").unlink()
    again = make_app("html", srcdir=app.srcdir, confoverrides=furo)
    again.build()
    assert rewritten(pages, country_pages(again)) == ["gb"]


@pytest.mark.sphinx("html", testroot="directory", copy_test_root=True, freshenv=True)
def test_parallel_build_equals_serial(app: SphinxTestApp, make_app) -> None:
    app.build()
    parallel = make_app(
        "html",
        srcdir=app.srcdir,
        freshenv=True,
        parallel=2,
        builddir=Path(app.outdir).parent.parent / "_build_j2",
    )
    parallel.build()
    assert warnings(parallel) == []
    serial_out, parallel_out = Path(app.outdir), Path(parallel.outdir)
    files = sorted(
        p.relative_to(serial_out) for p in (serial_out / "directory").rglob("*") if p.is_file()
    )
    assert len(files) >= 10
    for rel in files:
        assert (parallel_out / rel).read_bytes() == (serial_out / rel).read_bytes(), rel


@pytest.mark.sphinx(
    "epub",
    testroot="directory",
    copy_test_root=True,
    freshenv=True,
    confoverrides={
        "epub_copyright": "test",
        "epub_publisher": "test",
        "epub_identifier": "test",
        "epub_scheme": "test",
        "epub_author": "test",
        "version": "1",
        "release": "1",
    },
)
def test_epub_has_compact_table_and_static_map(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    index = (out / "directory" / "index.xhtml").read_text(encoding="utf-8")
    assert "Python Users Berlin" in index and "pug-compact" in index  # every group, no JS
    assert "pug-filter" not in index
    page = (out / "directory" / "map.xhtml").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="map\.svg"', page) and "<object" not in page
    assert (out / "directory" / "map.svg").is_file()
    assert not (out / "directory" / "groups.json").exists()  # exports are for the web


@pytest.mark.sphinx(
    "html",
    testroot="directory",
    copy_test_root=True,
    freshenv=True,
    srcdir="directory-big-country",
    confoverrides={"pugguide_directory_page_size": 2},
)
def test_big_country_overview_counts_follow_its_parts(app: SphinxTestApp, make_app) -> None:
    app.build()
    assert warnings(app) == []
    overview = html(app, "directory/generated/de")
    # Bavaria and Berlin share a page (2 groups), Saxony has its own.
    assert 'href="de-bavaria.html">Bavaria to Berlin</a> (2)' in overview
    assert 'href="de-saxony.html">Saxony</a> (1)' in overview
    assert "3 groups, listed by region" in overview
    pages = country_pages(app)

    path = Path(app.srcdir) / "data/groups/de/dresden-py.yaml"
    path.write_text(
        "name: Dresden.py\ncity: Dresden\ncountry: DE\nregion: Saxony\n"
        'url: https://dresden.example.org/\nlast_verified: "2026-07-01"\n',
        encoding="utf-8",
    )
    again = make_app("html", srcdir=app.srcdir, confoverrides={"pugguide_directory_page_size": 2})
    again.build()
    # The part that lists Dresden, and the overview's counts; no other page.
    assert rewritten(pages, country_pages(again)) == ["de", "de-saxony"]
    overview = html(again, "directory/generated/de")
    assert "4 groups, listed by region" in overview
    assert 'href="de-saxony.html">Saxony</a> (2)' in overview


@pytest.mark.sphinx(
    "html", testroot="directory", srcdir="directory-confirmed", copy_test_root=True, freshenv=True
)
def test_imported_groups_are_not_counted_as_confirmed(app: SphinxTestApp, make_app) -> None:
    # An imported entry keeps its `source` until a person confirms it.
    app.build()
    berlin = Path(app.srcdir) / "data" / "groups" / "de" / "python-berlin.yaml"
    berlin.write_text(
        berlin.read_text(encoding="utf-8") + "source: Python wiki, Local User Groups page\n",
        encoding="utf-8",
    )
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    index = html(again, "directory/index")
    assert "3 of them active and confirmed" not in index
    assert (
        "2 of them active and confirmed by a person within the last 12 months, 1 more listed "
        "from another directory and not yet confirmed." in index
    )


@pytest.mark.sphinx(
    "html", testroot="directory", srcdir="directory-broken", copy_test_root=True, freshenv=True
)
def test_a_failure_while_loading_fails_the_build_with_its_cause(
    app_params, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error while loading the groups stops the build and says what it was."""

    def broken(self: DirectoryBuild, app: SphinxTestApp) -> tuple[list, list]:
        raise RuntimeError("the data folder vanished")

    monkeypatch.setattr(DirectoryBuild, "load_entries", broken)
    with pytest.raises(Exception, match="the data folder vanished"):  # at builder-inited
        make_app(*app_params.args, **app_params.kwargs).build()


@pytest.mark.sphinx(
    "html", testroot="directory", srcdir="directory-cache", copy_test_root=True, freshenv=True
)
def test_the_first_build_keeps_what_it_validated(app_params, make_app) -> None:
    """A first build saves the groups it validated for later builds. Its worker process
    saves them before it hands them over, so the build cannot end first (a patch of
    the cache's writer in this process would not reach that worker)."""
    from pugguide.groups import cache

    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert (Path(app.doctreedir) / cache.FILE).is_file()
