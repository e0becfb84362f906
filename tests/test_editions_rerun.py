"""``nox -s pdf`` and ``nox -s epub`` succeed after an earlier failed or interrupted run,
without anyone deleting ``_build/``.

The PDF case is the one CI met: XeLaTeX failed for want of a TeX file that a package
installs; once it was installed, latexmk's records still said "nothing to do, the
last run gave an error" because no source had changed.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

import pytest
from conftest import need_tex, need_tool
from test_editions_offline import pdftotext, run_epubcheck

from pugguide.editions import BuildError, build_epub, build_pdf

if TYPE_CHECKING:
    from pathlib import Path

CONF = """
extensions = ["myst_parser"]
project = "rerun"
author = "Test"
version = release = "1"
latex_engine = "xelatex"
latex_documents = [("index", "pug-guide-rerun.tex", "Rerun", "Test", "howto")]
latex_elements = {"preamble": r"\\usepackage{pugrerun}", "printindex": ""}
latex_use_xindy = False
epub_basename = "pug-guide-rerun"
epub_copyright = "2026, Test"
epub_uid = epub_identifier = "rerun"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Rerun\n\nA page that prints.\n", encoding="utf-8")
    return root


def test_pdf_builds_after_a_failed_run(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_tex()
    texmf = tmp_path / "texmf"
    texmf.mkdir()
    monkeypatch.setenv("TEXINPUTS", f"{texmf}//:")  # where the "installed" package goes
    latex, out = project / "_build" / "latex", project / "_build" / "pdf"
    with pytest.raises(BuildError, match=r"pugrerun\.sty"):
        build_pdf(project, out, latex)
    # The package is installed; nothing in the project changed.
    (texmf / "pugrerun.sty").write_text("\\ProvidesPackage{pugrerun}\n", encoding="utf-8")
    pdf = build_pdf(project, out, latex)
    assert "A page that prints." in pdftotext(pdf)


def test_epub_builds_after_an_interrupted_run(project: Path) -> None:
    need_tool("java", "to run epubcheck")
    out = project / "_build" / "epub"
    # What a run stopped half-way leaves: some files, no package list yet.
    (out / "META-INF").mkdir(parents=True)
    (out / "mimetype").write_text("application/epub+zip", encoding="ascii")
    (out / "epub-cover.html").write_text("<html></html>", encoding="utf-8")
    (out / "stale.xhtml").write_text("<html></html>", encoding="utf-8")
    epub = build_epub(project, out)
    assert "stale.xhtml" not in zipfile.ZipFile(epub).namelist()
    result = run_epubcheck(epub)
    assert result.returncode == 0, result.stdout + result.stderr
    # And once more over a finished build.
    assert run_epubcheck(build_epub(project, out)).returncode == 0
