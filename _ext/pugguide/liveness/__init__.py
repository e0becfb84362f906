"""Evidence that a group is alive: weekly checks of its addresses, their history,
proposals to mark groups inactive, and confirmations by organizers.

Pure code: nothing here imports Sphinx or docutils, so the weekly workflow, the
confirmation workflow and the tests run it without a build. ``command`` holds the
``pugguide`` subcommands; ``_ext/pugguide/README.md`` names what each other module does.
"""
