"""The directory's placeholders: directives that put whole-directory views (counts,
the country list, downloads, the stale list, the map) on hand-written pages, and how
they are filled in for each builder when a page is written.

Filling happens at ``doctree-resolved``, from the data loaded once per build, so a
changed group rewrites these pages without re-reading them: the pages that hold a
placeholder are remembered in the environment (:func:`users`) and returned by
``env-get-updated`` when the directory changed.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import osutil
from sphinx.util.docutils import SphinxDirective

from pugguide.directory.domain import directory_domain
from pugguide.directory.nodes import (
    directory_countries,
    directory_downloads,
    directory_summary,
    group_map,
    stale_groups,
)
from pugguide.directory.printtables import compact_tables, stale_table
from pugguide.groups import exports, mapsvg, pagehtml
from pugguide.groups.datafiles import EXPORT_DIR, GROUPS_JSON, MAP_FILE
from pugguide.groups.entries import SEP, EntryWriter
from pugguide.groups.records import fields
from pugguide.groups.stale import stale_cutoff
from pugguide.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.directory import Directory
    from pugguide.groups.records import Record

#: Rows of the maintainers' table: enough for a season's work, and under the page budget.
STALE_SHOWN = 250
#: Builders that get country pages, exports and the search box: the web site, not
#: EPUB or a single page.
WEB_BUILDERS = frozenset({"html", "dirhtml"})


def is_web(app: Sphinx) -> bool:
    return app.builder.name in WEB_BUILDERS


def users(env: BuildEnvironment) -> dict[str, set[str]]:
    """Documents holding placeholders, and the kinds they hold (see :data:`KINDS`)."""
    return directory_domain(env).docs


class PlaceholderDirective(SphinxDirective):
    """Every placeholder's directive: its name says which kind it is (:data:`KINDS`)."""

    def run(self) -> list[nodes.Node]:
        kind = next(k for k, spec in KINDS.items() if spec.directive == self.name)
        directory_domain(self.env).note_placeholder(self.env.docname, kind)
        return [KINDS[kind].node()]


# -- Filling placeholders --------------------------------------------------------


#: The search box's scripts, in order, on every page that has a box (placeholders,
#: country pages); the add-your-group form loads the first too.
PLACES_SCRIPT = "pugguide-places.js"
SCRIPTS = (PLACES_SCRIPT, "pugguide-directory.js")


def add_scripts(app: Sphinx) -> None:
    """Put the search box's scripts on the page being written (``html-page-context``)."""
    for script in SCRIPTS:
        app.add_js_file(script, defer="defer")


def relative_uri(app: Sphinx, docname: str, target: str) -> str:
    """The output file *target* (relative to the output folder) from *docname*'s page."""
    return osutil.relative_uri(app.builder.get_target_uri(docname), target)


# Each kind of placeholder has a *view*: the part of the directory it shows, as plain
# data. Its filler draws the nodes from the view alone, so a page needs writing again
# exactly when the view of one of its placeholders changed (see digests()).


def _summary_view(app: Sphinx, data: Directory) -> dict[str, int]:
    records = data.records
    meeting = ("active", "seeking-organizers")
    current = [r for r in records if r["status"] in meeting and not r["stale"]]
    # An imported entry carries its `source` until a person confirms it: counting it
    # as "confirmed" would claim a check nobody made.
    unconfirmed = [r for r in current if r["source"]]
    return {
        "groups": len(records),
        "countries": len({r["country"] for r in records if r["country"] != "online"}),
        "online": sum(r["country"] == "online" for r in records),
        "confirmed": len(current) - len(unconfirmed),
        "unconfirmed": len(unconfirmed),
        # Evidence short of a person's word: the weekly check found their addresses up.
        "answered": sum(r["file"] in data.answered for r in unconfirmed),
        "stale": sum(r["stale"] and r["status"] != "inactive" for r in records),
    }


def _summary(app: Sphinx, view: dict[str, int], docname: str) -> list[nodes.Node]:
    text = _("{groups} groups in {countries} countries").format(
        groups=view["groups"], countries=view["countries"]
    )
    if view["online"]:
        text += _(" and {} online").format(view["online"])
    text += _("; {} of them active and confirmed by a person within the last 12 months").format(
        view["confirmed"]
    )
    if view["unconfirmed"]:
        text += _(", {} more listed from another directory and not yet confirmed").format(
            view["unconfirmed"]
        )
    text += "."
    if view.get("answered"):
        text += " " + _(
            "{} of those not yet confirmed answered the latest weekly check of their addresses."
        ).format(view["answered"])
    if view.get("stale"):
        text += " " + _("{} may be inactive: nobody has confirmed them for 12 months.").format(
            view["stale"]
        )
    out: list[nodes.Node] = [nodes.paragraph("", text, classes=["pug-counts"])]
    if is_web(app):
        box = pagehtml.filter_box(relative_uri(app, docname, GROUPS_JSON), _)
        out.append(nodes.raw("", box, format="html"))
    return out


def _countries_view(app: Sphinx, data: Directory) -> list[Any]:
    if not is_web(app):  # print and EPUB list every group
        writer = EntryWriter(_)
        return [writer.compact_row(r) for r in data.records]
    tops = [p for p in data.pages if not p.parent]
    return [
        (page.docname, _("Online") if page.folder == "online" else page.country_name, page.count)
        for page in sorted(tops, key=lambda p: (p.folder == "online", p.country_name.casefold()))
    ]


def _countries(app: Sphinx, view: list[Any], docname: str) -> list[nodes.Node]:
    if not is_web(app):
        return compact_tables(view)
    bullets = nodes.bullet_list("", classes=["pug-countries"])
    for page_doc, label, count in view:
        uri = app.builder.get_relative_uri(docname, page_doc)
        ref = nodes.reference("", label, internal=True, refuri=uri)
        bullets += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({count})")))
    return [bullets]


def _downloads_view(app: Sphinx, data: Directory) -> None:
    return None  # the same links whatever the data


def _downloads(app: Sphinx, view: None, docname: str) -> list[nodes.Node]:
    para = nodes.paragraph("", _("Download: "), classes=["pug-downloads"])
    base = app.config.html_baseurl.rstrip("/")
    for i, name in enumerate(exports.FILES):
        if i:
            para += nodes.Text(SEP)
        if is_web(app):
            uri = relative_uri(app, docname, f"{EXPORT_DIR}/{name}")
            para += nodes.reference(name, name, refuri=uri, internal=True)
        elif base:
            para += nodes.reference(name, name, refuri=f"{base}/{EXPORT_DIR}/{name}")
        else:
            para += nodes.literal(name, name)
    return [para]


_STALE_FIELDS = ("last_verified", "name", "page", "city", "region", "country_name", "source")


def _stale_view(app: Sphinx, data: Directory) -> dict[str, Any]:
    by_slug = {r["slug"]: r for r in data.records}
    records = [by_slug[s] for s in data.stale if s in by_slug]
    shown = [
        {**{k: fields(r)[k] for k in _STALE_FIELDS}, "edit_url": r["edit_url"], "file": r["file"]}
        for r in records[:STALE_SHOWN]
    ]
    cutoff = stale_cutoff(datetime.date.fromisoformat(data.today)).isoformat()
    return {"count": len(records), "cutoff": cutoff, "shown": shown}


def _stale(app: Sphinx, view: dict[str, Any], docname: str) -> list[nodes.Node]:
    def entry_uri(record: Record) -> str:
        page, _, fragment = record["page"].partition("#")
        return f"{app.builder.get_relative_uri(docname, page)}#{fragment}"

    intro = _("{} groups were last confirmed before {}.").format(view["count"], view["cutoff"])
    if view["count"] > STALE_SHOWN:
        intro += " " + _(
            "The {} confirmed longest ago are listed here; the command pugguide stale lists "
            "them all, and the directory's filter and its exports mark each one."
        ).format(STALE_SHOWN)
    return [
        nodes.paragraph("", intro),
        stale_table(view["shown"], entry_uri if is_web(app) else None),
    ]


def _map_view(app: Sphinx, data: Directory) -> list[Any]:
    # HTML shows the map's file, written apart; print draws the dots itself.
    if app.builder.format == "html":
        return []
    return [(r["lat"], r["lon"]) for r in mapsvg.located(data.records)]


@dataclasses.dataclass(frozen=True)
class Kind:
    """A kind of placeholder: its directive, its node, its view and its filler."""

    directive: str
    node: type[nodes.Element]
    view: Callable[[Sphinx, Directory], Any]
    #: Draws what replaces the node; None keeps the node and gives it data (the map).
    filler: Callable[[Sphinx, Any, str], list[nodes.Node]] | None


KINDS = {
    "summary": Kind("pugguide-directory-summary", directory_summary, _summary_view, _summary),
    "countries": Kind(
        "pugguide-directory-countries", directory_countries, _countries_view, _countries
    ),
    "downloads": Kind(
        "pugguide-directory-downloads", directory_downloads, _downloads_view, _downloads
    ),
    "stale": Kind("pugguide-stale-groups", stale_groups, _stale_view, _stale),
    "map": Kind("pugguide-group-map", group_map, _map_view, None),
}


def digests(app: Sphinx, data: Directory) -> dict[str, str]:
    """A digest of each kind's view, for the builder at hand."""
    return {
        kind: hashlib.sha1(json.dumps(spec.view(app, data), sort_keys=True).encode()).hexdigest()
        for kind, spec in KINDS.items()
    }


def fill(app: Sphinx, data: Directory | None, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholders in *doctree* for the builder at hand."""
    for spec in KINDS.values():
        if spec.filler is None:
            continue
        found = list(doctree.findall(spec.node))
        view = spec.view(app, data) if found and data else None
        for node in found:
            node.replace_self(spec.filler(app, view, docname) if data else [])
    for node in doctree.findall(group_map):
        node["records"] = data.records if data else []
        node["svg"] = relative_uri(app, docname, MAP_FILE)
        node["groups"] = relative_uri(app, docname, GROUPS_JSON)
        node["alt"] = _("World map with a dot for each group")


def has_placeholders(doctree: nodes.document) -> bool:
    # Not `docname in users(env)`: print builders resolve one doctree for the whole book.
    classes = tuple(spec.node for spec in KINDS.values())
    return next(doctree.findall(lambda node: isinstance(node, classes)), None) is not None


def setup_directives(app: Sphinx) -> None:
    for spec in KINDS.values():
        app.add_directive(spec.directive, PlaceholderDirective)
