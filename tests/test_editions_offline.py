"""The offline editions: the whole guide as PDF (every script readable, title page,
bookmarks, links, metadata) and as EPUB 3 (epubcheck, cover, navigation, metadata),
and builds of one commit that come out byte-identical.

TeX and epubcheck tests skip on a machine without them and fail in CI (``need_tool``).
The whole-guide PDF is built once per test session (about a minute).
"""

from __future__ import annotations

import filecmp
import html
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import DATA, need_tex, need_tool

from pugguide.edition import detect_edition
from pugguide.editions import MISSING_GLYPH, UNDEFINED_REF, build_epub, sphinx_build
from pugguide.scripts import script_runs
from pugguide.yamlload import load_file

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


# -- helpers --------------------------------------------------------------------


def letters(text: str) -> str:
    """What a reader sees, comparable across PDF text extraction: compatibility forms
    folded (Arabic presentation forms), marks and spaces dropped (pdftotext moves
    Indic vowel signs that are drawn before their consonant)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def pdftotext(pdf: Path, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", *first_last, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated (objects may be compressed)."""
    raw = pdf.read_bytes()
    parts = [raw]
    for match in re.finditer(rb"stream\r?\n", raw):
        try:
            parts.append(
                zlib.decompressobj().decompress(raw[match.end() : match.end() + 2_000_000])
            )
        except zlib.error:
            continue
    return b"\n".join(parts)


def bookmarks(out_file: Path) -> list[str]:
    """Titles of the PDF bookmarks hyperref wrote (UTF-16 in octal escapes)."""
    titles = []
    for line in out_file.read_text(encoding="latin-1").splitlines():
        if match := re.match(r"\\BOOKMARK \[\d+\]\[-\]\{[^}]*\}\{((?:\\\d{3}|[^}\\])*)\}", line):
            octets = re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), match.group(1))
            titles.append(octets.encode("latin-1").decode("utf-16"))
    return titles


def names_beyond_ascii(per_script: int = 6) -> dict[str, list[str]]:
    """Group names and cities from the real directory that are not plain ASCII, a few
    per script ("latin" for accented Latin, Greek and Cyrillic in the main font)."""
    found: dict[str, list[str]] = {}
    for path in sorted(DATA.glob("groups/**/*.yaml")):
        try:
            data = load_file(path).data
        except Exception:
            continue  # a broken file is the validator's business
        if not isinstance(data, dict) or data.get("status") == "inactive":
            continue
        for field in ("name", "city"):
            value = data.get(field)
            if not isinstance(value, str) or value.isascii():
                continue
            for key in {key or "latin" for key, run in script_runs(value) if not run.isascii()}:
                names = found.setdefault(key, [])
                if value not in names:
                    names.append(value)
    # A few per script, spread over the countries (files are in country folders).
    return {
        key: names[:: max(1, len(names) // per_script)][:per_script] for key, names in found.items()
    }


def run_epubcheck(epub: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(need_tool("epubcheck", "to validate the EPUB edition")).resolve()
    command = [str(tool)]
    if tool.suffix == ".jar":  # Debian ships an executable jar that needs binfmt
        command = [need_tool("java", "to run epubcheck"), "-jar", str(tool)]
    return subprocess.run(
        [*command, "--quiet", str(epub)], capture_output=True, text=True, check=False
    )


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ between two build folders (build caches left out)."""

    def files(root: Path) -> set[str]:
        return {
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and ".doctrees" not in p.parts
        }

    names_a, names_b = files(a), files(b)
    differ = sorted(names_a ^ names_b)
    differ += [n for n in sorted(names_a & names_b) if not filecmp.cmp(a / n, b / n, shallow=False)]
    return differ


# -- PDF ------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_builds_with_every_glyph_and_every_link(guide_pdf: tuple[Path, Path]) -> None:
    pdf, latex = guide_pdf
    assert pdf.name == "pug-guide-2026.11.pdf"
    log = latex.joinpath(pdf.with_suffix(".log").name).read_text(encoding="utf-8", errors="replace")
    assert MISSING_GLYPH.findall(log) == []
    assert UNDEFINED_REF.findall(log) == []
    assert "Output written on" in log


@pytest.mark.slow
def test_pdf_title_page_and_metadata_name_the_edition(
    guide_pdf: tuple[Path, Path], project_repo: Path
) -> None:
    pdf, _ = guide_pdf
    edition = detect_edition(project_repo)  # the commit the tag points at: its date
    title_page = " ".join(pdftotext(pdf, 1).split())
    assert "pug-guide Running a Python user group" in title_page
    assert "Edition 2026.11" in title_page
    assert edition.date in title_page
    assert "2026.11" in pdftotext(pdf, 5)  # the running header of the pages
    info = pdfinfo(pdf)
    assert info["Title"] == "pug-guide: running a Python user group"
    assert info["Author"] == "The pug-guide contributors"
    assert info["Subject"] == f"Edition 2026.11 ({edition.date})"
    assert int(info["Pages"]) > 20


@pytest.mark.slow
def test_pdf_has_bookmarks_a_linked_contents_and_the_checklists(
    guide_pdf: tuple[Path, Path],
) -> None:
    pdf, latex = guide_pdf
    marks = bookmarks(latex / pdf.with_suffix(".out").name)
    for chapter in ("Start here", "How-to guides", "Checklists", "Group directory"):
        assert chapter in marks
    assert "Before you start a group" in marks  # a checklist, as its own section
    objects = pdf_objects(pdf)
    assert b"/Outlines" in objects
    assert objects.count(b"/Subtype/Link") + objects.count(b"/Subtype /Link") > 100
    contents = pdftotext(pdf, 3, 4)
    assert "Contents" in contents
    # Checklist items print with an empty box to tick (U+25A1 in the text layer).
    assert "\u25a1 Look for a Python group that already meets near you" in pdftotext(pdf)


@pytest.mark.slow
def test_pdf_shows_the_directory_names_beyond_ascii(
    guide_pdf: tuple[Path, Path],
) -> None:
    samples = names_beyond_ascii()
    assert samples, "data/groups has no name beyond ASCII; the corpus test covers the fonts"
    text = letters(pdftotext(guide_pdf[0]))
    missing = [name for names in samples.values() for name in names if letters(name) not in text]
    assert missing == []


def xelatex(folder: Path, tex: str, **env: str) -> Path:
    """One XeLaTeX run (enough for a page without contents); the PDF it wrote."""
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex],
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=300,
        env={**os.environ, **env},
    )
    return (folder / tex).with_suffix(".pdf")


def word_boxes(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word pdftotext finds, with the left and top of its box."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (html.unescape(word), float(x), float(y))
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out
        )
    ]


@pytest.mark.sphinx("latex", testroot="editions-scripts", freshenv=True)
def test_pdf_sets_every_script(app: SphinxTestApp) -> None:
    need_tex()
    need_tool("pdffonts", "to list the fonts in the PDF")
    app.build()
    pdf = xelatex(Path(app.outdir), "scripts.tex")
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert MISSING_GLYPH.findall(log) == []
    text = letters(pdftotext(pdf))
    source = Path(app.srcdir, "index.md").read_text(encoding="utf-8")
    rows = [line.split("|")[2:4] for line in source.splitlines() if line.startswith("| ")][2:]
    names = [name.strip() for row in rows for cell in row for name in cell.split(",")]
    assert len(names) > 20
    assert [name for name in names if letters(name) not in text] == []
    # The font of each script reached the PDF.
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    for font in ("NotoNaskhArabic", "NotoSerifCJK", "NotoSerifDevanagari", "NotoSerifHebrew"):
        assert font in fonts


@pytest.mark.sphinx("latex", testroot="editions-scripts", freshenv=True)
def test_pdf_keeps_right_to_left_word_order(app: SphinxTestApp) -> None:
    # "بايثون القاهرة" (Python Cairo): read from the right, its first word is rightmost.
    need_tex()
    app.build()
    first, second = letters("بايثون"), letters("القاهرة")
    lines: dict[int, dict[str, float]] = {}
    for word, x, y in word_boxes(xelatex(Path(app.outdir), "scripts.tex")):
        for key, target in (("first", first), ("second", second)):
            if target in (letters(word), letters(word)[::-1]):
                lines.setdefault(int(y), {})[key] = x
    both = [line for line in lines.values() if len(line) == 2]
    assert len(both) == 2  # the table row and the mixed sentence
    assert all(line["first"] > line["second"] for line in both)


@pytest.mark.sphinx("latex", testroot="editions-scripts", freshenv=True)
def test_pdf_is_reproducible_with_source_date_epoch(app: SphinxTestApp, tmp_path: Path) -> None:
    need_tex()
    app.build()
    epoch = {"SOURCE_DATE_EPOCH": "1793000000", "FORCE_SOURCE_DATE": "1"}
    pdfs = []
    for run in ("a", "b"):
        shutil.copytree(app.outdir, tmp_path / run)
        pdfs.append(xelatex(tmp_path / run, "scripts.tex", **epoch).read_bytes())
    assert pdfs[0] == pdfs[1]


# -- EPUB -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def guide_epubs(
    project_repo: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    """The whole guide's EPUB from one commit, as `nox -s epub` builds it: a second run
    into the same folder (as running `nox -s epub` again does), and a fresh build."""
    where = tmp_path_factory.mktemp("epub")
    build_epub(project_repo, where / "a")
    again = build_epub(project_repo, where / "a")
    return again, build_epub(project_repo, where / "b")


@pytest.mark.slow
def test_epub_passes_epubcheck(guide_epubs: tuple[Path, Path]) -> None:
    result = run_epubcheck(guide_epubs[0])
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


@pytest.mark.slow
def test_epub_has_cover_navigation_metadata_checklists_and_directory(
    guide_epubs: tuple[Path, Path],
    project_repo: Path,
) -> None:
    epub = guide_epubs[0]
    edition = detect_edition(project_repo)
    assert epub.name == f"pug-guide-{edition.release}.epub"
    with zipfile.ZipFile(epub) as z:
        assert z.infolist()[0].filename == "mimetype"
        assert z.infolist()[0].compress_type == zipfile.ZIP_STORED
        opf = ET.fromstring(z.read("content.opf"))
        names = set(z.namelist())
        nav = z.read("nav.xhtml").decode()
        checklist = z.read("checklists/generated/before-you-start.xhtml").decode()
        directory = z.read("directory/index.xhtml").decode()
        # Tabs (sphinx-design) and checkboxes are web controls: not in an e-book.
        controls = [n for n in names if n.endswith(".xhtml") and b"<input" in z.read(n)]
    meta = opf.find(f"{OPF}metadata")
    assert meta is not None
    assert meta.findtext(f"{DC}title") == "pug-guide: running a Python user group"
    assert meta.findtext(f"{DC}creator") == "The pug-guide contributors"
    assert meta.findtext(f"{DC}language") == "en"
    assert meta.findtext(f"{DC}identifier") == f"pug-guide-{edition.release}"
    modified = [m.text for m in meta.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"]
    assert modified == [f"{edition.date}T" + modified[0].split("T")[1]]  # the commit's date
    cover = [i for i in opf.iter(f"{OPF}item") if i.get("properties") == "cover-image"]
    assert cover and cover[0].get("href") in names
    assert 'href="checklists/index.xhtml"' in nav
    assert 'href="directory/index.xhtml"' in nav
    assert "Look for a Python group that already meets near you" in checklist
    assert "<input" not in checklist  # boxes to tick on paper, not form controls
    assert "Group directory" in directory
    assert controls == []


@pytest.mark.slow
def test_two_epub_builds_of_one_commit_are_identical(guide_epubs: tuple[Path, Path]) -> None:
    a, b = guide_epubs
    assert a.read_bytes() == b.read_bytes()


# -- HTML -----------------------------------------------------------------------


@pytest.mark.slow
def test_two_html_builds_of_one_commit_are_identical(
    project_repo: Path,
    snapshot_site: Path,
    tmp_path: Path,
) -> None:
    sphinx_build(project_repo, "html", tmp_path / "again")
    assert same_tree(snapshot_site, tmp_path / "again") == []
