"""Build events: load the checklists, write their pages, find pages to read again, and
check the ``see`` labels once every page is read. Data is read at ``builder-inited``,
before Sphinx looks for changed sources, so generated pages are in place in time and
parallel readers inherit it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from pugguide import reporting
from pugguide.checklists.directive import XREF_FLAG
from pugguide.checklists.domain import checklist_domain
from pugguide.checklists.model import LABEL_PREFIX, checklist_files, load_files, unknown_labels
from pugguide.paths import build_data_dir
from pugguide.problems import display_path
from pugguide.sources import sync_folder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils.nodes import Element, Node
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from pugguide.problems import Problem


def _report(app: Sphinx, problems: Iterable[Problem]) -> None:
    root = Path(app.confdir)
    reporting.warn(dataclasses.replace(p, path=display_path(p.path, root)) for p in problems)


def load_checklists(app: Sphinx) -> None:
    """Read every checklist file, report problems, and note what changed since last time."""
    data_dir = build_data_dir(app).resolve()
    files = checklist_files(data_dir)
    checklists, problems = load_files(files, data_dir)
    _report(app, problems)

    data = checklist_domain(app.env).data
    digests = {path.stem: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    data["changed"] = {i for i, _digest in data["digests"].items() ^ digests.items()}
    data["digests"] = digests
    # What a checklist index shows; the indexes are read again only when this changes.
    shown = [(c.id, c.title, c.summary, c.order, len(c.items)) for c in checklists.values()]
    listing = hashlib.sha256(json.dumps(shown).encode()).hexdigest()
    data["listing_changed"] = listing != data["listing"]
    data["listing"] = listing
    data["checklists"] = checklists
    data["broken"] = {p.path.stem for p in problems if p.path.stem not in checklists}

    if app.config.pugguide_checklist_pages:
        folder = Path(app.srcdir) / app.config.pugguide_checklist_pages
        # A broken file keeps its page (empty but for the title), so links to it still
        # resolve and the only errors shown are the ones in the file.
        titles = {i: i for i in data["broken"]} | {c.id: c.title for c in checklists.values()}
        sync_folder(folder, {i: page_source(i, title) for i, title in titles.items()})


def page_source(checklist_id: str, title: str) -> str:
    """The MyST source of a checklist's own page."""
    return (
        f"({LABEL_PREFIX}{checklist_id})=\n\n# {markdown_escape(title)}\n\n"
        f"```{{checklist}} {checklist_id}\n:standalone:\n```\n"
    )


def markdown_escape(text: str) -> str:
    """*text* with every ASCII punctuation mark escaped, so Markdown shows it literally."""
    return "".join(
        f"\\{ch}" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in text
    )


def outdated_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> set[str]:
    """Pages showing a checklist whose file changed, appeared or went away, and the
    indexes when what they list changed (a new file is no page's dependency yet)."""
    data = checklist_domain(env).data
    docs = {doc for doc, ids in data["shown"].items() if ids & data["changed"]}
    if data["listing_changed"]:
        docs |= data["indexes"]
    return docs


def check_see_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Report each ``see`` naming no section, at its line in the YAML file."""
    known = env.domains.standard_domain.labels
    _report(app, unknown_labels(checklist_domain(env).checklists.values(), known))
    return []


def quiet_missing_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Node | None:
    """Show a checklist's unresolved link as text: :func:`check_see_labels` has already
    reported it at the YAML line, which is where it must be fixed."""
    return contnode if node.get(XREF_FLAG) else None
