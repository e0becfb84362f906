"""Every page of the built site opens cleanly in Chromium, wherever a host puts it.

The site is served at the root of a host and under a sub-path (as GitHub Pages or a
university server would), with the host's usual 404 page for unknown addresses. Each
page must load with no console error, no failed or 4xx/5xx request, and no request to
another host; the 404 page must be styled and lead home from any depth.
"""

from __future__ import annotations

import http.server
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: Where the site is mounted: a host's root, Read the Docs' default, a sub-path.
PREFIXES = ["/", "/en/latest/", "/projects/pug/guide/"]


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host: the site under ``prefix``, ``404.html`` for anything unknown."""

    prefix = "/"
    site = Path()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not clean.startswith(self.prefix):
            return str(self.site / "\0missing")
        return str(self.site / clean.removeprefix(self.prefix))

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            body = (self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture(scope="module", params=PREFIXES, ids=["root", "en-latest", "sub-path"])
def mounted(built_site: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """``http://127.0.0.1:<port><prefix>``: the built site as a host would serve it."""
    handler = type("Host", (_Host,), {"prefix": request.param, "site": built_site})
    with serve(built_site, handler) as url:
        yield url.removesuffix("/") + request.param


class Watch:
    """What one tab saw: console errors, failed requests, requests elsewhere."""

    def __init__(self, page: Page, origin: str) -> None:
        self.problems: list[str] = []
        #: Requests cut short because the tab moved on (the favicon, late): checked
        #: again at the end rather than counted as failures or ignored.
        self.aborted: set[str] = set()
        self.pending = 0
        self.origin = origin
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("request", self._request)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type in ("error", "warning"):
            where = message.location.get("url", "")
            self.problems.append(f"console {message.type}: {message.text} at {where}")

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        self.pending += 1
        if not request.url.startswith((self.origin, "data:", "blob:")):
            self.problems.append(f"request to another host: {request.url}")

    def _finished(self, request) -> None:  # type: ignore[no-untyped-def]
        self.pending -= 1
        response = request.response()
        if response is not None and response.status >= 400:
            self.problems.append(f"{response.status}: {request.url}")

    def _failed(self, request) -> None:  # type: ignore[no-untyped-def]
        self.pending -= 1
        if request.failure == "net::ERR_ABORTED":
            self.aborted.add(request.url)
        else:
            self.problems.append(f"failed ({request.failure}): {request.url}")

    def recheck_aborted(self, page: Page) -> list[str]:
        """Each request that was cut short, made again to the end."""
        failing = []
        for url in sorted(self.aborted):
            status = page.request.get(url).status
            if status >= 400:
                failing.append(f"{status}: {url}")
        return failing

    def settle(self, page: Page) -> None:
        """Wait until the page's own scripts have fetched what they fetch."""
        for _ in range(100):
            if self.pending <= 0:
                page.wait_for_timeout(30)
                if self.pending <= 0:
                    return
            page.wait_for_timeout(20)


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"
    )


# Every page at the root and under a sub-path; /en/latest/ is one more sub-path, and
# its 404 page is tested below.
@pytest.mark.parametrize(
    "mounted", [PREFIXES[0], PREFIXES[2]], indirect=True, ids=["root", "sub-path"]
)
def test_every_page_opens_with_no_error_or_failed_request(
    chromium: Browser, built_site: Path, mounted: str
) -> None:
    pages = _pages(built_site)
    assert len(pages) > 100
    assert any(p.startswith("directory/") and p.count("/") >= 1 for p in pages)
    origin = mounted.split("/", 3)[:3]
    context = chromium.new_context()
    try:
        page = context.new_page()
        watch = Watch(page, "/".join(origin))
        report: list[str] = []
        for path in pages:
            watch.problems.clear()
            page.goto(mounted + path, wait_until="load")
            watch.settle(page)
            report += [f"{path}: {problem}" for problem in watch.problems]
        report += watch.recheck_aborted(page)
    finally:
        context.close()
    assert report == [], f"{len(report)} problems:\n" + "\n".join(report[:60])


def test_the_404_page_is_styled_and_leads_home_from_any_depth(
    chromium: Browser, mounted: str
) -> None:
    origin = "/".join(mounted.split("/", 3)[:3])
    context = chromium.new_context()
    try:
        page = context.new_page()
        watch = Watch(page, origin)
        for missing in ("no-such-page.html", "how-to/no-such-page.html", "how-to/a/b/c"):
            watch.problems.clear()
            response = page.goto(mounted + missing, wait_until="load")
            assert response is not None and response.status == 404
            watch.settle(page)
            # The document itself is the one 404 a reader expects; nothing else fails.
            assert [p for p in watch.problems if not p.endswith(mounted + missing)] == []
            assert page.locator("h1").inner_text() == "Page not found"
            width = page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth")
            assert width not in ("", "none")  # the inline styles applied
            for link, target in (("pug-home", ""), ("pug-directory", "directory/index.html")):
                href = page.locator(f"a.{link}").get_attribute("href")
                assert urllib.parse.urljoin(mounted + missing, href) == mounted + target
        page.locator("a.pug-home").click()
        page.wait_for_load_state("load")
        assert page.url == mounted
        assert "pug-guide" in page.title()
    finally:
        context.close()
