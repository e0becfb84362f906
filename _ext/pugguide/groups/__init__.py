"""The group directory: one YAML file per Python user group, checked and loaded here.

:mod:`pugguide.groups.model` is the contract the pages, exports and map build on.
"""

from __future__ import annotations

from pugguide.groups.model import Group, check_files, load_files, load_groups

__all__ = ["Group", "check_files", "load_files", "load_groups"]
