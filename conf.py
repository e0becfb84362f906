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
release = version = "latest"

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
