"""Importers: group files from public lists of Python user groups.

One module per source (``wiki``: the Python wiki's Local User Groups page; ``pyladies``:
the PyLadies chapter list), a shared merge step, file writing and the report; ``run``
ties them together for ``pugguide import``. Pure data code: nothing here imports Sphinx.
"""
