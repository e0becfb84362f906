"""The directory in print and EPUB, and the maintainers' table: docutils tables whose
every value sits in a text node, so each writer escapes it in its own way. Only
http(s) addresses become links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from pugguide.groups.entries import place
from pugguide.groups.records import is_web_address
from pugguide.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pugguide.groups.records import Record

    #: Turns a record into the address of its entry, relative to the page being written.
    EntryURI = Callable[[Record], str]


def link(text: str, url: str, **attrs: object) -> nodes.Node:
    """A reference to *url*, or plain text when it is not an http(s) address."""
    if not is_web_address(url):
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=url, internal=False, **attrs)


def _table(
    widths: list[int], header: list[str], rows: list[list[nodes.Node | str]], classes: list[str]
) -> nodes.table:
    table = nodes.table("", classes=classes)
    tgroup = nodes.tgroup("", cols=len(widths))
    table += tgroup
    tgroup.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.row()
    for text in header:
        head += nodes.entry("", nodes.paragraph("", text))
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            content = (
                nodes.paragraph("", cell)
                if isinstance(cell, str)
                else nodes.paragraph("", "", cell)
            )
            row += nodes.entry("", content)
        body += row
    tgroup += body
    return table


def compact_tables(rows: Iterable[tuple[str, str, str, str]]) -> list[nodes.Node]:
    """The whole directory for print (rows from :func:`compact_row`): a heading and a
    three-column table per country."""
    by_country: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in rows:
        by_country.setdefault(row[0], []).append(row)
    out: list[nodes.Node] = []
    for country in sorted(by_country, key=lambda c: (c == "Online", c.casefold())):
        group_rows = by_country[country]
        out.append(nodes.rubric("", f"{country} ({len(group_rows)})", classes=["pug-country"]))
        cells: list[list[nodes.Node | str]] = [
            [name, where, link(url, url)] for _country, name, where, url in group_rows
        ]
        out.append(
            _table(
                [34, 26, 40],
                [_("Group"), _("Where"), _("Web address")],
                cells,
                ["pug-compact", "longtable"],
            )
        )
    return out


def stale_table(records: list[Record], entry_uri: EntryURI | None) -> nodes.Node:
    """Groups to check, oldest first: where each one is, when it was last confirmed,
    and a link to edit its file."""
    if not records:
        return nodes.paragraph("", _("Every group was confirmed within the last 12 months."))
    rows: list[list[nodes.Node | str]] = []
    for r in records:
        name: nodes.Node = nodes.Text(r["name"])
        if entry_uri is not None:
            name = nodes.reference(r["name"], r["name"], refuri=entry_uri(r), internal=True)
        edit = link(_("edit"), r["edit_url"]) if r["edit_url"] else nodes.Text(r["file"])
        rows.append(
            [r["last_verified"], name, f"{place(r)} ({r['country_name']})", r["source"] or "", edit]
        )
    return _table(
        [14, 28, 26, 22, 10],
        [_("Last verified"), _("Group"), _("Where"), _("Source"), _("File")],
        rows,
        ["pug-stale-table", "longtable"],
    )
