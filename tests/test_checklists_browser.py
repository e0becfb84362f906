"""Checklists in headless Chromium, on the built guide: ticks survive a reload, reset
clears them, the count follows, keyboard and screen-reader names work, and without
JavaScript the list still reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pugguide.checklists.model import checklist_files

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

PAGE = "checklists/generated/every-meeting.html"
KEY = "pugguide.checklist.every-meeting"


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    # A fresh context per test: its own, empty localStorage.
    ctx = chromium.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, site_server: str) -> Page:
    page = context.new_page()
    page.goto(site_server + PAGE)
    page.wait_for_selector(".pug-checklist-progress")
    return page


def _state(page: Page) -> tuple[list[bool], str]:
    boxes = page.locator(".pug-checklist input[type=checkbox]")
    ticked = [boxes.nth(i).is_checked() for i in range(boxes.count())]
    return ticked, page.locator(".pug-checklist-progress").inner_text()


def _stored(page: Page) -> list[str] | None:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return None if raw is None else json.loads(raw)


def test_ticks_survive_a_reload_and_reset_clears_them(page: Page) -> None:
    ticked, progress = _state(page)
    total = len(ticked)
    assert total >= 10 and not any(ticked)
    assert progress == f"0 of {total} done"
    reset = page.get_by_role("button", name="Clear all ticks")
    assert reset.is_disabled()  # nothing to clear yet

    # Tick two by clicking their labels, as people do.
    items = page.locator(".pug-checklist li[data-item]")
    first, third = items.nth(0), items.nth(2)
    first.locator("label").click()
    third.locator("label").click()
    assert _state(page)[1] == f"2 of {total} done"

    page.reload()
    page.wait_for_selector(".pug-checklist-progress")
    ticked, progress = _state(page)
    assert [i for i, t in enumerate(ticked) if t] == [0, 2]
    assert progress == f"2 of {total} done"
    # Stored by item id, so reordering or rewording items keeps the ticks.
    ids = [first.get_attribute("data-item"), third.get_attribute("data-item")]
    assert _stored(page) == sorted(ids)  # type: ignore[type-var]

    reset.click()
    ticked, progress = _state(page)
    assert not any(ticked)
    assert progress == f"0 of {total} done"
    assert _stored(page) is None
    page.reload()
    page.wait_for_selector(".pug-checklist-progress")
    assert not any(_state(page)[0])


def test_ticks_belong_to_item_ids_and_to_one_checklist(page: Page, site_server: str) -> None:
    items = page.locator(".pug-checklist li[data-item]")
    last = items.nth(items.count() - 1).get_attribute("data-item")
    # As if the item had moved: the stored id, not a position, decides.
    page.evaluate(f"localStorage.setItem({KEY!r}, JSON.stringify([{last!r}, 'gone-item']))")
    page.reload()
    page.wait_for_selector(".pug-checklist-progress")
    ticked, progress = _state(page)
    assert ticked[-1] and not any(ticked[:-1])
    assert progress.startswith("1 of ")  # an id no longer in the list is not counted

    page.goto(site_server + "checklists/generated/venue.html")
    page.wait_for_selector(".pug-checklist-progress")
    assert not any(_state(page)[0])


def test_keyboard_and_accessible_names(page: Page) -> None:
    first_text = page.locator(".pug-checklist li[data-item] label").first.inner_text()
    box = page.get_by_role("checkbox", name=first_text)  # the label names the checkbox
    assert box.count() == 1
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("1 of ")
    # The item's timing, details and link describe the checkbox.
    described = box.get_attribute("aria-describedby") or ""
    for target in described.split():
        assert page.locator(f"#{target}").count() == 1
    # The whole checklist is one named group.
    assert page.get_by_role("group", name="Every meeting").count() == 1
    # Tab moves on through the item's link to the next checkbox.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    page.keyboard.press("Space")
    assert status.inner_text().startswith("2 of ")


def test_without_javascript_the_list_reads_plainly(chromium: Browser, site_server: str) -> None:
    ctx = chromium.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_server + PAGE)
        checklist = page.locator(".pug-checklist")
        # No buttons or count, which would do nothing without the script.
        assert page.locator(".pug-checklist-tools").count() == 0
        assert page.get_by_role("button", name="Clear all ticks").count() == 0
        text = checklist.inner_text()
        labels = page.locator(".pug-checklist label")
        assert labels.count() >= 10
        positions = [text.index(labels.nth(i).inner_text()) for i in range(labels.count())]
        assert positions == sorted(positions)  # items read in order
        assert "See: " in text
        assert page.locator(".pug-checklist-see a").count() >= 5
        # Still real checkboxes: they tick, they just are not remembered.
        box = page.locator(".pug-checklist input[type=checkbox]").first
        box.click()
        assert box.is_checked()
    finally:
        ctx.close()


def test_printed_boxes_are_empty_and_buttons_hidden(page: Page) -> None:
    page.locator(".pug-checklist li[data-item] label").first.click()
    page.emulate_media(media="print")
    box = page.locator(".pug-checklist input[type=checkbox]").first
    assert box.is_checked()
    assert box.evaluate("b => getComputedStyle(b).appearance") == "none"  # no tick drawn
    assert not page.locator(".pug-checklist-tools").is_visible()
    assert not page.locator("footer").first.is_visible()
    # Items are never split across sheets.
    assert box.evaluate("b => getComputedStyle(b.closest('li')).breakInside") == "avoid"


def test_every_checklist_prints_on_one_a4_sheet(context: BrowserContext, site_server: str) -> None:
    page = context.new_page()
    for path in checklist_files(Path(__file__).resolve().parent.parent / "data"):
        page.goto(f"{site_server}checklists/generated/{path.stem}.html")
        pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm"})
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{path.stem} prints on {pages} pages"
