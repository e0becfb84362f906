"""What the environment keeps of the directory: which documents hold placeholders.

Per document, so cleared with the document and merged back from parallel readers, as
Sphinx's own ``todo`` extension does. The groups themselves are never pickled here:
they are loaded once per build (:mod:`pugguide.directory.build`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment


class DirectoryDomain(Domain):
    """Holds the pages that show placeholders; defines no roles."""

    name = "pugguide-directory"
    label = "Group directory"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {  # Sphinx copies it per environment
        "docs": {},  # docname -> kinds of placeholder it holds
        "token": "",  # names this environment in the build's state file
    }

    @property
    def docs(self) -> dict[str, set[str]]:
        return self.data["docs"]  # type: ignore[no-any-return]

    def note_placeholder(self, docname: str, kind: str) -> None:
        self.docs.setdefault(docname, set()).add(kind)

    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.docs[docname] = otherdata["docs"][docname]

    def resolve_any_xref(self, *args: object, **kwargs: object) -> list[Any]:
        return []  # nothing to link to; MyST warns (myst.domains) about a domain without it


def directory_domain(env: BuildEnvironment) -> DirectoryDomain:
    return env.get_domain(DirectoryDomain.name)  # type: ignore[return-value]
