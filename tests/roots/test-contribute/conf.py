extensions = ["myst_parser", "pugguide"]
# data/schema/group.schema.json links to the repository's schema: the page must embed
# exactly what the validator reads.
pugguide_repository_url = "https://example.org/owner/repo/"
pugguide_repository_branch = "trunk"
