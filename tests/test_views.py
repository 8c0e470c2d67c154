"""Views, charts and rendering as pure functions, without MkDocs."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES, ROOT
from macros import charts, dates, views
from macros.dataset import load_dataset
from macros.render import Renderer, inert, relative_prefix
from macros.site import TEMPLATE_DIR


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


@pytest.fixture(scope="module")
def renderer():
    return Renderer(ROOT / TEMPLATE_DIR)


@pytest.mark.parametrize("value, words", [
    ("2025-10-28", "28 October 2025"),
    ("2025-10", "October 2025"),
    ("2016", "2016"),
    ("2026-02-08", "8 February 2026"),
])
def test_dates_in_words(value, words):
    assert dates.in_words(value) == words


@pytest.mark.parametrize("start, end, words", [
    ("2025-10-27", "2025-10-29", "27–29 October 2025"),
    ("2025-09-30", "2025-10-02", "30 September – 2 October 2025"),
    ("2025-12-30", "2026-01-02", "30 December 2025 – 2 January 2026"),
    ("2025-10", "2025-11", "October 2025 – November 2025"),
    ("2025-10-28", None, "28 October 2025"),
])
def test_date_ranges(start, end, words):
    assert dates.range_in_words(start, end) == words


def test_month_sorts_before_its_days():
    assert sorted(["2025-10-28", "2025-10", "2025"], key=dates.sort_key) == ["2025", "2025-10", "2025-10-28"]


def test_timeline_is_chronological_with_precision(dataset):
    view = views.timeline(dataset)
    assert [i.id for i in view.items] == ["trump-tower-2016-11", "visit-2025-10-27", "summit-2025-10-28"]
    assert view.items[0].when == "November 2016"
    assert view.items[1].when == "27–29 October 2025"
    assert view.filterable


def test_timeline_filters(dataset):
    assert [i.id for i in views.timeline(dataset, thread="trade").items] == ["summit-2025-10-28"]
    assert [i.id for i in views.timeline(dataset, start="2025").items] == ["visit-2025-10-27", "summit-2025-10-28"]
    assert [i.id for i in views.timeline(dataset, end="2016").items] == ["trump-tower-2016-11"]
    # An event spanning the start bound is kept.
    assert [i.id for i in views.timeline(dataset, start="2025-10-29").items] == ["visit-2025-10-27"]
    assert not views.timeline(dataset, thread="trade").filterable


@pytest.mark.parametrize("kwargs, message", [
    ({"thread": "visitt"}, "timeline(): unknown thread 'visitt'"),
    ({"start": "28 Oct"}, "timeline(): start='28 Oct' is not a date"),
])
def test_timeline_argument_errors(dataset, kwargs, message):
    with pytest.raises(views.MacroArgError, match=re.escape(message)):
        views.timeline(dataset, **kwargs)


def test_cite_errors(dataset):
    with pytest.raises(views.MacroArgError, match="'nope' is not defined in data/sources.yaml"):
        views.cite(dataset, "nope")
    with pytest.raises(views.MacroArgError, match="at least one"):
        views.cite(dataset)


def test_seats_table_totals(dataset):
    table = views.seats_table(dataset)
    assert table.rows[0].cells == ("Liberal Democratic Party", "196 (government)")
    assert table.rows[-1].cells == ("Government and partners", "231")
    assert table.rows[-2].cells == ("Majority needed", "233 of 465")


def test_budget_chart_matches_data(dataset):
    chart = charts.budget_chart(dataset)
    assert [b.value_label for b in chart.bars] == ["7.95", "9.04"]
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.value_label == "9.04"
    # Heights are proportional to the values.
    ratio = chart.bars[0].height / chart.bars[1].height
    assert ratio == pytest.approx(7.95 / 9.04)
    assert "FY2024" in chart.description and "draft" in chart.description


def test_share_chart_labels_each_basis(dataset):
    chart = charts.share_chart(dataset)
    assert {p.css.split()[1] for p in chart.points} == {"point-security-related", "point-sipri"}
    assert [label for _, _, label in chart.legend] == [views.BASIS_LABELS["sipri"], views.BASIS_LABELS["security-related"]]


def test_seats_chart_adds_up(dataset):
    chart = charts.seats_chart(dataset)
    assert sum(s.width for s in chart.segments) == pytest.approx(465 / 465 * (charts.WIDTH - charts.LEFT - charts.RIGHT))
    assert "held 231 of 465 seats" in chart.description


def test_relative_prefix():
    assert relative_prefix("") == ""
    assert relative_prefix("timeline/") == "../"
    assert relative_prefix("a/b/") == "../../"


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.attrs.extend(attrs)
        if tag == "tr":
            self.rows.append(0)
        elif tag in ("td", "th") and self.rows:
            self.rows[-1] += 1


def test_hostile_strings_render_inert(tmp_path, renderer):
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    path = tmp_path / "data" / "claims.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "claim: Trump is a former president.",
        "claim: \"<img src=x onerror=alert(1)> a|b {{ 7*7 }} {% raw %} *em* & 'q'\"")
    path.write_text(text, encoding="utf-8")
    dataset = load_dataset(tmp_path / "data")
    view = views.claims_table(dataset)
    html = renderer.render("table.html", view=view, has_row_sources=True, base="", edit_url="")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{" not in html and "{%" not in html and "&#123;&#123; 7&#42;7 &#125;&#125;" in html
    assert "49" not in html
    parser = _Cells()
    parser.feed(html)
    assert set(parser.rows) == {4}  # header and body rows keep the same number of cells
    assert not [a for a in parser.attrs if a[0].startswith("on")]


def test_inert_leaves_tags_alone():
    assert inert('<a href="https://x.org/a_b">a_b *c*</a>') == '<a href="https://x.org/a_b">a&#95;b &#42;c&#42;</a>'


def test_rendered_block_has_no_blank_or_indented_lines(dataset, renderer):
    html = renderer.render("timeline.html", view=views.timeline(dataset), jsonld=None, base="", edit_url="")
    assert all(line and not line.startswith(" ") for line in html.splitlines())
