"""A new group's file: its mapping from the answers ``pugguide new-group`` asks for, its
text, and its problems, found *before* it is written by the same
:func:`~pugguide.groups.load.check_files` as ``pugguide validate`` and the build run,
against every group already in the directory.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.groups.load import GROUPS, check_files
from pugguide.groups.model import ONLINE
from pugguide.groups.yamlwrite import Layout
from pugguide.groups.yamlwrite import render as render_group

if TYPE_CHECKING:
    import datetime

    from pugguide.problems import Problem


def folder_for(country: str) -> str:
    """``DE`` -> ``de``; online groups live in ``online/``."""
    return country.lower()


def normalise_country(value: str) -> str:
    value = value.strip()
    return ONLINE if value.lower() == ONLINE else value.upper()


def build_data(values: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """The group's mapping from option values, with ``last_verified`` today."""
    data: dict[str, Any] = {}
    for key in ("name", "city", "region", "url", "frequency", "description", "contact"):
        if values.get(key):
            data[key] = values[key].strip()
    if values.get("country"):
        data["country"] = normalise_country(values["country"])
    if values.get("links"):
        data["links"] = dict(values["links"])
    if values.get("lat") is not None or values.get("lon") is not None:
        data["location"] = {"lat": values.get("lat"), "lon": values.get("lon")}
    for key in ("languages", "formats"):
        if values.get(key):
            data[key] = values[key]
    if values.get("founded") is not None:
        data["founded"] = values["founded"]
    data["last_verified"] = today.isoformat()
    return data


def render(data: dict[str, Any], data_dir: Path) -> str:
    """The file's text: the editor schema hint, then the keys in the schema's order."""
    return render_group(data, Layout.from_data_dir(data_dir))


def check(text: str, target: Path, data_dir: Path) -> list[Problem]:
    """Problems *text* would have at *target*, among all the groups already there.

    The file is checked in a scratch folder named like its real one (the folder is part
    of the rules), together with every existing group file (slugs and URLs are unique).
    """
    with tempfile.TemporaryDirectory(prefix="pugguide-new-") as scratch:
        candidate = Path(scratch) / GROUPS / target.parent.name / target.name
        candidate.parent.mkdir(parents=True)
        candidate.write_text(text, encoding="utf-8")
        # check_files reads every group file of data_dir too, for the rules across files.
        problems = check_files([candidate], data_dir)
        return [dataclasses.replace(p, path=target) for p in problems]
