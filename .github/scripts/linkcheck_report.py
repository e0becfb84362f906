"""Turn Sphinx's linkcheck results into one Markdown report for the weekly issue.

Usage: ``python .github/scripts/linkcheck_report.py OUTPUT.json [REPORT.md]``

Prints the report (and writes it to REPORT.md, when given) and exits 0 when nothing
is broken, 1 when something is (the workflow files or updates the issue in that case
and closes it otherwise). A broken
address that comes from a group file is traced back to that file and line, so whoever
picks up the issue knows which YAML file to edit, not only which page showed the link.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "_ext"))

from pugguide.problems import DataError  # noqa: E402
from pugguide.yamlload import load_file  # noqa: E402

#: linkcheck statuses worth a human's attention; "redirected" and "ignored" are not.
BAD = {"broken", "timeout"}


def _urls(value: Any, pointer: tuple[str | int, ...] = ()) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(pointer, value)] if value.startswith(("http://", "https://")) else []
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in _urls(v, (*pointer, k))]
    if isinstance(value, list):
        return [u for i, v in enumerate(value) for u in _urls(v, (*pointer, i))]
    return []


def group_sources(data_dir: Path) -> dict[str, list[str]]:
    """Address -> ``data/groups/xx/slug.yaml:LINE (field)`` for every group file using it."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted((data_dir / "groups").rglob("*.yaml")):
        try:
            doc = load_file(path)
        except DataError:
            continue  # `pugguide validate` reports broken files; not this report's job
        for pointer, url in _urls(doc.data):
            line, _ = doc.where(pointer)
            field = ".".join(map(str, pointer))
            found[url.rstrip("/")].append(f"{path.relative_to(ROOT)}:{line} ({field})")
    return found


def load_results(output_json: Path) -> list[dict[str, Any]]:
    """Sphinx writes one JSON object per line."""
    lines = output_json.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def report(results: list[dict[str, Any]], sources: dict[str, list[str]]) -> str:
    bad = [r for r in results if r.get("status") in BAD]
    if not bad:
        return f"All {len(results)} links checked are fine.\n"
    by_uri: dict[str, dict[str, Any]] = {}
    pages: dict[str, set[str]] = defaultdict(set)
    for r in bad:
        by_uri.setdefault(r["uri"], r)
        pages[r["uri"]].add(f"{r['filename']}:{r['lineno']}" if r.get("lineno") else r["filename"])
    out = [
        f"The weekly link check found **{len(by_uri)} broken link"
        f"{'s' * (len(by_uri) != 1)}** out of {len(results)} checked.",
        "",
        "Fix the page or data file named beside each link, or mark a group inactive if "
        "its site has gone for good. This issue is updated every week and closed when "
        "every link works again.",
        "",
        "| link | problem | where |",
        "| --- | --- | --- |",
    ]
    for uri in sorted(by_uri):
        r = by_uri[uri]
        problem = (r.get("info") or r["status"]).replace("|", "\\|").replace("\n", " ")[:200]
        where = sorted(sources.get(uri.rstrip("/"), [])) or sorted(pages[uri])
        cell = "<br>".join(f"`{w}`" for w in where)
        out.append(f"| <{uri}> | {problem} | {cell} |")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    output_json = Path(argv[0])
    if not output_json.is_file():
        print(f"{output_json}: no such file; run `nox -s linkcheck` first", file=sys.stderr)
        return 2
    results = load_results(output_json)
    text = report(results, group_sources(ROOT / "data"))
    print(text, end="")
    if len(argv) == 2:
        Path(argv[1]).write_text(text, encoding="utf-8")
    return 1 if any(r.get("status") in BAD for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
