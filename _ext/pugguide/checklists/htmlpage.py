"""Per-page HTML additions: the checklists' style and script where a checklist is shown,
and on a checklist's own page, "edit" and "view source" links to its YAML file (the
generated page has no source in the repository to link to)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pugguide.checklists import nodes as cl
from pugguide.checklists.domain import checklist_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

CSS, JS = "checklists.css", "checklists.js"
#: Print rules for the page around a checklist; web only (see the file).
PRINT_CSS = "checklists-print.css"


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: nodes.document | None,
) -> None:
    shown = None if doctree is None else next(doctree.findall(cl.checklist), None)
    if shown is None:  # only pages that show a checklist load its style and script
        return
    app.add_css_file(CSS)
    if app.builder.name.startswith("epub"):  # e-books get boxes, not checkboxes
        return
    app.add_css_file(PRINT_CSS)
    app.add_js_file(JS, defer="defer")
    if shown["standalone"] and app.config.pugguide_repository_url:
        _link_to_data(app, shown["checklist"], context)


def _link_to_data(app: Sphinx, checklist_id: str, context: dict[str, object]) -> None:
    checklist = checklist_domain(app.env).checklists.get(checklist_id)
    if checklist is None:
        return
    try:
        path = checklist.path.relative_to(Path(app.confdir).resolve()).as_posix()
    except ValueError:  # data outside the repository: keep the theme's links
        return
    repo = app.config.pugguide_repository_url.rstrip("/")
    branch = app.config.pugguide_repository_branch
    # Themes built on basic-ng (furo) format these with the page's file name; a
    # checklist id holds no braces, so the address passes through unchanged.
    context["theme_source_edit_link"] = f"{repo}/edit/{branch}/{path}"
    context["theme_source_view_link"] = f"{repo}/blob/{branch}/{path}"
