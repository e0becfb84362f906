"""The one ``slugify``: lower-case ASCII letters, digits and single hyphens.

Group file names, the directory's page names and anchors, and the importers' slugs all
come from here, so "Baden-Württemberg" is ``baden-wurttemberg`` wherever it appears.
"""

from __future__ import annotations

import re
import unicodedata

#: Letters that Unicode does not decompose into an ASCII letter and an accent.
_LETTERS = str.maketrans(
    {
        "\u0142": "l",  # ł
        "\u00f8": "o",  # ø
        "\u0111": "d",  # đ
        "\u00f0": "d",  # ð
        "\u0127": "h",  # ħ
        "\u0131": "i",  # dotless i
        "\u0167": "t",  # ŧ
        "\u00fe": "th",  # þ
        "\u00e6": "ae",  # æ
        "\u0153": "oe",  # œ (casefold() spells ß out already)
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int | None = None, fallback: str = "x") -> str:
    """``"PyData Zürich"`` -> ``"pydata-zurich"``.

    With *max_length* a longer slug is cut to that length and then back to its last
    hyphen, so it ends on a whole word (one long word is just cut). An empty result becomes
    *fallback*: ``"x"`` by default, so page names are never empty; pass ``""`` to test
    for "nothing usable in *text*".
    """
    # Accents dropped, other letters spelled out ("Łódź" -> "lodz", "Øresund" -> "oresund").
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    slug = _NOT_SLUG.sub("-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or fallback
