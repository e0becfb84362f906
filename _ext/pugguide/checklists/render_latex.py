"""LaTeX for checklist nodes: a list with an empty box for each item.

The box is amssymb's ``\\square``, which Sphinx loads already; :func:`setup_checklists`
asks for the package too, so a custom preamble cannot take it away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.writers.latex import LaTeXTranslator

    from pugguide.checklists import nodes as cl

BOX = r"\raisebox{-0.2ex}{\Large$\square$}"


def visit_checklist(self: LaTeXTranslator, node: cl.checklist) -> None:
    self.body.append("\n\\par\\medskip\n")


def depart_checklist(self: LaTeXTranslator, node: cl.checklist) -> None:
    self.body.append("\n\\par\\medskip\n")


def visit_checklist_items(self: LaTeXTranslator, node: cl.checklist_items) -> None:
    self.body.append("\\begin{itemize}\n")


def depart_checklist_items(self: LaTeXTranslator, node: cl.checklist_items) -> None:
    self.body.append("\\end{itemize}\n")


def visit_checklist_item(self: LaTeXTranslator, node: cl.checklist_item) -> None:
    self.body.append(f"\\item[{{{BOX}}}] ")


def depart_checklist_item(self: LaTeXTranslator, node: cl.checklist_item) -> None:
    self.body.append("\n")


def visit_checklist_text(self: LaTeXTranslator, node: cl.checklist_text) -> None:
    pass


def depart_checklist_text(self: LaTeXTranslator, node: cl.checklist_text) -> None:
    pass


def visit_checklist_when(self: LaTeXTranslator, node: cl.checklist_when) -> None:
    self.body.append(r"\textit{(")


def depart_checklist_when(self: LaTeXTranslator, node: cl.checklist_when) -> None:
    self.body.append(")}")
