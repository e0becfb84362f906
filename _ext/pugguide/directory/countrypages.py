"""The directory's country pages on the web site.

They are not Sphinx documents. Like Sphinx's own index and search pages (and ABlog's
archive pages), they go through the theme's page template at ``html-collect-pages``:
10,000 groups on 250 pages then cost no reading, no doctrees and no pickled
environment, which as documents took most of a build (BENCHMARKS.md). Print and EPUB
editions show the whole directory as compact tables on its index page instead.

A page is written only when its HTML changed: the build keeps a digest of each page's
body and of what the theme puts around it (:func:`surroundings`). Other pages link to
a country page with ``{ref}`directory-<name>```, resolved here.
"""

from __future__ import annotations

import functools
import hashlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from pugguide.directory.placeholders import add_scripts, is_web, relative_uri
from pugguide.files import package_digest
from pugguide.groups import pagehtml
from pugguide.groups.datafiles import GROUPS_JSON
from pugguide.groups.entries import EntryWriter
from pugguide.groups.pages import FOLDER
from pugguide.groups.records import relative_to_root
from pugguide.i18n import _
from pugguide.paths import build_data_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from pugguide.groups.directory import Directory
    from pugguide.groups.pages import Page


def surroundings(app: Sphinx) -> str:
    """A digest of what the theme puts around a country page's body: when it changes
    (settings, templates, the site's navigation), every page is written again."""
    env, builder = app.env, app.builder
    build_info = getattr(builder, "build_info", None)
    navigation = (
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
        sorted((doc, list(children)) for doc, children in env.toctree_includes.items()),
    )
    templates = getattr(builder, "templates", None)
    parts = (
        package_digest(),  # a new version of the extension writes every page again
        str(builder.outdir),
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        templates.newest_template_mtime() if templates else 0,
        navigation,
    )
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _digest(around: str, page: Page) -> str:
    # Everything pagehtml.body() reads from the page, which is all its HTML depends on
    # (with the links, which depend on the builder: part of *around*). Cheaper than
    # rendering all 250 pages to compare them.
    shown = (page.name, page.title, page.parent, page.country_name, page.sections, page.parts)
    return hashlib.sha1(f"{around}\n{shown!r}".encode()).hexdigest()


def changed_pages(
    app: Sphinx, data: Directory, around: str, old: dict[str, str]
) -> tuple[dict[str, str], Iterator[tuple[str, dict[str, Any], str]]]:
    """The digest of every page, and the pages to write: those whose digest differs
    from *old* or whose output file is missing."""
    digests = {page.docname: _digest(around, page) for page in data.pages}
    # One writer for all pages: it reads the language names once.
    entries = EntryWriter(_, app.config.pugguide_repository_url)

    def pages() -> Iterator[tuple[str, dict[str, Any], str]]:
        for page in data.pages:
            docname = page.docname
            if old.get(docname) == digests[docname] and output(app, docname).is_file():
                continue
            uri = functools.partial(app.builder.get_relative_uri, docname)
            body = pagehtml.body(page, uri, entries, relative_uri(app, docname, GROUPS_JSON))
            yield docname, _context(app, page, uri, body), "page.html"

    return digests, pages()


def output(app: Sphinx, docname: str) -> Path:
    """The file a web builder writes for *docname*."""
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    return Path(builder.get_outfilename(docname))


def _context(app: Sphinx, page: Page, uri: Callable[[str], str], body: str) -> dict[str, Any]:
    """The template context Sphinx gives a document's page, for a country page; *uri*
    links from it."""
    parents = [{"link": uri(pagehtml.INDEX_DOC), "title": escape(_("Group directory"))}]
    if page.parent:
        parents.append({"link": uri(f"{FOLDER}/{page.parent}"), "title": escape(page.country_name)})
    return {
        "title": escape(page.title),
        "body": body,
        "parents": parents,
        "prev": None,
        "next": None,
        "rellinks": [],
        "meta": {},
        "metatags": "",
        "sourcename": "",
        "toc": "",
        "display_toc": False,
        # Themes show "edit this page" only for a page with a source file; the link
        # opens the country's folder of data files (see page_context).
        "page_source_suffix": ".yaml" if app.config.pugguide_repository_url else "",
    }


def page_context(
    app: Sphinx, pagename: str, context: dict[str, Any], navigation: dict[Any, str]
) -> None:
    """Theme context of country pages (``html-page-context``, before the theme's):
    the search box's script, where "edit this page" goes, and the site navigation
    computed once for all (kept in *navigation*, which lives as long as the build).

    Themes like furo render the whole navigation tree on every page. Country pages sit
    in one folder and are outside the toctree, so their navigation is the same HTML for
    all of them (same relative links, no current entry): it is built once per build.
    """
    if not pagename.startswith(f"{FOLDER}/"):
        return
    add_scripts(app)
    # The theme's "edit this page" would open a file that is not in the repository:
    # open the country's folder of group files instead.
    repo = app.config.pugguide_repository_url.rstrip("/")
    if repo:
        folder = pagename.rpartition("/")[2].partition("-")[0]
        data = relative_to_root(build_data_dir(app), Path(app.confdir))
        tree = f"{repo}/tree/{app.config.pugguide_repository_branch}/{data}/groups/{folder}"
        context["theme_source_edit_link"] = context["theme_source_view_link"] = tree
    if "toctree" not in context:
        return
    toctree = context["toctree"]

    def shared(**kwargs: Any) -> str:
        key = tuple(sorted(kwargs.items()))
        if key not in navigation:
            navigation[key] = toctree(**kwargs)
        return navigation[key]

    context["toctree"] = shared


def resolve_reference(
    app: Sphinx,
    env: BuildEnvironment,
    data: Directory | None,
    node: nodes.Element,
    contnode: nodes.Element,
) -> nodes.Element | None:
    """``{ref}`directory-de``` to a country page: on the web the page itself, in print
    and EPUB the directory's index, which lists every country there."""
    target = node["reftarget"]
    page = next((p for p in data.pages if p.label == target), None) if data else None
    if page is None:
        return None
    text = (
        contnode
        if node.get("refexplicit")
        else nodes.inline("", page.title, classes=["std", "std-ref"])
    )
    if not is_web(app):
        std = env.domains.standard_domain
        xref = cast("addnodes.pending_xref", node)
        return std.resolve_xref(env, node["refdoc"], app.builder, "ref", "directory", xref, text)
    uri = app.builder.get_relative_uri(node["refdoc"], page.docname)
    return nodes.reference("", "", text, internal=True, refuri=uri)
