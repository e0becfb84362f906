"""The body of a generated directory page, as HTML: breadcrumbs, counts, region
sections with their groups, or the list of a big country's parts.

These pages are not Sphinx documents (see :mod:`pugguide.directory.countrypages`): they
go straight into the theme's page template, like Sphinx's own index and search pages,
with the markup Sphinx writes for a document so the theme styles them alike. Every
value is escaped here; the words come translated through the caller's
:class:`~pugguide.groups.entries.EntryWriter`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from pugguide.groups.entries import EntryWriter
from pugguide.groups.records import slugify

if TYPE_CHECKING:
    from collections.abc import Callable

    from pugguide.groups.entries import Translate
    from pugguide.groups.pages import Page

#: The directory's index page, the first breadcrumb of every generated page.
INDEX_DOC = "directory/index"


def _heading(level: int, text: str, ident: str, _: Translate) -> str:
    link = escape(_("Link to this heading"))
    return (
        f'<h{level}>{escape(text)}<a class="headerlink" href="#{ident}" title="{link}">¶</a>'
        f"</h{level}>\n"
    )


def _crumbs(page: Page, uri: Callable[[str], str], _: Translate) -> str:
    trail = [(INDEX_DOC, _("Group directory"))]
    if page.parent:
        trail.append((f"{page.docname.rpartition('/')[0]}/{page.parent}", page.country_name))
    links = " \u203a ".join(  # a single right angle quote
        f'<a class="reference internal" href="{escape(uri(doc))}"><span>{escape(title)}</span></a>'
        for doc, title in trail
    )
    return f'<p class="pug-breadcrumbs">{links}</p>\n'


def filter_box(groups_uri: str, _: Translate, country: str = "") -> str:
    """The empty box the directory's script fills with its search and "near" boxes
    (hidden until it does, so a page without scripts shows no dead controls);
    *groups_uri* is ``groups.json`` from the page, *country* starts the filter there."""
    preset = f' data-country="{escape(country)}"' if country else ""
    label = escape(_("Search and filter the directory"))
    return (
        f'<div class="pug-filter" data-groups="{escape(groups_uri)}"{preset} hidden '
        f'aria-label="{label}"></div>\n'
    )


def section_id(heading: str) -> str:
    return f"region-{slugify(heading)}"


def body(
    page: Page, uri: Callable[[str], str], writer: EntryWriter | None = None, groups_uri: str = ""
) -> str:
    """*page* as the HTML its template puts in the content area; *uri* gives the
    address of another page (by docname) relative to this one, *groups_uri* that of
    ``groups.json`` (the filter box is left out without it)."""
    writer = writer or EntryWriter()
    _ = writer._
    out = [f'<section id="{escape(page.label)}">\n', _heading(1, page.title, page.label, _)]
    out.append(_crumbs(page, uri, _))
    if groups_uri:
        out.append(filter_box(groups_uri, _, page.folder))
    if page.parts:
        intro = _(
            "{} groups, listed by region. Pick a part, or search the whole directory "
            "from its index page."
        ).format(page.count)
        out.append(f'<p>{escape(intro)}</p>\n<ul class="pug-parts">\n')
        prefix = page.docname.rpartition("/")[0]
        for name, title, count in page.parts:
            label = title.partition(": ")[2] or title
            href = escape(uri(f"{prefix}/{name}"))
            out.append(
                f'<li><p><a class="reference internal" href="{href}">{escape(label)}</a>'
                f" ({count})</p></li>\n"
            )
        out.append("</ul>\n</section>\n")
        return "".join(out)
    count = page.count
    out.append(f"<p>{escape(_('1 group.') if count == 1 else _('{} groups.').format(count))}</p>\n")
    headings = [heading for heading, _records in page.sections if heading]
    if len(headings) > 1:
        # The theme's "on this page" box lists a document's sections; these pages are
        # not documents, so the regions are listed here, where phones show them too.
        jumps = " · ".join(
            f'<a class="reference internal" href="#{section_id(h)}">{escape(h)}</a>'
            for h in headings
        )
        out.append(
            f'<nav class="pug-sections" aria-label="{escape(_("Regions on this page"))}">'
            f"<p>{jumps}</p></nav>\n"
        )
    for heading, records in page.sections:
        if heading:
            ident = section_id(heading)
            out.append(f'<section id="{ident}">\n{_heading(2, heading, ident, _)}')
        out.append(writer.list_html(records))
        if heading:
            out.append("</section>\n")
    out.append("</section>\n")
    return "".join(out)
