"""Chart geometry for SVG drawn at build time.

Each function returns a plain view model (positions, labels, the numbers
behind the chart and its sources); the templates only place what is here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import dates, views
from .dataset import Dataset

# A narrow drawing, so that its text stays legible when a phone scales it down.
WIDTH, HEIGHT = 420, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 22, 34


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_label: str
    css: str


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value_label: str
    css: str
    marker: str


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    label: str
    css: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: tuple[Bar, ...] = ()
    points: tuple[Point, ...] = ()
    segments: tuple[Segment, ...] = ()
    y_ticks: tuple[Tick, ...] = ()
    x_ticks: tuple[Tick, ...] = ()
    lines: tuple[tuple[float, float, float, float, str, str], ...] = ()  # x1, y1, x2, y2, css, label
    legend: tuple[tuple[str, str, str], ...] = ()  # css, marker, label
    table: views.Table | None = None
    sources: tuple[views.SourceLink, ...] = ()
    axis_label: str = ""
    left: int = LEFT
    right: int = WIDTH - RIGHT


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** math.floor(math.log10(value))
    for mult in (1, 2, 2.5, 5, 10):
        if value <= step * mult:
            return step * mult
    return step * 10


def budget_chart(dataset: Dataset) -> Chart:
    years = sorted(dataset.defence_budget, key=lambda b: b.fiscal_year)
    table = views.budget_table(dataset)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max((b.amount_yen_trillion for b in years), default=1) * 1.05)
    first_year = years[0].fiscal_year if years else 0
    span = (years[-1].fiscal_year - first_year + 1) if years else 1
    # Bars sit at their year's position, so a missing year shows as a gap.
    slot = plot_w / span
    bars = []
    for b in years:
        i = b.fiscal_year - first_year
        h = plot_h * b.amount_yen_trillion / top
        bars.append(Bar(LEFT + i * slot + slot * 0.15, TOP + plot_h - h, slot * 0.7, h,
                        str(b.fiscal_year) if span <= 8 or i % 2 == 0 else "",
                        views.number(b.amount_yen_trillion, 2), f"bar bar-{b.status}"))
    ticks = tuple(Tick(TOP + plot_h - plot_h * v / top, views.number(v)) for v in _ticks(top))
    first, last = (years[0], years[-1]) if years else (None, None)
    description = (
        f"Bar chart of Japan's initial defence budget from FY{first.fiscal_year} to FY{last.fiscal_year}, "
        f"rising from ¥{views.number(first.amount_yen_trillion)} trillion to ¥{views.number(last.amount_yen_trillion)} trillion"
        f"{' (a draft)' if last.status == 'draft' else ''}. The exact figures are in the table below the chart."
        if years else "No data.")
    return Chart("chart-defence-budget", "Japan's initial defence budget, ¥ trillion", description, WIDTH, HEIGHT,
                 bars=tuple(bars), y_ticks=ticks,
                 legend=(("bar-enacted", "square", "Enacted budget"), ("bar-draft", "square", "Draft budget")),
                 table=table, sources=table.sources, axis_label="Fiscal year (April to March)")


def _ticks(top: float) -> list[float]:
    step = top / 5
    return [round(step * i, 6) for i in range(6)]


MARKERS = {"defence-budget": "square", "security-related": "circle", "nato-standard": "diamond", "sipri": "triangle"}


def share_chart(dataset: Dataset) -> Chart:
    points_data = sorted(dataset.defence_share, key=lambda s: (s.year, s.period))
    table = views.share_table(dataset)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if not points_data:
        return Chart("chart-defence-share", "Defence spending as a share of GDP", "No data.", WIDTH, HEIGHT, table=table)
    years = [p.year for p in points_data]
    top = _nice_max(max(p.share_pct for p in points_data) * 1.15)
    # One column per estimate, in date order: the years are decades apart, and a time axis
    # would squeeze the recent estimates, which are the ones that differ, into one spot.
    slot = plot_w / len(points_data)

    def x_of(index: int) -> float:
        return LEFT + slot * (index + 0.5)

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    points = []
    for index, p in enumerate(points_data):
        css = f"point point-{p.basis}" + (" point-target" if p.target else "")
        points.append(Point(x_of(index), y_of(p.share_pct), p.period, f"{views.number(p.share_pct)}%", css, MARKERS[p.basis]))
    x_ticks = tuple(Tick(x_of(i), str(p.year)) for i, p in enumerate(points_data))
    y_ticks = tuple(Tick(y_of(v), f"{views.number(v)}%") for v in _ticks(top))
    lines = ((LEFT, y_of(2.0), LEFT + plot_w, y_of(2.0), "reference", "2% of GDP"),) if top >= 2 else ()
    used = []
    for p in points_data:
        if p.basis not in used:
            used.append(p.basis)
    legend = tuple((f"point-{b}", MARKERS[b], views.BASIS_LABELS[b]) for b in used)
    description = (
        f"Dot chart of {len(points)} estimates of Japan's defence or security spending as a share of GDP, "
        f"{min(years)} to {max(years)}, one column per estimate in date order. Each point is marked by its basis, "
        "because the bases differ; "
        "a dashed line marks 2% of GDP. The figures and their bases are in the table below the chart.")
    return Chart("chart-defence-share", "Defence and security spending, % of GDP, by basis", description, WIDTH, HEIGHT,
                 points=tuple(points), x_ticks=x_ticks, y_ticks=y_ticks, lines=lines, legend=legend,
                 table=table, sources=table.sources, axis_label="year of each estimate, in date order (not to scale)")


SIDE_ORDER = {"government": 0, "partner": 1, "opposition": 2}


def seats_chart(dataset: Dataset) -> Chart:
    snapshots = sorted(dataset.seats, key=lambda s: dates.sort_key(s.date))
    table = views.seats_table(dataset)
    row_h, gap, label_w = 30, 40, 0
    height = TOP + len(snapshots) * (row_h + gap) + 10
    plot_w = WIDTH - LEFT - RIGHT
    segments, lines, labels = [], [], []
    for i, snap in enumerate(snapshots):
        y = TOP + i * (row_h + gap) + 14
        x = LEFT + label_w
        scale = plot_w / snap.total
        for party in sorted(snap.parties, key=lambda p: (SIDE_ORDER[p.side], -p.seats)):
            w = party.seats * scale
            segments.append(Segment(x, y, w, row_h, f"{party.party}: {party.seats}", f"seg seg-{party.side}"))
            x += w
        other = snap.total - sum(p.seats for p in snap.parties)
        if other:
            segments.append(Segment(x, y, other * scale, row_h, f"Others and vacancies: {other}", "seg seg-other"))
        mx = LEFT + snap.majority * scale
        lines.append((mx, y - 6, mx, y + row_h + 6, "reference", f"Majority: {snap.majority}"))
        governing = sum(p.seats for p in snap.parties if p.side != "opposition")
        labels.append(Tick(y - 6, f"{snap.label}: governing side {governing} of {snap.total}"))
    description = " ".join(
        f"{s.label}: the governing side held {sum(p.seats for p in s.parties if p.side != 'opposition')} of {s.total} seats; a majority is {s.majority}."
        for s in snapshots) + " Seat counts by party are in the table below the chart."
    return Chart("chart-seats", "House of Representatives: seats by side", description, WIDTH, height,
                 segments=tuple(segments), lines=tuple(lines), y_ticks=tuple(labels),
                 legend=(("seg-government", "square", "Government"), ("seg-partner", "square", "Partner outside the cabinet"),
                         ("seg-opposition", "square", "Opposition"), ("seg-other", "square", "Others")),
                 table=table, sources=table.sources)
