"""Writing imported group files, and leaving alone the ones people have edited.

Each imported file's second line is a marker naming its sources and a hash of its
content. A file is rewritten only while its content still matches the hash; once a
person edits it (or deletes the marker) the importers leave it alone. Running an import
twice on the same snapshots changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import TYPE_CHECKING

from pugguide.groups.yamlwrite import SCHEMA_HINT, dump

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable
    from pathlib import Path

    from pugguide.groups.yamlwrite import Layout
    from pugguide.importers.draft import Draft

MARKER = (
    "# Imported by pugguide import from {sources} ({digest}); rewritten on import until edited."
)
# Files from before ``pugguide import`` say "import-wiki": those came from the wiki.
_MARKER = re.compile(
    r"# Imported by pugguide (?:import-wiki|import from (?P<sources>[a-z, ]+)) "
    r"\((?P<digest>[0-9a-f]{12})\)"
)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def file_text(draft: Draft, layout: Layout) -> str:
    body = dump(draft.data(), layout)
    sources = ", ".join(s.id for s in draft.sources)
    return f"{SCHEMA_HINT}\n{MARKER.format(sources=sources, digest=_digest(body))}\n{body}"


def marker_sources(text: str) -> set[str] | None:
    """The sources an unedited imported file came from; None when a person has edited it
    since (or an importer never wrote it)."""
    lines = text.split("\n", 2)
    if len(lines) < 3 or not (m := _MARKER.match(lines[1])) or _digest(lines[2]) != m["digest"]:
        return None
    return set(m["sources"].split(", ")) if m["sources"] else {"wiki"}


def edited(text: str) -> bool:
    """Whether a file written by an importer has been changed since (or was never its)."""
    return marker_sources(text) is None


@dataclasses.dataclass
class Existing:
    """The group files already in the folder, as the importers see them."""

    #: relative path -> the sources of an unedited imported file, None for edited ones.
    files: dict[str, set[str] | None]

    @classmethod
    def scan(cls, out: Path) -> Existing:
        return cls(
            {
                path.relative_to(out).as_posix(): marker_sources(path.read_text(encoding="utf-8"))
                for path in sorted(out.glob("*/*.yaml"))
            }
        )

    def foreign(self, selected: Collection[str]) -> set[str]:
        """Unedited imported files from a source not being imported now: left alone, and
        their slugs are taken."""
        return {
            rel
            for rel, sources in self.files.items()
            if sources is not None and not sources <= set(selected)
        }


@dataclasses.dataclass
class Written:
    #: relative path -> "new" | "updated" | "unchanged" | "kept"
    files: dict[str, str]
    removed: list[str]


def write_all(
    drafts: Iterable[Draft],
    out: Path,
    layout: Layout,
    existing: Existing,
    selected: Collection[str],
) -> Written:
    """Write *drafts* under *out*; remove unedited files of the *selected* sources that
    this import no longer produces."""
    files: dict[str, str] = {}
    foreign = existing.foreign(selected)
    for draft in drafts:
        rel, path, text = draft.rel, out / draft.rel, file_text(draft, layout)
        if rel not in existing.files:
            files[rel] = "new"
        elif path.read_text(encoding="utf-8") == text:
            files[rel] = "unchanged"
        elif existing.files[rel] is None or rel in foreign:
            files[rel] = "kept"
        else:
            files[rel] = "updated"
        if files[rel] in ("new", "updated"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    removed = [
        rel
        for rel, sources in existing.files.items()
        if rel not in files and sources is not None and rel not in foreign
    ]
    for rel in removed:
        (out / rel).unlink()
    return Written(files, removed)
