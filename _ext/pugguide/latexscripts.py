"""Every script in the PDF: runs of text the main font cannot show get their own font.

XeTeX has no font fallback, and the directory holds group names in Arabic, Chinese,
Devanagari, Hebrew, Japanese, Korean, Thai and more. Before the LaTeX writer runs, a
post-transform splits text into runs by script and wraps each non-Latin run in a
``script_run`` node, written as ``\\pugscript{deva}{...}``, ``\\pugrtl{arab}{...}`` (set
right to left, so a name of several words keeps its word order) or
``\\pugcjk{jpan}{...}`` (breakable between characters). :data:`FONT_PREAMBLE` declares
one Noto font per script; Latin, Greek and Cyrillic are in the main Noto fonts.

A script not listed here shows up as ``Missing character`` in the LaTeX log, which the
tests check for.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


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
        (0x2190, 0x21FF, "math"),
        (0x2200, 0x22FF, "math"),
        (0x2300, 0x23FF, "symb"),
        (0x2400, 0x243F, "hans"),
        (0x2460, 0x24FF, "sym1"),
        (0x2500, 0x25FF, "symb"),
        (0x2600, 0x26FF, "symb"),
        (0x2700, 0x27BF, "symb"),
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
        (0x3200, 0x33FF, "hani"),
        (0x3400, 0x4DBF, "hani"),
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
        (0x1F000, 0x1FAFF, "symb"),
        (0x20000, 0x3FFFF, "hani"),
    ]
)
_STARTS = [first for first, _, _ in _RANGES]


def script_of(char: str) -> str | None:
    """The script key of *char*, ``None`` for what the main font shows (Latin, Greek,
    Cyrillic), ``""`` for neutral characters (spaces, punctuation, digits)."""
    code = ord(char)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    if unicodedata.category(char)[0] in "ZPNCS" or unicodedata.category(char) == "Mn":
        return ""
    return None


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
            key = before if before == after and before else None
        resolved.append(key)
    # Ideographs take the cut of the kana or hangul in the same run.
    runs: list[tuple[str | None, str]] = []
    for key, char in zip(resolved, text, strict=True):
        if runs and _same_run(runs[-1][0], key):
            runs[-1] = (_merge(runs[-1][0], key), runs[-1][1] + char)
        else:
            runs.append((key, char))
    return [("hans" if key == "hani" else key, run) for key, run in runs]


_CJK = {"hani", "hans", "jpan", "kore"}


def _same_run(a: str | None, b: str | None) -> bool:
    return a == b or (a in _CJK and b in _CJK and "hani" in (a, b))


def _merge(a: str | None, b: str | None) -> str | None:
    return b if a == "hani" else a


class script_run(nodes.inline):
    """Text in one script that needs its own font in LaTeX."""


def visit_script_run(self: LaTeXTranslator, node: script_run) -> None:
    command = {"rtl": "pugrtl", "cjk": "pugcjk"}.get(SCRIPTS[node["script"]].kind, "pugscript")
    self.body.append(rf"\{command}{{{node['script']}}}{{")


def depart_script_run(self: LaTeXTranslator, node: script_run) -> None:
    self.body.append("}")


def _skip(self: Any, node: script_run) -> None:
    pass  # only LaTeX gets these nodes; other writers render the text as usual


class ScriptRuns(SphinxPostTransform):
    """Wrap each non-Latin run of text in a ``script_run`` node, for LaTeX only."""

    default_priority = 900  # after references are resolved: their text is final
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(
                parent, (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.math, script_run)
            ):
                continue  # code blocks are typeset verbatim; raw LaTeX is left alone
            runs = script_runs(str(text))
            if all(key is None for key, _ in runs):
                continue
            replacement: list[nodes.Node] = []
            for key, run in runs:
                if key is None:
                    replacement.append(nodes.Text(run))
                else:
                    replacement.append(script_run("", nodes.Text(run), script=key))
            parent.replace(text, replacement)


def _font_line(key: str, script: Script) -> str:
    return rf"\pugdefinescript{{{key}}}{{{script.font}}}{{{script.features}}}"


#: LaTeX for ``latex_elements["fontpkg"]``: main fonts, one family per script, and the
#: three commands the writer emits. Needs XeLaTeX (fontspec, TeX--XeT for \beginR).
FONT_PREAMBLE = "\n".join(
    [
        r"\setmainfont{Noto Serif}",
        r"\setsansfont{Noto Sans}",
        r"\setmonofont{Noto Sans Mono}[Scale=MatchLowercase]",
        r"\TeXXeTstate=1 % \beginR...\endR for right-to-left runs",
        r"\tracinglostchars=2 % log every glyph no font has",
        r"\newcommand\pugdefinescript[3]{\IfFontExistsTF{#2}%",
        r"  {\expandafter\newfontfamily\csname pugfont#1\endcsname{#2}[#3]}%",
        r"  {\PackageWarningNoLine{pugguide}{Font `#2' is missing: install the Noto fonts}%",
        r"   \expandafter\let\csname pugfont#1\endcsname\relax}}",
        *(_font_line(key, script) for key, script in SCRIPTS.items()),
        r"\DeclareRobustCommand\pugscript[2]{{\csname pugfont#1\endcsname #2}}",
        r"\DeclareRobustCommand\pugrtl[2]{\leavevmode{\csname pugfont#1\endcsname"
        r"\beginR #2\endR}}",
        r"\DeclareRobustCommand\pugcjk[2]{{\csname pugfont#1\endcsname"
        r'\XeTeXlinebreaklocale "zh"\XeTeXlinebreakskip=0pt plus 1pt\relax #2}}',
        r"\AtBeginDocument{\pdfstringdefDisableCommands{%",
        r"  \def\pugscript#1#2{#2}\def\pugrtl#1#2{#2}\def\pugcjk#1#2{#2}}}",
    ]
)


def setup_latex_scripts(app: Sphinx) -> None:
    app.add_node(
        script_run,
        latex=(visit_script_run, depart_script_run),
        html=(_skip, _skip),
        text=(_skip, _skip),
        man=(_skip, _skip),
        texinfo=(_skip, _skip),
    )
    app.add_post_transform(ScriptRuns)
