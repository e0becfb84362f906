"""Translation helpers: user-visible strings go through ``_`` so the guide can be
translated with the ``pugguide`` message catalog (``locale/<lang>/LC_MESSAGES``)."""

from __future__ import annotations

from sphinx.locale import get_translation

MESSAGE_CATALOG = "pugguide"

_ = get_translation(MESSAGE_CATALOG)
