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
#: ISO 639-1 language codes. pycountry has them too, but loading its 7,900 ISO 639-3
#: records costs a third of a second; a test keeps this list equal to pycountry's.
_ISO_639_1_TEXT = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko
    kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd
    ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se
    sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw
    ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_TEXT.split())
#: Codes people write by mistake, and the ISO code they mean.
MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB", "KO": "KR", "JA": "JP"}


class Countries:
    """ISO 3166-1 alpha-2 codes -> short English names, and ISO 639-1 language codes."""

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        names.update(EXTRA_COUNTRIES)
        return names

    @functools.cached_property
    def _languages(self) -> dict[str, str]:
        # Loads ISO 639-3 (7,900 languages) on first use: ask only for names, not checks.
        return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}

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
