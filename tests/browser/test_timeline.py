"""The timeline: links to an event land on it, and the filter and copy-link controls work from the
keyboard alone."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TIMELINE = "timeline/"
MAX_TABS = 400

EVENT_IDS = "() => [...document.querySelectorAll('.timeline-event')].map(e => e.id)"
IN_VIEW = """id => {
  const r = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const covered = header && getComputedStyle(header).position !== 'static' ? header.getBoundingClientRect().bottom : 0;
  return {top: r.top, bottom: r.bottom, height: r.height, covered, viewport: innerHeight};
}"""


def tab_to(page, selector: str, condition: str = "true") -> dict:
    """Press Tab until the focused element matches selector (and condition, a JS expression of el)."""
    check = f"() => {{ const el = document.activeElement; return !!el && el.matches({selector!r}) && ({condition}); }}"
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return page.evaluate("() => ({tag: document.activeElement.tagName, value: document.activeElement.value,"
                                 " id: (document.activeElement.closest('[id]') || {}).id})")
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector} ({condition})")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_event_link_brings_the_event_into_view(open_page, device):
    viewport = PHONE if device == "phone" else DESKTOP
    page, _ = open_page(TIMELINE, viewport=viewport)
    ids = page.evaluate(EVENT_IDS)
    assert len(ids) >= 2, "the timeline has fewer than two events"
    # The last event and one in the middle: far enough down that the browser has to scroll.
    for event_id in dict.fromkeys([ids[-1], ids[len(ids) // 2]]):
        page, _ = open_page(f"{TIMELINE}#{event_id}", viewport=viewport)
        box = page.evaluate(IN_VIEW, event_id)
        where = f"/{TIMELINE}#{event_id} ({device})"
        assert box["height"] > 0, f"{where}: the event is not displayed"
        assert box["top"] >= box["covered"] - 1, f"{where}: the event starts under the fixed header or above the screen: {box}"
        assert box["top"] < box["viewport"], f"{where}: the event is below the screen: {box}"
        if box["height"] <= box["viewport"] - box["covered"]:
            assert box["bottom"] <= box["viewport"] + 1, f"{where}: the event is cut off at the bottom: {box}"
        assert page.evaluate("id => document.querySelector(':target') === document.getElementById(id)", event_id)


def test_thread_filter_works_from_the_keyboard(open_page):
    page, _ = open_page(TIMELINE)
    assert page.locator(".timeline-filter").is_visible(), "the filter is still hidden: did explainer.js run?"
    # A thread with at least one event that belongs to no other thread, so turning it off hides something.
    thread = page.evaluate("""() => {
      const only = [...document.querySelectorAll('.timeline-event')].map(e => e.dataset.threads.split(' ')).filter(t => t.length === 1);
      return only.length ? only[0][0] : null;
    }""")
    assert thread, "no event belongs to a single thread"
    count = page.locator(".timeline-filter .timeline-count")
    before = count.inner_text()
    focused = tab_to(page, ".timeline-filter input[type=checkbox]", f"el.value === {thread!r}")
    assert focused["tag"] == "INPUT"
    page.keyboard.press("Space")
    box = page.locator(f".timeline-filter input[value='{thread}']")
    assert not box.is_checked(), "Space did not untick the box"
    state = page.evaluate("""thread => [...document.querySelectorAll('.timeline-event')].map(e => ({
        id: e.id, threads: e.dataset.threads.split(' '), hidden: e.hidden, shown: e.offsetParent !== null}))""", thread)
    only_this = [e for e in state if e["threads"] == [thread]]
    assert only_this and all(e["hidden"] and not e["shown"] for e in only_this), \
        f"events only in {thread!r} are still shown: {[e['id'] for e in only_this if not e['hidden'] or e['shown']]}"
    others = [e for e in state if any(t != thread for t in e["threads"])]
    assert all(not e["hidden"] for e in others), "events in other threads were hidden too"
    after = count.inner_text()
    assert after != before, f"the count did not change: {before!r}"
    assert str(len(state) - len(only_this)) in after, f"the count {after!r} does not say {len(state) - len(only_this)} events"
    page.keyboard.press("Space")
    assert box.is_checked() and count.inner_text() == before, "Space again did not bring the thread back"


def test_copy_link_works_from_the_keyboard(open_page, base_url):
    page, _ = open_page(TIMELINE, permissions=["clipboard-read", "clipboard-write"])
    focused = tab_to(page, ".permalink[data-copy-link]")
    event_id = focused["id"]
    assert event_id, "the focused link is not inside an event with an id"
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=event_id)
    link = page.locator(f"#{event_id} .permalink[data-copy-link]")
    page.wait_for_function("el => el.getAttribute('data-copied') === 'true'", arg=link.element_handle(), timeout=5_000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{base_url}{TIMELINE}#{event_id}"
