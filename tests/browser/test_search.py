"""Material's search (a web worker reading search/search_index.json) finds the story's key terms."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("edition, term", [("", "Tomahawk"), ("", "Ishin"),
                                           # Japanese has no spaces between words: the Japanese edition's
                                           # index is segmented (lunr-languages' ja), so these are found.
                                           ("ja/", "トマホーク"), ("ja/", "維新"), ("ja/", "高市"),
                                           ("ja/", "日米安全保障条約"), ("ja/", "在日米軍")])
def test_search_finds(open_page, base_url, edition, term):
    page, _ = open_page(edition)
    page.keyboard.press("/")  # Material's shortcut for the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    box.press_sequentially(term, delay=20)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=15_000)
    assert page.locator(".md-search-result__item").count() >= 1
    # Each result links to a page of this site.
    href = first.locator("a").first.get_attribute("href")
    assert href and href.startswith(base_url + edition), href
