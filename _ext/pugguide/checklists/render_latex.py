"""LaTeX for checklist nodes: a list with an empty box for each item.

The box is amssymb's ``\\square``, which Sphinx loads already; :func:`setup_checklists`
asks for the package too, so a custom preamble cannot take it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils.nodes import Element
    from sphinx.writers.latex import LaTeXTranslator

    Visitor = Callable[[LaTeXTranslator, Element], None]

BOX = r"\raisebox{-0.2ex}{\Large$\square$}"


def _around(before: str, after: str) -> tuple[Visitor, Visitor]:
    """The visitors that write *before* and *after* a node's content."""

    def visit(self: LaTeXTranslator, node: Element) -> None:
        self.body.append(before)

    def depart(self: LaTeXTranslator, node: Element) -> None:
        self.body.append(after)

    return visit, depart


visit_checklist, depart_checklist = _around("\n\\par\\medskip\n", "\n\\par\\medskip\n")
visit_checklist_items, depart_checklist_items = _around("\\begin{itemize}\n", "\\end{itemize}\n")
visit_checklist_item, depart_checklist_item = _around(f"\\item[{{{BOX}}}] ", "\n")
visit_checklist_text, depart_checklist_text = _around("", "")
visit_checklist_when, depart_checklist_when = _around(r"\textit{(", ")}")
