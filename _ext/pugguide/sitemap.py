"""A sitemap in a stable order, so two builds of one commit are byte-identical.

sphinx-sitemap writes pages in the order they reach its queue. Pages written by other
processes (Sphinx's parallel writers, the directory's country pages) arrive in
whatever order those finish, so the file changed from build to build. Just before it
is written (``build-finished``, ahead of sphinx-sitemap), the queue is put in order.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sort_sitemap_queue(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)  # set by sphinx-sitemap
    if exception is not None or links is None:
        return
    entries = []
    while True:
        try:
            entries.append(links.get_nowait())
        except queue.Empty:
            break
    for entry in sorted(entries):
        links.put(entry)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", sort_sitemap_queue, priority=400)
