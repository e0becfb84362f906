"""The edition being built: its version from git tags, and how pages show it.

Editions are calendar versions tagged on ``main`` (``2026.11``, a fix ``2026.11.1``),
found by ``git describe``: a build of the tag is ``2026.11``, three commits later
``2026.11-3-gabc1234``. Where git cannot answer (a tarball, a shallow clone without
tags), the CI's tag variables or the commit hash stand in. The commit's date is the
edition's date and ``SOURCE_DATE_EPOCH``, so two builds of one commit are identical.

Every HTML page gets ``pugguide_edition`` in its template context: the edition label,
this edition's PDF and EPUB links, and whether to show the version switcher
(``static/editions.js``, which reads the ``versions.json`` of ``pugguide editions``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.epub import setup_epub
from pugguide.i18n import _
from pugguide.latexscripts import setup_latex_scripts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: A tag that names an edition: ``YYYY.MM`` and an optional fix number.
EDITION_TAG = re.compile(r"^20\d\d\.(?:0?[1-9]|1[0-2])(?:\.\d+)?$")
#: What ``git describe --match`` accepts (a glob); EDITION_TAG then checks it exactly.
TAG_GLOB = "20[0-9][0-9].*"
#: Printed instead of a version when neither git nor the CI knows one.
UNKNOWN = "unreleased"
#: The file name of the offline copies, without suffix.
BASENAME = "pug-guide-{release}"
STATIC = Path(__file__).parent / "static"


@dataclasses.dataclass(frozen=True)
class Edition:
    """One build's identity: ``version`` is the edition (``2026.11``), ``release``
    the exact build (equal to it on the tag), ``timestamp`` its commit time."""

    version: str
    release: str
    timestamp: int
    commit: str = ""

    @property
    def tagged(self) -> bool:
        """Whether this build is a published edition, not work in between."""
        return self.release == self.version and bool(EDITION_TAG.match(self.version))

    @property
    def date(self) -> str:
        """The commit date, ``YYYY-MM-DD`` in UTC."""
        return dt.datetime.fromtimestamp(self.timestamp, dt.UTC).date().isoformat()

    @property
    def basename(self) -> str:
        """``pug-guide-<release>``, the name of this edition's PDF and EPUB."""
        return BASENAME.format(release=self.release)


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of an edition tag: ``2026.9`` < ``2026.10`` < ``2026.10.1``."""
    return tuple(int(part) for part in version.split("."))


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def detect_edition(root: Path, environ: Mapping[str, str] | None = None) -> Edition:
    """The edition of the checkout at *root*, from git, then the CI, then a fallback."""
    environ = os.environ if environ is None else environ
    commit = (
        _git(root, "rev-parse", "--short=7", "HEAD")
        or environ.get("READTHEDOCS_GIT_COMMIT_HASH", environ.get("GITHUB_SHA", ""))[:7]
    )
    stamp = _git(root, "log", "-1", "--format=%ct", "HEAD")
    if stamp:
        timestamp = int(stamp)
    elif environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        timestamp = int(environ["SOURCE_DATE_EPOCH"])
    else:  # not a git checkout: a source archive's files carry the date
        timestamp = int(Path(root, "conf.py").stat().st_mtime)

    described = _git(root, "describe", "--tags", "--match", TAG_GLOB)
    if described:
        tag = described.split("-")[0]
        if EDITION_TAG.match(tag):
            return Edition(tag, described, timestamp, commit)
    # Shallow clones often lack tags; a tag build still says which tag it is.
    for kind, name in (
        ("READTHEDOCS_VERSION_TYPE", "READTHEDOCS_VERSION_NAME"),
        ("GITHUB_REF_TYPE", "GITHUB_REF_NAME"),
    ):
        tag = environ.get(name, "")
        if environ.get(kind) == "tag" and EDITION_TAG.match(tag):
            return Edition(tag, tag, timestamp, commit)
    release = f"{UNKNOWN}-g{commit}" if commit else UNKNOWN
    return Edition(UNKNOWN, release, timestamp, commit)


# -- Sphinx side ----------------------------------------------------------------


def _downloads(app: Sphinx) -> tuple[dict[str, str], bool]:
    """This edition's PDF and EPUB addresses, and whether they are relative to the root."""
    config = app.config
    name = BASENAME.format(release=config.release)
    where = config.pugguide_edition_downloads
    if where == "auto":
        if os.environ.get("READTHEDOCS") == "True":
            where = "readthedocs"
        elif EDITION_TAG.match(config.release):
            where = "release"
    if where == "local":  # `pugguide editions` puts them next to the pages
        return {fmt: f"{name}.{fmt}" for fmt in ("pdf", "epub")}, True
    if where == "readthedocs":
        lang = os.environ.get("READTHEDOCS_LANGUAGE", config.language or "en")
        slug = os.environ.get("READTHEDOCS_VERSION", "latest")
        return {fmt: f"/_/downloads/{lang}/{slug}/{fmt}/" for fmt in ("pdf", "epub")}, False
    if where == "release" and config.pugguide_repository_url:
        # release.yml attaches both files to the GitHub release of the tag.
        base = f"{config.pugguide_repository_url}/releases/download/{config.release}"
        return {fmt: f"{base}/{name}.{fmt}" for fmt in ("pdf", "epub")}, False
    return {}, False


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name.startswith("epub"):
        return
    downloads, relative = _downloads(app)
    if relative:
        downloads = {fmt: context["pathto"](url, 1) for fmt, url in downloads.items()}
    version, release = app.config.version, app.config.release
    if EDITION_TAG.match(release):
        label, shown = _("Edition"), release
    elif EDITION_TAG.match(version):
        label, shown = _("Draft after edition"), release
    else:
        commit = release.removeprefix(f"{UNKNOWN}-g")
        label, shown = _("Draft at commit"), commit if commit != UNKNOWN else "?"
    context["pugguide_edition"] = {
        "label": label,
        "shown": shown,
        "release": release,
        "date": app.config.today,
        "downloads": downloads,
        # Only `pugguide editions` writes versions.json; Read the Docs has its own menu.
        "switcher": app.config.pugguide_editions_index and os.environ.get("READTHEDOCS") != "True",
        "page": app.builder.get_target_uri(pagename),
    }


def _add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the configuration looks the same on every incremental build.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))  # also brings the EPUB cover


def _add_assets(app: Sphinx) -> None:
    # The switcher belongs to the web site; an EPUB reader has no other editions.
    if app.builder.format == "html" and not app.builder.name.startswith("epub"):
        app.add_css_file("editions.css")
        app.add_js_file("editions.js", loading_method="defer")


def setup_edition(app: Sphinx) -> None:
    app.add_config_value(
        "pugguide_edition_downloads",
        "auto",
        "html",
        types=frozenset({str}),
        description="Where pages link the PDF and EPUB: 'auto' (Read the Docs downloads, "
        "else the GitHub release of a tag), 'local' (next to the pages, as "
        "`pugguide editions` puts them), 'readthedocs', 'release' or 'none'.",
    )
    app.add_config_value(
        "pugguide_editions_index",
        False,
        "html",
        types=frozenset({bool}),
        description="Whether a versions.json lists the editions one folder above this "
        "build (`pugguide editions` sets it); only then do pages show the switcher.",
    )
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _page_context)
    setup_epub(app)  # valid, reproducible EPUB 3
    setup_latex_scripts(app)  # the PDF edition shows every script
