"""Doctree nodes of a rendered checklist.

Each subclasses the docutils node it behaves like, so a builder without visitors of its
own (man, texinfo) still renders a plain list: Sphinx looks visitors up along the MRO.
"""

from __future__ import annotations

from docutils import nodes


class checklist(nodes.container):
    """One checklist. Attributes: ``checklist`` (its id), ``standalone`` (on its own page),
    ``labelledby`` (HTML id of the title), and for HTML the texts its script shows."""


class checklist_items(nodes.bullet_list):
    """The list of items; rendered with empty boxes instead of bullets."""


class checklist_item(nodes.list_item):
    """One item. Attribute ``item``: its stable id."""


class checklist_text(nodes.inline):
    """An item's text: the label of its checkbox in HTML. Attributes ``input_id`` and
    ``describedby`` (HTML ids of the item's timing, details and link)."""


class checklist_when(nodes.inline):
    """An item's timing ("6 weeks before")."""


#: Every node above; a builder's renderer has a ``visit_`` and ``depart_`` for each it
#: renders unlike the docutils node it subclasses.
NODES = (checklist, checklist_items, checklist_item, checklist_text, checklist_when)
