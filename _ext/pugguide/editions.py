"""Build the offline copies and every tagged edition side by side.

``python -m pugguide.editions pdf`` builds ``_build/pdf/pug-guide-<release>.pdf``
(Sphinx's LaTeX builder, then latexmk with XeLaTeX, as Read the Docs does); ``... epub``
builds ``_build/epub/pug-guide-<release>.epub``; ``... editions`` builds each edition
tag, checked out in a temporary git worktree, into ``_build/editions/<version>/`` with
its PDF and EPUB, and writes ``versions.json`` there for the version switcher.
``nox -s pdf``, ``nox -s epub`` and ``nox -s editions`` call these. Sphinx runs in
subprocesses, so each edition is built by its own ``conf.py`` and extension code.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.edition import EDITION_TAG, TAG_GLOB, detect_edition, version_key

if TYPE_CHECKING:
    from collections.abc import Sequence

STRICT = ["-W", "-n", "--keep-going"]
#: A glyph no font had; XeTeX logs one line per character (\tracinglostchars).
MISSING_GLYPH = re.compile(r"^Missing character: There is no (.+)$", re.MULTILINE)
#: What LaTeX logs for a link or page reference that points nowhere.
UNDEFINED_REF = re.compile(r"^LaTeX Warning: (?:Hyper )?[Rr]eference .* undefined", re.MULTILINE)
FORMATS = ("html", "pdf", "epub")


class BuildError(Exception):
    """A build failed; the message says which and shows the end of its output."""


def _run(command: list[str], cwd: Path, what: str, env: dict[str, str] | None = None) -> None:
    print(f"pugguide editions: {what}: {' '.join(command)}", flush=True)
    full_env = None if env is None else {**os.environ, **env}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=full_env)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-6000:]
        raise BuildError(f"{what} failed (exit status {result.returncode}):\n{tail}")


def sphinx_build(
    root: Path,
    builder: str,
    out: Path,
    *extra: str,
    strict: bool = True,
    doctrees: Path | None = None,
) -> None:
    """Run Sphinx on the guide checked out at *root*."""
    # Doctrees beside, not inside, the output: the EPUB builder packs what it finds there.
    out = out.resolve()
    doctrees = (doctrees or out.parent / f".doctrees-{out.name}").resolve()
    command = [sys.executable, "-m", "sphinx", "-c", str(root), *(STRICT if strict else [])]
    command += ["-q", "-b", builder, "-d", str(doctrees), *extra, str(root / "docs"), str(out)]
    _run(command, root, f"{builder} build of {root}")


def _made(folder: Path, suffix: str, what: str) -> Path:
    # The name carries the release the build saw.
    made = sorted(folder.glob(f"pug-guide-*{suffix}"))
    if not made:
        raise BuildError(f"the {what} build wrote no pug-guide-*{suffix} into {folder}")
    return made[-1]


def build_epub(root: Path, out: Path, *extra: str, strict: bool = True) -> Path:
    """Build the EPUB into *out*; returns ``out/pug-guide-<release>.epub``.

    *out* is emptied first: the EPUB packs whatever it holds, and Sphinx lists a cover
    page left by an earlier (perhaps failed) build twice in the spine. The doctrees,
    kept elsewhere, still save reading time.
    """
    if out.exists():
        shutil.rmtree(out)
    sphinx_build(root, "epub", out, *extra, strict=strict)
    return _made(out, ".epub", "EPUB")


def build_pdf(root: Path, out: Path, latex_dir: Path, *extra: str, strict: bool = True) -> Path:
    """LaTeX sources into *latex_dir*, XeLaTeX through latexmk, the PDF into *out*.

    Fails when the log shows a glyph missing from every font or an undefined
    reference, so a name in a new script cannot silently print as blank boxes.
    """
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        raise BuildError(
            "latexmk and xelatex are needed for the PDF (.ci/run lists the "
            "Debian packages: texlive-xetex, latexmk, fonts-noto-*)"
        )
    for stale in latex_dir.glob("pug-guide-*.tex"):
        stale.unlink()
    sphinx_build(root, "latex", latex_dir, *extra, strict=strict)
    tex = _made(latex_dir, ".tex", "LaTeX")
    # The commit's date for \today and the PDF's dates and ID: reproducible PDFs.
    epoch = str(detect_edition(root).timestamp)
    env = {"SOURCE_DATE_EPOCH": epoch, "FORCE_SOURCE_DATE": "1", "LATEXOPTS": ""}
    # -g: run even when latexmk's records say nothing changed since a failed run: the
    # failure may have been a missing package or font, installed since.
    command = ["latexmk", "-r", "latexmkrc", "-g", "-pdfxe", "-dvi-", "-ps-"]
    command += ["-interaction=nonstopmode", "-halt-on-error", "-file-line-error", tex.name]
    _run(command, latex_dir, "XeLaTeX run", env=env)
    log = tex.with_suffix(".log")
    text = log.read_text(encoding="utf-8", errors="replace")
    problems = sorted(set(MISSING_GLYPH.findall(text))) + UNDEFINED_REF.findall(text)
    if strict and problems:
        shown = "\n  ".join(str(p) for p in problems[:40])
        raise BuildError(f"{log}: glyphs or references missing in the PDF:\n  {shown}")
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / tex.with_suffix(".pdf").name
    shutil.copyfile(tex.with_suffix(".pdf"), pdf)
    return pdf


# -- Every edition side by side -------------------------------------------------


def edition_tags(repo: Path) -> list[str]:
    """The repository's edition tags, newest first."""
    command = ["git", "-C", str(repo), "tag", "--list", TAG_GLOB]
    listed = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return sorted((t for t in listed if EDITION_TAG.match(t)), key=version_key, reverse=True)


def build_editions(repo: Path, out: Path, formats: Sequence[str] = FORMATS) -> dict[str, Any]:
    """Build each edition tag of *repo* into ``out/<version>/``; write ``versions.json``."""
    tags = edition_tags(repo)
    if not tags:
        raise BuildError(f"{repo} has no edition tags (calendar versions like 2026.11)")
    out.mkdir(parents=True, exist_ok=True)
    editions = []
    with tempfile.TemporaryDirectory(prefix="pug-editions-") as scratch:
        for tag in tags:
            tree = Path(scratch, tag)
            _run(
                ["git", "-C", str(repo), "worktree", "add", "--detach", "--quiet", str(tree), tag],
                repo,
                f"checkout of {tag}",
            )
            try:
                editions.append(_build_edition(tree, tag, out, formats, Path(scratch)))
            finally:
                remove = ["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)]
                subprocess.run(remove, check=False, capture_output=True)
    index: dict[str, Any] = {"latest": tags[0], "editions": editions}
    (out / "versions.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    latest = f"{tags[0]}/index.html"
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<title>pug-guide</title><meta http-equiv="refresh" content="0; url={latest}">\n'
        f'<link rel="canonical" href="{latest}"></head>\n'
        f'<body><p><a href="{latest}">The latest edition of pug-guide</a></p></body></html>\n',
        encoding="utf-8",
    )
    return index


def _build_edition(
    tree: Path, tag: str, out: Path, formats: Sequence[str], scratch: Path
) -> dict[str, object]:
    site = out / tag
    if site.exists():
        shutil.rmtree(site)
    files: dict[str, str | None] = {"pdf": None, "epub": None}
    # Pages link the files next to them only when both are built here; otherwise they
    # link the GitHub release of the tag, where release.yml put them.
    both = {"pdf", "epub"} <= set(formats)
    downloads = ["-D", "pugguide_edition_downloads=local"] if both else []
    # Only here is there a versions.json beside the editions for the switcher to read.
    downloads += ["-D", "pugguide_editions_index=1"]
    # Older editions are built as they were tagged: warnings a newer Sphinx finds in
    # them are not fatal here.
    sphinx_build(tree, "html", site, *downloads, strict=False, doctrees=scratch / f"{tag}-doctrees")
    if "epub" in formats:
        epub = build_epub(tree, scratch / f"{tag}-epub", strict=False)
        shutil.copyfile(epub, site / epub.name)
        files["epub"] = f"{tag}/{epub.name}"
    if "pdf" in formats:
        pdf = build_pdf(tree, site, scratch / f"{tag}-latex", strict=False)
        files["pdf"] = f"{tag}/{pdf.name}"
    return {"version": tag, "date": detect_edition(tree).date, "url": f"{tag}/", **files}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pugguide.editions", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("what", choices=["pdf", "epub", "editions"])
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the checkout to build (default: the current folder)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="where the result goes (default: "
        "_build/pdf, _build/epub or _build/editions under --root)",
    )
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help="editions only: html plus any of pdf, epub (default: all)",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = args.out.resolve() if args.out else root / "_build" / args.what
    try:
        if args.what == "pdf":
            out = build_pdf(root, out, root / "_build/latex")
        elif args.what == "epub":
            out = build_epub(root, out)
        else:
            formats = [f for f in args.formats.split(",") if f]
            unknown = set(formats) - set(FORMATS)
            if unknown:
                parser.error(f"unknown format {', '.join(sorted(unknown))}")
            index = build_editions(root, out, formats)
            print(f"editions: {', '.join(e['version'] for e in index['editions'])}")
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"ready: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
