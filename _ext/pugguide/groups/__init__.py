"""The group directory: one YAML file per Python user group, checked and loaded here.

:mod:`pugguide.groups.model` is the contract the pages, exports and map build on;
:mod:`pugguide.groups.load` reads and checks the files. Pure data code: nothing in
this package imports Sphinx or docutils (``tests/test_architecture.py``).
"""

from __future__ import annotations

from pugguide.groups.load import check_files, load_files, load_groups

__all__ = ["check_files", "load_files", "load_groups"]
