"""The group directory in Sphinx: generated country pages, whole-directory placeholders,
the map, the exports, and the bookkeeping that keeps incremental builds exact.

Flow of a build:

* ``builder-inited``: load and validate every group file once (problems become
  warnings at their file and line), plan the pages, write the generated sources and
  the map SVG when their text changed, and keep the loaded directory in the
  environment (:class:`DirectoryData`) with a digest of each group.
* ``env-get-outdated``: pages showing a group whose digest changed (added, edited,
  removed) are re-read; usually Sphinx already knows from the sources' mtimes.
* ``env-get-updated``: pages holding whole-directory placeholders (counts, country
  list, stale list, map) are rewritten, without re-reading, when anything changed.
* ``doctree-resolved``: placeholders are filled for the builder at hand.
* ``build-finished``: HTML builds write ``groups.json``, ``.csv`` and ``.geojson``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from pugguide.groups import exports, mapsvg, render
from pugguide.groups.load import _sort_key, group_files, load_files, normalise_url
from pugguide.groups.nodes import (
    directory_countries,
    directory_downloads,
    directory_parts,
    directory_summary,
    group_list,
    group_map,
    setup_nodes,
    stale_groups,
)
from pugguide.groups.pages import FOLDER, plan, source
from pugguide.groups.records import (
    build_date,
    edit_url,
    make_record,
    relative_to_root,
)
from pugguide.groups.stale import stale_groups as oldest_stale_first
from pugguide.i18n import _
from pugguide.reporting import warn
from pugguide.sources import sync_folder, write_if_changed

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.model import Group
    from pugguide.groups.records import Record
    from pugguide.problems import Problem

logger = logging.getLogger(__name__)

#: Where the exports go, next to the directory's index page.
EXPORT_DIR = "directory"
MAP_FILE = "map.svg"
#: Bump when generated pages change shape, so a rebuild regenerates them.
GENERATOR = 1
#: Rows of the maintainers' table: enough for a season's work, and under the page budget.
STALE_SHOWN = 250
#: The filter's script and the pages' styles, copied into ``_static`` by every HTML
#: builder (EPUB included, so its pages find their stylesheet).
ASSETS = Path(__file__).resolve().parent.parent / "static" / "directory"


@dataclasses.dataclass
class DirectoryData:
    """The directory as loaded for this build, kept in the environment."""

    records: list[Record]
    #: (docname, title, country folder, country name, group count, parent) of each page.
    pages: list[tuple[str, str, str, str, int, str]]
    #: Slugs of stale groups, oldest verification first.
    stale: list[str]
    today: str
    #: File (from the repository root) -> digest of its record; file -> its page.
    digests: dict[str, str]
    file_docs: dict[str, str]
    #: What else the pages depend on (generator version, date, settings, builder).
    inputs: tuple[Any, ...] = ()

    @property
    def digest(self) -> str:
        return hashlib.sha1(
            json.dumps([self.today, sorted(self.digests.items())]).encode()
        ).hexdigest()


def _load(app: Sphinx) -> tuple[list[Group], list[Problem]]:
    groups, problems, _ = _load_cached(app)
    return groups, problems


def _load_cached(app: Sphinx) -> tuple[list[Group], list[Problem], bool]:
    """All valid groups, the problems of the others, and whether every file is as it
    was at the last build (none added, changed, removed or with problems).

    Loading validates every file, which costs about a millisecond each; an incremental
    build reloads only files whose size or mtime changed since the last build, and
    those that had problems. The environment keeps the valid groups it loaded
    (``pugguide_group_cache``). Slugs and addresses of reloaded groups are checked
    against the kept ones: a clash reloads both files, so the loader reports it.
    """
    env = app.env
    data_dir = Path(app.confdir) / app.config.pugguide_data_dir
    cache: dict[str, tuple[int, int, Group]] = getattr(env, "pugguide_group_cache", {})
    files = group_files(data_dir)
    kept: dict[str, Group] = {}
    fresh: list[Path] = []
    for path in files:
        st = path.stat()
        hit = cache.get(str(path))
        if hit and hit[:2] == (st.st_mtime_ns, st.st_size):
            kept[str(path)] = hit[2]
        else:
            fresh.append(path)
    loaded, problems = load_files(fresh, data_dir) if fresh else ([], [])
    if cache and loaded:
        slugs = {g.slug: k for k, g in kept.items()}
        urls = {normalise_url(g.url): k for k, g in kept.items()}
        clash = {slugs.get(g.slug) for g in loaded} | {
            urls.get(normalise_url(g.url)) for g in loaded
        }
        clash.discard(None)
        if clash:
            for key in clash:
                del kept[key]  # type: ignore[arg-type]
            fresh += [Path(k) for k in clash if k]
            loaded, problems = load_files(fresh, data_dir)
    new_cache = {k: cache[k] for k in kept}
    for group in loaded:
        st = group.path.stat()
        new_cache[str(group.path)] = (st.st_mtime_ns, st.st_size, group)
    env.pugguide_group_cache = new_cache  # type: ignore[attr-defined]
    groups = sorted([*kept.values(), *loaded], key=_sort_key)
    return groups, problems, not fresh and len(kept) == len(cache)


_load_default = _load


def _digest(record: Record) -> str:
    return hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _entry_hrefs(app: Sphinx, base: str) -> Callable[[Record], str]:
    """A function giving a record's entry relative to the folder *base* of the output
    (one relative path per page, not per group: 10,000 relpath calls add up)."""
    builder = app.builder
    web = builder.format == "html" and not builder.name.startswith("epub")
    pages: dict[str, str] = {}

    def href(record: Record) -> str:
        docname, _, fragment = record["page"].partition("#")
        if docname not in pages:
            target = builder.get_target_uri(docname) if web else f"{docname}.html"
            pages[docname] = posixpath.relpath(target, base) if base else target
        return f"{pages[docname]}#{fragment}"

    return href


def generate(app: Sphinx) -> None:
    """Load the data and write the generated sources (``builder-inited``)."""
    env = app.env
    env.pugguide_directory_outdated = set()  # type: ignore[attr-defined]
    env.pugguide_directory_changed = False  # type: ignore[attr-defined]
    env.pugguide_directory_folders = None  # type: ignore[attr-defined]
    if not (Path(app.srcdir) / "directory").is_dir():
        return
    if _load is _load_default:
        groups, problems, same_files = _load_cached(app)
    else:  # replaced (tests alter the data after validation): never take the short cut
        (groups, problems), same_files = _load(app), False
    warn(problems)
    today = build_date()
    root = Path(app.confdir)
    repo, branch = app.config.pugguide_repository_url, app.config.pugguide_repository_branch
    folder = Path(app.srcdir) / FOLDER
    root_from_src = Path(os.path.relpath(root, app.srcdir)).as_posix()
    inputs = (
        GENERATOR,
        today.isoformat(),
        app.config.pugguide_directory_page_size,
        repo,
        branch,
        root_from_src,
        app.builder.name,
    )
    old: DirectoryData | None = getattr(env, "pugguide_directory", None)
    if (
        same_files
        and old is not None
        and getattr(old, "inputs", None) == inputs
        and (folder / MAP_FILE).is_file()
        and all((Path(app.srcdir) / f"{p[0]}.md").is_file() for p in old.pages)
    ):
        return  # same files, same day, same settings: the pages written last time stand
    records = []
    for group in groups:
        rel = relative_to_root(group.path, root)
        records.append(
            make_record(group, today=today, relpath=rel, edit=edit_url(repo, branch, rel))
        )
    pages = plan(records, app.config.pugguide_directory_page_size)
    sync_folder(folder, {page.name: source(page, root_from_src) for page in pages})
    write_if_changed(folder / MAP_FILE, mapsvg.svg(records, _entry_hrefs(app, "_images")))

    data = DirectoryData(
        records=records,
        pages=[(p.docname, p.title, p.folder, p.country_name, p.count, p.parent) for p in pages],
        stale=[g.slug for g in oldest_stale_first(groups, today)],
        today=today.isoformat(),
        digests={r["file"]: _digest(r) for r in records},
        file_docs={r["file"]: r["page"].partition("#")[0] for r in records},
        inputs=inputs,
    )
    if old is not None:
        outdated: set[str] = set()
        for file in old.digests.keys() | data.digests.keys():
            if old.digests.get(file) != data.digests.get(file):
                outdated.update(d for d in (old.file_docs.get(file), data.file_docs.get(file)) if d)
        env.pugguide_directory_outdated = outdated  # type: ignore[attr-defined]
    env.pugguide_directory_changed = old is None or old.digest != data.digest  # type: ignore[attr-defined]
    # Countries whose groups changed: only their overview pages need rewriting.
    env.pugguide_directory_folders = (  # type: ignore[attr-defined]
        None
        if old is None
        else {
            file.split("/")[-2]
            for file in old.digests.keys() | data.digests.keys()
            if old.digests.get(file) != data.digests.get(file)
        }
    )
    env.pugguide_directory = data  # type: ignore[attr-defined]


def outdated_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> Iterable[str]:
    """Pages showing an added, edited or removed group (``env-get-outdated``)."""
    outdated: set[str] = getattr(env, "pugguide_directory_outdated", set())
    return sorted(outdated - removed)


def updated_docs(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Pages with whole-directory placeholders, when the directory changed."""
    if not getattr(env, "pugguide_directory_changed", False):
        return []
    folders: set[str] | None = getattr(env, "pugguide_directory_folders", None)
    return sorted(
        doc
        for doc in _users(env) & env.found_docs
        # A big country's overview shows only that country's parts.
        if folders is None or not doc.startswith(f"{FOLDER}/") or doc.rpartition("/")[2] in folders
    )


def _users(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, "pugguide_directory_docs"):
        env.pugguide_directory_docs = set()  # type: ignore[attr-defined]
    return env.pugguide_directory_docs  # type: ignore[attr-defined,no-any-return]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _users(env).discard(docname)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    _users(env).update(_users(other) & docnames)


# -- Directives ----------------------------------------------------------------


class GroupsDirective(SphinxDirective):
    """Groups as list entries, one JSON record per line (written by the generator)."""

    has_content = True
    #: The repository root relative to the source folder: record files are relative to it.
    option_spec: ClassVar = {"root": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        records = []
        for offset, line in enumerate(self.content):
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                logger.warning(
                    "bad group record (%s); regenerate the page by building again",
                    exc,
                    location=(self.env.docname, self.content_offset + offset + 1),
                    type="pugguide",
                    subtype="directive",
                )
        root = self.options.get("root", ".")
        for record in records:
            self.env.note_dependency(posixpath.normpath(posixpath.join(root, record["file"])))
        return [group_list(records=records)]


class NavDirective(SphinxDirective):
    """Links to other directory pages: a breadcrumb trail or a list with counts."""

    has_content = True
    option_spec: ClassVar = {"style": lambda arg: directives.choice(arg, ("breadcrumbs", "list"))}

    def _xref(self, item: dict[str, Any]) -> addnodes.pending_xref:
        if "ref" in item:
            kind, target = "ref", item["ref"]
        else:
            kind, target = "doc", "/" + item["doc"]
        return addnodes.pending_xref(
            "",
            nodes.inline("", item["title"]),
            refdomain="std",
            reftype=kind,
            reftarget=target,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )

    def run(self) -> list[nodes.Node]:
        items = [json.loads(line) for line in self.content]
        if self.options.get("style") == "breadcrumbs":
            # Generated pages are reached from the directory's index, not the toctree
            # (see pages.py); MyST front matter cannot follow the generated-file marker.
            self.env.metadata[self.env.docname]["orphan"] = True
            para = nodes.paragraph("", classes=["pug-breadcrumbs"])
            for i, item in enumerate(items):
                if i:
                    para += nodes.Text(" \u203a ")  # a single right angle quote
                para += self._xref(item)
            return [para]
        bullets = nodes.bullet_list("", classes=["pug-parts"])
        for item in items:
            para = nodes.paragraph("", "", self._xref(item))
            para += nodes.Text(f" ({item['count']})")
            bullets += nodes.list_item("", para)
        return [bullets]


class _Placeholder(SphinxDirective):
    node_class: ClassVar[type[nodes.Element]]

    def run(self) -> list[nodes.Node]:
        _users(self.env).add(self.env.docname)
        return [self.node_class()]


class SummaryDirective(_Placeholder):
    node_class = directory_summary


class CountriesDirective(_Placeholder):
    node_class = directory_countries


class DownloadsDirective(_Placeholder):
    node_class = directory_downloads


class PartsDirective(_Placeholder):
    """The parts of a big country's directory (argument: its folder)."""

    node_class = directory_parts
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        (node,) = super().run()
        node["country"] = self.arguments[0]  # type: ignore[index]
        return [node]


class StaleDirective(_Placeholder):
    node_class = stale_groups


class MapDirective(_Placeholder):
    node_class = group_map

    def run(self) -> list[nodes.Node]:
        _users(self.env).add(self.env.docname)
        node = group_map()
        node += nodes.image(
            uri=f"/{FOLDER}/{MAP_FILE}", alt=_("World map with a dot for each group")
        )
        return [node]


# -- Filling placeholders --------------------------------------------------------


def _is_web(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def _relative(app: Sphinx, docname: str, target: str) -> str:
    base = posixpath.dirname(app.builder.get_target_uri(docname))
    return posixpath.relpath(target, base or ".")


def _summary(
    app: Sphinx, data: DirectoryData, docname: str, node: nodes.Element
) -> list[nodes.Node]:
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
    if _is_web(app):
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


def _countries(
    app: Sphinx, data: DirectoryData, docname: str, node: nodes.Element
) -> list[nodes.Node]:
    if not _is_web(app):
        return render.compact_tables(data.records)
    bullets = nodes.bullet_list("", classes=["pug-countries"])
    tops = [p for p in data.pages if not p[5]]
    for page_doc, _title, folder, name, count, _parent in sorted(
        tops, key=lambda p: (p[2] == "online", p[3].casefold())
    ):
        label = _("Online") if folder == "online" else name
        ref = nodes.reference(
            "", label, internal=True, refuri=app.builder.get_relative_uri(docname, page_doc)
        )
        bullets += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({count})")))
    return [bullets]


def _downloads(
    app: Sphinx, data: DirectoryData, docname: str, node: nodes.Element
) -> list[nodes.Node]:
    para = nodes.paragraph("", _("Download: "), classes=["pug-downloads"])
    base = app.config.html_baseurl.rstrip("/")
    for i, name in enumerate(exports.FILES):
        if i:
            para += nodes.Text(render.SEP)
        if _is_web(app):
            uri = _relative(app, docname, f"{EXPORT_DIR}/{name}")
            para += nodes.reference(name, name, refuri=uri, internal=True)
        elif base:
            para += nodes.reference(name, name, refuri=f"{base}/{EXPORT_DIR}/{name}")
        else:
            para += nodes.literal(name, name)
    return [para]


def _parts(app: Sphinx, data: DirectoryData, docname: str, node: nodes.Element) -> list[nodes.Node]:
    parts = [p for p in data.pages if p[5] == node["country"]]
    total = sum(p[4] for p in parts)
    intro = nodes.paragraph(
        "",
        _(
            "{} groups, listed by region. Pick a part, or search the whole directory from "
            "its index page."
        ).format(total),
    )
    bullets = nodes.bullet_list("", classes=["pug-parts"])
    for page_doc, title, _folder, _name, count, _parent in parts:
        label = title.partition(": ")[2] or title
        if _is_web(app) or app.builder.format == "html":
            uri = app.builder.get_relative_uri(docname, page_doc)
            ref: nodes.Node = nodes.reference("", label, internal=True, refuri=uri)
        else:
            ref = nodes.Text(label)
        bullets += nodes.list_item("", nodes.paragraph("", "", ref, nodes.Text(f" ({count})")))
    return [intro, bullets]


def _stale(app: Sphinx, data: DirectoryData, docname: str, node: nodes.Element) -> list[nodes.Node]:
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
        render.stale_table(records, entry_uri if _is_web(app) else None),
    ]


def _cutoff(data: DirectoryData) -> str:
    import datetime

    from pugguide.groups.stale import stale_cutoff

    return stale_cutoff(datetime.date.fromisoformat(data.today)).isoformat()


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace whole-directory placeholders for the builder at hand (``doctree-resolved``)."""
    data: DirectoryData | None = getattr(app.env, "pugguide_directory", None)
    fillers: dict[type[nodes.Element], Any] = {
        directory_summary: _summary,
        directory_countries: _countries,
        directory_downloads: _downloads,
        directory_parts: _parts,
        stale_groups: _stale,
    }
    for node_class, filler in fillers.items():
        for node in list(doctree.findall(node_class)):
            node.replace_self(filler(app, data, docname, node) if data else [])
    if app.builder.format != "html":
        for entries in list(doctree.findall(group_list)):
            entries.replace_self(render.group_list(entries["records"]))
    for node in doctree.findall(group_map):
        node["records"] = data.records if data else []
        if not _is_web(app) and not app.builder.name.startswith("epub"):
            node.children = []  # LaTeX draws the map itself; it cannot include SVG


def forget_map_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """The map page's doctree does not depend on the SVG's content, only its output
    does, and that page is rewritten whenever the directory changes (``updated_docs``):
    so a new map does not make Sphinx re-read the page (``doctree-read``, after the
    image collector noted the file)."""
    deps = app.env.dependencies.get(app.env.docname)
    if deps and next(doctree.findall(group_map), None) is not None:
        deps.discard(app.env.srcdir / FOLDER / MAP_FILE)  # as note_dependency stored it


# -- Output files ---------------------------------------------------------------


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is not None and pagename in _users(app.env):
        app.add_js_file("pugguide-directory.js", defer="defer")


def generated_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Theme context of generated pages: where "edit this page" goes, and the site
    navigation computed once for all of them.

    Themes like furo render the whole navigation tree on every page. Generated pages
    sit in one folder and are outside the toctree, so their navigation is the same
    HTML for all of them (same relative links, no current entry): build it once per
    build instead of once per page.
    """
    if not pagename.startswith(f"{FOLDER}/"):
        return
    # The theme's "edit this page" would open a generated file that is not in the
    # repository: open the country's folder of group files instead.
    repo = app.config.pugguide_repository_url.rstrip("/")
    if repo:
        folder = pagename.rpartition("/")[2].partition("-")[0]
        data = relative_to_root(Path(app.confdir) / app.config.pugguide_data_dir, Path(app.confdir))
        tree = f"{repo}/tree/{app.config.pugguide_repository_branch}/{data}/groups/{folder}"
        context["theme_source_edit_link"] = context["theme_source_view_link"] = tree
    if "toctree" not in context:
        return
    memo: dict[tuple[tuple[str, Any], ...], str] = app.builder.__dict__.setdefault(
        "_pugguide_navigation", {}
    )
    toctree = context["toctree"]

    def shared(**kwargs: Any) -> str:
        key = tuple(sorted(kwargs.items()))
        if key not in memo:
            memo[key] = toctree(**kwargs)
        return memo[key]

    context["toctree"] = shared


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``groups.json``, ``.csv`` and ``.geojson`` on every HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    data: DirectoryData | None = getattr(app.env, "pugguide_directory", None)
    outdir = Path(app.outdir)
    if data is None or app.builder.name.startswith("epub"):
        return
    paths = [outdir / EXPORT_DIR / name for name in exports.FILES]
    # Unchanged data and all files there: they are current (writing 10,000 groups
    # three times costs a second on a rebuild that changed nothing).
    if not getattr(app.env, "pugguide_directory_changed", True) and all(p.is_file() for p in paths):
        return
    href = _entry_hrefs(app, EXPORT_DIR)
    records = [{**r, "page": href(r)} for r in data.records]
    for name, text in exports.render(records, data.today).items():
        path = outdir / EXPORT_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def add_static_path(app: Sphinx, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def setup_directory(app: Sphinx) -> None:
    app.add_config_value(
        "pugguide_directory_page_size",
        150,
        "env",
        types=frozenset({int}),
        description="Most groups on one generated page; bigger countries split by region.",
    )
    setup_nodes(app)
    app.add_directive("pugguide-groups", GroupsDirective)
    app.add_directive("pugguide-directory-nav", NavDirective)
    app.add_directive("pugguide-directory-summary", SummaryDirective)
    app.add_directive("pugguide-directory-countries", CountriesDirective)
    app.add_directive("pugguide-directory-downloads", DownloadsDirective)
    app.add_directive("pugguide-directory-parts", PartsDirective)
    app.add_directive("pugguide-stale-groups", StaleDirective)
    app.add_directive("pugguide-group-map", MapDirective)
    app.add_css_file("pugguide-directory.css")
    app.add_latex_package("tikz")
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", generate)
    app.connect("env-get-outdated", outdated_docs)
    app.connect("env-get-updated", updated_docs)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-read", forget_map_dependency, priority=900)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("html-page-context", add_assets)
    app.connect("html-page-context", generated_page_context, priority=400)  # before the theme
    app.connect("build-finished", write_exports)
