extensions = ["myst_parser", "pugguide"]
exclude_patterns = ["_build", "data"]
nitpicky = True
