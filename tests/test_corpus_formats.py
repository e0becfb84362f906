"""Valid input never breaks a format: a generated corpus of group files that the
validator accepts builds warning-free as HTML, passes epubcheck as EPUB, and prints
in the PDF with every name readable.

The corpus has a group per script the PDF has a font for (letters spread over each
script's block, only those the validator accepts), emoji and symbols, the characters
special to LaTeX and HTML, CRLF line ends, a byte-order mark and the longest allowed
description. A character no PDF font has is refused by the validator instead
(``test_the_validator_refuses_what_no_font_prints``).
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import unicodedata
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT, need_tex, need_tool, sphinx_build
from test_editions_offline import letters, pdftotext, run_epubcheck

from pugguide.editions import MISSING_GLYPH
from pugguide.groups import check_files
from pugguide.scripts import FALLBACK, SCRIPTS, _block, font_key, unprintable

if TYPE_CHECKING:
    from pathlib import Path

BASE = ROOT / "tests" / "roots" / "test-directory"
SCHEMA = json.loads((ROOT / "data" / "schema" / "group.schema.json").read_text())
#: Countries to spread the corpus over: country pages, print tables, the map.
COUNTRIES = ["IL", "AM", "JP", "IN", "EG", "TH", "ET", "GE", "KR", "CN", "GR", "UA", "US"]
SPECIALS = "& # $ % _ { } ~ ^ \\ < > \" ' |"


def script_letters(key: str, count: int = 6) -> str:
    """*count* letters of script *key*, spread over its block, that its font has."""
    codes = [
        c
        for c in range(0x0530, 0x30000)
        if _block(c) in (key, "hani" if key == "hans" else key)
        and unicodedata.category(chr(c)).startswith("L")
        and font_key(chr(c)) == key
        # Signs the PDF's text layer reads back as several letters (U+0F00 OM).
        and not any(w in unicodedata.name(chr(c), "") for w in ("LIGATURE", " OM"))
    ]
    assert codes, f"no letters of {key} in its font"
    step = max(1, len(codes) // count)
    return "".join(chr(c) for c in codes[::step][:count])


def corpus() -> dict[str, str]:
    """Relative path -> file text, each one a group the validator must accept."""
    texts: dict[str, str] = {}
    names: dict[str, str] = {}
    keys = [k for k in SCRIPTS if k not in FALLBACK]
    for key in keys:
        word = script_letters(key)
        names[f"script-{key}"] = f"Python {word}"
    names["latin"] = "Pythonistas Ñuñoa Hà Nội Łódź"
    names["greek-cyrillic"] = "Python Αθήνα Київ"
    names["emoji"] = "PyLadies Köln 🐍"
    names["symbols"] = "Py ☕ ★ ♫ ⚙ ✓ → ∑"
    names["specials"] = f"C&C {SPECIALS} Python"
    for i, (slug, name) in enumerate(sorted(names.items())):
        country = COUNTRIES[i % len(COUNTRIES)]
        texts[f"{country.lower()}/{slug}.yaml"] = (
            f"name: {json.dumps(name, ensure_ascii=False)}\n"
            f"city: {json.dumps(name.split(' ', 1)[-1], ensure_ascii=False)}\n"
            f"country: {country}\n"
            f"url: https://{slug}.example.org/\n"
            f"location:\n  lat: {10 + i}.5\n  lon: {20 + i}.25\n"
            'last_verified: "2026-11-01"\n'
        )
    longest = SCHEMA["properties"]["description"]["maxLength"]
    mixed = f"Talks {SPECIALS} 🐍 Київ שלום Երևան 東京 "
    description = (mixed * (longest // len(mixed) + 1))[:longest].rstrip()
    texts["de/longest-description.yaml"] = (
        'name: "Longest description"\ncity: Köln\ncountry: DE\n'
        "url: https://longest.example.org/\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        'last_verified: "2026-11-01"\n'
    )
    texts["de/crlf-line-ends.yaml"] = (
        'name: "CRLF Python"\r\ncity: Bonn\r\ncountry: DE\r\n'
        'url: https://crlf.example.org/\r\nlast_verified: "2026-11-01"\r\n'
    )
    texts["de/byte-order-mark.yaml"] = (
        '\ufeffname: "BOM Python Würzburg"\ncity: Würzburg\ncountry: DE\n'
        'url: https://bom.example.org/\nlast_verified: "2026-11-01"\n'
    )
    return texts


def names_of(texts: dict[str, str]) -> list[str]:
    return [
        json.loads(line.split(": ", 1)[1])
        for text in texts.values()
        for line in text.lstrip("\ufeff").splitlines()
        if line.startswith("name: ")
    ]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory test root with the corpus as its only groups, set up for print."""
    root = tmp_path_factory.mktemp("corpus") / "src"
    shutil.copytree(BASE, root)
    groups = root / "data" / "groups"
    shutil.rmtree(groups)
    for rel, text in corpus().items():
        path = groups / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (root / "index.md").write_text(
        "# Corpus\n\nGroups in every script.\n\n```{toctree}\ndirectory/index\n```\n",
        encoding="utf-8",
    )
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\nfrom pugguide.latexscripts import FONT_PREAMBLE, VISIBLE_SPACE_SETUP\n"
            "project = 'corpus'\nauthor = 'Test'\nlatex_engine = 'xelatex'\n"
            "latex_documents = [('index', 'corpus.tex', 'Corpus', 'Test', 'manual')]\n"
            "latex_elements = {'fontpkg': FONT_PREAMBLE, 'printindex': '',\n"
            "                  'sphinxsetup': VISIBLE_SPACE_SETUP}\n"
            "latex_use_xindy = False\n"
            "epub_copyright = '2026, Test'\nepub_uid = epub_identifier = 'corpus'\n"
            "version = release = '1'\n"
            "suppress_warnings = ['epub.unknown_project_files']\n"
        )
    return root


def build(root: Path, builder: str, out: Path) -> None:
    doctrees = str(out.parent / f".doctrees-{builder}")
    result = sphinx_build(out, builder, "-q", "-d", doctrees, root=root, src=root)
    assert result.returncode == 0, result.stderr[-4000:]


def test_the_corpus_is_valid_input() -> None:
    texts = corpus()
    assert len(texts) >= len(SCRIPTS)
    # Every script block with a font is in it, and nothing the validator would refuse.
    for name in names_of(texts):
        assert unprintable(name) == [], name


def test_the_validator_accepts_every_corpus_file(project: Path) -> None:
    data = project / "data"
    files = sorted((data / "groups").rglob("*.yaml"))
    assert check_files(files, data) == []


def test_the_corpus_builds_as_html_with_every_name_escaped(project: Path) -> None:
    out = project.parent / "html"
    build(project, "html", out)
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    for name in names_of(corpus()):
        escaped = html.escape(name, quote=False)
        assert escaped in pages or html.escape(name) in pages, name
    assert "\\ < >" not in pages  # the specials never reach a page unescaped


def test_the_corpus_builds_as_epub_that_epubcheck_accepts(project: Path) -> None:
    out = project.parent / "epub"
    build(project, "epub", out)
    (epub,) = out.glob("*.epub")
    result = run_epubcheck(epub)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_corpus_prints_every_name_in_the_pdf(project: Path) -> None:
    need_tex()
    out = project.parent / "latex"
    build(project, "latex", out)
    subprocess.run(
        ["latexmk", "-pdfxe", "-g", "-interaction=nonstopmode", "-halt-on-error", "corpus.tex"],
        cwd=out,
        capture_output=True,
        check=True,
        timeout=600,
    )
    log = (out / "corpus.log").read_text(encoding="utf-8", errors="replace")
    assert MISSING_GLYPH.findall(log) == []
    text = pdftotext(out / "corpus.pdf")
    seen = letters(text)
    assert [n for n in names_of(corpus()) if letters(n) not in seen] == []
    assert "🐍" in text and "☕" in text
    assert SPECIALS.replace(" ", "") in text.replace(" ", "")


def test_the_validator_refuses_what_no_font_prints(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "groups" / "de").mkdir(parents=True)
    (data / "schema").symlink_to(ROOT / "data" / "schema", target_is_directory=True)
    path = data / "groups" / "de" / "bad.yaml"
    path.write_text(
        # U+1F970 is newer than the emoji font; U+E000 is private use; U+12000 cuneiform.
        'name: "Python 🥰"\ncity: "Köln \ue000"\ncountry: DE\nregion: "𒀀"\n'
        'url: https://example.org/中\nlast_verified: "2026-11-01"\n',
        encoding="utf-8",
    )
    messages = [f"{p.line}: {p.message}" for p in check_files([path], data)]
    assert any(m.startswith("1: name contains U+1F970") for m in messages), messages
    assert any(m.startswith("2: city contains U+E000") for m in messages), messages
    assert any(m.startswith("4: region contains U+12000 CUNEIFORM") for m in messages), messages
    assert any(m.startswith("5: url: contains U+4E2D") and "ASCII" in m for m in messages)


def test_font_coverage_matches_the_installed_fonts() -> None:
    """fontcoverage.json, which the validator trusts, is what the fonts CI installs hold."""
    need_tool("fc-list", "to read the fonts' character sets")
    from pugguide.fontcoverage import measure
    from pugguide.scripts import COVERAGE_FILE

    committed = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    assert measure()["fonts"] == committed["fonts"], (
        "the installed fonts changed: run python -m pugguide.fontcoverage and commit"
    )
