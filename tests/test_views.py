"""Views, charts and rendering as pure functions, without MkDocs."""

from __future__ import annotations

import dataclasses
import re
import shutil
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES
from macros import charts, dates, i18n, views
from macros import timeline as timelines
from macros.dataset import load_dataset
from macros.render import TEMPLATE_DIR, Renderer, inert, relative_prefix
from macros.sources import NO_LINKS


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


@pytest.fixture(scope="module")
def renderer():
    return Renderer(TEMPLATE_DIR)


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
    view = timelines.timeline(dataset)
    assert [i.id for i in view.items] == ["trump-tower-2016-11", "visit-2025-10-27", "summit-2025-10-28"]
    assert view.items[0].when == "November 2016"
    assert view.items[1].when == "27–29 October 2025"
    # A timeline placed in a page links each event to its own entry on the same page.
    assert [i.href for i in view.items] == ["#" + i.id for i in view.items]


def test_timeline_filters(dataset):
    assert [i.id for i in timelines.timeline(dataset, thread="trade").items] == ["summit-2025-10-28"]
    assert [i.id for i in timelines.timeline(dataset, start="2025").items] == ["visit-2025-10-27", "summit-2025-10-28"]
    assert [i.id for i in timelines.timeline(dataset, end="2016").items] == ["trump-tower-2016-11"]
    # An event spanning the start bound is kept.
    assert [i.id for i in timelines.timeline(dataset, start="2025-10-29").items] == ["visit-2025-10-27"]
    # The filter counts events per thread among those shown.
    assert ("trade", views.THREAD_LABELS["trade"], 1) in timelines.timeline(dataset, thread="trade").threads


@pytest.mark.parametrize("kwargs, message", [
    ({"thread": "visitt"}, "timeline(): unknown thread 'visitt'"),
    ({"start": "28 Oct"}, "timeline(): start='28 Oct' is not a date"),
])
def test_timeline_argument_errors(dataset, kwargs, message):
    with pytest.raises(views.MacroArgError, match=re.escape(message)):
        timelines.timeline(dataset, **kwargs)


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
    bars = [r for r in chart.rects if r.css.startswith("bar ")]
    values = [label.text for label in chart.labels if label.css == "value"]
    assert values == ["¥7.95tn", "¥9.04tn draft"]
    assert [b.css for b in bars] == ["bar bar-enacted", "bar bar-draft"]
    # Bars start at zero and their lengths are proportional to the values.
    assert len({b.x for b in bars}) == 1
    assert bars[0].width / bars[1].width == pytest.approx(7.95 / 9.04)
    assert "FY2024" in chart.description and "draft" in chart.description


def test_chart_text_stays_readable_on_a_phone(dataset):
    # 360 units across: on a 360-pixel screen the smallest text is charts.TEXT pixels, at least 12.
    assert charts.WIDTH == 360 and charts.TEXT >= 12
    for chart in (charts.budget_chart(dataset), charts.share_chart(dataset), charts.seats_chart(dataset), charts.locator_map(dataset)):
        assert chart.width == charts.WIDTH
        for label in chart.labels:
            assert 0 <= label.x <= chart.width and 0 <= label.y <= chart.height, (chart.id, label)


def test_share_chart_labels_each_basis(dataset):
    chart = charts.share_chart(dataset)
    assert {m.css.split()[1] for m in chart.markers} == {"point-security-related", "point-sipri"}
    # Each basis has its own marker shape, so the chart reads without colour.
    assert len({m.kind for m in chart.markers}) == 2
    assert sorted(label for _, _, label in chart.legend) == sorted([views.BASIS_LABELS["sipri"], views.BASIS_LABELS["security-related"]])


def test_seats_chart_adds_up(dataset):
    chart = charts.seats_chart(dataset)
    # The whole-house bar (the first row of segments) spans the full width: 465 of 465 seats.
    first_row = [r for r in chart.rects if r.css.startswith("seg ") and r.y == min(r.y for r in chart.rects)]
    assert sum(r.width for r in first_row) == pytest.approx(charts.WIDTH)
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
    view = views.claims_table_for(dataset)
    html = renderer.html("table.html", view=view, has_row_sources=True, base="", edit_url="", links=NO_LINKS, t=i18n.words("en"))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{" not in html and "{%" not in html and "&#123;&#123; 7*7 &#125;&#125;" in html
    assert "49" not in html
    parser = _Cells()
    parser.feed(html)
    assert set(parser.rows) == {5}  # header and body rows keep the same number of cells
    assert not [a for a in parser.attrs if a[0].startswith("on")]


def test_inert_encodes_braces_but_not_json_ld():
    assert inert('<a href="https://x.org/{a}">{{ b }}</a>') == '<a href="https://x.org/&#123;a&#125;">&#123;&#123; b &#125;&#125;</a>'
    block = '<script type="application/ld+json">{"a":"{{"}</script>'
    assert inert(block) == block


def test_rendered_block_has_no_blank_or_indented_lines(dataset, renderer):
    html = renderer.html("timeline.html", view=timelines.timeline(dataset), jsonld=None, base="", edit_url="", links=NO_LINKS, t=i18n.words("en"))
    assert all(line and not line.startswith(" ") for line in html.splitlines())


def test_locator_map_places_dots_where_the_places_are(dataset):
    chart = charts.locator_map(dataset)
    west, south, east, north = charts.MAP_BOX
    # Tokyo is on the map, east of the middle; Kuala Lumpur is far off it and said to be.
    (tokyo,) = chart.markers
    assert chart.width / 2 < tokyo.x < chart.width and 0 < tokyo.y < chart.height
    assert "Kuala Lumpur" in chart.description and "Off the map" in chart.description
    assert chart.shapes and all(shape.d.startswith("M") and shape.d.endswith("Z") for shape in chart.shapes)


def test_publisher_links_the_correction_form_and_the_address(dataset, renderer):
    site = dataset.site.model_copy(update={"contact_email": "corrections@example.org"})
    with_email = dataclasses.replace(dataset, site=site)
    view = views.publisher(with_email, "https://github.com/owner/repo/")
    assert view.correction_form == "https://github.com/owner/repo/issues/new?template=correction.yml"
    assert view.mailto == "mailto:corrections@example.org?subject=Correction"
    html = renderer.html("publisher.html", p=view, t=i18n.words("en"))
    assert '<a href="mailto:corrections@example.org?subject=Correction">corrections@example.org</a>' in html
    assert "<strong>Fixture editors</strong>" in html


def test_publisher_without_repository_or_address_shows_no_empty_list(dataset, renderer):
    view = views.publisher(dataset, "")
    html = renderer.html("publisher.html", p=view, t=i18n.words("en"))
    assert view.email == "" and "<ul" not in html
