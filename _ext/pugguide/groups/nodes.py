"""Placeholder nodes of the directory pages and how each builder renders them.

``directory_summary``, ``directory_countries`` and ``stale_groups`` show the whole
directory; they are filled in when a page is written (``doctree-resolved``), from the
data loaded once per build, so adding a group rewrites these pages without re-reading
them. ``group_map`` wraps the generated SVG image: HTML shows it in an ``<object>`` (dots
keep their tooltips and links), LaTeX draws it with TikZ, text says where to find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from pugguide.groups import mapsvg, render
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


class directory_parts(nodes.General, nodes.Element):
    """The pages of one big country (``country`` attribute), with their group counts."""


class stale_groups(nodes.General, nodes.Element):
    """The groups nobody confirmed for 12 months, oldest first."""


class group_list(nodes.General, nodes.Element):
    """Groups as list entries; ``records`` holds their data. HTML writes them directly
    (:func:`~pugguide.groups.render.list_html`); for other builders the node becomes
    ordinary docutils nodes before writing, so each writer escapes in its own way."""


def visit_group_list_html(self: HTML5Translator, node: group_list) -> None:
    self.body.append(render.list_html(node["records"]))
    raise nodes.SkipNode


class group_map(nodes.General, nodes.Element):
    """The world map; its child is the image node of the generated SVG."""


def visit_map_html(self: HTML5Translator, node: group_map) -> None:
    images = [n for n in node.findall(nodes.image)]
    if not images or self.builder.name.startswith("epub"):
        self.body.append('<figure class="pug-map">')
        return  # EPUB readers get the plain <img> the child renders
    src = self.builder.images.get(images[0]["uri"])
    uri = f"{self.builder.imgpath}/{src}" if src else images[0]["uri"]
    alt = self.attval(images[0].get("alt", ""))
    uri = self.attval(uri)
    self.body.append(
        f'<figure class="pug-map"><object data="{uri}" type="image/svg+xml" '
        f'aria-label="{alt}"><img src="{uri}" alt="{alt}"></object>'
        f'<figcaption><a href="{uri}">{self.encode(_("Open the map on its own"))}</a> '
        f"{self.encode(_('(to zoom in on a small screen)'))}</figcaption>"
    )
    for child in node.children:
        if not isinstance(child, nodes.image):
            child.walkabout(self)
    self.body.append("</figure>\n")
    raise nodes.SkipNode


def depart_map_html(self: HTML5Translator, node: group_map) -> None:
    self.body.append("</figure>\n")


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
    for node in (
        directory_summary,
        directory_countries,
        directory_downloads,
        directory_parts,
        stale_groups,
    ):
        app.add_node(
            node,
            html=(skip, None),
            latex=(skip, None),
            text=(skip, None),
            man=(skip, None),
            texinfo=(skip, None),
        )
    app.add_node(
        group_list,
        html=(visit_group_list_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(
        group_map,
        html=(visit_map_html, depart_map_html),
        latex=(visit_map_latex, None),
        text=(visit_map_text, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
