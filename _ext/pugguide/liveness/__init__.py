"""Evidence that a group is alive: weekly checks of its addresses, their history,
proposals to mark groups inactive, and confirmations by organizers.

Pure code: nothing here imports Sphinx or docutils, so the weekly workflow, the
confirmation workflow and the tests run it without a build.

* :mod:`~pugguide.liveness.netguard`: which addresses may be connected to;
* :mod:`~pugguide.liveness.fetch`: one address's outcome, redirects followed by hand;
* :mod:`~pugguide.liveness.history`: ``data/liveness/history.csv``;
* :mod:`~pugguide.liveness.proposals`: ``status: inactive`` after 3 weeks of failures;
* :mod:`~pugguide.liveness.confirm`: a "We still meet" issue becomes a file change;
* :mod:`~pugguide.liveness.links`: the prefilled issue links on each entry;
* :mod:`~pugguide.liveness.edit`: one-line edits that keep every other byte;
* :mod:`~pugguide.liveness.command`: the ``pugguide`` subcommands.
"""
