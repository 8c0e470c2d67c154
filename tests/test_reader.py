"""What a reader relies on: one name for each page everywhere, and the events of one day in the
order they happened."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from macros import i18n
from macros.dataset import load_dataset
from macros.pages import event_order

THREAD_PAGES = {"visit": "talks.md", "abe-trump": "abe.md", "security": "security.md", "trade": "trade.md",
                "politics": "politics.md", "aftermath": "aftermath.md"}


def page_names(folder: str, name: str) -> tuple[str, str]:
    text = (ROOT / folder / name).read_text(encoding="utf-8")
    title = yaml.safe_load(text.split("---")[1])["title"]
    h1 = re.search(r"^# (.+?)(?: \{ #[a-z0-9-]+ \})?$", text, re.M).group(1)
    return title, h1


def nav() -> list[tuple[str, str]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(item.items())) for item in config["nav"]]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_name_for_each_page(lang):
    """The navigation, the page title, the H1 and the timeline's thread filter use one name."""
    folder = "docs" if lang == "en" else "docs/ja"
    for label, name in nav():
        if name == "index.md":
            continue  # the home page is named by the site's title
        label = label if lang == "en" else i18n.NAV["ja"][name]
        assert page_names(folder, name) == (label, label), f"{folder}/{name}"
    threads = i18n.LABELS[lang]["thread"]
    for thread, name in THREAD_PAGES.items():
        assert threads[thread] == page_names(folder, name)[0], f"thread {thread!r} and {folder}/{name}"


def test_events_of_one_day_are_in_the_order_they_happened():
    dataset = load_dataset(ROOT / "data")
    ordered = event_order(dataset)
    by_day: dict[str, list] = {}
    for event in ordered:
        if len(event.date) == 10:
            by_day.setdefault(event.date, []).append(event)
    summit_day = by_day["2025-10-28"]
    assert len(summit_day) > 3
    assert [e.order for e in summit_day] == sorted(e.order for e in summit_day)
    # The morning summit, then the afternoon at Yokosuka, then the evening's business dinner,
    # whatever their ids; and events with a time in the order of their times.
    ids = [e.id for e in summit_day]
    assert ids.index("summit-akasaka-2025-10-28") < ids.index("yokosuka-carrier-2025-10-28") < ids.index("investment-announcements-2025-10-28")
    times = [e.time for e in summit_day if e.time]
    assert times == sorted(times)


def test_timeline_page_shows_the_summit_day_in_order(built_site):
    dataset = load_dataset(ROOT / "data")
    day = [e.id for e in event_order(dataset) if e.date == "2025-10-28"]
    for page in sorted((built_site / "timeline").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        found = [i for i in re.findall(r'<li class="timeline-event[^"]*" id="([^"]+)"', html) if i in day]
        if found:
            assert found == day, page
            return
    pytest.fail("no timeline page holds 28 October 2025")
