"""The directory in headless Chromium: the filter narrows the list by country and by
text, pages work without JavaScript, and the map loads nothing from another host."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from conftest import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test-directory root built as HTML and served on 127.0.0.1."""
    src = tmp_path_factory.mktemp("dirsite") / "src"
    shutil.copytree(ROOT / "roots" / "test-directory", src)
    out = src.parent / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "1793491200", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


def _results(page) -> list[str]:  # type: ignore[no-untyped-def]
    # The list is aria-busy while the script fetches what the query needs.
    page.locator(".pug-results:not([aria-busy])").wait_for(state="attached")
    return page.locator(".pug-results li a").all_inner_texts()


def test_filter_narrows_by_country_and_text(site: str, chromium) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    page.goto(site + "directory/index.html")
    box = page.locator(".pug-filter")
    box.wait_for(state="visible")
    assert "6 groups" in page.locator(".pug-filter-status").inner_text()

    page.select_option(".pug-filter select[name=country]", "DE")
    assert sorted(_results(page)) == ["Leipzig.py", "Munich Python", "Python Users Berlin"]
    assert "3 of 6 groups match" in page.locator(".pug-filter-status").inner_text()

    page.fill(".pug-filter input[name=q]", "munich")
    assert _results(page) == ["Munich Python"]

    page.select_option(".pug-filter select[name=country]", "")
    page.fill(".pug-filter input[name=q]", "london")
    assert _results(page) == ["London Python"]
    with page.expect_navigation():
        page.click(".pug-results li a")
    assert page.url.endswith("/directory/generated/gb.html#group-london-python")
    assert page.locator("li#group-london-python").is_visible()

    page.goto(site + "directory/index.html")
    page.locator(".pug-filter").wait_for(state="visible")
    page.select_option(".pug-filter select[name=status]", "stale")
    assert sorted(_results(page)) == ["Munich Python", "PyATL"]
    page.select_option(".pug-filter select[name=status]", "")
    page.select_option(".pug-filter select[name=language]", "es")
    assert _results(page) == ["Python Remote Meetup"]
    page.close()


def test_pages_work_without_javascript(site: str, chromium) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "directory/index.html")
    assert not page.locator(".pug-filter").is_visible()
    page.click("ul.pug-countries a:has-text('Germany')")
    page.wait_for_url("**/generated/de.html")
    assert page.locator("li#group-python-berlin").is_visible()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_map_loads_only_from_the_local_server(
    site: str, chromium, width: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "directory/map.html")
    page.wait_for_load_state("networkidle")
    dots = page.evaluate(
        "document.querySelector('figure.pug-map object').contentDocument"
        ".querySelectorAll('circle').length"
    )
    assert dots == 4
    box = page.locator("figure.pug-map object").bounding_box()
    assert box is not None and box["width"] > width * 0.5 and box["height"] > 100
    page.screenshot(path=str(tmp_path / f"map-{width}.png"))
    hosts = {urlsplit(url).netloc for url in requests if not url.startswith("data:")}
    assert hosts == {urlsplit(site).netloc}, requests
    assert any(url.endswith("/directory/map.svg") for url in requests)
    page.close()
