"""Timings from the checklists, in prose: one source for "when".

``{checklist-timeline} first-meeting`` is a table (when, what to do) of the checklist's
timed items, in its order; ``{checklist-when}`first-meeting/confirm-venue``` writes one
item's ``when`` into a sentence. A page that uses them cannot disagree with the checklist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from pugguide.checklists.directive import warn, xref
from pugguide.checklists.domain import checklist_domain
from pugguide.i18n import _

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.util.typing import OptionSpec

    from pugguide.checklists.model import Checklist, Item


class TimelineDirective(SphinxDirective):
    """A table of the timed items of one or more checklists."""

    required_arguments = 1
    optional_arguments = 5
    option_spec: ClassVar[OptionSpec] = {"caption": directives.unchanged}

    def run(self) -> list[Node]:
        domain = checklist_domain(self.env)
        docname = self.env.current_document.docname
        rows: list[tuple[Checklist, Item]] = []
        for checklist_id in self.arguments:
            checklist = domain.use(checklist_id)
            if checklist is not None:
                rows.extend((checklist, item) for item in checklist.items if item.when)
            elif checklist_id not in domain.broken:
                warn(self, "unknown checklist %r in checklist-timeline", checklist_id)
        if not rows:
            return []
        table = nodes.table(classes=["pug-timeline"])
        if "caption" in self.options:
            table += nodes.title(self.options["caption"], self.options["caption"])
        head = nodes.thead(
            "", _row(nodes.paragraph("", _("When")), nodes.paragraph("", _("What to do")))
        )
        body = nodes.tbody()
        for checklist, item in rows:
            what = nodes.paragraph("", item.text)
            if item.see:
                what += nodes.Text(" (")
                what += xref(item.see, docname)
                what += nodes.Text(")")
            when = nodes.paragraph("", item.when)
            body += _row(when, what, ids=[f"when-{checklist.id}-{item.id}"])
        widths = (nodes.colspec(colwidth=25), nodes.colspec(colwidth=75))
        table += nodes.tgroup("", *widths, head, body, cols=2)
        self.set_source_info(table)
        return [table]


def _row(*cells: nodes.paragraph, ids: list[str] | None = None) -> nodes.row:
    return nodes.row("", *(nodes.entry("", para) for para in cells), ids=ids or [])


class WhenRole(SphinxRole):
    """``{checklist-when}`<checklist>/<item>```: that item's ``when``, as text."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        checklist_id, _slash, item_id = self.text.partition("/")
        domain = checklist_domain(self.env)
        checklist = domain.use(checklist_id)
        item = next((i for i in checklist.items if i.id == item_id), None) if checklist else None
        if item is None or not item.when:
            if checklist_id not in domain.broken:
                warn(
                    self,
                    "checklist-when: %r names no timed item; write <checklist>/<item id>",
                    self.text,
                )
            return [nodes.inline(self.rawtext, self.text)], []
        return [nodes.inline(item.when, item.when, classes=["pug-when"])], []
