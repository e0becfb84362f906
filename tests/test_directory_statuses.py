"""The statuses organizers set (seeking organizers, paused until a date) show in HTML,
EPUB and print and filter in the browser; each entry's confirm and report links name
its own file."""

from __future__ import annotations

import shutil
import urllib.parse
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import serve, sphinx_build

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent
EPOCH = "1793491200"  # 2026-11-01: the test root's dates are stale or fresh from here
GROUPS = {
    "de/paused-py.yaml": (
        "name: Paused Py\ncity: Bonn\ncountry: DE\nurl: https://paused.example.org/\n"
        'status: paused\nreturns: "2027-03-01"\nlast_verified: "2026-10-01"\n'
    ),
    "de/imported-py.yaml": (
        "name: Imported Py\ncity: Aachen\ncountry: DE\nurl: https://imported.example.org/\n"
        'last_verified: "2026-10-01"\nsource: A list of groups; not yet confirmed by a person\n'
    ),
    "de/seeking-py.yaml": (
        "name: Seeking Py\ncity: Köln\ncountry: DE\nurl: https://seeking.example.org/\n"
        'status: seeking-organizers\nlast_verified: "2026-10-01"\n'
    ),
}
CONF = (
    "\npugguide_repository_url = 'https://github.com/pug-guide/pug-guide'\n"
    "epub_copyright = 'test'\nepub_identifier = epub_uid = 'test'\nversion = release = '1'\n"
    "suppress_warnings = ['epub.unknown_project_files']\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("statuses") / "src"
    shutil.copytree(ROOT / "roots" / "test-directory", src)
    for rel, text in GROUPS.items():
        (src / "data" / "groups" / rel).write_text(text, encoding="utf-8")
    # The weekly check found the imported group's address up.
    (src / "data" / "liveness").mkdir()
    (src / "data" / "liveness" / "history.csv").write_text(
        "week,checked,file,status,http_status,final_url\n"
        "2026-W48,2026-11-23T05:20:00+00:00,data/groups/de/imported-py.yaml,broken,404,\n"
        "2026-W49,2026-11-30T05:20:00+00:00,data/groups/de/imported-py.yaml,ok,200,"
        "https://imported.example.org/\n",
        encoding="utf-8",
    )
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(CONF)
    return src


def build(src: Path, builder: str) -> Path:
    out = src.parent / builder
    result = sphinx_build(out, builder, "-q", root=src, src=src, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def html_site(project: Path) -> Path:
    return build(project, "html")


def _entry(page: str, slug: str) -> str:
    start = page.index(f'id="group-{slug}"')
    return page[start : page.index("</li>", start)]


def test_statuses_show_on_the_country_page(html_site: Path) -> None:
    page = (html_site / "directory/generated/de.html").read_text(encoding="utf-8")
    assert 'class="pug-badge pug-paused">paused until 2027-03-01</span>' in _entry(
        page, "paused-py"
    )
    assert 'class="pug-badge pug-seeking">seeking organizers</span>' in _entry(page, "seeking-py")


def test_the_index_counts_confirmed_checked_and_stale_groups(html_site: Path) -> None:
    index = (html_site / "directory/index.html").read_text(encoding="utf-8")
    assert "1 more listed from another directory and not yet confirmed." in index
    assert "1 of those not yet confirmed answered the latest weekly check" in index
    assert "2 may be inactive: nobody has confirmed them for 12 months." in index


def test_each_entry_links_forms_that_name_its_file(html_site: Path) -> None:
    page = (html_site / "directory/generated/de.html").read_text(encoding="utf-8")
    for slug in ("paused-py", "seeking-py", "python-berlin"):
        entry = _entry(page, slug)
        links = {}
        for kind in ("confirm", "report"):
            start = entry.index(f"pug-{kind}")
            href = entry[entry.index('href="', start) + 6 :]
            links[kind] = urllib.parse.urlsplit(href[: href.index('"')].replace("&amp;", "&"))
        for kind, template in (("confirm", "group-confirm.yml"), ("report", "group-inactive.yml")):
            url = links[kind]
            query = urllib.parse.parse_qs(url.query)
            assert url.netloc == "github.com" and url.path == "/pug-guide/pug-guide/issues/new"
            assert query["template"] == [template]
            assert query["file"] == [f"data/groups/de/{slug}.yaml"]


def test_statuses_show_in_print_and_epub(project: Path) -> None:
    tex = next(build(project, "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "Paused Py (paused until 2027\\sphinxhyphen{}03\\sphinxhyphen{}01)" in tex or (
        "Paused Py (paused until 2027-03-01)" in tex
    )
    assert "Seeking Py (seeking organizers)" in tex
    epub = next(build(project, "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        text = "".join(
            book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")
        )
    assert "Paused Py (paused until 2027-03-01)" in text
    assert "Seeking Py (seeking organizers)" in text


@pytest.fixture(scope="module")
def site(html_site: Path) -> Iterator[str]:
    with serve(html_site) as url:
        yield url


@pytest.mark.browser
def test_the_filter_finds_groups_by_status(site: str, chromium) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    page.goto(site + "directory/index.html")
    page.locator(".pug-filter").wait_for(state="visible")
    for status, names in (("paused", ["Paused Py"]), ("seeking-organizers", ["Seeking Py"])):
        page.select_option(".pug-filter select[name=status]", status)
        page.locator(".pug-results:not([aria-busy])").wait_for(state="attached")
        assert page.locator(".pug-results li a").all_inner_texts() == names
    assert page.locator(".pug-results .pug-badge").inner_text() == "seeking organizers"
    page.close()


def test_a_return_date_needs_a_paused_group(tmp_path: Path) -> None:
    from pugguide.groups import check_files

    data = tmp_path / "data"
    (data / "groups" / "de").mkdir(parents=True)
    (data / "schema").symlink_to(ROOT.parent / "data" / "schema", target_is_directory=True)
    path = data / "groups" / "de" / "x.yaml"
    path.write_text(GROUPS["de/paused-py.yaml"].replace("status: paused", "status: active"))
    assert [(p.line, p.message) for p in check_files([path], data)] == [
        (
            6,
            "returns is the date a paused group meets again; set status: paused, or remove returns",
        )
    ]
    path.write_text(GROUPS["de/paused-py.yaml"])
    assert check_files([path], data) == []
