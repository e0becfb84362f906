"""Country and language names from pycountry, looked up through tables built once per run.

pycountry's own ``get()`` scans its records; a run over 10,000 files asks for the same
few hundred codes again and again, so :class:`Countries` builds plain dicts on first use.
An instance lives as long as one validation run: nothing is cached at module level.
"""

from __future__ import annotations

import functools

import pycountry

from pugguide.groups.model import ONLINE

#: Codes in common use that ISO 3166-1 has not assigned (user-assigned range).
EXTRA_COUNTRIES = {"XK": "Kosovo"}
#: Codes people write by mistake, and the ISO code they mean.
MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "JA": "JP"}


class Countries:
    """ISO 3166-1 alpha-2 codes -> short English names, and ISO 639-1 language codes."""

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        names = {
            c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries
        }
        names.update(EXTRA_COUNTRIES)
        return names

    @functools.cached_property
    def _languages(self) -> dict[str, str]:
        return {
            lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")
        }

    def name(self, code: str) -> str | None:
        """The short name of upper-case *code* ("KR" -> "South Korea"), "Online", or None."""
        if code == ONLINE:
            return "Online"
        return self._names.get(code)

    def language(self, code: str) -> str | None:
        """The English name of ISO 639-1 *code*, or None."""
        return self._languages.get(code)

    def codes(self) -> dict[str, str]:
        """Every known code and its name."""
        return dict(self._names)

    def suggest(self, code: str) -> list[str]:
        """The code meant by a common mistake ("UK" -> "GB"), if any."""
        meant = MISTAKES.get(code.upper())
        return [meant] if meant and meant != code else []
