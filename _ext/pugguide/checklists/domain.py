"""What the build knows about checklists, kept in the environment.

Loaded checklists are the same in every process (they are read at ``builder-inited``,
before parallel reading forks); which page shows which checklist is per document, so
it is cleared with the document and merged back from parallel readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

    from pugguide.checklists.model import Checklist


def checklist_domain(env: BuildEnvironment) -> ChecklistDomain:
    """The build's :class:`ChecklistDomain`."""
    return env.domains["checklists"]  # type: ignore[return-value]


class ChecklistDomain(Domain):
    """Holds the checklists and the pages that show them; defines no roles."""

    name = "checklists"
    label = "Checklists"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {  # Sphinx copies it per environment
        "checklists": {},  # id -> Checklist, as of this build
        "broken": set(),  # ids whose files have problems (already reported)
        "digests": {},  # id -> digest of its file when pages were last read
        "listing": "",  # digest of what index pages show (ids, titles, summaries, order)
        "changed": set(),  # ids whose files changed since the last build
        "listing_changed": False,
        "shown": {},  # docname -> ids of the checklists it shows
        "indexes": set(),  # docnames holding a checklist index
    }

    @property
    def checklists(self) -> dict[str, Checklist]:
        return self.data["checklists"]  # type: ignore[no-any-return]

    @property
    def broken(self) -> set[str]:
        return self.data["broken"]  # type: ignore[no-any-return]

    def use(self, checklist_id: str) -> Checklist | None:
        """Checklist *checklist_id*, or None; the current page is noted as showing it, so
        it is read again when the checklist's file changes, appears or goes."""
        docname = self.env.current_document.docname
        self.data["shown"].setdefault(docname, set()).add(checklist_id)
        checklist = self.checklists.get(checklist_id)
        if checklist is not None:
            self.env.note_dependency(str(checklist.path))
        return checklist

    def note_index(self, docname: str) -> None:
        self.data["indexes"].add(docname)

    def clear_doc(self, docname: str) -> None:
        self.data["shown"].pop(docname, None)
        self.data["indexes"].discard(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["shown"]:
                self.data["shown"][docname] = otherdata["shown"][docname]
            if docname in otherdata["indexes"]:
                self.data["indexes"].add(docname)

    def resolve_any_xref(self, *args: object, **kwargs: object) -> list[Any]:
        return []  # nothing to link to; MyST warns (myst.domains) about a domain without it
