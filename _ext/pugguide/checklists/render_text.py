"""Plain text for checklist nodes: ``[ ]`` before each item, its timing in brackets."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.text import TextTranslator

    from pugguide.checklists import nodes as cl

BOX = "[ ] "


def _nothing(self: TextTranslator, node: Element) -> None:
    """The node's children write all there is."""


visit_checklist = depart_checklist = _nothing
visit_checklist_text = depart_checklist_text = _nothing


def visit_checklist_items(self: TextTranslator, node: cl.checklist_items) -> None:
    self.visit_bullet_list(node)


def depart_checklist_items(self: TextTranslator, node: cl.checklist_items) -> None:
    self.depart_bullet_list(node)


def visit_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.new_state(len(BOX))


def depart_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.end_state(first=BOX)


def visit_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text("(")


def depart_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text(")")
