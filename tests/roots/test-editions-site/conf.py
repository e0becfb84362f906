"""The guide's theme and templates on a one-page site: the edition box in the sidebar."""

from pathlib import Path

import pugguide

extensions = ["myst_parser", "pugguide"]
project = "editions"
html_theme = "furo"
templates_path = [str(Path(pugguide.__file__).parents[2] / "docs" / "_templates")]
pugguide_repository_url = "https://github.com/pug-guide/pug-guide"
