"""A page of group names in every script the directory may hold, for the PDF fonts."""

from pugguide.latexscripts import FONT_PREAMBLE

extensions = ["myst_parser", "pugguide"]
project = "scripts"
latex_engine = "xelatex"
latex_documents = [("index", "scripts.tex", "Scripts", "Test", "howto")]
latex_elements = {"fontpkg": FONT_PREAMBLE, "printindex": ""}
latex_use_xindy = False
