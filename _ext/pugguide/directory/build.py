"""One build's directory: when the data are loaded, and what the build writes.

Flow of a build, all in the build's own process:

* ``builder-inited`` (:meth:`DirectoryBuild.start`): stat every group file. When none
  changed since this builder's last build, and neither did the settings, nothing is
  loaded. Otherwise the groups are loaded at once, most from the cache
  (:mod:`pugguide.groups.cache`); a first build validates them in a worker process
  while Sphinx reads the guide.
* ``env-get-updated``: documents whose placeholders show a view of the directory that
  changed are written again, without being re-read (:mod:`.placeholders`).
* ``doctree-resolved``: placeholders are filled in.
* ``html-collect-pages``: the map and the exports, then the country pages
  (:mod:`.countrypages`), each written only when it changed.
* ``build-finished``: this build's state is kept for the next one
  (``pugguide-directory-<builder>.json`` next to the doctrees, written atomically).

The state of a build is one :class:`DirectoryBuild`, made at ``setup`` and reset at
``builder-inited``; nothing is kept at module level.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import multiprocessing
import os
import posixpath
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sphinx.util import logging

from pugguide.directory import countrypages, placeholders
from pugguide.directory.domain import directory_domain
from pugguide.directory.placeholders import is_web
from pugguide.files import package_digest, write_if_changed
from pugguide.groups import cache, exports, searchindex
from pugguide.groups.datafiles import (
    EXPORT_DIR,
    MAP_FILE,
    load_and_keep,
    write_data_files,
)
from pugguide.groups.directory import Directory, Settings, make_directory
from pugguide.groups.records import build_date
from pugguide.paths import build_data_dir
from pugguide.reporting import warn
from pugguide.warnings_ import Subtype

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.records import Record
    from pugguide.problems import Problem

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class DirectoryBuild:
    """The directory as one build sees it; its methods are the event handlers."""

    enabled: bool = False
    #: Whether the group files or the settings changed since this builder's last build.
    changed: bool = False
    #: The group files' sizes and mtimes, taken once.
    stats: dict[str, cache.Stat] = dataclasses.field(default_factory=dict)
    #: The last build's state (see :meth:`state_file`), and this one's.
    old: dict[str, Any] = dataclasses.field(default_factory=dict)
    new: dict[str, Any] = dataclasses.field(default_factory=dict)
    data: Directory | None = None
    #: Saves the groups validated anew, for the next build.
    save_cache: Callable[[], None] | None = None
    #: A first build's load, in a worker process while Sphinx reads the guide.
    pool: ProcessPoolExecutor | None = None
    loading: Future[tuple[list[tuple[str, Record]], list[Problem]]] | None = None
    #: The theme's navigation for country pages, the same HTML for all of them.
    navigation: dict[Any, str] = dataclasses.field(default_factory=dict)

    # -- Loading -----------------------------------------------------------------

    def load(self, app: Sphinx) -> Directory | None:
        """The directory of this build, loaded on first use (None without one);
        problems in the files become warnings here."""
        if not self.enabled:
            return None
        if self.data is None:
            with _loading():
                entries, problems = self.load_entries(app)
                warn(problems)
                self.new["clean"] = not problems
                self.data = self.make(app, entries)
            if self.changed:
                self.write_data_files(app, self.data)
        return self.data

    def load_entries(self, app: Sphinx) -> tuple[list[tuple[str, Record]], list[Problem]]:
        """Every valid group as (its file, its base record) in directory order, and the
        problems of the other files. Tests wrap it to feed records that validation
        would refuse."""
        if self.loading is not None:  # a first build: the worker validated them
            return self.loading.result()
        entries, problems, self.save_cache = cache.load_cached(
            build_data_dir(app), Path(app.doctreedir), self.stats
        )
        return entries, problems

    def make(self, app: Sphinx, entries: list[tuple[str, Record]]) -> Directory:
        """The directory of this build from the groups' base records."""
        config = app.config
        settings = Settings(
            root=Path(app.confdir),
            repository=config.pugguide_repository_url,
            branch=config.pugguide_repository_branch,
            page_size=config.pugguide_directory_page_size,
        )
        return make_directory(entries, settings, build_date(), self.answered(app))

    def history_file(self, app: Sphinx) -> Path:
        return build_data_dir(app) / "liveness" / "history.csv"

    def answered(self, app: Sphinx) -> frozenset[str]:
        """Group files whose addresses answered their latest weekly check."""
        path = self.history_file(app)
        if not path.is_file():
            return frozenset()
        from pugguide.liveness.history import HistoryError, read_history

        try:
            rows = read_history(path)
        except HistoryError as error:
            logger.warning(
                "%s", error, location=str(path), type="pugguide", subtype=Subtype.liveness
            )
            return frozenset()
        latest = {row.file: row for row in sorted(rows)}  # sorted by week: the last wins
        return frozenset(file for file, row in latest.items() if not row.failed)

    def inputs(self, app: Sphinx) -> list[Any]:
        """What the pages depend on besides the group files."""
        return [
            # A new version of the extension writes every page and data file again (an
            # old search index would break a new script).
            package_digest(),
            build_date().isoformat(),
            app.config.pugguide_directory_page_size,
            app.config.pugguide_repository_url,
            app.config.pugguide_repository_branch,
            Path(os.path.relpath(app.confdir, app.srcdir)).as_posix(),
            _stamp(self.history_file(app)),
        ]

    def state_file(self, app: Sphinx) -> Path:
        return Path(app.doctreedir) / f"pugguide-directory-{app.builder.name}.json"

    # -- Events --------------------------------------------------------------------

    def start(self, app: Sphinx) -> None:
        """Find out whether the directory changed, and if so load it (``builder-inited``)."""
        vars(self).update(vars(DirectoryBuild()))  # a fresh state for this build
        gc.unfreeze()  # what the last build in this process froze (tests run many)
        if not (Path(app.srcdir) / "directory").is_dir():
            return  # a site without the directory: nothing to load, nothing to freeze
        self.enabled = True
        with _loading():
            self.begin(app)

    def begin(self, app: Sphinx) -> None:
        try:
            self.old = json.loads(self.state_file(app).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.old = {}
        self.stats = cache.stat_files(build_data_dir(app))
        # The state file belongs to one environment: a fresh one (-E, or a deleted one)
        # starts from scratch too.
        domain = directory_domain(app.env)
        domain.data["token"] = token = domain.data["token"] or uuid.uuid4().hex
        self.new = {
            **self.old,  # what this build does not redo stays as it was
            "token": token,
            "files": cache.signature(self.stats),
            "inputs": self.inputs(app),
            "clean": True,
        }
        self.changed = not self.old.get("clean") or any(
            self.old.get(key) != self.new[key] for key in ("token", "files", "inputs")
        )
        if app.builder.format == "html":
            outputs = [Path(app.outdir) / MAP_FILE]
            if is_web(app):
                outputs += [
                    Path(app.outdir) / EXPORT_DIR / n for n in (*exports.FILES, searchindex.INDEX)
                ]
            self.changed = self.changed or not all(p.is_file() for p in outputs)
        if not self.changed:
            return
        if not (Path(app.doctreedir) / cache.FILE).is_file():
            # A first build validates every file: in a worker, while Sphinx reads.
            # "spawn": a fresh interpreter, which inherits nothing of the build.
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            data_dir = build_data_dir(app)
            self.loading = self.pool.submit(
                load_and_keep, data_dir, Path(app.doctreedir), self.stats
            )
        else:
            self.load(app)  # the cache makes this quick

    def updated_docs(self, app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
        """Documents holding a kind of placeholder whose view changed (``env-get-updated``)."""
        if not self.changed or self.data is None:
            return []
        docs = {
            doc: kinds for doc, kinds in placeholders.users(env).items() if doc in env.found_docs
        }
        views = self.new["views"] = placeholders.digests(app, self.data)
        old = self.old.get("views", {})
        changed = {kind for kind, digest in views.items() if old.get(kind) != digest}
        return sorted(doc for doc, kinds in docs.items() if kinds & changed)

    def fill_placeholders(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """``doctree-resolved``: fill the placeholders."""
        if placeholders.has_placeholders(doctree):
            placeholders.fill(app, self.load(app), doctree, docname)

    def collect_pages(self, app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
        """The map, the exports and the country pages (``html-collect-pages``)."""
        if not self.enabled:
            return []
        data = self.load(app)  # a changed directory's data files are written by now
        assert data is not None  # enabled
        if is_web(app):
            self.write_pages(app, data)
        return []

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        """Keep this build's state for the next one (``build-finished``)."""
        if not self.enabled:
            return
        if exception is not None:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
            return
        if self.loading is not None:
            self.load(app)  # problems are reported even if no page needed the data
        if self.pool is not None:
            self.pool.shutdown()
        if self.changed and self.data is not None and "views" not in self.new:
            self.new["views"] = placeholders.digests(app, self.data)
        if self.save_cache is not None:
            self.save_cache()
        write_if_changed(self.state_file(app), json.dumps(self.new))

    def page_context(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        """``html-page-context`` of country pages (see :func:`countrypages.page_context`)."""
        countrypages.page_context(app, pagename, context, self.navigation)

    def resolve_page_reference(
        self, app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.Element
    ) -> nodes.Element | None:
        """``{ref}`directory-de``` (``missing-reference``)."""
        if node.get("reftype") != "ref" or not node.get("reftarget", "").startswith("directory-"):
            return None
        return countrypages.resolve_reference(app, env, self.load(app), node, contnode)

    # -- Writing -----------------------------------------------------------------

    def write_data_files(self, app: Sphinx, data: Directory) -> None:
        """The map and, for the web, the exports."""
        if app.builder.format != "html":
            return
        web = is_web(app)
        records = data.records
        if web:
            href = _entry_hrefs(app, EXPORT_DIR)
            records = [cast("Record", {**r, "page": href(r)}) for r in records]
        write_data_files(Path(app.outdir), records, data.today, web=web)

    def write_pages(self, app: Sphinx, data: Directory) -> None:
        """Write the country pages whose HTML changed, delete those of countries that
        are gone (their last group left), and keep the digest of every page."""
        around = countrypages.surroundings(app)
        last: dict[str, str] = self.old.get("pages", {})
        same = self.old.get("surroundings") == around
        if same and not self.changed and all(countrypages.output(app, d).is_file() for d in last):
            # Nothing changed, not even around the pages, and their files are all there:
            # every page written last time stands, and the state keeps them.
            return
        # New surroundings (the theme's navigation, say) change every page.
        digests, pages = countrypages.changed_pages(app, data, around, last if same else {})
        written = 0
        for pagename, context, template in pages:
            app.builder.handle_page(pagename, context, template)  # type: ignore[attr-defined]
            written += 1
        for docname in set(last) - set(digests):
            countrypages.output(app, docname).unlink(missing_ok=True)
        self.new["surroundings"] = around
        self.new["pages"] = digests
        logger.info(
            "pugguide: directory pages: %d written, %d unchanged", written, len(digests) - written
        )


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """No garbage collection while the directory is stated and loaded, and all that
    exists then frozen: the directory and the environment live until the build ends.

    Loading 10,000 groups allocates much and frees next to nothing: full collections
    amid it, and the first one after it over every new object, found nothing to free
    (0.2 s of an edit rebuild). Frozen objects are never walked again, not even at exit
    (a third of a second); :meth:`DirectoryBuild.start` thaws them for the next build
    in the same process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _stamp(path: Path) -> list[int] | None:
    """A file's size and mtime (None when it is missing), to notice it changed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


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
