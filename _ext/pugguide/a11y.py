"""Accessibility repairs to markup that Sphinx and the theme produce.

Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no
``aria-level``; ARIA requires one for the heading role (axe's ``aria-required-attr``,
critical), and furo puts those captions in every page's sidebar. The level given is
the one the captions sit at: below the page title (``h1``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CAPTION = '<p class="caption" role="heading">'
_FIXED = '<p class="caption" role="heading" aria-level="2">'
#: Page-context entries holding rendered HTML: the page body and furo's sidebar tree.
_HTML_KEYS = ("body", "furo_navigation_tree")


def _add_heading_levels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    for key in _HTML_KEYS:
        html = context.get(key)
        if isinstance(html, str) and _CAPTION in html:
            context[key] = html.replace(_CAPTION, _FIXED)


def setup_a11y(app: Sphinx) -> None:
    # After the theme (default priority 500) has rendered its navigation tree.
    app.connect("html-page-context", _add_heading_levels, priority=900)
