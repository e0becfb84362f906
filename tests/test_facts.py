"""Dated facts (issue 16): the ``checked`` role, and a test that fails when a fact in
the guide was last checked more than a year ago."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pugguide import facts

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Pages and data files that may carry dated facts.
SOURCES = [*DOCS.rglob("*.md"), *(ROOT / "data" / "checklists").glob("*.yaml")]


def _guide_facts() -> list[facts.CheckedFact]:
    found, bad = facts.scan(p for p in SOURCES if "generated" not in p.parts)
    assert not bad, f"checked marks that are not YYYY-MM-DD dates: {bad}"
    return found


# -- the guide itself ------------------------------------------------------------------


def test_no_fact_in_the_guide_is_older_than_a_year() -> None:
    """Fails once a fact's checked date is more than 12 months before today."""
    found = _guide_facts()
    assert len(found) >= 15, "the guide should date its prices, programmes and rules"
    old = facts.stale(found, dt.date.today())
    assert not old, "check these facts again and update their dates:\n" + "\n".join(
        f"  {f.where}:{f.line}: checked {f.date}" for f in old
    )


def test_no_fact_is_checked_in_the_future() -> None:
    future = [f for f in _guide_facts() if f.date > dt.date.today()]
    assert not future, future


@pytest.mark.parametrize(
    "term",
    ["Meetup Pro Network", "Grants Program", "Luma", "Mobilizon", "AFPy", "psfmember"],
)
def test_pages_naming_facts_that_change_date_them(term: str) -> None:
    """A page that states a fact about a programme or platform carries a checked date."""
    for page in DOCS.rglob("*.md"):
        text = page.read_text("utf-8")
        sources = text.find("```{admonition} Sources")
        prose = text if sources < 0 else text[:sources]
        if term in prose and page.name != "_coverage.md":
            assert facts.MARK_RE.search(prose), f"{page.relative_to(ROOT)} names {term!r}"


# -- the functions -------------------------------------------------------------------


def test_stale_uses_twelve_months() -> None:
    fact = facts.CheckedFact("page", 1, dt.date(2026, 12, 2))
    assert facts.stale([fact], dt.date(2027, 12, 2)) == []
    assert facts.stale([fact], dt.date(2027, 12, 3)) == [fact]


def test_a_date_changed_to_over_a_year_ago_fails(tmp_path: Path) -> None:
    """The check the guide's test runs, on a copy of a page with one date moved back."""
    page = DOCS / "how-to" / "funding-and-sponsors.md"
    text = page.read_text("utf-8")
    assert "{checked}`2026-12-02`" in text
    copy = tmp_path / page.name
    copy.write_text(text.replace("{checked}`2026-12-02`", "{checked}`2024-11-01`", 1))
    found, _bad = facts.scan([copy])
    old = facts.stale(found, dt.date(2026, 12, 2))
    assert [f.date for f in old] == [dt.date(2024, 11, 1)]


def test_find_checked_reports_lines_and_bad_dates() -> None:
    text = "a {checked}`2026-12-02`\nb\nc {checked}`2026-02-30` d {checked}`soon`"
    found, bad = facts.find_checked(text, "p")
    assert found == [facts.CheckedFact("p", 1, dt.date(2026, 12, 2))]
    assert bad == [(3, "2026-02-30"), (3, "soon")]


def test_format_date() -> None:
    assert facts.format_date(dt.date(2026, 12, 2)) == "2 December 2026"


# -- the role in builds --------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="facts", freshenv=True)
def test_html_shows_the_date_and_records_it(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "index.html").read_text("utf-8")
    assert '<span class="pug-checked">(checked 2 December 2026)</span>' in page
    domain = app.env.domains["facts"]
    assert [(f.where, f.date.isoformat()) for f in domain.facts] == [  # type: ignore[attr-defined]
        ("index", "2026-12-02"),
        ("index", "2026-11-30"),
        ("other", "2026-10-01"),
    ]


@pytest.mark.sphinx("latex", testroot="facts", freshenv=True)
def test_latex_shows_the_date(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    [tex] = app.outdir.glob("*.tex")
    assert "(checked 2 December 2026)" in tex.read_text("utf-8")


@pytest.mark.sphinx("epub", testroot="facts", freshenv=True)
def test_epub_shows_the_date(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert "(checked 1 October 2026)" in (app.outdir / "other.xhtml").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="facts", srcdir="facts-bad-date", freshenv=True)
def test_a_bad_date_warns_at_its_line(app: SphinxTestApp) -> None:
    (Path(app.srcdir) / "other.md").write_text("# Other\n\nSoon {checked}`next week`.\n")
    app.build()
    warnings = app.warning.getvalue()
    assert "other.md:3" in warnings
    assert "'next week' is not a date" in warnings
