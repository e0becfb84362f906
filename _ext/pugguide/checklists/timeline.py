"""Timings from the checklists, shown in prose: one source for "when".

``{checklist-timeline} first-meeting`` shows the items of a checklist that have a
``when`` as a two-column table (when, what to do), in the checklist's order. The
``{checklist-when}`first-meeting/confirm-venue``` role writes one item's ``when``
into a sentence. A page that uses them cannot disagree with the checklist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from pugguide.checklists.directive import xref
from pugguide.i18n import _
from pugguide.warnings_ import Subtype

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.util.typing import OptionSpec

    from pugguide.checklists.domain import ChecklistDomain
    from pugguide.checklists.model import Checklist, Item

logger = logging.getLogger(__name__)


def _domain(env: object) -> ChecklistDomain:
    return env.domains["checklists"]  # type: ignore[attr-defined, no-any-return]


class TimelineDirective(SphinxDirective):
    """A table of the timed items of one or more checklists."""

    required_arguments = 1
    optional_arguments = 5
    option_spec: ClassVar[OptionSpec] = {"caption": directives.unchanged}

    def run(self) -> list[Node]:
        domain = _domain(self.env)
        docname = self.env.current_document.docname
        rows: list[tuple[Checklist, Item]] = []
        for checklist_id in self.arguments:
            domain.note_shown(docname, checklist_id)  # re-read when the file changes
            checklist = domain.checklists.get(checklist_id)
            if checklist is None:
                if checklist_id not in domain.broken:
                    logger.warning(
                        "unknown checklist %r in checklist-timeline",
                        checklist_id,
                        location=self.get_location(),
                        type="pugguide",
                        subtype=Subtype.directive,
                    )
                continue
            self.env.note_dependency(str(checklist.path))
            rows.extend((checklist, item) for item in checklist.items if item.when)
        if not rows:
            return []
        table = nodes.table(classes=["pug-timeline"])
        if "caption" in self.options:
            table += nodes.title(self.options["caption"], self.options["caption"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=25)
        group += nodes.colspec(colwidth=75)
        head = nodes.thead()
        group += head
        head += _row(nodes.Text(_("When")), nodes.Text(_("What to do")))
        body = nodes.tbody()
        group += body
        for checklist, item in rows:
            what = nodes.paragraph()
            what += nodes.Text(item.text)
            if item.see:
                what += nodes.Text(" (")
                what += xref(item.see, docname)
                what += nodes.Text(")")
            body += _row(nodes.Text(item.when), what, ids=[f"when-{checklist.id}-{item.id}"])
        self.set_source_info(table)
        return [table]


def _row(when: Node, what: Node, ids: list[str] | None = None) -> nodes.row:
    row = nodes.row(ids=ids or [])
    for content in (when, what):
        entry = nodes.entry()
        if isinstance(content, nodes.paragraph):
            entry += content
        else:
            para = nodes.paragraph()
            para += content
            entry += para
        row += entry
    return row


class WhenRole(SphinxRole):
    """``{checklist-when}`<checklist>/<item>```: that item's ``when``, as text."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        checklist_id, _slash, item_id = self.text.partition("/")
        domain = _domain(self.env)
        domain.note_shown(self.env.current_document.docname, checklist_id)
        checklist = domain.checklists.get(checklist_id)
        item = next((i for i in checklist.items if i.id == item_id), None) if checklist else None
        if item is None or not item.when:
            if checklist_id not in domain.broken:
                logger.warning(
                    "checklist-when: %r names no timed item; write <checklist>/<item id>",
                    self.text,
                    location=self.get_location(),
                    type="pugguide",
                    subtype=Subtype.directive,
                )
            return [nodes.inline(self.rawtext, self.text)], []
        assert checklist is not None
        self.env.note_dependency(str(checklist.path))
        return [nodes.inline(item.when, item.when, classes=["pug-when"])], []
