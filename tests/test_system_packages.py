""".ci/packages lists every Debian package the tests use, so CI on a bare machine has it.

A machine where someone once installed a package by hand passes whatever the list
says. So this test looks at what the tests really used: every file XeLaTeX read for
the whole guide's PDF (latexmk's recorder file, ``.fls``), the font files the PDF
embeds (``pdffonts``), and the programs the tests start (Chromium and the libraries it
loads, Java for epubcheck and the Nu HTML Checker, poppler's tools). It maps each file
to its package (``dpkg -S``) and checks the package is listed or is a dependency of a
listed one (``apt-cache depends --recurse``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, need_tool

from pugguide import scripts
from pugguide.latexscripts import FONT_PREAMBLE

PACKAGES_FILE = ROOT / ".ci" / "packages"
#: Programs the test suite starts, besides TeX (read from the PDF build itself).
PROGRAMS = ["chromium", "java", "pdftotext", "pdffonts", "pdftoppm", "pdfinfo", "fc-list", "git"]
#: Files the package scripts generate at install time (TeX formats, font maps): no
#: package owns them, and the package that made them owns the folder's tools.
GENERATED = ("/var/lib/texmf/", "/var/cache/", "/etc/texmf/")
DEPENDS = [
    "apt-cache",
    "depends",
    "--recurse",
    "--no-recommends",
    "--no-suggests",
    "--no-conflicts",
    "--no-breaks",
    "--no-replaces",
    "--no-enhances",
]


def listed_packages(text: str) -> list[str]:
    """The package names in .ci/packages' format: one a line, ``#`` comments."""
    return [name for line in text.splitlines() if (name := line.split("#", 1)[0].strip())]


def installable_closure(packages: list[str]) -> set[str]:
    """*packages* and everything apt installs with them (Recommends left out, as
    .ci/run installs with --no-install-recommends)."""
    out = subprocess.run([*DEPENDS, *packages], capture_output=True, text=True, check=True).stdout
    return {line.strip() for line in out.splitlines() if line and not line[0].isspace()}


def owners(paths: set[Path]) -> tuple[dict[str, set[str]], list[str]]:
    """Package -> the files of *paths* it owns; and the files no package owns."""
    found: dict[str, set[str]] = {}
    unowned = []
    for path in sorted(paths):
        candidates = dict.fromkeys([str(path), str(path.resolve())])
        result = subprocess.run(
            ["dpkg", "-S", *candidates], capture_output=True, text=True, check=False
        )
        names = {
            name.strip().split(":", 1)[0]
            for line in result.stdout.splitlines()
            for name in line.rsplit(": ", 1)[0].split(",")
        }
        if not names:
            unowned.append(str(path))
        for name in names:
            found.setdefault(name, set()).add(str(path))
    return found, unowned


def tex_inputs(latex: Path) -> set[Path]:
    """The system files XeLaTeX read: INPUT lines of the recorder file."""
    (fls,) = latex.glob("pug-guide-*.fls")
    files = set()
    for line in fls.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("INPUT /"):
            path = Path(line.removeprefix("INPUT "))
            if not path.is_relative_to(latex) and path.is_file():
                files.add(path)
    return files


def embedded_fonts(pdf: Path) -> set[Path]:
    """The files of the fonts the PDF embeds, found by their PostScript names."""
    table = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # "ABCDEF+NotoSerif-Regular"; CID fonts add their encoding ("-Identity-H").
    names = {
        re.sub(r"^[A-Z]{6}\+|-Identity-[HV]$", "", row.split()[0]) for row in table if row.strip()
    }
    files = set()
    for name in sorted(names):
        listed = (
            subprocess.run(
                ["fc-list", f":postscriptname={name}", "file"], capture_output=True, text=True
            )
            .stdout.split(":")[0]
            .strip()
        )
        if not listed:  # a TeX font (Computer Modern in math), found by kpathsea
            listed = subprocess.run(
                ["kpsewhich", f"{name.lower()}.pfb"], capture_output=True, text=True
            ).stdout.strip()
        assert listed, f"the PDF embeds {name}, which neither fontconfig nor kpathsea finds"
        files.add(Path(listed))
    return files


def program_files() -> set[Path]:
    """The programs the tests start, and the shared libraries Chromium and Java load."""
    files: set[Path] = set()
    for name in PROGRAMS:
        found = shutil.which(name)
        assert found, f"{name} is not installed"
        binary = Path(found).resolve()
        files.add(binary)
        if name in ("chromium", "java"):
            # Debian's chromium is a shell script that starts /usr/lib/chromium/chromium.
            real = Path("/usr/lib/chromium/chromium") if name == "chromium" else binary
            files.add(real)
            ldd = subprocess.run(["ldd", str(real)], capture_output=True, text=True).stdout
            files |= {Path(m) for m in re.findall(r"=> (/\S+)", ldd)}
    epubcheck = Path(need_tool("epubcheck", "to validate the EPUB edition")).resolve()
    files.add(epubcheck)
    return files


def every_font_pdf(folder: Path) -> Path:
    """A page with a letter in each font the PDF can use: data in any script the
    validator accepts may need any of them, whatever today's groups hold."""
    coverage = scripts.coverage()
    lines = []
    for key in scripts.SCRIPTS:
        first = next(a for a, _ in coverage[key] if a > 0x7F and chr(a).isprintable())
        lines.append(rf"{key}: \pugscript{{{key}}}{{{chr(first)}}}\par")
    tex = folder / "pug-guide-fonts.tex"
    tex.write_text(
        "\\documentclass{article}\\usepackage{fontspec}\\usepackage{hyperref}\n"
        + FONT_PREAMBLE
        + "\n\\begin{document}\n"
        + "\n".join(lines)
        + "\n\\end{document}\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["xelatex", "-recorder", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=300,
    )
    return tex.with_suffix(".pdf")


@pytest.fixture(scope="module")
def needed(
    guide_pdf: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, set[str]]:
    """Package -> the files the tests used from it."""
    need_tool("dpkg", "to map files to Debian packages")
    need_tool("apt-cache", "to list the packages' dependencies")
    pdf, latex = guide_pdf
    fonts = tmp_path_factory.mktemp("every-font")
    fonts_pdf = every_font_pdf(fonts)
    files = tex_inputs(latex) | embedded_fonts(pdf) | program_files()
    files |= tex_inputs(fonts) | embedded_fonts(fonts_pdf)
    found, unowned = owners(files)
    strays = [f for f in unowned if not f.startswith(GENERATED)]
    assert strays == [], f"files no Debian package owns: {strays[:20]}"
    assert len(found) > 10
    return found


def missing(needed: dict[str, set[str]], listed: list[str]) -> dict[str, list[str]]:
    """The needed packages that installing *listed* does not bring, with a file each."""
    have = installable_closure(listed)
    return {name: sorted(files)[:3] for name, files in needed.items() if name not in have}


def test_ci_installs_every_package_the_tests_use(needed: dict[str, set[str]]) -> None:
    listed = listed_packages(PACKAGES_FILE.read_text(encoding="utf-8"))
    assert missing(needed, listed) == {}, "add these to .ci/packages"


@pytest.mark.parametrize("package", ["texlive-fonts-recommended", "fonts-symbola"])
def test_the_check_catches_a_needed_package_left_out(
    needed: dict[str, set[str]], package: str
) -> None:
    """Without the package the PDF needs (pifont's ZapfDingbats; the emoji font),
    the check above fails and names it."""
    listed = listed_packages(PACKAGES_FILE.read_text(encoding="utf-8"))
    assert package in listed and package in needed
    assert package in missing(needed, [p for p in listed if p != package])


def test_ci_run_installs_the_list() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/packages" in run and '"${packages[@]}"' in run
    assert listed_packages("a # x\n\n# c\nb\n") == ["a", "b"]
