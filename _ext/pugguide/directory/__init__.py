"""The group directory in Sphinx: placeholders on hand-written pages, country pages
on the web, compact tables in print, the map and the downloads.

The data side is :mod:`pugguide.groups` (pure, no Sphinx); this package wires it into
a build. :func:`setup_directory` only registers things: the build's state and its
event handlers are one :class:`~pugguide.directory.build.DirectoryBuild`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.directory import placeholders
from pugguide.directory.build import DirectoryBuild
from pugguide.directory.domain import DirectoryDomain
from pugguide.directory.nodes import setup_nodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The filter's script and the pages' styles, copied into ``_static`` by every HTML
#: builder (EPUB included, so its pages find their stylesheet).
ASSETS = Path(__file__).resolve().parent / "static"


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # Country pages are not documents: countrypages.page_context adds it to them.
    if doctree is not None and pagename in placeholders.users(app.env):
        placeholders.add_scripts(app)


def add_static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def setup_directory(app: Sphinx) -> None:
    app.add_config_value(
        "pugguide_directory_page_size",
        150,
        "env",
        types=frozenset({int}),
        description="Most groups on one country page; bigger countries split by region.",
    )
    app.add_domain(DirectoryDomain)
    setup_nodes(app)
    placeholders.setup_directives(app)
    app.add_css_file("pugguide-directory.css")
    app.add_latex_package("tikz")
    build = DirectoryBuild()
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", build.start)
    app.connect("env-get-updated", build.updated_docs)
    app.connect("doctree-resolved", build.fill_placeholders)
    app.connect("missing-reference", build.resolve_page_reference)
    app.connect("html-page-context", add_assets)
    app.connect("html-page-context", build.page_context, priority=400)  # before the theme
    app.connect("html-collect-pages", build.collect_pages)
    app.connect("build-finished", build.finish)
