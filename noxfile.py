"""Development tasks: ``nox -s docs`` builds the site, ``nox -s tests`` runs the tests.

Virtual environments are reused between runs (``.nox/``); pass ``-R`` to skip even the
install step, or ``--no-reuse-existing-virtualenvs`` to start afresh.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["docs", "tests"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
STRICT = ["-W", "-n", "--keep-going"]


def install(session: nox.Session, *groups: str, project: bool = False) -> None:
    """Install dependency groups from pyproject.toml (and the project, editable)."""
    requirements = [r for g in groups for r in nox.project.dependency_groups(PYPROJECT, g)]
    session.install(*requirements, *(["-e", "."] if project else []))


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site warning-free; `nox -s docs -- OUTDIR` builds elsewhere."""
    install(session, "docs")
    out = Path(session.posargs[0] if session.posargs else "_build/html")
    session.run("sphinx-build", "-c", ".", *STRICT, "-b", "html", "docs", str(out))
    session.log(f"The site is ready: open {out.resolve() / 'index.html'}")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000, rebuilt as you edit pages or data."""
    install(session, "serve")
    session.run(
        "sphinx-autobuild",
        "-c",
        ".",
        "-n",
        "--watch",
        "data",
        "--watch",
        "_ext",
        "--watch",
        "conf.py",
        "--port",
        "8000",
        "docs",
        "_build/serve",
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (browser and TeX tests skip, with a reason, where tools are missing)."""
    install(session, "test", project=True)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, ruff format, mypy, yamllint, check-jsonschema and codespell through pre-commit."""
    install(session, "lint")
    session.run("pre-commit", "run", "--all-files", "--show-diff-on-failure", *session.posargs)


# -- Offline and versioned editions (issue 7) -------------------------------------
def _editions(session: nox.Session, *args: str) -> None:
    install(session, "docs")
    session.run(
        "python",
        "-m",
        "pugguide.editions",
        *args,
        *session.posargs,
        env={"PYTHONPATH": str(ROOT / "_ext")},
    )


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the whole guide as _build/pdf/pug-guide-<version>.pdf (Sphinx LaTeX, XeLaTeX)."""
    _editions(session, "pdf")


@nox.session
def epub(session: nox.Session) -> None:
    """Build the whole guide as _build/epub/pug-guide-<version>.epub (EPUB 3)."""
    _editions(session, "epub")


@nox.session
def editions(session: nox.Session) -> None:
    """Build every tagged edition into _build/editions/<version>/ with versions.json;
    `nox -s editions -- --formats html` skips the PDF and EPUB."""
    _editions(session, "editions")


# -- contribute: the checks a pull request gets, runnable locally (issue 8) -------------


@nox.session
def validate(session: nox.Session) -> None:
    """Check every data file as CI does; `nox -s validate -- --format github` annotates."""
    install(session, "docs", project=True)
    session.run("pugguide", "validate", *session.posargs)


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check every external link, groups' addresses included; report in _build/linkcheck/."""
    install(session, "docs")
    out = ROOT / "_build" / "linkcheck"
    # Exit status 1 means "some links are broken": the report below says which.
    session.run(
        "sphinx-build",
        "-c",
        ".",
        "-b",
        "linkcheck",
        "-q",
        "-D",
        "linkcheck_timeout=30",
        "-D",
        "linkcheck_retries=2",
        # Group sites are often single-page apps whose anchors exist only after scripts run.
        "-D",
        "linkcheck_anchors=0",
        "docs",
        str(out),
        *session.posargs,
        success_codes=[0, 1],
    )
    session.run(
        "python",
        ".github/scripts/linkcheck_report.py",
        str(out / "output.json"),
        str(out / "report.md"),
    )


# -- group directory benchmark (issue 6) -----------------------------------------------


@nox.session
def bench(session: nox.Session) -> None:
    """Time the group directory on 1,000 and 10,000 synthetic groups, and weigh its page in
    Chromium; writes BENCHMARKS.md.

    `nox -s bench -- --sizes 1000` runs one size; `--out FILE` writes elsewhere.
    """
    install(session, "bench", project=True)
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site, then save PNGs of the directory's search (desktop and phone,
    light and dark) into _build/screenshots/ for a reviewer to look at."""
    install(session, "bench", project=True)
    session.run("sphinx-build", "-c", ".", *STRICT, "-q", "-b", "html", "docs", "_build/html")
    session.run("python", "bench/screenshots.py", "_build/html", *session.posargs)
