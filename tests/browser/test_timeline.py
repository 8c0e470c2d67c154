"""The timeline: links to an event land on it (old links too), and the filter and copy-link
controls work from the keyboard alone."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, generated_parts

pytestmark = pytest.mark.browser

MAX_TABS = 400


def busiest_part() -> str:
    """The timeline page with the most events: the one a reader is most likely to filter."""
    parts = [p for p in generated_parts() if p.folder == "timeline"]
    return max(parts, key=lambda p: len(p.ids)).url


EVENT_IDS = "() => [...document.querySelectorAll('.timeline-event')].map(e => e.id)"
IN_VIEW = """id => {
  const r = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const covered = header && getComputedStyle(header).position !== 'static' ? header.getBoundingClientRect().bottom : 0;
  return {top: r.top, bottom: r.bottom, height: r.height, covered, viewport: innerHeight};
}"""
STATE = """() => [...document.querySelectorAll('.timeline-event')].map(e => ({
    id: e.id, threads: e.dataset.threads.split(' '), key: e.hasAttribute('data-key'), shown: e.offsetParent !== null}))"""


def tab_to(page, selector: str, condition: str = "true") -> dict:
    """Press Tab until the focused element matches selector (and condition, a JS expression of el)."""
    check = f"() => {{ const el = document.activeElement; return !!el && el.matches({selector!r}) && ({condition}); }}"
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return page.evaluate("() => ({tag: document.activeElement.tagName, value: document.activeElement.value,"
                                 " id: (document.activeElement.closest('[id]') || {}).id})")
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector} ({condition})")


def assert_in_view(page, event_id: str, where: str) -> None:
    box = page.evaluate(IN_VIEW, event_id)
    assert box["height"] > 0, f"{where}: the event is not displayed"
    assert box["top"] >= box["covered"] - 1, f"{where}: the event starts under the fixed header or above the screen: {box}"
    assert box["top"] < box["viewport"], f"{where}: the event is below the screen: {box}"
    if box["height"] <= box["viewport"] - box["covered"]:
        assert box["bottom"] <= box["viewport"] + 1, f"{where}: the event is cut off at the bottom: {box}"
    assert page.evaluate("id => document.querySelector(':target') === document.getElementById(id)", event_id)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_event_link_brings_the_event_into_view(open_page, device):
    viewport = PHONE if device == "phone" else DESKTOP
    part = busiest_part()
    page, _ = open_page(part, viewport=viewport)
    ids = page.evaluate(EVENT_IDS)
    assert len(ids) >= 2, "the timeline page has fewer than two events"
    # The last event and one in the middle: far enough down that the browser has to scroll.
    for event_id in dict.fromkeys([ids[-1], ids[len(ids) // 2]]):
        page, _ = open_page(f"{part}#{event_id}", viewport=viewport)
        assert_in_view(page, event_id, f"/{part}#{event_id} ({device})")


def test_an_old_timeline_link_is_forwarded_to_the_event(open_page, base_url):
    """Links published before the timeline was split (timeline/#<event-id>) still land on the event."""
    part = busiest_part()
    page, _ = open_page(part)
    event_id = page.evaluate(EVENT_IDS)[-1]
    page, _ = open_page(f"timeline/#{event_id}")
    page.wait_for_url(f"{base_url}{part}#{event_id}", timeout=5_000)
    page.wait_for_load_state("load")
    assert_in_view(page, event_id, f"/timeline/#{event_id}")


def test_thread_filter_works_from_the_keyboard(open_page):
    page, _ = open_page(busiest_part())
    controls = page.locator(".timeline-controls")
    assert controls.is_visible(), "the filter is hidden: did the page head set the ex-js class?"
    count = controls.locator(".timeline-count")
    before = page.evaluate(STATE)
    assert count.inner_text() == f"{len(before)} of {len(before)} events shown"
    # Radio buttons: Tab reaches the checked one ("All"), the arrow keys choose another.
    tab_to(page, ".timeline-controls input[name=thread]", "el.checked")
    page.keyboard.press("ArrowDown")
    thread = page.evaluate("() => document.activeElement.value")
    assert thread, "ArrowDown did not choose a thread"
    state = page.evaluate(STATE)
    shown = [e for e in state if e["shown"]]
    assert shown and all(thread in e["threads"] for e in shown), f"events outside {thread!r} are still shown"
    assert all(e["shown"] for e in state if thread in e["threads"]), f"events in {thread!r} were hidden"
    assert count.inner_text() == f"{len(shown)} of {len(state)} events shown"
    # Key moments only, then newest first.
    tab_to(page, ".timeline-controls input[name=key]")
    page.keyboard.press("Space")
    state = page.evaluate(STATE)
    assert all(e["key"] and thread in e["threads"] for e in state if e["shown"])
    tab_to(page, ".timeline-controls input[name=newest]")
    page.keyboard.press("Space")
    order = page.evaluate(EVENT_IDS)
    assert order == [e["id"] for e in reversed(before)], "Newest first did not reverse the order"
    page.keyboard.press("Space")
    assert page.evaluate(EVENT_IDS) == [e["id"] for e in before], "unticking Newest first did not restore the order"


def test_copy_link_works_from_the_keyboard(open_page, base_url):
    part = busiest_part()
    page, _ = open_page(part, permissions=["clipboard-read", "clipboard-write"])
    focused = tab_to(page, ".permalink[data-copy-link]")
    event_id = focused["id"]
    assert event_id, "the focused link is not inside an event with an id"
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=event_id)
    link = page.locator(f"#{event_id} .permalink[data-copy-link]")
    page.wait_for_function("el => el.getAttribute('data-copied') === 'true'", arg=link.element_handle(), timeout=5_000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{base_url}{part}#{event_id}"
