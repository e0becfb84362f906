"""docs/_coverage.md maps every source topic to guide labels; keep it true."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
# Labels made by the extension rather than written in a page.
GENERATED = re.compile(r"^(checklist-[a-z0-9-]+|directory(-[a-z0-9-]+)?)$")


def defined_labels() -> set[str]:
    labels = set()
    for page in DOCS.rglob("*.md"):
        labels.update(re.findall(r"^\(([\w-]+)\)=\s*$", page.read_text("utf-8"), re.MULTILINE))
    return labels


def test_every_label_in_the_coverage_map_exists() -> None:
    text = (DOCS / "_coverage.md").read_text("utf-8")
    named = set(
        re.findall(
            r"`((?:howto|tutorial|inhouse|background|section|checklist|template|reference)-[\w-]+"
            r"|glossary|resources|sources-and-credits|directory)`",
            text,
        )
    )
    assert len(named) > 30, "the map names too few pages to be a real coverage map"
    missing = {n for n in named - defined_labels() if not GENERATED.match(n)}
    assert not missing, f"_coverage.md names labels no page defines: {sorted(missing)}"


def test_every_source_document_has_a_section() -> None:
    text = (DOCS / "_coverage.md").read_text("utf-8")
    for number in ("000", "001", "002", "003", "004"):
        assert re.search(rf"^## {number}:", text, re.MULTILINE), number
