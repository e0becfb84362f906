"""Every script in the PDF: runs of text the main font cannot show get their own font.

XeTeX has no font fallback, and the directory holds group names in Arabic, Chinese,
Devanagari, Hebrew, Japanese, Korean, Thai, emoji and more. Before the LaTeX writer
runs, a post-transform splits text into runs by font (:mod:`pugguide.scripts` decides
which) and wraps each run that is not in the main font in a ``script_run`` node,
written as ``\\pugscript{deva}{...}``, ``\\pugrtl{arab}{...}`` (set right to left, so a
name of several words keeps its word order) or ``\\pugcjk{jpan}{...}`` (breakable
between characters). :data:`FONT_PREAMBLE` declares one font per script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from pugguide.scripts import IGNORED, SCRIPTS, script_runs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class script_run(nodes.inline):
    """Text in one script that needs its own font in LaTeX."""


def visit_script_run(self: LaTeXTranslator, node: script_run) -> None:
    command = {"rtl": "pugrtl", "cjk": "pugcjk"}.get(SCRIPTS[node["script"]].kind, "pugscript")
    self.body.append(rf"\{command}{{{node['script']}}}{{")


def depart_script_run(self: LaTeXTranslator, node: script_run) -> None:
    self.body.append("}")


def _skip(self: Any, node: script_run) -> None:
    pass  # only LaTeX gets these nodes; other writers render the text as usual


def wrap_script_runs(doctree: nodes.Node) -> None:
    """Wrap each run of text that is not in the main font in a ``script_run`` node."""
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(
            parent, (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.math, script_run)
        ):
            continue  # code blocks are typeset verbatim; raw LaTeX is left alone
        value = str(text)
        shown = "".join(c for c in value if c not in IGNORED)  # no glyph in print
        runs = script_runs(shown)
        if shown == value and all(key is None for key, _ in runs):
            continue
        parent.replace(
            text,
            [
                nodes.Text(run) if key is None else script_run("", nodes.Text(run), script=key)
                for key, run in runs
            ],
        )


def _wrap_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # At doctree-resolved, after the directory has filled its placeholders (priority
    # 500): a post-transform would run before them and miss every group name.
    if app.builder.format == "latex":
        wrap_script_runs(doctree)


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
        *(rf"\pugdefinescript{{{k}}}{{{s.font}}}{{{s.features}}}" for k, s in SCRIPTS.items()),
        r"\DeclareRobustCommand\pugscript[2]{{\csname pugfont#1\endcsname #2}}",
        r"\DeclareRobustCommand\pugrtl[2]{\leavevmode{\csname pugfont#1\endcsname"
        r"\beginR #2\endR}}",
        r"\DeclareRobustCommand\pugcjk[2]{{\csname pugfont#1\endcsname"
        r'\XeTeXlinebreaklocale "zh"\XeTeXlinebreakskip=0pt plus 1pt\relax #2}}',
        r"\AtBeginDocument{\pdfstringdefDisableCommands{%",
        r"  \def\pugscript#1#2{#2}\def\pugrtl#1#2{#2}\def\pugcjk#1#2{#2}}}",
    ]
)


#: For ``latex_elements["sphinxsetup"]``: the mark of a space where a long code line
#: wraps (U+2423), from the CJK font, since Noto Sans Mono has no such glyph.
VISIBLE_SPACE_SETUP = 'verbatimvisiblespace={\\textcolor{red}{\\pugscript{hans}{\\char"2423}}}'


def setup_latex_scripts(app: Sphinx) -> None:
    # Any: add_node's keyword arguments are per builder, which mypy cannot follow.
    skipped: dict[str, Any] = dict.fromkeys(("html", "text", "man", "texinfo"), (_skip, _skip))
    app.add_node(script_run, latex=(visit_script_run, depart_script_run), **skipped)
    app.connect("doctree-resolved", _wrap_resolved, priority=900)
