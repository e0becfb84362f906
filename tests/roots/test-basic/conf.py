extensions = ["myst_parser", "pugguide"]
