"""Placeholder nodes of the directory pages and how each builder renders them.

``directory_summary``, ``directory_countries`` and ``stale_groups`` show the whole
directory; they are filled in when a page is written (``doctree-resolved``), from the
data loaded once per build, so adding a group rewrites these pages without re-reading
them. ``group_map`` is the world map: HTML shows the SVG file written next to the
directory's index in an ``<object>`` (dots keep their tooltips and links), EPUB as an
image, LaTeX draws it with TikZ, text says where to find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from pugguide.groups import mapsvg, pagehtml
from pugguide.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class directory_summary(nodes.General, nodes.Element):
    """Counts, the search-and-filter box (HTML) and download links."""


class directory_countries(nodes.General, nodes.Element):
    """Links to every country page (HTML), or every group in compact tables (print)."""


class directory_downloads(nodes.General, nodes.Element):
    """Links to the exports (HTML), or where to find them (print)."""


class stale_groups(nodes.General, nodes.Element):
    """The groups nobody confirmed for 12 months, oldest first."""


class group_map(nodes.General, nodes.Element):
    """The world map. When the page is written it gets ``records`` (LaTeX draws them),
    ``svg`` (the map's file, relative to the page), ``groups`` (``groups.json``, for the
    search box) and ``alt``."""


def visit_map_html(self: HTML5Translator, node: group_map) -> None:
    uri, alt = self.attval(node["svg"]), self.attval(node["alt"])
    if self.builder.name.startswith("epub"):
        # Reading systems show an SVG image; an <object> is not allowed in EPUB.
        self.body.append(f'<figure class="pug-map"><img src="{uri}" alt="{alt}"/></figure>\n')
        raise nodes.SkipNode
    # The map answers "near a place" too: the directory's search box above it.
    self.body.append(pagehtml.filter_box(node["groups"], _))
    self.body.append(
        f'<figure class="pug-map"><object data="{uri}" type="image/svg+xml" '
        f'aria-label="{alt}"><img src="{uri}" alt="{alt}"></object>'
        f'<figcaption><a href="{uri}">{self.encode(_("Open the map on its own"))}</a> '
        f"{self.encode(_('(to zoom in on a small screen)'))}</figcaption></figure>\n"
    )
    raise nodes.SkipNode


def visit_map_latex(self: LaTeXTranslator, node: group_map) -> None:
    self.body.append("\n" + mapsvg.tikz(node["records"]) + "\n")
    raise nodes.SkipNode


def visit_map_text(self: TextTranslator, node: group_map) -> None:
    self.add_text(
        _("[Map of {} groups: see the web edition of the guide.]").format(
            len(mapsvg.located(node["records"]))
        )
    )
    raise nodes.SkipNode


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    # Placeholders are replaced before writing; if one survives (a builder that does
    # not resolve them), it renders as nothing rather than failing the build.
    # Any: add_node's keyword arguments are per builder, which mypy cannot follow.
    skipped: dict[str, Any] = dict.fromkeys(
        ("html", "latex", "text", "man", "texinfo"), (skip, None)
    )
    for node in (directory_summary, directory_countries, directory_downloads, stale_groups):
        app.add_node(node, **skipped)
    drawn: dict[str, Any] = {
        "html": (visit_map_html, None),
        "latex": (visit_map_latex, None),
        "text": (visit_map_text, None),
    }
    app.add_node(group_map, **(skipped | drawn))
