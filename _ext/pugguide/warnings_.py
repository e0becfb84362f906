"""Every kind of warning the extension emits, so users can silence one kind.

Sphinx prints ``[pugguide.<subtype>]`` after each message; adding
``"pugguide.<subtype>"`` to ``suppress_warnings`` in ``conf.py`` hides that kind.
"""

from __future__ import annotations

import enum


class Subtype(enum.StrEnum):
    """Warning subtypes, emitted as ``type="pugguide", subtype=<value>``."""

    yaml = "yaml"
    """A data file is not valid, safe YAML (syntax, duplicate key, tag, alias, encoding, size)."""
    schema = "schema"
    """A value breaks the JSON Schema: missing, unknown or mistyped key, bad format."""
    reference = "reference"
    """A value points at something that does not exist (a guide label, a country code)."""
    duplicate = "duplicate"
    """Two files claim the same identity (slug, URL, checklist item id)."""
    directive = "directive"
    """A ``pugguide`` directive was used wrongly in a page (unknown id, missing argument)."""
    liveness = "liveness"
    """The weekly liveness history (``data/liveness/history.csv``) cannot be read."""
    facts = "facts"
    """A ``{checked}`` date in a page is not a date (``YYYY-MM-DD``)."""
