"""Pages fit a 360 px phone: nothing scrolls sideways; data tables turn into cards, other tables
scroll in their own box, and charts shrink to the column with text still at least 12 px. Each test also saves a screenshot of the page to screenshots/ for review."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, page_id

pytestmark = pytest.mark.browser

OVERFLOW = "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"

# Tables and charts in the page content, measured after every <details> is opened.
MEASURE = """() => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const article = document.querySelector("article") || document.body;
  const tables = [...article.querySelectorAll("table")].map(t => {
    const box = t.closest(".data-table, .md-typeset__scrollwrap");
    const r = box ? box.getBoundingClientRect() : t.getBoundingClientRect();
    return {table: (t.caption ? t.caption.textContent : t.textContent).trim().slice(0, 60),
            wrapper: box ? box.className : null,
            overflowX: box ? getComputedStyle(box).overflowX : null,
            left: r.left, right: r.right,
            // The project's data tables: on a phone each row is a card (display: block).
            data: t.classList.contains("data"),
            rows: [...t.querySelectorAll("tbody tr")].map(tr => getComputedStyle(tr).display)};
  });
  const charts = [...article.querySelectorAll("figure.chart > svg")].map(svg => {
    const fig = svg.parentElement, r = svg.getBoundingClientRect(), cs = getComputedStyle(fig);
    const inner = fig.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    // Text size as drawn: the font size in SVG units times the SVG's scale on the screen.
    const scale = r.width / svg.viewBox.baseVal.width;
    const text = Math.min(...[...svg.querySelectorAll("text")].map(x => parseFloat(getComputedStyle(x).fontSize) * scale));
    return {chart: fig.id, width: r.width, column: inner, left: r.left, right: r.right, text};
  });
  return {tables, charts, scroll: document.documentElement.scrollWidth};
}"""


def _no_sideways_scroll(page, width: int, where: str) -> None:
    size = page.evaluate(OVERFLOW)
    assert size["scroll"] <= width + 1, f"{where} scrolls sideways: {size['scroll']} px wide at a {width} px viewport"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_fits_the_screen(open_page, screenshot_dir, page_path, device):
    viewport = PHONE if device == "phone" else DESKTOP
    page, _ = open_page(page_path, viewport=viewport)
    page.screenshot(path=str(screenshot_dir / f"{page_id(page_path)}-{device}.png"), full_page=True)
    where = f"{page_path or '/'} ({device})"
    _no_sideways_scroll(page, viewport["width"], where)

    found = page.evaluate(MEASURE)
    assert found["scroll"] <= viewport["width"] + 1, f"{where} scrolls sideways once its <details> are open: {found['scroll']} px"
    for t in found["tables"]:
        assert t["wrapper"], f"{where}: table {t['table']!r} is not in a scrolling wrapper (.data-table)"
        assert t["overflowX"] in ("auto", "scroll"), f"{where}: the wrapper of table {t['table']!r} does not scroll ({t['overflowX']})"
        assert t["left"] >= -1 and t["right"] <= viewport["width"] + 1, f"{where}: table {t['table']!r} sticks out: {t}"
        if device == "phone" and t["data"]:
            assert t["rows"] and set(t["rows"]) == {"block"}, f"{where}: the rows of table {t['table']!r} are not cards on a phone: {t['rows'][:3]}"
    for c in found["charts"]:
        assert c["width"] > 0, f"{where}: chart {c['chart']} has no width"
        assert c["left"] >= -1 and c["right"] <= viewport["width"] + 1, f"{where}: chart {c['chart']} sticks out: {c}"
        if device == "phone":  # narrower than the chart's max-width, so it fills the column
            assert abs(c["width"] - c["column"]) <= 1, f"{where}: chart {c['chart']} is {c['width']} px in a {c['column']} px column"
            assert c["text"] >= 12, f"{where}: chart {c['chart']} draws text at {c['text']:.1f} px on a phone (at least 12)"
