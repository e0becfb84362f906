"""Groups for readers: list entries of the country pages (HTML, every value escaped
here), and docutils nodes for the compact tables of print and EPUB and for the
maintainers' table (every value in a text node, so each writer escapes it in its own
way). Only http(s) addresses become links.
"""

from __future__ import annotations

import functools
from html import escape
from typing import TYPE_CHECKING

import pycountry
from docutils import nodes

from pugguide.groups.records import anchor, is_web_address
from pugguide.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pugguide.groups.records import Record

    #: Turns a record into the address of its entry, relative to the page being written.
    EntryURI = Callable[[Record], str]

SEP = " · "


#: Labels of the links by kind. Module-level ``_`` gives lazy strings, translated when
#: shown (as Sphinx's own admonition labels are), so the table is built once.
LINK_LABELS = {
    "website": _("Website"),
    "meetup": _("Events"),
    "mailing_list": _("Mailing list"),
    "chat": _("Chat"),
    "forum": _("Forum"),
    "calendar": _("Calendar"),
    "code": _("Code"),
    "blog": _("Blog"),
    "mastodon": _("Mastodon"),
    "twitter": _("Twitter / X"),
    "bluesky": _("Bluesky"),
    "linkedin": _("LinkedIn"),
    "facebook": _("Facebook"),
    "instagram": _("Instagram"),
    "youtube": _("Videos"),
    "conference": _("Conference"),
}


def link_label(kind: str) -> str:
    label = LINK_LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ").capitalize()


@functools.cache
def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language is not None else code


def place(record: Record) -> str:
    """City and region, the region left out when the city already names it
    ("Berlin", "Southern California", not "Southern California, California")."""
    parts = [record["city"]]
    if record["region"] and record["region"] not in record["city"]:
        parts.append(record["region"])
    return ", ".join(parts)


def link(text: str, url: str, **attrs: object) -> nodes.Node:
    """A reference to *url*, or plain text when it is not an http(s) address."""
    if not is_web_address(url):
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=url, internal=False, **attrs)


def _a(text: str, url: str) -> str:
    if not is_web_address(url):
        return escape(text)
    return f'<a class="reference external" href="{escape(url)}">{escape(text)}</a>'


def entry_html(record: Record) -> str:
    """One group's list entry as HTML, its id the stable anchor ``group-<slug>`` and
    every value escaped. Written directly: 10,000 entries as docutils nodes cost more
    to transform and write than the rest of the guide (BENCHMARKS.md)."""
    classes = "pug-group"
    if record["status"] == "inactive":
        classes += " pug-is-inactive"
        badge = f' <span class="pug-badge pug-inactive">{escape(_("inactive"))}</span>'
    elif record["stale"]:
        classes += " pug-is-stale"
        badge = f' <span class="pug-badge pug-stale">{escape(_("may be inactive"))}</span>'
    else:
        badge = ""
    out = [
        f'<li class="{classes}" id="{escape(anchor(record["slug"]))}">',
        f'<p class="pug-group-title"><strong>{_a(record["name"], record["url"])}</strong>'
        f' — <span class="pug-place">{escape(place(record))}</span>{badge}</p>',
    ]
    if record["description"]:
        out.append(f'<p class="pug-description">{escape(record["description"])}</p>')
    if facts := _facts(record):
        out.append(f'<p class="pug-facts">{escape(SEP.join(facts))}</p>')
    links = [_a(link_label(kind), url) for kind, url in record["links"].items()]
    if record["contact"]:
        contact = escape(record["contact"])
        links.append(f'<a class="reference external" href="mailto:{contact}">{contact}</a>')
    if links:
        out.append(f'<p class="pug-links">{SEP.join(links)}</p>')
    meta = [escape(_verified(record))]
    if record["edit_url"]:
        meta.append(_a(_("edit this group"), record["edit_url"]))
    out.append(f'<p class="pug-meta">{SEP.join(meta)}</p>')
    out.append("</li>")
    return "\n".join(out)


def list_html(records: Iterable[Record]) -> str:
    return '<ul class="pug-groups">\n' + "\n".join(map(entry_html, records)) + "\n</ul>\n"


def _facts(record: Record) -> list[str]:
    facts = []
    if record["frequency"]:
        facts.append(_("meets: {}").format(record["frequency"].replace("-", " ")))
    if record["formats"]:
        facts.append(", ".join(f.replace("-", " ") for f in record["formats"]))
    if record["languages"]:
        facts.append(", ".join(language_name(code) for code in record["languages"]))
    if record["founded"]:
        facts.append(_("since {}").format(record["founded"]))
    return facts


def _verified(record: Record) -> str:
    if record["source"]:
        return _("last verified {} (from {})").format(record["last_verified"], record["source"])
    return _("last verified {}").format(record["last_verified"])


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


def compact_row(record: Record) -> tuple[str, str, str, str]:
    """A group in print: its country, its name (with its status), where and its address."""
    name = record["name"]
    if record["status"] == "inactive":
        name += f" ({_('inactive')})"
    elif record["stale"]:
        name += f" ({_('may be inactive')})"
    return record["country_name"], name, place(record), record["url"]


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
