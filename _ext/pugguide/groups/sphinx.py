"""The group directory in Sphinx: when the data are loaded, and what each build writes.

Flow of a build:

* ``builder-inited`` (:func:`start`): stat every group file. When none changed since
  this builder's last build, and neither did the settings, nothing is loaded. A first
  build loads in a second process (:mod:`pugguide.background`) while Sphinx reads the
  guide; later builds load at once, most files coming from the cache
  (:mod:`pugguide.groups.cache`).
* Once the data are here (:func:`_loaded`): problems in the files become warnings at
  their file and line; two processes write the map and the exports; a third writes
  the country pages (:mod:`.countrypages`) once Sphinx writes documents, when the
  theme's context is complete.
* ``env-get-updated``: documents whose placeholders show a view of the directory that
  changed are written again, without being re-read (:mod:`.placeholders`).
* ``doctree-resolved``: placeholders are filled in; the first one waits for the data.
* ``html-collect-pages``: waits for the map (EPUB packs it next) and the country pages,
  or writes those pages itself when no other process did.
* ``build-finished``: waits for the other processes, and keeps this build's state for
  the next one (``pugguide-directory-<builder>.json`` next to the doctrees).

Without ``fork``, or with ``pugguide_directory_background = False``, the same work
runs in the build's own process.
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import uuid
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from pugguide.background import Background
from pugguide.groups import cache, countrypages, exports, mapsvg, placeholders
from pugguide.groups.nodes import setup_nodes
from pugguide.groups.pages import FOLDER, plan
from pugguide.groups.placeholders import EXPORT_DIR, MAP_FILE, is_web
from pugguide.groups.records import build_date, complete_record, edit_url, relative_to_root
from pugguide.groups.stale import stale_cutoff, stale_slugs
from pugguide.reporting import warn
from pugguide.sources import MARKER

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.pages import Page
    from pugguide.groups.records import Record
    from pugguide.problems import Problem

logger = logging.getLogger(__name__)

#: The filter's script and the pages' styles, copied into ``_static`` by every HTML
#: builder (EPUB included, so its pages find their stylesheet).
ASSETS = Path(__file__).resolve().parent.parent / "static" / "directory"


@dataclasses.dataclass
class Directory:
    """The directory as loaded for one build; never pickled into the environment."""

    records: list[Record]
    pages: list[Page]
    #: Slugs of stale groups, oldest verification first.
    stale: list[str]
    today: str


@dataclasses.dataclass
class _Loaded:
    """What loading gives the build."""

    data: Directory
    problems: list[Problem]


@dataclasses.dataclass
class _Build:
    """One build's view of the directory."""

    enabled: bool = False
    #: Whether the group files or the settings changed since this builder's last build.
    changed: bool = False
    #: The group files' sizes and mtimes, taken once.
    stats: dict[str, cache.Stat] = dataclasses.field(default_factory=dict)
    #: The last build's state (see :func:`_state_file`), and this one's.
    old: dict[str, Any] = dataclasses.field(default_factory=dict)
    new: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: Loading the data, then what it sent; processes validating (None: as many as
    #: suit the number of files).
    loading: Background | None = None
    jobs: int | None = None
    #: Saves the groups validated anew for the next build (see _write_data_files).
    save_cache: Callable[[], None] | None = None
    loaded: _Loaded | None = None
    #: Writing the exports, and the country pages, once the data are here.
    exporting: list[Background] = dataclasses.field(default_factory=list)
    writing: Background | None = None
    #: countrypages.surroundings() and _pages_current(), once the guide is read.
    around: str | None = None
    pages_current: bool | None = None
    #: Whether this build's placeholder views are in ``new`` already (env-get-updated).
    views_known: bool = False

    @property
    def processes(self) -> list[Background]:
        return [p for p in (self.loading, *self.exporting, self.writing) if p is not None]


_BUILDS: weakref.WeakKeyDictionary[Sphinx, _Build] = weakref.WeakKeyDictionary()


def _this_build(app: Sphinx) -> _Build:
    return _BUILDS.setdefault(app, _Build())


# -- Loading ---------------------------------------------------------------------


def _load(app: Sphinx) -> tuple[list[tuple[str, Record]], list[Problem]]:
    """Every valid group as (its file, its base record) in directory order, and the
    problems of the other files (tests replace this to feed data that validation
    would refuse)."""
    data_dir = Path(app.confdir) / app.config.pugguide_data_dir
    build = _this_build(app)
    if not build.stats:
        build.stats = cache.stat_files(data_dir)
    entries, problems, build.save_cache = cache.load_cached(
        data_dir, Path(app.doctreedir), build.stats, jobs=build.jobs
    )
    return entries, problems


def _inputs(app: Sphinx) -> list[Any]:
    """What the pages depend on besides the group files."""
    return [
        countrypages.GENERATOR,
        build_date().isoformat(),
        app.config.pugguide_directory_page_size,
        app.config.pugguide_repository_url,
        app.config.pugguide_repository_branch,
        Path(os.path.relpath(app.confdir, app.srcdir)).as_posix(),
    ]


def _make(app: Sphinx, entries: list[tuple[str, Record]]) -> Directory:
    """The directory of this build from the groups' base records."""
    today = build_date()
    cutoff = stale_cutoff(today)
    root = Path(app.confdir)
    prefix = f"{root}{os.sep}"
    repo, branch = app.config.pugguide_repository_url, app.config.pugguide_repository_branch
    records = []
    for path, base in entries:
        # A prefix test, not Path.relative_to: 10,000 of those cost a fifth of a second.
        if path.startswith(prefix) and os.sep == "/":
            rel = path[len(prefix) :]
        else:
            rel = relative_to_root(Path(path), root)
        edit = edit_url(repo, branch, rel)
        records.append(complete_record(base, stale_before=cutoff, relpath=rel, edit=edit))
    return Directory(
        records=records,
        pages=plan(records, app.config.pugguide_directory_page_size),
        stale=stale_slugs(records),
        today=today.isoformat(),
    )


def _entry_hrefs(app: Sphinx, base: str) -> Callable[[Record], str]:
    """A function giving a record's entry relative to the folder *base* of the output
    (one relative path per page, not per group: 10,000 relpath calls add up)."""
    pages: dict[str, str] = {}

    def href(record: Record) -> str:
        docname, _, fragment = record["page"].partition("#")
        if docname not in pages:
            pages[docname] = posixpath.relpath(app.builder.get_target_uri(docname), base)
        return f"{pages[docname]}#{fragment}"

    return href


def _load_all(app: Sphinx, send: Callable[[Any], None], *, save: bool) -> None:
    """The directory's data; with *save*, the cache is saved here too (in the
    background), otherwise later, with the files drawn from the data."""
    entries, problems = _load(app)
    send(_Loaded(_make(app, entries), problems))
    if save:
        _save_cache(app)


def _loaded(app: Sphinx, *, wait: bool = True) -> _Loaded | None:
    """The directory of this build (None without one). Unless told not to *wait*, it
    waits for the loading process; problems in the files become warnings here, and the
    web files start being written."""
    build = _this_build(app)
    if not build.enabled:
        return None
    if build.loaded is None:
        if build.loading is None:  # nothing changed: the cache makes this quick
            build.loading = Background(lambda send: _load_all(app, send, save=False), fork=False)
        if not wait and not build.loading.ready():
            return None
        build.loaded = build.loading.receive()  # the process may still be saving the cache
        warn(build.loaded.problems)
        build.new["clean"] = not build.loaded.problems
        _start_data_files(app)
    _start_pages(app)
    return build.loaded


def directory(app: Sphinx) -> Directory | None:
    loaded = _loaded(app)
    return loaded.data if loaded else None


def _save_cache(app: Sphinx) -> None:
    build = _this_build(app)
    if build.save_cache is not None:
        build.save_cache()
        build.save_cache = None


#: The files drawn from the whole directory, in two shares of about equal cost that
#: two processes write side by side: the map (every HTML builder, EPUB too) and, for
#: the web, the exports. The cache of validated groups goes with the first share.
_SHARES = (("map.svg", "groups.json"), ("groups.csv", "groups.geojson"))


def _write_data_files(app: Sphinx, data: Directory, names: tuple[str, ...]) -> None:
    """Write the files *names* (from :data:`_SHARES`) that this builder gets."""
    if "map.svg" in names:
        _save_cache(app)
    outdir = Path(app.outdir)
    href = _entry_hrefs(app, EXPORT_DIR) if is_web(app) else None
    if "map.svg" in names:
        (outdir / MAP_FILE).parent.mkdir(parents=True, exist_ok=True)
        (outdir / MAP_FILE).write_text(mapsvg.svg(data.records, href), encoding="utf-8")
    wanted = [name for name in names if name in exports.FILES]
    if href is None or not wanted:
        return
    records = [{**r, "page": href(r)} for r in data.records]
    for name, text in exports.render(records, data.today, wanted).items():
        path = outdir / EXPORT_DIR / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def _write_pages(app: Sphinx, data: Directory) -> tuple[dict[str, str], int]:
    """Write the country pages whose HTML changed, delete those of countries that
    are gone; the digest of every page, and how many were written."""
    build = _this_build(app)
    around = _surroundings(app)
    old: dict[str, str] = build.old.get("pages", {})
    if build.old.get("surroundings") != around:
        old = {}
    digests, pages = countrypages.changed_pages(app, data, around, old)
    written = 0
    for pagename, context, template in pages:
        app.builder.handle_page(pagename, context, template)  # type: ignore[attr-defined]
        written += 1
    countrypages.remove_pages(app, set(old) - set(digests))
    build.new["surroundings"] = around
    return digests, written


def _start_data_files(app: Sphinx) -> None:
    """Write the map and the exports on the other cores, when the data changed."""
    build = _this_build(app)
    if not (build.changed and app.builder.format == "html" and build.loaded is not None):
        _save_cache(app)
        return
    data = build.loaded.data
    fork = app.config.pugguide_directory_background and Background.can_fork()
    shares = _SHARES if fork else (tuple(name for share in _SHARES for name in share),)
    for names in shares:

        def write(send: Callable[[Any], None], names: tuple[str, ...] = names) -> None:
            _write_data_files(app, data, names)
            send("done")

        build.exporting.append(Background(write, fork=fork))
    # The processes took their copy: the groups and the cache rows can go now, while
    # the build waits for them, rather than at exit.
    build.save_cache = None


def _data_files_written(app: Sphinx) -> None:
    build = _this_build(app)
    for process in build.exporting:
        process.receive()
        process.close()
    build.exporting.clear()


def _start_pages(app: Sphinx) -> None:
    """Write the country pages on the other core once the data are here and the guide's
    documents are being written: the theme's context is complete only then."""
    build = _this_build(app)
    if (
        build.writing is None
        and build.loaded is not None
        and is_web(app)
        and app.config.pugguide_directory_background
        and Background.can_fork()
        and getattr(app.builder, "globalcontext", None) is not None
        and not _pages_current(app)
    ):
        build.writing = Background(lambda send: _write_pages_apart(app, send))


def _write_pages_apart(app: Sphinx, send: Callable[[Any], None]) -> None:
    """The country pages, in a process of their own: Sphinx's logging is collected
    and sent back, as Sphinx's own parallel writers do."""
    # Not _loaded(app): this process was forked on its way to being recorded, and
    # would start another like itself.
    loaded = _this_build(app).loaded
    assert loaded is not None
    collector = logging.LogCollector()
    with collector.collect():
        digests, written = _write_pages(app, loaded.data)
    logging.convert_serializable(collector.logs)
    send((digests, written, _this_build(app).new["surroundings"], collector.logs))


def _surroundings(app: Sphinx) -> str:
    build = _this_build(app)
    if build.around is None:
        build.around = countrypages.surroundings(app)
    return build.around


def _pages_current(app: Sphinx) -> bool:
    """Whether every country page written last time stands: nothing changed, not even
    around them, and their files are all there (asked for each document written
    until the answer is used, so worked out once)."""
    build = _this_build(app)
    if build.pages_current is None:
        old: dict[str, str] = build.old.get("pages", {})
        build.pages_current = (
            not build.changed
            and build.old.get("surroundings") == _surroundings(app)
            and all(countrypages.output(app, doc).is_file() for doc in old)
        )
    return build.pages_current


# -- Events ------------------------------------------------------------------------


def _state_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"pugguide-directory-{app.builder.name}.json"


def start(app: Sphinx) -> None:
    """Find out whether the directory changed, and if so start loading it
    (``builder-inited``)."""
    build = _BUILDS[app] = _Build()
    if not (Path(app.srcdir) / "directory").is_dir():
        return
    build.enabled = True
    _remove_old_sources(Path(app.srcdir) / FOLDER)
    try:
        build.old = json.loads(_state_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        build.old = {}
    build.stats = cache.stat_files(Path(app.confdir) / app.config.pugguide_data_dir)
    # The state file belongs to one environment: a fresh one (-E, or a deleted one)
    # starts from scratch too.
    env = app.env
    token = getattr(env, "pugguide_directory_token", None) or uuid.uuid4().hex
    env.pugguide_directory_token = token  # type: ignore[attr-defined]
    build.new = {
        **build.old,  # what this build does not redo stays as it was
        "token": token,
        "files": cache.signature(build.stats),
        "inputs": _inputs(app),
        "clean": True,
    }
    build.changed = not build.old.get("clean") or any(
        build.old.get(key) != build.new[key] for key in ("token", "files", "inputs")
    )
    if app.builder.format == "html":
        outputs = [Path(app.outdir) / MAP_FILE]
        if is_web(app):
            outputs += [Path(app.outdir) / EXPORT_DIR / name for name in exports.FILES]
        build.changed = build.changed or not all(p.is_file() for p in outputs)
    if build.changed:
        # A first build validates every file: on the other core, while Sphinx reads the
        # guide. Later builds find most files in the cache and load at once.
        cold = not build.old or not (Path(app.doctreedir) / cache.FILE).is_file()
        fork = cold and app.config.pugguide_directory_background and Background.can_fork()
        # In the background one process validates: more would take the build's core.
        build.jobs = 1 if fork else None
        build.loading = Background(lambda send: _load_all(app, send, save=fork), fork=fork)
        if not build.loading.forked:
            _loaded(app)


def _remove_old_sources(folder: Path) -> None:
    """Country pages were once Markdown sources generated into this folder, with the
    map beside them; a checkout that still has them would build them as documents."""
    for path in folder.glob("*.md"):
        with path.open(encoding="utf-8", errors="replace") as fh:
            if fh.readline().rstrip("\n") == MARKER:
                path.unlink()
    (folder / "map.svg").unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def updated_docs(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Documents whose placeholders show something that changed (``env-get-updated``).

    When the data are already here (builds after the first), only the documents
    holding a kind of placeholder whose view changed; otherwise all that hold one.
    """
    build = _this_build(app)
    if not build.changed:
        return []
    docs = {doc: kinds for doc, kinds in placeholders.users(env).items() if doc in env.found_docs}
    if build.loaded is None:
        return sorted(docs)
    views = build.new["views"] = placeholders.digests(app, build.loaded.data)
    build.views_known = True
    old = build.old.get("views", {})
    changed = {kind for kind, digest in views.items() if old.get(kind) != digest}
    return sorted(doc for doc, kinds in docs.items() if kinds & changed)


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill the placeholders. Each document written also checks
    whether the data have arrived, to start writing the country pages early."""
    if placeholders.has_placeholders(doctree):
        loaded = _loaded(app)
        placeholders.fill(app, loaded.data if loaded else None, doctree, docname)
    else:
        _loaded(app, wait=False)  # starts the web files as soon as the data are here


def collect_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Country pages (``html-collect-pages``): written here, unless another process
    wrote them already."""
    build = _this_build(app)
    if not build.enabled:
        return []
    if build.changed:
        _loaded(app)
    _data_files_written(app)  # EPUB packs the map once this event is over
    if not is_web(app):
        return []
    if build.writing is not None:
        digests, written, around, logs = build.writing.receive()
        build.new["surroundings"] = around
        for record in logs:
            logger.handle(record)
    elif _pages_current(app):
        return []  # the state keeps the last build's pages
    else:
        loaded = _loaded(app)
        assert loaded is not None  # enabled
        digests, written = _write_pages(app, loaded.data)
    build.new["pages"] = digests
    logger.info(
        "pugguide: directory pages: %d written, %d unchanged", written, len(digests) - written
    )
    return []


def finish(app: Sphinx, exception: Exception | None) -> None:
    """Wait for the other processes, and remember this build's state for the next one
    (``build-finished``)."""
    build = _this_build(app)
    if not build.enabled:
        return
    try:
        if exception is None:
            if build.loading is not None:
                loaded = _loaded(app)  # problems are reported even if no page needed them
                assert loaded is not None
                if not build.views_known:  # a first build: the data came after reading
                    build.new["views"] = placeholders.digests(app, loaded.data)
            _data_files_written(app)
            _state_file(app).parent.mkdir(parents=True, exist_ok=True)
            _state_file(app).write_text(json.dumps(build.new), encoding="utf-8")
    finally:
        for process in build.processes:
            process.close(stop=exception is not None)


def resolve_page_reference(
    app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    """``{ref}`directory-de``` (``missing-reference``)."""
    if node.get("reftype") != "ref" or not node.get("reftarget", "").startswith("directory-"):
        return None
    return countrypages.resolve_reference(app, env, directory(app), node, contnode)


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is not None and pagename in placeholders.users(app.env):
        app.add_js_file("pugguide-directory.js", defer="defer")


def add_static_path(app: Sphinx, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(ASSETS)]


def setup_directory(app: Sphinx) -> None:
    app.add_config_value(
        "pugguide_directory_page_size",
        150,
        "env",
        types=frozenset({int}),
        description="Most groups on one country page; bigger countries split by region.",
    )
    app.add_config_value(
        "pugguide_directory_background",
        True,
        "",
        types=frozenset({bool}),
        description="Load the directory in a second process while the guide builds.",
    )
    setup_nodes(app)
    placeholders.setup_directives(app)
    app.add_css_file("pugguide-directory.css")
    app.add_latex_package("tikz")
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", start)
    app.connect("env-get-updated", updated_docs)
    app.connect("env-purge-doc", placeholders.purge_doc)
    app.connect("env-merge-info", placeholders.merge_info)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("missing-reference", resolve_page_reference)
    app.connect("html-page-context", add_assets)
    app.connect("html-page-context", countrypages.page_context, priority=400)  # before the theme
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", finish)
