"""Which font prints each character of the PDF, and which characters no font can.

XeTeX has no font fallback: a character the current font lacks is dropped with a
"Missing character" line in the log, so every run of text is set in a font chosen here.
A character's Unicode block names its script (:data:`SCRIPTS`, ISO 15924 keys); Latin,
Greek and Cyrillic are in the main Noto fonts; the symbol fonts of :data:`FALLBACK`
are tried in order for a character its font lacks. What each font holds is read from
``fontcoverage.json`` (``python -m pugguide.fontcoverage`` rewrites it), so the
validator refuses what the PDF cannot print on any machine, fonts installed or not.
"""

from __future__ import annotations

import bisect
import functools
import json
import unicodedata
from pathlib import Path
from typing import NamedTuple

COVERAGE_FILE = Path(__file__).with_name("fontcoverage.json")
#: The key of the main fonts (Noto Serif for text, Noto Sans for headings).
MAIN = "main"
MAIN_FONTS = ("Noto Serif", "Noto Sans")
#: The key of the code font, which prints web addresses (footnotes in the PDF).
MONO = "mono"
MONO_FONT = "Noto Sans Mono"
#: Tried in order for a character its own font lacks.
FALLBACK = ("sym1", "symb", "math", "emoj")
#: Invisible in print: emoji presentation selectors and joiners between emoji.
IGNORED = frozenset("\ufe0e\ufe0f\u200d")
#: Line ends and tabs in a description: TeX reads them as spaces.
WHITESPACE = frozenset("\t\n\r")


class Script(NamedTuple):
    font: str
    kind: str  # "plain", "rtl" (right to left) or "cjk" (break between characters)
    features: str = ""


#: Script key -> font. Keys are ISO 15924 codes, used as LaTeX font names.
SCRIPTS: dict[str, Script] = {
    "arab": Script("Noto Naskh Arabic", "rtl", "Script=Arabic,Scale=1.15"),  # small x-height
    "hebr": Script("Noto Serif Hebrew", "rtl", "Script=Hebrew"),
    "syrc": Script("Noto Sans Syriac", "rtl", "Script=Syriac"),
    "thaa": Script("Noto Sans Thaana", "rtl", "Script=Thaana"),
    "deva": Script("Noto Serif Devanagari", "plain", "Script=Devanagari"),
    "beng": Script("Noto Serif Bengali", "plain", "Script=Bengali"),
    "guru": Script("Noto Serif Gurmukhi", "plain", "Script=Gurmukhi"),
    "gujr": Script("Noto Serif Gujarati", "plain", "Script=Gujarati"),
    "orya": Script("Noto Sans Oriya", "plain", "Script=Oriya"),
    "taml": Script("Noto Serif Tamil", "plain", "Script=Tamil"),
    "telu": Script("Noto Serif Telugu", "plain", "Script=Telugu"),
    "knda": Script("Noto Serif Kannada", "plain", "Script=Kannada"),
    "mlym": Script("Noto Serif Malayalam", "plain", "Script=Malayalam"),
    "sinh": Script("Noto Serif Sinhala", "plain", "Script=Sinhala"),
    "thai": Script("Noto Serif Thai", "plain", "Script=Thai"),
    "laoo": Script("Noto Serif Lao", "plain", "Script=Lao"),
    "tibt": Script("Noto Serif Tibetan", "plain", "Script=Tibetan"),
    "mymr": Script("Noto Serif Myanmar", "plain", "Script=Myanmar"),
    "khmr": Script("Noto Serif Khmer", "plain", "Script=Khmer"),
    "geor": Script("Noto Serif Georgian", "plain"),
    "armn": Script("Noto Serif Armenian", "plain"),
    "ethi": Script("Noto Serif Ethiopic", "plain"),
    "mong": Script("Noto Sans Mongolian", "plain"),
    "cher": Script("Noto Sans Cherokee", "plain"),
    "cans": Script("Noto Sans Canadian Aboriginal", "plain"),
    "tfng": Script("Noto Sans Tifinagh", "plain"),
    # One CJK font has every ideograph; the regional cut draws them the local way.
    "hans": Script("Noto Serif CJK SC", "cjk"),
    "jpan": Script("Noto Serif CJK JP", "cjk"),
    "kore": Script("Noto Serif CJK KR", "cjk"),
    "symb": Script("Noto Sans Symbols2", "plain"),
    "sym1": Script("Noto Sans Symbols", "plain"),
    "math": Script("Noto Sans Math", "plain"),
    # Emoji print in one colour: XeTeX cannot draw colour glyphs.
    "emoj": Script("Symbola", "plain"),
}

#: (first, last, script) code point ranges, sorted. Ideographs are "hani" and take the
#: CJK cut of the kana or hangul next to them, Simplified Chinese otherwise.
_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0530, 0x058F, "armn"),
        (0x0590, 0x05FF, "hebr"),
        (0x0600, 0x06FF, "arab"),
        (0x0700, 0x074F, "syrc"),
        (0x0750, 0x077F, "arab"),
        (0x0780, 0x07BF, "thaa"),
        (0x0870, 0x08FF, "arab"),
        (0x0900, 0x097F, "deva"),
        (0x0980, 0x09FF, "beng"),
        (0x0A00, 0x0A7F, "guru"),
        (0x0A80, 0x0AFF, "gujr"),
        (0x0B00, 0x0B7F, "orya"),
        (0x0B80, 0x0BFF, "taml"),
        (0x0C00, 0x0C7F, "telu"),
        (0x0C80, 0x0CFF, "knda"),
        (0x0D00, 0x0D7F, "mlym"),
        (0x0D80, 0x0DFF, "sinh"),
        (0x0E00, 0x0E7F, "thai"),
        (0x0E80, 0x0EFF, "laoo"),
        (0x0F00, 0x0FFF, "tibt"),
        (0x1000, 0x109F, "mymr"),
        (0x10A0, 0x10FF, "geor"),
        (0x1100, 0x11FF, "kore"),
        (0x1200, 0x139F, "ethi"),
        (0x13A0, 0x13FF, "cher"),
        (0x1400, 0x167F, "cans"),
        (0x1780, 0x17FF, "khmr"),
        (0x1800, 0x18AF, "mong"),
        (0x1C90, 0x1CBF, "geor"),
        (0x2190, 0x22FF, "math"),
        (0x2300, 0x23FF, "symb"),
        (0x2400, 0x243F, "hans"),
        (0x2460, 0x24FF, "sym1"),
        (0x2500, 0x27BF, "symb"),
        (0x27C0, 0x27EF, "math"),
        (0x2B00, 0x2BFF, "symb"),
        (0x2D30, 0x2D7F, "tfng"),
        (0x2D80, 0x2DDF, "ethi"),
        (0x2E80, 0x2FDF, "hani"),
        (0x3000, 0x303F, "hani"),
        (0x3040, 0x30FF, "jpan"),
        (0x3100, 0x312F, "hans"),
        (0x3130, 0x318F, "kore"),
        (0x31F0, 0x31FF, "jpan"),
        (0x3200, 0x4DBF, "hani"),
        (0x4E00, 0x9FFF, "hani"),
        (0xA960, 0xA97F, "kore"),
        (0xAB00, 0xAB2F, "ethi"),
        (0xAC00, 0xD7FF, "kore"),
        (0xF900, 0xFAFF, "hani"),
        (0xFB1D, 0xFB4F, "hebr"),
        (0xFB50, 0xFDFF, "arab"),
        (0xFE30, 0xFE4F, "hani"),
        (0xFE70, 0xFEFF, "arab"),
        (0xFF00, 0xFFEF, "hani"),
        (0x1F000, 0x1FAFF, "emoj"),
        (0x20000, 0x3FFFF, "hani"),
    ]
)
_STARTS = [first for first, _, _ in _RANGES]
_CJK = {"hani", "hans", "jpan", "kore"}


Ranges = list[tuple[int, int]]


@functools.cache
def coverage() -> dict[str, Ranges]:
    """Font key -> sorted code point ranges that font has (``MAIN``: both main fonts)."""
    raw = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    return {key: [(a, b) for a, b in ranges] for key, ranges in raw["fonts"].items()}


def _covers(key: str, code: int) -> bool:
    ranges = coverage().get(key, [])
    i = bisect.bisect_right(ranges, (code, 0x10FFFF)) - 1
    return i >= 0 and ranges[i][0] <= code <= ranges[i][1]


def _block(code: int) -> str | None:
    i = bisect.bisect_right(_STARTS, code) - 1
    return _RANGES[i][2] if i >= 0 and code <= _RANGES[i][1] else None


def font_key(char: str) -> str | None:
    """The font that prints *char*: a :data:`SCRIPTS` key, :data:`MAIN`, or ``None``
    when no font has it."""
    code = ord(char)
    block = _block(code)
    own = MAIN if block is None else _own(block)
    return next((key for key in (own, *FALLBACK) if _covers(key, code)), None)


def unprintable(text: str) -> list[str]:
    """The characters of *text* that the PDF cannot print, each once, in order."""
    return [
        c
        for c in dict.fromkeys(text)
        if c not in IGNORED and c not in WHITESPACE and font_key(c) is None
    ]


def unprintable_address(url: str) -> list[str]:
    """The characters of *url* the code font lacks (a printed address is not split
    into runs by script: write it in ASCII, as punycode and percent-escapes)."""
    return [c for c in dict.fromkeys(url) if not _covers(MONO, ord(c))]


def describe(char: str) -> str:
    """``U+1F40D SNAKE`` for messages."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _own(block: str) -> str:
    """The font key of a Unicode block's script (ideographs use the Chinese cut)."""
    return "hans" if block == "hani" else block


def script_of(char: str) -> str | None:
    """The script key of *char*, ``None`` for what the main font shows (Latin, Greek,
    Cyrillic), ``""`` for neutral characters (spaces, punctuation, digits)."""
    block = _block(ord(char))
    key = font_key(char)
    if block is not None:
        return block if key in (None, _own(block)) else key
    if key not in (MAIN, None):
        return key  # a symbol the main fonts lack
    category = unicodedata.category(char)
    return "" if char in IGNORED or category[0] in "ZPNCS" or category == "Mn" else None


def script_runs(text: str) -> list[tuple[str | None, str]]:
    """Split *text* into ``(script, run)``; ``None`` runs need no font change.

    Neutral characters between two of one script join that run (so a multi-word
    Arabic name stays one right-to-left run); elsewhere they stay in the main font.
    """
    keys = [script_of(c) for c in text]
    # Give neutrals the script on both sides when both sides agree.
    resolved: list[str | None] = []
    for i, key in enumerate(keys):
        if key == "":
            before = next((k for k in reversed(keys[:i]) if k != ""), None)
            after = next((k for k in keys[i + 1 :] if k != ""), None)
            # ...if that script's font has the character ("&" is not in every one).
            joined = before == after and before and _covers(_own(before), ord(text[i]))
            key = before if joined else None
        resolved.append(key)
    # Ideographs join the kana or hangul next to them and take their cut.
    runs: list[tuple[str | None, str]] = []
    for key, char in zip(resolved, text, strict=True):
        if runs and _same_run(last := runs[-1][0], key):
            runs[-1] = (key if last == "hani" else last, runs[-1][1] + char)
        else:
            runs.append((key, char))
    return [("hans" if key == "hani" else key, run) for key, run in runs]


def _same_run(a: str | None, b: str | None) -> bool:
    return a == b or (a in _CJK and b in _CJK and "hani" in (a, b))
