"""Plain text for checklist nodes: ``[ ]`` before each item, its timing in brackets.

The other nodes render as the container, bullet list and inline they subclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.writers.text import TextTranslator

    from pugguide.checklists import nodes as cl

BOX = "[ ] "


def visit_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.new_state(len(BOX))


def depart_checklist_item(self: TextTranslator, node: cl.checklist_item) -> None:
    self.end_state(first=BOX)


def visit_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text("(")


def depart_checklist_when(self: TextTranslator, node: cl.checklist_when) -> None:
    self.add_text(")")
