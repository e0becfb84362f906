extensions = ["myst_parser", "pugguide"]
exclude_patterns = ["_build", "data"]
nitpicky = True
version = release = "1"
copyright = "the pug-guide contributors"
# pugguide serves one static folder; the directory's map outlines (JSON) in it have no
# EPUB media type. They are never linked from a page.
suppress_warnings = ["epub.unknown_project_files"]
