extensions = ["myst_parser", "pugguide"]
exclude_patterns = ["_build", "data"]
nitpicky = True
version = release = "1"
copyright = "the pug-guide contributors"
suppress_warnings = ["epub.unknown_project_files"]
pugguide_checklist_pages = ""
