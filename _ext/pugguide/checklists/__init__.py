"""Checklists built from ``data/checklists/*.yaml``: one source, rendered everywhere.

Each checklist gets a generated page (label ``checklist-<id>``), shows in any page with
``{checklist} <id>``, is listed by ``{checklist-index}``, and gives its timings in prose
(``{checklist-timeline}``, ``{checklist-when}``). On the web ticks are remembered per
browser; print, PDF, EPUB and text get empty boxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pugguide.checklists import htmlpage, pages, render_html, render_latex, render_text
from pugguide.checklists import nodes as cl
from pugguide.checklists.directive import ChecklistDirective, ChecklistIndexDirective, SeeLinkText
from pugguide.checklists.domain import ChecklistDomain
from pugguide.checklists.timeline import TimelineDirective, WhenRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent.parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    # New lists, not append(): conf.py may have given tuples.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]
    # E-books show boxes, not checkboxes, and are not printed from a browser.
    excluded = [f"_static/{name}" for name in (htmlpage.JS, htmlpage.PRINT_CSS)]
    config.epub_exclude_files = [
        *config.epub_exclude_files,
        *(name for name in excluded if name not in config.epub_exclude_files),
    ]


def setup_checklists(app: Sphinx) -> None:
    app.add_config_value(
        "pugguide_checklist_pages",
        "checklists/generated",
        "env",
        types=frozenset({str}),
        description="Folder (in the source folder) for the checklists' own pages; empty for none.",
    )
    app.add_domain(ChecklistDomain)
    renderers = {"html": render_html, "latex": render_latex, "text": render_text}
    for node in cl.NODES:
        visit, depart = f"visit_{node.__name__}", f"depart_{node.__name__}"
        handlers = {
            b: (getattr(m, visit), getattr(m, depart))
            for b, m in renderers.items()
            if hasattr(m, visit)  # else the docutils node's visitors (nodes.py)
        }
        app.add_node(node, **handlers)  # type: ignore[arg-type]
    app.add_directive("checklist", ChecklistDirective)
    app.add_directive("checklist-index", ChecklistIndexDirective)
    app.add_directive("checklist-timeline", TimelineDirective)
    app.add_role("checklist-when", WhenRole())
    app.add_post_transform(SeeLinkText)
    app.add_latex_package("amssymb")
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", pages.load_checklists)
    app.connect("env-get-outdated", pages.outdated_docs)
    app.connect("env-updated", pages.check_see_labels)
    app.connect("missing-reference", pages.quiet_missing_reference)
    app.connect("html-page-context", htmlpage.add_assets)
