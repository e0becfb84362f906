"""The import report, ``data/import-report.md``: every entry of every source, and what
became of it. No timestamps: the same import gives the same bytes."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pugguide.importers.draft import NOT_STATED, UNRESOLVED

if TYPE_CHECKING:
    from pugguide.importers.draft import Outcome
    from pugguide.importers.run import Result

_WHERE = {"wiki": "of the page", "pyladies": "of the list"}


def _reason(outcome: Outcome) -> str:
    detail = outcome.detail
    if detail.startswith(("not a group", "country not")):
        return detail.split(":")[0]
    return detail.split(" (")[0].split(" of ")[0]


def _unsure(outcomes: list[Outcome]) -> list[Outcome]:
    return [
        o
        for o in outcomes
        if o.status == "written" and any(n.startswith(UNRESOLVED) for n in o.notes)
    ]


def _figures(result: Result) -> list[str]:
    runs = result.runs
    head = "| | " + " | ".join(r.source.id for r in runs) + " |"
    lines = ["## Figures", "", head, "|---|" + "---:|" * len(runs)]

    def row(label: str, values: list[int]) -> None:
        lines.append(f"| {label} | " + " | ".join(str(v) for v in values) + " |")

    counts = [Counter(o.status for o in r.outcomes) for r in runs]
    row("entries in the source (top level)", [r.entries for r in runs])
    row(
        "entries considered (including groups listed as sub-entries)",
        [len(r.outcomes) for r in runs],
    )
    row("group files written", [c["written"] for c in counts])
    row(
        "entries merged into another entry's group (link-only bullets, or the same group "
        "in an earlier source)",
        [c["merged"] for c in counts],
    )
    row("headings over sub-entries (each counted on its own)", [c["expanded"] for c in counts])
    row("entries skipped", [c["skipped"] for c in counts])
    reasons = [Counter(_reason(o) for o in r.outcomes if o.status == "skipped") for r in runs]
    every = sum(reasons, Counter[str]())
    for reason, _ in sorted(every.items(), key=lambda kv: (-kv[1], kv[0])):
        row(f"skipped: {reason}", [r[reason] for r in reasons])
    row(
        f"files whose place could not be resolved (city: {NOT_STATED})",
        [len(_unsure(r.outcomes)) for r in runs],
    )
    if len(runs) > 1:
        first = runs[0].source.id
        several = len(
            {o.path for o in result.outcomes if o.status == "merged" and o.source.id != first}
        )
        lines += [
            "",
            f"In all: {len(result.written)} group files, {several} of them found in more "
            "than one source.",
        ]
    return lines


def report(result: Result) -> str:
    """The import report as Markdown."""
    runs = result.runs
    names = ", ".join(f"`{r.source.file}` ({r.source.title}, last changed "
                      f"{r.source.date.isoformat()})" for r in runs)  # fmt: skip
    dates = " or ".join(r.source.date.isoformat() for r in runs)
    lines = [
        "# Import report: Python user groups from public lists",
        "",
        f"Sources: {names}, in `data/sources`.",
        "Written by `pugguide import`; run it again and this report and the group files",
        "come out byte for byte the same. People's names and e-mail addresses are never",
        "copied from a source.",
        "",
        "## What `last_verified` means for imported groups",
        "",
        f"Nobody has confirmed these groups yet. Each imported file says `last_verified: "
        f"{dates}`, the date its source last changed (the later one for a group found in",
        "both), which is the most recent date anyone vouched for the list as a whole, and a",
        "`source` note saying so. Many entries are much older than that date. When you",
        "confirm a group is alive, update `last_verified` and delete the `source` line.",
        "",
        *_figures(result),
    ]
    unsure = [o for r in runs for o in _unsure(r.outcomes)]
    if unsure:
        lines += [
            "",
            "## Places not resolved",
            "",
            f"These entries name no place the importer can resolve, so their files say "
            f"`city: {NOT_STATED}`.",
            "Look each group up and edit its file; the importer then leaves the file alone.",
            "",
        ]
        lines += [
            f"- `{o.path}`, line {o.line} {_WHERE.get(o.source.id, 'of the source')}: "
            + next(n for n in o.notes if n.startswith(UNRESOLVED)).split(": ", 1)[1]
            for o in unsure
        ]
    for run in runs:
        lines += [
            "",
            f"## {run.source.title}",
            "",
            f"Every entry of `{run.source.file}`, by line.",
            "",
            "| line | entry | outcome | file or reason |",
            "|---:|---|---|---|",
        ]
        for o in sorted(run.outcomes, key=lambda o: o.line):
            detail = (
                o.path if o.status == "written" else o.detail + (f" → {o.path}" if o.path else "")
            )
            detail += f" ({'; '.join(o.notes)})" if o.notes else ""
            lines.append(f"| {o.line} | {_cell(o.label)} | {o.status} | {_cell(detail)} |")
    removed = "Files removed (written by an earlier import, no longer produced, unedited)"
    lines += _files(removed, result.removed)
    kept = [rel for rel, state in sorted(result.written.items()) if state == "kept"]
    lines += _files("Files left alone because someone edited them since the import", kept)
    return "\n".join(lines) + "\n"


def _files(title: str, files: list[str]) -> list[str]:
    return ["", f"## {title}", "", *(f"- `{rel}`" for rel in files)] if files else []


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
