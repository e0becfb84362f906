"""``pugguide import [SOURCE ...]``: group files from the committed source snapshots.

``pugguide import`` imports every source (the wiki, then PyLadies) from
``data/sources``, merges groups found in more than one, writes ``data/groups`` and
``data/import-report.md``. ``pugguide import-wiki FILE`` is the older form: the wiki
page alone, from *FILE*.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pugguide.exitcodes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from pugguide.importers import wiki
from pugguide.importers.report import report
from pugguide.importers.run import ORDER, import_sources
from pugguide.problems import DataError, print_problems

if TYPE_CHECKING:
    import argparse

    from pugguide.importers.run import Inputs

REPORT = "import-report.md"


def run(args: argparse.Namespace, data_dir: Path, *, inputs: Inputs | None = None) -> int:
    """Import, write the report, print one line of figures; exit 1 on bad input."""
    selected = tuple(dict.fromkeys(args.sources)) or ORDER
    if unknown := [s for s in selected if s not in ORDER]:
        _error(f"unknown source {', '.join(unknown)}; choose from {', '.join(ORDER)}")
        return EXIT_USAGE
    if args.file and len(selected) != 1:
        _error("--file needs exactly one SOURCE")
        return EXIT_USAGE
    files = {selected[0]: args.file} if args.file else {}
    if "wiki" in files and not _wiki_page(files["wiki"]):
        return EXIT_PROBLEMS
    out = args.out or data_dir / "groups"
    report_file = args.report or out.parent / REPORT
    try:
        result = import_sources(out, data_dir, selected=selected, files=files, inputs=inputs)
    except DataError as exc:
        print_problems(exc.problems)
        return EXIT_PROBLEMS
    text = report(result)
    if not report_file.exists() or report_file.read_text(encoding="utf-8") != text:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        report_file.write_text(text, encoding="utf-8")
    states = Counter(result.written.values())
    outcomes = Counter(o.status for o in result.outcomes)
    print(
        f"{result.entries} entries: {outcomes['written']} group files "
        f"({states['new']} new, {states['updated']} updated, {states['unchanged']} unchanged, "
        f"{states['kept']} kept because edited), {outcomes['merged']} merged, "
        f"{outcomes['skipped']} skipped; {len(result.removed)} old files removed. "
        f"Report: {report_file}"
    )
    return EXIT_OK


def _error(message: str) -> None:
    print(f"pugguide import: error: {message}", file=sys.stderr)


def _wiki_page(path: Path) -> bool:
    try:
        page = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _error(f"cannot read {path}: {exc}")
        return False
    if not wiki.entries(page):
        print(
            f"{path}:0:0: error: no list entries under ## headings: is this the "
            "Local User Groups page?",
            file=sys.stderr,
        )
        return False
    return True


def run_wiki(args: argparse.Namespace, data_dir: Path, *, inputs: Inputs | None = None) -> int:
    """``pugguide import-wiki FILE``: ``pugguide import wiki --file FILE``."""
    args.sources, args.file = ["wiki"], args.page
    return run(args, data_dir, inputs=inputs)


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, help="where group files go (default: data/groups)")
    p.add_argument("--report", type=Path, help=f"where the report goes (default: data/{REPORT})")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import groups from the source snapshots in data/sources",
        description="Import groups from public lists (default: all of them, merged), "
        "write data/groups and the report.",
    )
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help=f"{', '.join(ORDER)} (default: all)"
    )
    p.add_argument("--file", type=Path, help="read the one SOURCE from FILE, not data/sources")
    _outputs(p)
    p.set_defaults(func=run)
    old = sub.add_parser("import-wiki", help="the wiki page alone, from FILE (import wiki)")
    old.add_argument("page", type=Path, metavar="FILE", help="the page, as Markdown")
    _outputs(old)
    old.set_defaults(func=run_wiki)
