"""HTML (and EPUB) for checklist nodes.

On the web each item is a real checkbox with a ``<label>``, described by its timing,
details and link (``aria-describedby``); the script adds the progress count and buttons.
E-books get a drawn box instead: readers cannot store ticks, and a checkbox in an
e-book is a form control that goes nowhere. An item's timing is the ``<span>`` of the
inline it subclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from pugguide.i18n import _

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from pugguide.checklists import nodes as cl

#: Printed inside an e-book's box; hidden from screen readers, which read the list.
BOX = "\u2610"


def _is_ebook(self: HTML5Translator) -> bool:
    return self.builder.name.startswith("epub")


def visit_checklist(self: HTML5Translator, node: cl.checklist) -> None:
    attrs = {"role": "group", "data-checklist": node["checklist"]}
    if node["labelledby"]:
        attrs["aria-labelledby"] = node["labelledby"]
    else:
        attrs["aria-label"] = node["title"]
    if not _is_ebook(self):
        # Texts the script shows, translated with the page.
        attrs["data-progress-text"] = _("{done} of {total} done")
        attrs["data-reset-text"] = _("Clear all ticks")
        attrs["data-print-text"] = _("Print")
    self.body.append(self.starttag(node, "div", "", **attrs))


def depart_checklist(self: HTML5Translator, node: cl.checklist) -> None:
    self.body.append("</div>\n")


def visit_checklist_items(self: HTML5Translator, node: cl.checklist_items) -> None:
    # role=list: some screen readers drop list semantics when the bullets are hidden.
    self.body.append(self.starttag(node, "ul", "", role="list"))


def depart_checklist_items(self: HTML5Translator, node: cl.checklist_items) -> None:
    self.body.append("</ul>\n")


def visit_checklist_item(self: HTML5Translator, node: cl.checklist_item) -> None:
    self.body.append(self.starttag(node, "li", "", **{"data-item": node["item"]}))


def depart_checklist_item(self: HTML5Translator, node: cl.checklist_item) -> None:
    self.body.append("</li>\n")


def visit_checklist_text(self: HTML5Translator, node: cl.checklist_text) -> None:
    if _is_ebook(self):
        self.body.append(f'<span class="pug-box" aria-hidden="true">{BOX}</span> ')
        self.body.append(self.starttag(node, "span", ""))
        return
    attrs = {"type": "checkbox", "ids": [node["input_id"]], "autocomplete": "off"}
    if node.get("describedby"):
        attrs["aria-describedby"] = " ".join(node["describedby"])
    # starttag() escapes every attribute value; a bare Element keeps the label's
    # classes off the input.
    box = nodes.Element()
    self.body.append(self.emptytag(box, "input", "", CLASS="pug-checklist-box", **attrs))
    self.body.append(self.starttag(node, "label", "", **{"for": node["input_id"]}))


def depart_checklist_text(self: HTML5Translator, node: cl.checklist_text) -> None:
    self.body.append("</span>" if _is_ebook(self) else "</label>")
