"""A sitemap in a stable order, so two builds of one commit are byte-identical.

sphinx-sitemap writes pages in the order they reach its queue. With ``-j``, Sphinx's
parallel writers put them there in whatever order they finish, so the file changed
from build to build. Just before it is written (``build-finished``, ahead of
sphinx-sitemap), the queue is put in order. A serial build needs none of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sort_sitemap_queue(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app, "sitemap_links", None)  # set by sphinx-sitemap
    if exception is not None or links is None:
        return
    # The writers are done: nothing is put on the queue while it is drained.
    for entry in sorted([links.get_nowait() for _ in range(links.qsize())]):
        links.put(entry)


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", sort_sitemap_queue, priority=400)
