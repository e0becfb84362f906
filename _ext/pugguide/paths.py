"""Where the project's data lives, for the CLI (found from the working directory)
and for Sphinx (from ``conf.py``'s folder and ``pugguide_data_dir``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCHEMA_DIR = "schema"


def find_data_dir(start: Path | None = None) -> Path | None:
    """The nearest ``data/`` folder with a ``schema/`` inside, at *start* or above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / SCHEMA_DIR).is_dir():
            return folder / "data"
    return None


def schema_file(data_dir: Path, name: str) -> Path:
    """``data/schema/<name>.schema.json``."""
    return data_dir / SCHEMA_DIR / f"{name}.schema.json"


def build_data_dir(app: Sphinx) -> Path:
    """A build's data folder: ``pugguide_data_dir``, relative to ``conf.py``'s folder."""
    return Path(app.confdir, app.config.pugguide_data_dir)
