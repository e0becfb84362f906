"""Checklists as data: load ``data/checklists/<id>.yaml`` into :class:`Checklist` objects.

No Sphinx here: the build, ``pugguide validate`` and pre-commit all call
:func:`load_files`, and each finding is a :class:`~pugguide.problems.Problem` at the
file and line to fix. A file with any problem yields no checklist, so pages never show
half-checked data. Only Sphinx knows every label, so the build checks ``see`` labels
once all pages are read (:func:`unknown_labels`); the command line checks them against
the targets it finds in ``docs/`` (:func:`page_labels`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import TYPE_CHECKING, Any

from pugguide import schemas, yamlload
from pugguide.paths import schema_file
from pugguide.problems import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: The folder under ``data/`` and the schema's name.
KIND = "checklists"
SCHEMA = "checklist"
#: A checklist id is its file name; it appears in labels, URLs and browser storage keys.
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Where a checklist sits in the index when its file gives no ``order``.
DEFAULT_ORDER = 500
#: Label of a checklist's own page.
LABEL_PREFIX = "checklist-"


@dataclasses.dataclass(frozen=True)
class Item:
    """One thing to tick."""

    id: str
    text: str
    details: str = ""
    when: str = ""
    see: str = ""
    #: The ``see`` value's line in the file, for the message when it names no label.
    see_line: int = 0


@dataclasses.dataclass(frozen=True)
class Checklist:
    """A checklist file that passed every check."""

    id: str
    path: Path
    title: str
    summary: str
    items: tuple[Item, ...]
    order: int = DEFAULT_ORDER

    @property
    def label(self) -> str:
        """The label of the checklist's own page."""
        return f"{LABEL_PREFIX}{self.id}"


def load_file(path: Path, schema: Path) -> tuple[Checklist | None, list[Problem]]:
    """The checklist in *path*, or None and the problems that stop it."""
    if not ID_RE.match(path.stem):
        message = (
            f"file name {path.name!r} is not a valid checklist id; use lower-case "
            "letters, digits and single hyphens, such as first-meeting.yaml"
        )
        return None, [Problem(path, 0, 0, message, subtype="schema")]
    try:
        doc = yamlload.load_file(path)
    except DataError as exc:
        return None, exc.problems
    problems = schemas.check(doc, schema)
    if problems:
        return None, problems

    data: dict[str, Any] = doc.data
    items: list[Item] = []
    first_line: dict[str, int] = {}
    for index, raw in enumerate(data["items"]):
        if raw["id"] in first_line:
            message = (
                f"duplicate item id {raw['id']!r} (first used on line {first_line[raw['id']]}); "
                "every item needs its own id, because browsers remember ticks by it"
            )
            problems.append(doc.problem(("items", index, "id"), message, subtype="duplicate"))
            continue
        first_line[raw["id"]] = doc.where(("items", index, "id"))[0]
        items.append(
            Item(
                id=raw["id"],
                text=raw["text"].strip(),
                details=" ".join(raw.get("details", "").split()),
                when=raw.get("when", "").strip(),
                see=raw.get("see", ""),
                see_line=doc.where(("items", index, "see"))[0] if "see" in raw else 0,
            )
        )
    if problems:
        return None, problems
    return Checklist(
        id=path.stem,
        path=path,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        items=tuple(items),
        order=data.get("order", DEFAULT_ORDER),
    ), []


def load_files(files: Iterable[Path], data_dir: Path) -> tuple[dict[str, Checklist], list[Problem]]:
    """Every valid checklist among *files* by id (in index order), and all problems."""
    schema = schema_file(data_dir, SCHEMA)
    results = [load_file(path, schema) for path in sorted(files)]
    found = sorted((c for c, _ in results if c is not None), key=lambda c: (c.order, c.id))
    return {c.id: c for c in found}, sorted(p for _, problems in results for p in problems)


def checklist_files(data_dir: Path) -> list[Path]:
    """The checklist files in *data_dir*: ``checklists/*.yaml``."""
    return sorted((data_dir / KIND).glob("*.yaml"))


def unknown_labels(checklists: Iterable[Checklist], known: Iterable[str]) -> list[Problem]:
    """A problem for each ``see`` that names no label in *known*."""
    known = set(known)
    problems = []
    for checklist in checklists:
        for item in checklist.items:
            if not item.see or item.see in known:
                continue
            close = difflib.get_close_matches(item.see, sorted(known), n=1, cutoff=0.7)
            hint = f"did you mean {close[0]!r}?" if close else "use the label of a guide page"
            message = f"item {item.id!r}: see: no guide section is labelled {item.see!r}; {hint}"
            field = f"items.{item.id}.see"
            problems.append(Problem(checklist.path, item.see_line, 1, message, field, "reference"))
    return problems


#: MyST ``(label)=`` targets and reStructuredText ``.. _label:`` targets.
_TARGET_RE = re.compile(r"^(?:\((?P<myst>[^()\s]+)\)=|\.\. _(?P<rst>[^:\s]+):)\s*$", re.M)


def page_labels(docs_dir: Path) -> set[str]:
    """Labels defined in the pages under *docs_dir*, found without running Sphinx."""
    labels: set[str] = set()
    for page in sorted(docs_dir.rglob("*")):
        if page.suffix not in (".md", ".rst") or "generated" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        labels.update(m["myst"] or m["rst"] for m in _TARGET_RE.finditer(text))
    return labels


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """What ``pugguide validate`` reports for checklist files.

    ``see`` labels are checked when the guide's pages sit beside the data folder
    (``docs/`` next to ``data/``), as they do in the repository.
    """
    checklists, problems = load_files(files, data_dir)
    docs_dir = data_dir.parent / "docs"
    if docs_dir.is_dir():
        known = page_labels(docs_dir) | {
            f"{LABEL_PREFIX}{path.stem}" for path in checklist_files(data_dir)
        }
        problems.extend(unknown_labels(checklists.values(), known))
    return sorted(problems)
