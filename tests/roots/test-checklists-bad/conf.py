extensions = ["myst_parser", "pugguide"]
exclude_patterns = ["_build", "data"]
nitpicky = True
version = release = "1"
copyright = "the pug-guide contributors"
