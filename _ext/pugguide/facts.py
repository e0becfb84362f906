"""Dated facts: ``{checked}`2026-12-02``` records when a fact that goes stale was checked.

Prices, programmes, platform rules and the addresses of organizations change. A page
that states one marks it with the ``checked`` role and the date someone last looked
at the source. Readers see "(checked 2 December 2026)" in every format; the build
keeps each date in the ``facts`` domain, and :func:`find_checked` finds the same marks
in page sources without Sphinx, so a test can fail once a fact is over a year old.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from pugguide.i18n import _
from pugguide.warnings_ import Subtype

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ROLE = "checked"
#: A fact checked longer ago than this is stale.
MAX_AGE = dt.timedelta(days=365)
#: The role as MyST writes it: {checked}`2026-12-02`.
MARK_RE = re.compile(r"\{checked\}`([^`]*)`")
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class CheckedFact:
    """One ``checked`` mark: where it is and the date it gives."""

    where: str  # a docname in the build, a path in a source scan
    line: int
    date: dt.date


def parse_date(text: str) -> dt.date | None:
    """The ISO date in *text* (``2026-12-02``), or None if it is not one."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:  # 2026-02-30
        return None


def format_date(date: dt.date) -> str:
    """2 December 2026: the same in every language the guide builds in."""
    return f"{date.day} {_(_MONTHS[date.month - 1])} {date.year}"


def find_checked(text: str, where: str) -> tuple[list[CheckedFact], list[tuple[int, str]]]:
    """The marks in page source *text*, and (line, text) for each that is no date."""
    facts, bad = [], []
    for match in MARK_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        date = parse_date(match[1])
        if date is None:
            bad.append((line, match[1]))
        else:
            facts.append(CheckedFact(where, line, date))
    return facts, bad


def scan(paths: Iterable[Path]) -> tuple[list[CheckedFact], list[tuple[str, int, str]]]:
    """Every mark in the files *paths*, and every mark that is not a date."""
    facts: list[CheckedFact] = []
    bad: list[tuple[str, int, str]] = []
    for path in sorted(paths):
        found, wrong = find_checked(path.read_text(encoding="utf-8"), str(path))
        facts.extend(found)
        bad.extend((str(path), line, text) for line, text in wrong)
    return facts, bad


def stale(facts: Iterable[CheckedFact], today: dt.date) -> list[CheckedFact]:
    """The facts last checked more than :data:`MAX_AGE` before *today*."""
    return [f for f in facts if today - f.date > MAX_AGE]


class FactsDomain(Domain):
    """The dates of checked facts, per document; defines no roles of its own."""

    name = "facts"
    label = "Checked facts"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"checked": {}}  # docname -> [(line, iso)]

    def note(self, docname: str, line: int, date: dt.date) -> None:
        self.data["checked"].setdefault(docname, []).append((line, date.isoformat()))

    @property
    def facts(self) -> list[CheckedFact]:
        return [
            CheckedFact(doc, line, dt.date.fromisoformat(iso))
            for doc, marks in sorted(self.data["checked"].items())
            for line, iso in marks
        ]

    def clear_doc(self, docname: str) -> None:
        self.data["checked"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["checked"]:
                self.data["checked"][docname] = otherdata["checked"][docname]

    def resolve_any_xref(self, *args: object, **kwargs: object) -> list[Any]:
        return []


class CheckedRole(SphinxRole):
    """``{checked}`2026-12-02```: shows "(checked 2 December 2026)" and records the date."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        date = parse_date(self.text)
        if date is None:
            logger.warning(
                "checked: %r is not a date; write it as YYYY-MM-DD, such as 2026-12-02",
                self.text,
                location=self.get_location(),
                type="pugguide",
                subtype=Subtype.facts,
            )
            return [nodes.inline(self.rawtext, self.text)], []
        domain: FactsDomain = self.env.domains["facts"]  # type: ignore[assignment]
        domain.note(self.env.current_document.docname, self.lineno, date)
        label = _("checked {date}").format(date=format_date(date))
        node = nodes.inline("", f"({label})", classes=["pug-checked"])
        return [node], []


def setup_facts(app: Sphinx) -> None:
    app.add_domain(FactsDomain)
    app.add_role(ROLE, CheckedRole())
