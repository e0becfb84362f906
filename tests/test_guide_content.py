"""The guide's content (issue 16): page lengths, one source for timings, sources cited
in Sources notes rather than in prose, stories told once, printable templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pugguide.checklists.model import checklist_files, load_files

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "data"
MAX_PAGE_WORDS = 2500
TOTAL_WORDS = (18_000, 32_000)


def _pages() -> list[Path]:
    """The guide's pages, without checklists and notes such as _coverage.md."""
    return sorted(
        p
        for p in DOCS.rglob("*.md")
        if not p.name.startswith("_") and "checklists" not in p.relative_to(DOCS).parts
    )


def _words(page: Path) -> int:
    return len(page.read_text("utf-8").split())


def _prose(page: Path) -> str:
    """A page without its Sources note."""
    text = page.read_text("utf-8")
    cut = text.find("```{admonition} Sources")
    return text if cut < 0 else text[:cut]


def _checklists() -> dict:
    checklists, problems = load_files(checklist_files(DATA), DATA)
    assert not problems, problems
    return checklists


# -- length --------------------------------------------------------------------------


def test_no_page_is_longer_than_the_limit() -> None:
    long = {str(p.relative_to(DOCS)): _words(p) for p in _pages() if _words(p) > MAX_PAGE_WORDS}
    assert not long, f"pages over {MAX_PAGE_WORDS} words: {long}"


def test_the_guide_is_within_its_total_length() -> None:
    total = sum(_words(p) for p in _pages())
    low, high = TOTAL_WORDS
    assert low <= total <= high, f"{total} words in docs/ (checklists not counted)"


# -- timings: the checklists are the one source --------------------------------------

#: Literal timings such as "5 weeks before" or "three days before".
TIMING = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight)[\s-]+(weeks?|days?)\s+(before|after)\b",
    re.IGNORECASE,
)
TIMED_PAGES = ["start-here/first-group.md", "how-to/tighter-timeline.md"]


@pytest.mark.parametrize("name", TIMED_PAGES)
def test_timed_pages_take_their_timings_from_the_checklists(name: str) -> None:
    text = (DOCS / name).read_text("utf-8")
    assert "{checklist-timeline}" in text
    written = [m[0] for m in TIMING.finditer(text)]
    assert not written, f"{name} writes timings by hand: {written}; use {{checklist-when}}"


def test_every_checklist_when_named_in_a_page_exists() -> None:
    checklists = _checklists()
    for page in _pages():
        for ref in re.findall(r"\{checklist-when\}`([^`]+)`", page.read_text("utf-8")):
            checklist_id, _slash, item_id = ref.partition("/")
            items = {i.id: i for i in checklists[checklist_id].items}
            assert items[item_id].when, f"{page}: {ref}"


#: The same step in two checklists: (checklist, item) pairs that must agree.
SAME_STEP = [
    (("first-meeting", "confirm-venue"), ("every-meeting", "booking")),
    (("first-meeting", "confirm-speakers"), ("every-meeting", "speakers")),
    (("first-meeting", "standby"), ("every-meeting", "standby-speaker")),
    (("first-meeting", "announce"), ("every-meeting", "announce")),
    (("first-meeting", "reminder"), ("every-meeting", "reminder")),
    (("first-meeting", "announce"), ("promotion", "calendar")),
    (("first-meeting", "standby"), ("first-meeting-in-six-weeks", "confirm")),
]


@pytest.mark.parametrize(("one", "other"), SAME_STEP)
def test_the_same_step_has_the_same_timing_everywhere(
    one: tuple[str, str], other: tuple[str, str]
) -> None:
    checklists = _checklists()

    def when(ref: tuple[str, str]) -> str:
        return next(i.when for i in checklists[ref[0]].items if i.id == ref[1])

    assert when(one) == when(other), f"{one} says {when(one)!r}, {other} says {when(other)!r}"


def _days(when: str) -> float | None:
    """Days before the meeting: 8 weeks before is 56; the day after is -1."""
    m = re.fullmatch(r"(\d+)(?: or \d+)? (week|day)s? (before|after)", when)
    if m:
        n = int(m[1]) * (7 if m[2] == "week" else 1)
        return n if m[3] == "before" else -n
    return {"on the day": 0, "the day after": -1, "the week after": -7}.get(when)


@pytest.mark.parametrize(
    "checklist_id", ["first-meeting", "first-meeting-in-six-weeks", "first-meeting-in-four-weeks"]
)
def test_plans_run_in_time_order(checklist_id: str) -> None:
    days = [_days(i.when) for i in _checklists()[checklist_id].items]
    assert None not in days, days
    assert days == sorted(days, reverse=True), days  # type: ignore[type-var]


def test_the_shorter_plans_fit_their_weeks() -> None:
    checklists = _checklists()
    for checklist_id, weeks in (
        ("first-meeting-in-six-weeks", 6),
        ("first-meeting-in-four-weeks", 4),
    ):
        first = _days(checklists[checklist_id].items[0].when)
        assert first == weeks * 7, (checklist_id, first)


# -- how the guide reads -------------------------------------------------------------

CITATION = re.compile(r"\((?:Pandey|Laroia|OpenHatch|Python wiki|Javatpoint)\b[^)]*\)")
SOURCE_NAMES = re.compile(r"Javatpoint|Pandey|Laroia|OpenHatch")


def test_sources_are_cited_in_sources_notes_not_in_prose() -> None:
    for page in _pages():
        if page.name == "credits.md":
            continue
        prose = _prose(page)
        assert not CITATION.findall(prose), (page, CITATION.findall(prose))
        if page.name == "resources.md":  # lists talks by their speakers
            continue
        named = SOURCE_NAMES.findall(prose)
        assert not named, f"{page.relative_to(DOCS)} names its sources in the prose: {named}"


@pytest.mark.parametrize(
    ("story", "pattern"),
    [
        ("3 to 3,000", r"3,000|3000"),
        ("the merged groups", r"\bmerged (the|their) groups|nine months"),
        ("Montreal Python", r"Montreal"),
    ],
)
def test_each_story_is_told_once(story: str, pattern: str) -> None:
    pages = [
        str(p.relative_to(DOCS))
        for p in _pages()
        if p.name not in ("credits.md", "resources.md") and re.search(pattern, _prose(p))
    ]
    assert len(pages) <= 1, f"{story} is told in {pages}; tell it once and link to it"


DEAD = ["video.google.com", "Python 411", "PythonSpeakers", "comp.lang.python", "Usenet"]


def test_dead_channels_are_not_offered_as_live() -> None:
    for page in _pages():
        if page.name in ("credits.md", "resources.md"):
            continue
        for name in DEAD:
            assert name not in _prose(page), f"{page.relative_to(DOCS)} offers {name}"


def test_resources_mark_the_dead_channels_as_gone() -> None:
    text = _prose(DOCS / "reference" / "resources.md")
    gone = text[text.index("(resources-gone)=") :]
    for name in DEAD:
        if name in text:
            assert name in gone, f"{name} is on the resources page outside 'gone'"


# -- templates -----------------------------------------------------------------------

TEMPLATE_LABELS = [
    "template-announcement",
    "template-venue-request",
    "template-speaker-invitation",
    "template-speaker-brief",
    "template-sponsor-request",
    "template-prospectus",
    "template-manager-proposal",
    "template-host-script",
    "template-feedback-survey",
    "template-call-for-co-organizers",
]


def test_every_template_is_a_copyable_block_that_fits_a_printed_line() -> None:
    text = (DOCS / "reference" / "templates.md").read_text("utf-8")
    for label in TEMPLATE_LABELS:
        section = text.split(f"({label})=", 1)[1]
        block = re.search(r"^```text\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
        assert block, f"{label} has no ```text block (the copy button needs one)"
    for page in _pages():
        for block in re.findall(r"^```text\n(.*?)^```$", page.read_text("utf-8"), re.M | re.S):
            wide = [line for line in block.splitlines() if len(line) > 72]
            assert not wide, f"{page.name}: lines too wide for print: {wide}"
