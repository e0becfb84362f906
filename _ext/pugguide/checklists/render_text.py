"""Plain text for checklist nodes: ``[ ]`` before each item, its timing in brackets."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.writers.text import TextTranslator

    from pugguide.checklists import nodes as cl

BOX = "[ ] "


def visit_checklist(self: TextTranslator, node: cl.checklist) -> None:
    pass


def depart_checklist(self: TextTranslator, node: cl.checklist) -> None:
    pass


def visit_checklist_items(self: TextTranslator, node: cl.checklist_items) -> None:
    self.visit_bullet_list(node)


def depart_checklist_items(self: TextTranslator, node: cl.checklist_items) -> None:
    self.depart_bullet_list(node)


def visit_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.new_state(len(BOX))


def depart_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.end_state(first=BOX)


def visit_checklist_text(self: TextTranslator, node: cl.checklist_text) -> None:
    pass


def depart_checklist_text(self: TextTranslator, node: cl.checklist_text) -> None:
    pass


def visit_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text("(")


def depart_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text(")")
