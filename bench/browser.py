"""What a reader's browser downloads and waits for on the directory's index page, in
Debian's headless Chromium (``bench/run.py`` calls :func:`measure` on each site).

* **Weight**: every response of one visit with an empty cache (open the index, one
  text search, one near search), raw and gzip-equivalent. The test server does not
  compress, so each body is gzipped here at level 6, as a web server would.
* **Latency**: from the last keystroke of a query to the results changing in the page
  (and the frame after, when the reader sees them), with the CPU throttled 4x
  (``Emulation.setCPUThrottlingRate``). The keys are typed 80 ms apart.

"Before" is the same built site with the directory's script of the commit before the
compact index (:data:`BEFORE`): it fetched the whole ``groups.json``.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The last commit whose filter read ``groups.json`` (e972f81 replaced it).
BEFORE = "1479e59"
SCRIPT = "_static/pugguide-directory.js"
TEXT_QUERIES = ["berlin", "python lyon", "pyladies"]
NEAR_QUERIES = ["Lyon", "München", "Nairobi"]
THROTTLE = 4

#: Records, in the page, when each key was pressed and when each list of results
#: last changed; the frame after a change is when the reader sees it.
PROBE = """
window.__keys = []; window.__changes = {};
document.addEventListener("keydown", (e) => window.__keys.push(e.timeStamp), true);
new MutationObserver((records) => {
  const now = performance.now();
  for (const r of records) {
    const list = r.target.closest && r.target.closest(".pug-results, .pug-near-results");
    if (!list) continue;
    const name = list.className;
    requestAnimationFrame(() => { window.__changes[name] = [now, performance.now()]; });
  }
}).observe(document, { childList: true, subtree: true });
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """*folder* served on 127.0.0.1 in a thread: the server and its root address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def launch(playwright: Any, executable: str) -> Any:
    """Debian's Chromium, headless, with nothing fetched behind the page's back."""
    return playwright.chromium.launch(
        executable_path=executable,
        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
    )


def _before(site: Path, where: Path) -> Path:
    """A copy of *site* with the old script in place of the new."""
    old = subprocess.run(
        ["git", "show", f"{BEFORE}:_ext/pugguide/static/directory/pugguide-directory.js"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    shutil.copytree(site, where, dirs_exist_ok=True)
    (where / SCRIPT).write_bytes(old)
    return where


def _ready(page: Any) -> None:
    page.wait_for_selector(".pug-filter:not([hidden]) input[name=q]", timeout=120_000)


def _weight(browser: Any, url: str, near: bool) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []
    page.on("requestfinished", lambda r: bodies.append((r.url, r.response().body())))
    page.goto(url)
    _ready(page)
    page.fill(".pug-filter input[name=q]", TEXT_QUERIES[0])
    page.locator(".pug-results li").first.wait_for()
    if near:
        page.fill(".pug-filter input[name=near]", NEAR_QUERIES[0])
        page.locator(".pug-near-results li").first.wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    raw = sum(len(b) for _, b in bodies)
    packed = sum(len(gzip.compress(b, 6)) for _, b in bodies)
    biggest = max(bodies, key=lambda item: len(item[1]))
    return {
        "requests": len(bodies),
        "raw_kb": raw / 1024,
        "gzip_kb": packed / 1024,
        "biggest": (biggest[0].rpartition("/")[2], len(biggest[1]) / 1024),
    }


def _latency(browser: Any, url: str, field: str, queries: list[str], shown: str) -> dict[str, Any]:
    """Milliseconds from each query's last key to its results, CPU throttled."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(PROBE)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(url)
    _ready(page)
    ready = page.evaluate("performance.now()")
    box = page.locator(f".pug-filter input[name={field}]")
    seen, painted = [], []
    for query in queries:
        box.fill("")
        page.wait_for_timeout(300)
        page.evaluate("window.__keys = []; window.__changes = {}")
        box.press_sequentially(query, delay=80)
        page.wait_for_timeout(1500)  # long enough for the slowest design measured
        keys, changes = page.evaluate("[window.__keys, window.__changes]")
        changed = changes.get(shown)
        if not changed:
            raise SystemExit(f"no results changed for {query!r} in {field} at {url}")
        seen.append(changed[0] - keys[-1])
        painted.append(changed[1] - keys[-1])
    context.close()
    return {
        "ms": statistics.median(painted),
        "max_ms": max(painted),
        "dom_ms": max(seen),
        "ready_ms": ready,
        "each": dict(zip(queries, painted, strict=True)),
    }


def measure(site: Path, scratch: Path) -> dict[str, Any] | None:
    """Weight and latency of the site built in *site*, before and after; None without
    Chromium or Playwright (the report says so)."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    results: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = launch(p, chromium)
        for name, folder, near in (
            ("before", _before(site, scratch / "before"), False),
            ("after", site, True),
        ):
            server, root = serve(folder)
            url = root + "directory/index.html"
            try:
                results[name] = {
                    "weight": _weight(browser, url, near),
                    "text": _latency(browser, url, "q", TEXT_QUERIES, "pug-results"),
                    "near": _latency(browser, url, "near", NEAR_QUERIES, "pug-near-results")
                    if near
                    else None,
                }
            finally:
                server.shutdown()
        browser.close()
    return results


def report(results: dict[str, Any] | None, groups: int) -> list[str]:
    """Rows for BENCHMARKS.md."""
    if results is None:
        return ["Browser figures: not measured (no Chromium or Playwright on this machine).", ""]
    before, after = results["before"], results["after"]
    big = groups >= 10_000

    def ok(flag: bool) -> str:
        return ("yes" if flag else "**NO**") if big else "-"

    def weight(w: dict[str, Any]) -> str:
        name, kb = w["biggest"]
        return (
            f"{w['gzip_kb']:.0f} KB gzip, {w['raw_kb']:.0f} KB raw, {w['requests']} requests "
            f"(largest: {name}, {kb:.0f} KB)"
        )

    def latency(m: dict[str, Any] | None) -> str:
        if m is None:
            return "no near search"
        return f"{m['ms']:.0f} ms, at most {m['max_ms']:.0f} ms"

    wa = after["weight"]
    slowest = max(after["text"]["max_ms"], after["near"]["max_ms"])
    return [
        f"In Chromium, CPU throttled {THROTTLE}x for the times (`bench/browser.py`; "
        f"before = the directory's script of commit {BEFORE}, which read `groups.json`):",
        "",
        "| Measure | Before | After | Target (at 10,000 groups) | Met |",
        "| --- | --- | --- | --- | --- |",
        f"| Downloaded: open the index, one text search{', one near search'} | "
        f"{weight(before['weight'])} (no near search) | {weight(wa)} | ≤ 150 KB gzip, "
        f"≤ 1 MB raw | {ok(wa['gzip_kb'] <= 150 and wa['raw_kb'] <= 1024)} |",
        f"| Last key to text-search results ({len(TEXT_QUERIES)} queries) | "
        f"{latency(before['text'])} | {latency(after['text'])} | ≤ 100 ms | "
        f"{ok(after['text']['max_ms'] <= 100)} |",
        f"| Last key to near results ({len(NEAR_QUERIES)} places) | - | "
        f"{latency(after['near'])} | ≤ 100 ms | {ok(after['near']['max_ms'] <= 100)} |",
        f"| Page opened to search box ready | {before['text']['ready_ms']:.0f} ms | "
        f"{after['text']['ready_ms']:.0f} ms | | |",
        "",
        f"Slowest query after: {slowest:.0f} ms from the last key to the frame showing its "
        "results.",
        "",
    ]
