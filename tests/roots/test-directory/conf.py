"""A small directory: a few groups in three countries and online."""

extensions = ["myst_parser", "pugguide"]
root_doc = "index"
exclude_patterns = ["_build", "data"]
nitpicky = True
pugguide_data_dir = "data"
pugguide_repository_url = "https://example.org/pug-guide"
pugguide_repository_branch = "main"
html_baseurl = "https://guide.example.org/"
