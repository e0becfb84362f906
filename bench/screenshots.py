"""Screenshots of the directory's search for review: ``nox -s screenshots``.

Serves a built site (default ``_build/html``) and saves PNGs of the window, scrolled
to the box, of the near search on the directory's index, a country page and the map,
and of the form's duplicate warning, at desktop and phone widths, in light and dark
colour schemes, into ``_build/screenshots/``. Open them and look: no test judges a
layout.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from browser import launch, serve

#: name -> (address in the site, what to wait for, what to do first)
SHOTS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "index-near-lyon": ("directory/index.html?near=Lyon", ".pug-near-results li", []),
    "index-near-portland": ("directory/index.html?near=Portland", ".pug-near-choices button", []),
    "index-far": ("directory/index.html?near=Alice%20Springs", ".pug-near-results li", []),
    "country-near": ("directory/generated/de.html?near=Strasbourg", ".pug-near-results li", []),
    "map-near": ("directory/map.html?near=Osaka", ".pug-near-results li", []),
    "form-duplicate": (
        "contribute/add-your-group.html",
        ".pg-duplicates li",
        [("#pg-name", "Python Isère"), ("#pg-country", "FR"), ("#pg-city", "Grenoble")],
    ),
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--out", type=Path, default=Path("_build/screenshots"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, base = serve(args.site)
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p, shutil.which("chromium") or "/usr/bin/chromium")
        for scheme in ("light", "dark"):
            for size, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                for name, (address, ready, steps) in SHOTS.items():
                    page.goto(base + address)
                    for selector, text in steps:
                        page.locator(".pg-addgroup[data-index=loaded]").wait_for()
                        page.fill(selector, text)
                    page.locator(ready).first.wait_for()
                    target = page.locator(".pug-filter, .pg-duplicates").first
                    target.scroll_into_view_if_needed()
                    path = args.out / f"{name}-{size}-{scheme}.png"
                    page.screenshot(path=str(path))
                    print(path)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
