"""Chart geometry for SVG drawn at build time.

Each function returns a plain view model: shapes with positions and classes, the words a
screen reader hears, and the sources; the template only places what is here. The charts are
drawn for a phone: 360 units wide, so that on a 360-pixel screen one unit is about one pixel
and the smallest text (14 units) stays above 12 pixels. Every axis is a true scale, and every
bar or dot carries its label and value as text, so a chart can be read without hovering.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from . import dates, i18n, views
from .dataset import Dataset

WIDTH = 360
TEXT = 14  # smallest text, in units
LINE = 22  # height of one labelled row


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    css: str = ""
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Marker:
    kind: str  # square, circle, diamond, triangle
    x: float
    y: float
    css: str


@dataclass(frozen=True)
class Shape:
    d: str  # SVG path data
    css: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    rects: tuple[Rect, ...] = ()
    labels: tuple[Label, ...] = ()
    lines: tuple[Line, ...] = ()
    markers: tuple[Marker, ...] = ()
    legend: tuple[tuple[str, str, str], ...] = ()  # css, marker, label
    shapes: tuple[Shape, ...] = ()  # drawn first: the map's land
    table_intro: str = ""  # the words before the link to the chart's table, when not the usual ones
    note: str = ""
    table: views.Table | None = None
    sources: tuple[views.SourceLink, ...] = ()


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for mult in (1, 2, 2.5, 5, 10):
        if value <= step * mult:
            return step * mult
    return step * 10


def _ticks(top: float) -> list[float]:
    """Round values from 0 to top, four to six of them."""
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        if top / step <= 6:
            return [round(step * i, 6) for i in range(int(top / step + 1e-9) + 1)]
    return [0, top]


# -- Japan's defence budget: one row per fiscal year -----------------------------------------

def budget_chart(dataset: Dataset) -> Chart:
    w = i18n.words(dataset.lang)
    years = sorted(dataset.defence_budget, key=lambda b: b.fiscal_year)
    table = views.budget_table(dataset)
    label_w, value_w, top_pad = 58, 96, 28
    plot_w = WIDTH - label_w - value_w
    top = _nice_max(max((b.amount_yen_trillion for b in years), default=1))
    first = years[0].fiscal_year if years else 0
    span = range(first, years[-1].fiscal_year + 1) if years else range(0)
    by_year = {b.fiscal_year: b for b in years}
    rects, labels, lines = [], [], []
    for v in _ticks(top):
        x = label_w + plot_w * v / top
        lines.append(Line(x, top_pad - 6, x, top_pad + len(span) * LINE, "grid"))
        labels.append(Label(x, top_pad - 10, views.number(v), "tick", "middle"))
    for row, year in enumerate(span):
        y = top_pad + row * LINE
        labels.append(Label(0, y + 15, w("fiscal_year", year=year), "row-label"))
        b = by_year.get(year)
        if b is None:
            # A year with no reliable figure is shown as such, not skipped.
            labels.append(Label(label_w + 4, y + 15, w.chart_no_figure, "note"))
            continue
        bar = plot_w * b.amount_yen_trillion / top
        rects.append(Rect(label_w, y + 3, bar, LINE - 6, f"bar bar-{b.status}"))
        value = w("chart_budget_value", n=views.number(b.amount_yen_trillion, 2)) + (w.chart_draft_suffix if b.status == "draft" else "")
        labels.append(Label(label_w + bar + 4, y + 15, value, "value"))
    height = top_pad + len(span) * LINE + 6
    last = years[-1] if years else None
    description = (
        w("chart_budget_description", first=w("fiscal_year", year=first), last=w("fiscal_year", year=last.fiscal_year),
          low=views.number(years[0].amount_yen_trillion), high=views.number(last.amount_yen_trillion),
          draft=w.chart_a_draft if last.status == "draft" else "")
        if years else w.chart_no_data)
    return Chart("chart-defence-budget", w.chart_budget_title, description, WIDTH, height,
                 rects=tuple(rects), labels=tuple(labels), lines=tuple(lines),
                 legend=(("bar-enacted", "square", w.chart_enacted), ("bar-draft", "square", w.chart_draft)),
                 note=w.chart_budget_note, table=table, sources=table.sources)


# -- Defence spending as a share of GDP: one row per estimate, on a true % scale --------------

MARKERS = {"defence-budget": "square", "security-related": "circle", "nato-standard": "diamond", "sipri": "triangle"}


def share_chart(dataset: Dataset) -> Chart:
    w = i18n.words(dataset.lang)
    estimates = sorted(dataset.defence_share, key=lambda s: (s.year, dataset.english.by_id("defence_share")[s.id].period))
    table = views.share_table(dataset)
    if not estimates:
        return Chart("chart-defence-share", w.chart_share_title, w.chart_no_data, WIDTH, 40, table=table)
    top_pad, plot_left, plot_right = 28, 16, WIDTH - 58
    top = _nice_max(max(max(e.share_pct for e in estimates), 2.0) * 1.1)
    row_h = LINE * 2  # a label line above each dot

    def x_of(value: float) -> float:
        return plot_left + (plot_right - plot_left) * value / top

    labels, lines, markers = [], [], []
    bottom = top_pad + len(estimates) * row_h
    for v in _ticks(top):
        labels.append(Label(x_of(v), top_pad - 10, f"{views.number(v)}%", "tick", "middle"))
    for row, e in enumerate(estimates):
        y = top_pad + row * row_h
        # Grid and the 2% line run through each row's dot band only, never through its label.
        for v in _ticks(top):
            lines.append(Line(x_of(v), y + LINE, x_of(v), y + row_h, "grid"))
        lines.append(Line(x_of(2.0), y + LINE, x_of(2.0), y + row_h, "reference"))
        labels.append(Label(plot_left, y + 15, e.period, "row-label"))
        css = f"point point-{e.basis}" + (" point-target" if e.target else "")
        markers.append(Marker(MARKERS[e.basis], x_of(e.share_pct), y + LINE + 10, css))
        value = f"{views.number(e.share_pct)}%" + (w.chart_goal_suffix if e.target else "")
        # The value goes right of its dot, unless it would cross the 2% line; then left of it.
        if e.share_pct < 2.0 and x_of(e.share_pct) + 10 + 8 * len(value) > x_of(2.0) - 4:
            labels.append(Label(x_of(e.share_pct) - 10, y + LINE + 15, value, "value", "end"))
        else:
            labels.append(Label(x_of(e.share_pct) + 10, y + LINE + 15, value, "value"))
    used = list(dict.fromkeys(e.basis for e in estimates))
    legend = tuple((f"point-{b}", MARKERS[b], w.labels("basis")[b]) for b in used)
    description = w("chart_share_description", n=len(estimates), first=estimates[0].period, last=estimates[-1].period,
                    top=views.number(top))
    return Chart("chart-defence-share", w.chart_share_title, description, WIDTH, bottom + 8,
                 labels=tuple(labels), lines=tuple(lines), markers=tuple(markers), legend=legend,
                 note=w.chart_share_note,
                 table=table, sources=table.sources)


# -- Seats in the lower house: the majority, then every party by name ------------------------

SIDE_ORDER = {"government": 0, "partner": 1, "opposition": 2}


def seats_chart(dataset: Dataset) -> Chart:
    w = i18n.words(dataset.lang)
    snapshots = sorted(dataset.seats, key=lambda s: dates.sort_key(s.date))
    table = views.seats_table(dataset)
    name_w, value_w = 118, 40
    plot_w = WIDTH - name_w - value_w
    rects, labels, lines = [], [], []
    y = 0
    sentences = []
    for snap in snapshots:
        governing = sum(p.seats for p in snap.parties if p.side != "opposition")
        labels.append(Label(0, y + 16, snap.label, "snapshot-title"))
        labels.append(Label(0, y + 16 + LINE - 4, w("chart_seats_governing", governing=governing, total=snap.total, majority=snap.majority), "note"))
        y += 2 * LINE + 4
        # The whole house as one bar, with the majority marked below it, clear of the labels.
        scale = WIDTH / snap.total
        x = 0.0
        for party in sorted(snap.parties, key=lambda p: (SIDE_ORDER[p.side], -p.seats)):
            rects.append(Rect(x, y, party.seats * scale, 18, f"seg seg-{party.side}"))
            x += party.seats * scale
        other = snap.total - sum(p.seats for p in snap.parties)
        if other > 0:
            rects.append(Rect(x, y, other * scale, 18, "seg seg-other"))
        mx = snap.majority * scale
        lines.append(Line(mx, y - 4, mx, y + 26, "reference"))
        labels.append(Label(mx, y + 40, w("chart_majority", majority=snap.majority), "reference-label", "middle"))
        y += 52
        # Then each party on its own row, named, with its seats.
        party_scale = plot_w / snap.total
        for party in sorted(snap.parties, key=lambda p: (SIDE_ORDER[p.side], -p.seats)):
            labels.append(Label(0, y + 15, party.short or party.party, "row-label"))
            rects.append(Rect(name_w, y + 4, max(party.seats * party_scale, 1), LINE - 8, f"seg seg-{party.side}"))
            labels.append(Label(name_w + party.seats * party_scale + 4, y + 15, str(party.seats), "value"))
            y += LINE
        if other > 0:
            labels.append(Label(0, y + 15, w.chart_others, "row-label"))
            rects.append(Rect(name_w, y + 4, max(other * party_scale, 1), LINE - 8, "seg seg-other"))
            labels.append(Label(name_w + other * party_scale + 4, y + 15, str(other), "value"))
            y += LINE
        y += 18
        parts = (", " if w.lang == "en" else "、").join(w("chart_party_seats", party=p.short or p.party, seats=p.seats)
                                                        for p in sorted(snap.parties, key=lambda p: -p.seats))
        sentences.append(w("chart_seats_sentence", label=snap.label, governing=governing, total=snap.total, majority=snap.majority, parts=parts))
    total = snapshots[-1].total if snapshots else 465
    return Chart("chart-seats", w.chart_seats_title, ("" if w.lang == "ja" else " ").join(sentences), WIDTH, int(y),
                 rects=tuple(rects), labels=tuple(labels), lines=tuple(lines),
                 legend=(("seg-government", "square", w.labels("side")["government"]), ("seg-partner", "square", w.labels("side")["partner"]),
                         ("seg-opposition", "square", w.labels("side")["opposition"]), ("seg-other", "square", w.chart_others_vacancies)),
                 note=w("chart_seats_note", total=total),
                 table=table, sources=table.sources)


# -- Where it happened: a locator map drawn from coastline data, no tiles ---------------------

BASEMAP = Path(__file__).resolve().parent / "geo" / "east-asia-land.json"
MAP_BOX = (123.0, 30.0, 146.0, 43.0)  # west, south, east, north: Japan and the Korean Peninsula


def locator_map(dataset: Dataset) -> Chart:
    """The visit's places on a map of Japan and Korea. An equirectangular projection scaled by
    the cosine of the middle latitude, which at this size is as true as any other."""
    w = i18n.words(dataset.lang)
    table = views.places_table(dataset)
    west, south, east, north = MAP_BOX
    stretch = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * stretch)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * stretch * scale, (north - lat) * scale

    land = json.loads(BASEMAP.read_text(encoding="utf-8"))["rings"]
    shapes = []
    for ring in land:
        points = [xy(lon, lat) for lon, lat in ring]
        shapes.append(Shape("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z", "land"))
    markers, labels, on_map, off_map = [], [], [], []
    for place in dataset.places:
        x, y = xy(place.lon, place.lat)
        if not (0 <= x <= WIDTH and 0 <= y <= height):
            off_map.append(place.name)
            continue
        on_map.append(place.name)
        markers.append(Marker("circle", x, y, "place"))
    # Labels sit beside their dot, on the side with room; places close together share a side.
    for place in dataset.places:
        x, y = xy(place.lon, place.lat)
        if place.name in off_map:
            continue
        left = x > WIDTH * 0.6
        close_above = any(other.id != place.id and abs(xy(other.lon, other.lat)[0] - x) < 30 and 0 < xy(other.lon, other.lat)[1] - y < 16
                          for other in dataset.places)
        close_below = any(other.id != place.id and abs(xy(other.lon, other.lat)[0] - x) < 30 and 0 < y - xy(other.lon, other.lat)[1] < 16
                          for other in dataset.places)
        dy = -6 if close_above else 16 if close_below else 5
        labels.append(Label(x - 10 if left else x + 10, y + dy, place.name, "place-label", "end" if left else "start"))
    separator = "、" if w.lang == "ja" else ", "
    description = w("map_description", places=separator.join(on_map),
                    off=w("map_off", places=separator.join(off_map)) if off_map else "").strip()
    return Chart("chart-locator-map", w.map_title, description, WIDTH, height, labels=tuple(labels),
                 markers=tuple(markers), shapes=tuple(shapes), note=w.map_note, table=table, sources=table.sources,
                 table_intro=w.map_table_link_before)
