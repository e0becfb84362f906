"""The directory's placeholders: directives that put whole-directory views (counts,
the country list, downloads, the stale list, the map) on hand-written pages, and how
they are filled in for each builder when a page is written.

Filling happens at ``doctree-resolved``, from the data loaded once per build, so a
changed group rewrites these pages without re-reading them: the pages that hold a
placeholder are remembered in the environment (:func:`users`) and returned by
``env-get-updated`` when the directory changed.
"""

from __future__ import annotations

import datetime
import posixpath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from pugguide.groups import exports, render
from pugguide.groups.nodes import (
    directory_countries,
    directory_downloads,
    directory_summary,
    group_map,
    stale_groups,
)
from pugguide.groups.stale import stale_cutoff
from pugguide.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.records import Record
    from pugguide.groups.sphinx import Directory

#: Where the exports and the map's SVG go in the output, next to the directory's index.
EXPORT_DIR = "directory"
MAP_FILE = f"{EXPORT_DIR}/map.svg"
#: Rows of the maintainers' table: enough for a season's work, and under the page budget.
STALE_SHOWN = 250
#: Builders that get country pages, exports and the search box: the web site, not
#: EPUB or a single page.
WEB_BUILDERS = frozenset({"html", "dirhtml"})


def is_web(app: Sphinx) -> bool:
    return app.builder.name in WEB_BUILDERS


def users(env: BuildEnvironment) -> set[str]:
    """Documents holding a placeholder."""
    if not hasattr(env, "pugguide_directory_docs"):
        env.pugguide_directory_docs = set()  # type: ignore[attr-defined]
    return env.pugguide_directory_docs  # type: ignore[attr-defined,no-any-return]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    users(env).discard(docname)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    users(env).update(users(other) & docnames)


class _Placeholder(SphinxDirective):
    node_class: ClassVar[type[nodes.Element]]

    def run(self) -> list[nodes.Node]:
        users(self.env).add(self.env.docname)
        return [self.node_class()]


class SummaryDirective(_Placeholder):
    node_class = directory_summary


class CountriesDirective(_Placeholder):
    node_class = directory_countries


class DownloadsDirective(_Placeholder):
    node_class = directory_downloads


class StaleDirective(_Placeholder):
    node_class = stale_groups


class MapDirective(_Placeholder):
    node_class = group_map


# -- Filling placeholders --------------------------------------------------------


def _relative(app: Sphinx, docname: str, target: str) -> str:
    base = posixpath.dirname(app.builder.get_target_uri(docname))
    return posixpath.relpath(target, base or ".")


def _summary(app: Sphinx, data: Directory, docname: str, node: nodes.Element) -> list[nodes.Node]:
    records = data.records
    countries = {r["country"] for r in records if r["country"] != "online"}
    online = sum(r["country"] == "online" for r in records)
    current = [r for r in records if r["status"] == "active" and not r["stale"]]
    # An imported entry carries its `source` until a person confirms it: counting it
    # as "confirmed" would claim a check nobody made.
    unconfirmed = sum(bool(r["source"]) for r in current)
    text = _("{groups} groups in {countries} countries").format(
        groups=len(records), countries=len(countries)
    )
    if online:
        text += _(" and {} online").format(online)
    text += _("; {} of them active and confirmed by a person within the last 12 months").format(
        len(current) - unconfirmed
    )
    if unconfirmed:
        text += _(", {} more listed from another directory and not yet confirmed").format(
            unconfirmed
        )
    text += "."
    out: list[nodes.Node] = [nodes.paragraph("", text, classes=["pug-counts"])]
    if is_web(app):
        json_uri = _relative(app, docname, f"{EXPORT_DIR}/groups.json")
        out.append(
            nodes.raw(
                "",
                f'<div class="pug-filter" data-groups="{json_uri}" hidden '
                f'aria-label="{_("Search and filter the directory")}"></div>\n',
                format="html",
            )
        )
    return out


def _countries(app: Sphinx, data: Directory, docname: str, node: nodes.Element) -> list[nodes.Node]:
    if not is_web(app):
        return render.compact_tables(data.records)
    bullets = nodes.bullet_list("", classes=["pug-countries"])
    tops = [p for p in data.pages if not p.parent]
    for page in sorted(tops, key=lambda p: (p.folder == "online", p.country_name.casefold())):
        label = _("Online") if page.folder == "online" else page.country_name
        uri = app.builder.get_relative_uri(docname, page.docname)
        ref = nodes.reference("", label, internal=True, refuri=uri)
        bullets += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({page.count})")))
    return [bullets]


def _downloads(app: Sphinx, data: Directory, docname: str, node: nodes.Element) -> list[nodes.Node]:
    para = nodes.paragraph("", _("Download: "), classes=["pug-downloads"])
    base = app.config.html_baseurl.rstrip("/")
    for i, name in enumerate(exports.FILES):
        if i:
            para += nodes.Text(render.SEP)
        if is_web(app):
            uri = _relative(app, docname, f"{EXPORT_DIR}/{name}")
            para += nodes.reference(name, name, refuri=uri, internal=True)
        elif base:
            para += nodes.reference(name, name, refuri=f"{base}/{EXPORT_DIR}/{name}")
        else:
            para += nodes.literal(name, name)
    return [para]


def _stale(app: Sphinx, data: Directory, docname: str, node: nodes.Element) -> list[nodes.Node]:
    by_slug = {r["slug"]: r for r in data.records}
    records = [by_slug[s] for s in data.stale if s in by_slug]

    def entry_uri(record: Record) -> str:
        page, _, fragment = record["page"].partition("#")
        return f"{app.builder.get_relative_uri(docname, page)}#{fragment}"

    intro = _("{} groups were last confirmed before {}.").format(len(records), _cutoff(data))
    if len(records) > STALE_SHOWN:
        intro += " " + _(
            "The {} confirmed longest ago are listed here; the command pugguide stale lists "
            "them all, and the directory's filter and its exports mark each one."
        ).format(STALE_SHOWN)
        records = records[:STALE_SHOWN]
    return [
        nodes.paragraph("", intro),
        render.stale_table(records, entry_uri if is_web(app) else None),
    ]


def _cutoff(data: Directory) -> str:
    return stale_cutoff(datetime.date.fromisoformat(data.today)).isoformat()


def fill(app: Sphinx, data: Directory | None, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholders in *doctree* for the builder at hand."""
    fillers: dict[type[nodes.Element], Any] = {
        directory_summary: _summary,
        directory_countries: _countries,
        directory_downloads: _downloads,
        stale_groups: _stale,
    }
    for node_class, filler in fillers.items():
        for node in list(doctree.findall(node_class)):
            node.replace_self(filler(app, data, docname, node) if data else [])
    for node in doctree.findall(group_map):
        node["records"] = data.records if data else []
        node["svg"] = _relative(app, docname, MAP_FILE)
        node["alt"] = _("World map with a dot for each group")


_NODES = (directory_summary, directory_countries, directory_downloads, stale_groups, group_map)


def has_placeholders(doctree: nodes.document) -> bool:
    # Not `docname in users(env)`: print builders resolve one doctree for the whole book.
    return next(doctree.findall(lambda node: isinstance(node, _NODES)), None) is not None


def has_map(doctree: nodes.document) -> bool:
    return next(doctree.findall(group_map), None) is not None


def setup_directives(app: Sphinx) -> None:
    app.add_directive("pugguide-directory-summary", SummaryDirective)
    app.add_directive("pugguide-directory-countries", CountriesDirective)
    app.add_directive("pugguide-directory-downloads", DownloadsDirective)
    app.add_directive("pugguide-stale-groups", StaleDirective)
    app.add_directive("pugguide-group-map", MapDirective)
