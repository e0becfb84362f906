"""The EPUB edition: valid EPUB 3 for ``epubcheck``, and the same bytes on every build.

sphinx-design's tabs are radio ``<input>`` elements without a closing slash, which XHTML
rejects (and an e-reader has no use for): each tab set becomes its tabs in order, each
under its label. Sphinx zips the files with their modification times: the archive is
rewritten with the ``SOURCE_DATE_EPOCH`` date (``conf.py`` sets it to the commit's),
and its cover image gets EPUB 3's ``properties="cover-image"`` (Sphinx only writes the
EPUB 2 ``<meta name="cover">``, which some EPUB 3 readers ignore).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _component(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and node.get("design_component") == name


class FlattenTabs(SphinxPostTransform):
    """Turn each tab set into its tabs in order, each headed by its label."""

    default_priority = 150  # before sphinx-design's TabSetHtmlTransform (200)
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(nodes.Element)):
            if not _component(tab_set, "tab-set"):
                continue
            flat = nodes.container("", classes=["pug-tabs"], ids=tab_set["ids"])
            for child in tab_set.children:
                parts = child.children if _component(child, "tab-item") else []
                content = parts[1] if len(parts) == 2 else None
                if not isinstance(child, nodes.Element) or not isinstance(content, nodes.Element):
                    flat += child.deepcopy()  # a target or other non-tab child
                    continue
                flat += nodes.rubric("", "", *parts[0].children, ids=child["ids"])
                flat += nodes.container("", *content.children, ids=content["ids"])
            tab_set.replace_self(flat)


def _reproducible_zip(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the EPUB with fixed file dates, in the same order (mimetype first)."""
    if exception is not None or not app.builder.name.startswith("epub"):
        return
    epub = Path(app.outdir, f"{app.config.epub_basename}.epub")
    if not epub.is_file():
        return
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 315532800, dt.UTC)
    date_time = (max(stamp.year, 1980), *stamp.timetuple()[1:6])
    with zipfile.ZipFile(epub) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    temporary = epub.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w") as new:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            if info.filename == "content.opf":
                data = _mark_cover(data.decode("utf-8")).encode("utf-8")
            new.writestr(fixed, data)
    temporary.replace(epub)


def _mark_cover(opf: str) -> str:
    cover = re.search(r'<meta name="cover" content="([^"]+)"\s*/>', opf)
    if cover is None:
        return opf
    item = re.compile(rf'(<item id="{re.escape(cover.group(1))}" [^>]*?)\s*/>')
    return item.sub(lambda m: f'{m.group(1)} properties="cover-image" />', opf, count=1)


def setup_epub(app: Sphinx) -> None:
    app.add_post_transform(FlattenTabs)
    app.connect("build-finished", _reproducible_zip)
