"""Sphinx configuration for pug-guide.

Build with ``sphinx-build -c . docs _build/html`` (or ``nox -s docs``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "_ext"))  # a plain build needs no `pip install`

# -- The repository: the one place its address and branch are written --------
repository_url = "https://github.com/pug-guide/pug-guide"
repository_branch = "main"
#: Where the published site lives; sitemap, OpenGraph and the 404 page need it.
site_url = "https://pug-guide.readthedocs.io/"

# -- Project -----------------------------------------------------------------
project = "pug-guide"
author = "The pug-guide contributors"
copyright = "the pug-guide contributors; prose CC BY-SA 4.0, code MIT"
language = "en"
# -- Edition (issue 7): the version comes from git tags, never typed by hand ---
# `git describe` on a calendar tag: 2026.11 on the tag, 2026.11-3-gabc1234 after it.
import os  # noqa: E402

from pugguide.edition import detect_edition  # noqa: E402

_edition = detect_edition(ROOT)
version = _edition.version  # the edition: 2026.11
release = _edition.release  # this exact build
today = _edition.date  # the commit's date, shown on pages and the PDF title page
# Dates Sphinx writes (EPUB metadata, copyright year) follow the commit, not the
# clock, so two builds of one commit are byte-identical.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(_edition.timestamp))
# -- end of Edition -------------------------------------------------------------

# -- General -----------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "notfound.extension",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "pugguide",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
# "**/_*.md" needs a folder; "_*.md" also drops notes at the top (docs/_coverage.md)
exclude_patterns = ["_build", "_*.md", "**/_*.md", "**/README.md"]
templates_path = ["docs/_templates"]
nitpicky = True
pygments_style = "sphinx"
pygments_dark_style = "monokai"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "substitution"]
myst_heading_anchors = 3

# -- pugguide ----------------------------------------------------------------
pugguide_data_dir = "data"
pugguide_repository_url = repository_url
pugguide_repository_branch = repository_branch

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = "pug-guide"
html_baseurl = site_url
html_static_path = ["docs/_static"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "source_repository": f"{repository_url}/",
    "source_branch": repository_branch,
    "source_directory": "docs/",
    "navigation_with_keys": True,
}

sitemap_url_scheme = "{link}"
ogp_site_url = site_url
ogp_social_cards = {"enable": False}  # cards would need matplotlib and fonts at build time
ogp_enable_meta_description = True

copybutton_exclude = ".linenos, .gp, .go"

# The project's own icon: without one, browsers ask every host for /favicon.ico.
html_favicon = "docs/_static/favicon.svg"

# -- The 404 page: hosts serve it at any address, at any depth, under any path ------
# So it is self-contained (docs/_templates/pug-404.html): nothing to load from a path
# that may be wrong, and links home that the browser works out from the address.
from urllib.parse import urlsplit  # noqa: E402

notfound_urls_prefix = urlsplit(os.environ.get("READTHEDOCS_CANONICAL_URL", "/")).path or "/"
notfound_template = "pug-404.html"
notfound_context = {
    "title": "Page not found",
    "body": "",
    "pug_notfound_root": notfound_urls_prefix,
    # The site's top-level folders: where an address enters the site.
    "pug_notfound_tops": [
        *sorted(
            p.name for p in (ROOT / "docs").iterdir() if p.is_dir() and not p.name.startswith("_")
        ),
        "_static",
        "_images",
        "_downloads",
    ],
    "pug_favicon_svg": (ROOT / html_favicon).read_text(encoding="utf-8").strip(),
}

# -- Offline editions (issue 7): PDF through LaTeX, and EPUB --------------------
# `nox -s pdf` and `nox -s epub` build them; Read the Docs builds both for every version.
from pugguide.latexscripts import FONT_PREAMBLE, VISIBLE_SPACE_SETUP  # noqa: E402

_full_title = "pug-guide: running a Python user group"
_release_label = "Edition" if _edition.tagged else "Draft"  # untagged builds are drafts
latex_engine = "xelatex"  # fontspec and HarfBuzz shaping for every script in the directory
latex_documents = [(root_doc, f"{_edition.basename}.tex", _full_title, author, "manual")]
latex_show_urls = "footnote"  # a printed page cannot be clicked
latex_show_pagerefs = True
latex_use_xindy = False  # no index to sort; xindy also needs language modules
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "releasename": _release_label,
    "fontpkg": FONT_PREAMBLE,  # Noto fonts, one per script (_ext/pugguide/latexscripts.py)
    "fncychap": "",
    "printindex": "",  # the guide has a glossary, not an index
    "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2.2cm,2.2cm}, TitleColor={rgb}{0.11,0.25,0.45}, "
    + VISIBLE_SPACE_SETUP,
    "preamble": f"\\hypersetup{{pdfsubject={{Edition {release} ({today})}}, "
    "pdfkeywords={Python, user group, meetup, community, organizing}, "
    "pdfcreator={Sphinx and XeLaTeX}}"
    # Sphinx names the contents after the first toctree's caption ("Start here").
    + "\n\\addto\\captionsenglish{\\renewcommand{\\contentsname}{Contents}}",
    # The title page: what the book is, which edition, from when (the commit's date).
    "maketitle": rf"""
\hypersetup{{pdftitle={{{_full_title}}}, pdfauthor={{{author}}}}}
\hypersetup{{pageanchor=false}}% the title page is page 1 too: one anchor per number
\begin{{titlepage}}
  \centering\sffamily
  \vspace*{{0.16\textheight}}
  {{\bfseries\fontsize{{42}}{{48}}\selectfont pug-guide\par}}
  \vspace{{1.2em}}
  {{\LARGE Running a Python user group\par}}
  \vspace{{2em}}
  {{\large\rmfamily Start a group, keep it going and hand it on:\\
   how-to guides, checklists and a directory of Python user groups\par}}
  \vfill
  {{\Large {_release_label} \textbf{{{release}}}\par}}
  \vspace{{0.4em}}
  {{\large {today}\par}}
  \vspace{{2.5em}}
  {{\large {author}\par}}
  \vspace{{0.6em}}
  {{\small\rmfamily Prose CC BY-SA 4.0, code MIT \textbullet\ \url{{{site_url}}}\par}}
\end{{titlepage}}
\cleardoublepage\hypersetup{{pageanchor=true}}
""",
}

epub_basename = _edition.basename  # pug-guide-<release>.epub
epub_title = _full_title
epub_author = epub_publisher = author
epub_copyright = copyright
epub_language = language
epub_description = (
    "The guide to running a Python user group, with checklists and a directory of groups."
)
# One identifier per edition, also an XML name: the NCX's dtb:uid must equal it.
epub_identifier = epub_uid = f"pug-guide-{release}"
epub_scheme = ""
epub_cover = ("_static/editions-cover.png", "epub-cover.html")
epub_show_urls = "no"  # readers follow links; footnote marks cluttered the directory
epub_tocdepth = 2
epub_tocscope = "includehidden"  # the home page's toctrees are hidden (cards link instead)
# Data files for the web map have no EPUB media type; Sphinx leaves them out, rightly.
suppress_warnings = [*globals().get("suppress_warnings", []), "epub.unknown_project_files"]
epub_exclude_files = [
    "search.html",
    "404.html",
    "_static/editions.js",
    "_static/editions.css",
    "_static/editions-cover.svg",
]
# -- end of Offline editions ------------------------------------------------------
