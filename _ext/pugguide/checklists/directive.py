"""The ``checklist`` and ``checklist-index`` directives.

``{checklist} <id>`` shows a checklist in any page (its own page adds ``:standalone:``);
``{checklist-index}`` lists every checklist and puts their pages in the navigation.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from pugguide.checklists import nodes as cl
from pugguide.checklists.domain import checklist_domain
from pugguide.i18n import _
from pugguide.warnings_ import Subtype

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.docutils import SphinxRole
    from sphinx.util.typing import OptionSpec

    from pugguide.checklists.model import Checklist, Item

logger = logging.getLogger(__name__)

#: ``pending_xref`` attribute marking the checklist's own links: a missing label was
#: already reported at the YAML line, so the page need not repeat it.
XREF_FLAG = "pugguide_checklist"


def xref(label: str, docname: str, title: str | None = None) -> addnodes.pending_xref:
    """A link to *label* that every builder resolves (the section title unless *title*)."""
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=label,
        refdoc=docname,
        refexplicit=title is not None,
        refwarn=True,
        **{XREF_FLAG: True},
    )
    text = title or label
    ref += nodes.inline(text, text, classes=["xref", "std", "std-ref"])
    return ref


def warn(where: SphinxDirective | SphinxRole, message: str, *args: object) -> None:
    """A ``pugguide.directive`` warning at the directive's or role's place."""
    location = where.get_location()
    logger.warning(message, *args, location=location, type="pugguide", subtype=Subtype.directive)


class ChecklistDirective(SphinxDirective):
    """Show checklist ``<id>`` (the name of ``data/checklists/<id>.yaml``)."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {"standalone": directives.flag}

    def run(self) -> list[Node]:
        checklist_id = self.arguments[0]
        domain = checklist_domain(self.env)
        checklist = domain.use(checklist_id)
        if checklist is None:
            if checklist_id not in domain.broken:  # else its problems are reported already
                known = ", ".join(sorted(domain.checklists)) or "none"
                warn(self, "unknown checklist %r; the checklists are: %s", checklist_id, known)
            return []
        docname = self.env.current_document.docname
        # Ids unique in the page, and in singlehtml where all pages share one.
        serial = self.env.new_serialno("pugguide-checklist")
        prefix = f"pugcl-{zlib.crc32(docname.encode()):08x}-{serial}-{checklist_id}"
        node = render(checklist, prefix, docname, standalone="standalone" in self.options)
        self.set_source_info(node)
        return [node]


#: Items beyond which a checklist prints in two columns.
LONG = 16


def render(checklist: Checklist, prefix: str, docname: str, *, standalone: bool) -> cl.checklist:
    """The doctree of *checklist*; *prefix* makes its HTML ids unique."""
    title_id = f"{prefix}-title"
    node = cl.checklist(
        classes=[
            "pug-checklist",
            *(["pug-checklist-standalone"] if standalone else []),
            # A long plan prints in two columns, so it still fits one sheet.
            *(["pug-checklist-long"] if len(checklist.items) > LONG else []),
        ],
        checklist=checklist.id,
        standalone=standalone,
        labelledby="" if standalone else title_id,
        title=checklist.title,
    )
    if not standalone:  # on its own page the page heading is the title
        strong = nodes.strong(checklist.title, checklist.title)
        node += nodes.paragraph("", "", strong, classes=["pug-checklist-title"], ids=[title_id])
    node += nodes.paragraph(checklist.summary, checklist.summary, classes=["pug-checklist-summary"])
    items = (_item(item, f"{prefix}-{item.id}", docname) for item in checklist.items)
    node += cl.checklist_items("", *items, classes=["pug-checklist-items"])
    if not standalone:
        # The checklist's own page prints alone; in a PDF or e-book it is just a page away.
        link = xref(checklist.label, docname, _("Print this checklist on its own page"))
        para = nodes.paragraph("", "", link, classes=["pug-checklist-open"])
        node += addnodes.only("", para, expr="html and not epub")
    return node


def _item(item: Item, input_id: str, docname: str) -> cl.checklist_item:
    node = cl.checklist_item(classes=["pug-checklist-item"], item=item.id)
    text = cl.checklist_text(
        item.text, item.text, classes=["pug-checklist-text"], input_id=input_id
    )
    line = nodes.paragraph("", "", text, classes=["pug-checklist-line"])
    described: list[str] = []
    if item.when:
        described.append(f"{input_id}-when")
        line += nodes.Text(" ")
        line += cl.checklist_when(
            item.when, item.when, classes=["pug-checklist-when"], ids=[described[-1]]
        )
    node += line
    if item.details:
        described.append(f"{input_id}-details")
        node += nodes.paragraph(
            item.details, item.details, classes=["pug-checklist-details"], ids=[described[-1]]
        )
    if item.see:
        described.append(f"{input_id}-see")
        see = nodes.paragraph(classes=["pug-checklist-see"], ids=[described[-1]])
        see += nodes.Text(_("See: "))
        see += xref(item.see, docname)
        node += see
    text["describedby"] = described
    return node


class ChecklistIndexDirective(SphinxDirective):
    """List every checklist with its summary, and add their pages to the toctree."""

    def run(self) -> list[Node]:
        domain = checklist_domain(self.env)
        docname = self.env.current_document.docname
        domain.note_index(docname)
        folder = self.config.pugguide_checklist_pages
        listing = nodes.bullet_list(classes=["pug-checklist-index"])
        for checklist in domain.checklists.values():
            para = nodes.paragraph()
            if folder:
                para += xref(checklist.label, docname)
            else:
                para += nodes.strong(checklist.title, checklist.title)
            n = len(checklist.items)
            count = _("1 item") if n == 1 else _("{count} items").format(count=n)
            para += nodes.Text(f" ({count}): {checklist.summary}")
            listing += nodes.list_item("", para)
        # A broken file keeps its (empty) page; it stays in the navigation too.
        ids = [*domain.checklists, *sorted(domain.broken)] if folder else []
        if not ids:
            return [listing]
        pages = [f"{folder}/{i}" for i in ids]
        toctree = addnodes.toctree(
            parent=docname,
            entries=[(None, page) for page in pages],
            includefiles=pages,
            maxdepth=1,
            caption=None,
            glob=False,
            hidden=True,
            includehidden=False,
            numbered=0,
            titlesonly=False,
        )
        self.set_source_info(toctree)
        return [listing, nodes.compound("", toctree, classes=["toctree-wrapper"])]


_STEP_NUMBER = re.compile(r"^\d+\.\s+")


class SeeLinkText(SphinxPostTransform):
    """A "See:" link to a numbered how-to step reads "Arrange a standby speaker".

    The link takes the section's title, and how-to steps are titled "6. Arrange a
    standby speaker": the number means nothing outside its page.
    """

    default_priority = 20  # after ReferencesResolver (10) has filled in the titles

    def run(self, **kwargs: object) -> None:
        for para in self.document.findall(nodes.paragraph):
            if "pug-checklist-see" not in para["classes"]:
                continue
            for text in list(para.findall(nodes.Text)):
                if text.parent is not para and _STEP_NUMBER.match(text):
                    text.parent.replace(text, nodes.Text(_STEP_NUMBER.sub("", text)))
