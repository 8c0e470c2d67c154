"""Pages made from data: the timeline and the sources list, split so that no page grows without bound.

A reader's first load must stay within budget however large the story grows, so the complete
timeline and the complete list of sources are split into pages of at most LIMIT records:

- the timeline by period: a year per page; a year with too many events by month; a month with
  too many by parts; consecutive short periods share a page ("1960–2024");
- the sources by publisher: consecutive publishers share a page; a publisher with too many
  sources gets a page per year, then parts.

/timeline/ and /sources/ stay as small index pages. Their published anchors
(`timeline/#<event-id>`, `sources/#source-<id>`) keep working: each index page is written with
an anchors.json that says where each record now is, and the site's script forwards the reader
there (macros/urls.py checks every promised anchor against it). The plan is a pure function of
the data, so both generators, the macros and the build pipeline compute the same one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from . import dates, i18n
from .dataset import Dataset, publisher_anchor

TIMELINE_LIMIT = 40
SOURCES_LIMIT = 60
TIMELINE_DIR, SOURCES_DIR = "timeline", "sources"


@dataclass(frozen=True)
class Part:
    """One generated page: where it lives, what it is called and which records it shows."""

    folder: str  # "timeline" or "sources"
    slug: str  # "2025-03-to-2025-10"
    label: str  # "March to October 2025"
    ids: tuple[str, ...]

    @property
    def src_uri(self) -> str:
        return f"{self.folder}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"{self.folder}/{self.slug}/"


@dataclass(frozen=True)
class _Unit:
    key: str  # sortable, and the slug's part: "2025", "2025-10", "2025-10-p2", "jiji-press", "jiji-press-2025"
    label: str
    ids: tuple[str, ...]
    level: str  # units merge only with units of the same level (and, for months, the same year)


def _split(units: list[_Unit], limit: int, finer: Callable[[_Unit], list[_Unit]]) -> list[_Unit]:
    """Units over the limit are cut into finer units (months, years), and those into parts."""
    out = []
    for unit in units:
        if len(unit.ids) <= limit:
            out.append(unit)
        else:
            for sub in finer(unit):
                out.extend(_in_parts(sub, limit))
    return out


def _in_parts(unit: _Unit, limit: int) -> list[_Unit]:
    if len(unit.ids) <= limit:
        return [unit]
    chunks = [unit.ids[i:i + limit] for i in range(0, len(unit.ids), limit)]
    return [_Unit(f"{unit.key}-part-{n}", f"{unit.label}, part {n}", chunk, f"parts-{unit.key}")
            for n, chunk in enumerate(chunks, 1)]


def _merge(units: list[_Unit], limit: int, join: Callable[[_Unit, _Unit], tuple[str, str]]) -> list[_Unit]:
    merged: list[_Unit] = []
    for unit in units:
        last = merged[-1] if merged else None
        if last and last.level == unit.level and len(last.ids) + len(unit.ids) <= limit:
            key, label = join(last, unit)
            merged[-1] = _Unit(key, label, last.ids + unit.ids, unit.level)
        else:
            merged.append(unit)
    return merged


# -- the timeline --------------------------------------------------------------------------

_ORDERED: dict[int, tuple[Dataset, list]] = {}


def event_order(dataset: Dataset) -> list:
    """Every event in the order it happened (events of one day by their `order`). Computed once
    per dataset: a build asks for it once per timeline page."""
    hit = _ORDERED.get(id(dataset))
    if hit is None or hit[0] is not dataset:
        ordered = sorted(dataset.events, key=lambda e: (dates.sort_key(e.date), e.order or 0, dates.sort_key(e.end or e.date), e.id))
        hit = _ORDERED[id(dataset)] = (dataset, ordered)
    return list(hit[1])


def _months(unit: _Unit, events_by_id: dict) -> list[_Unit]:
    year = unit.key
    months: dict[str, list[str]] = {}
    for eid in unit.ids:
        date = events_by_id[eid].date
        # An event known only to the year goes with January, which it sorts with.
        months.setdefault(date[:7] if len(date) >= 7 else f"{year}-01", []).append(eid)
    return [_Unit(key, dates.in_words(key), tuple(ids), f"month-{year}") for key, ids in months.items()]


def _join_periods(first: _Unit, last: _Unit) -> tuple[str, str]:
    start, end = first.key.split("-to-")[0], last.key.split("-to-")[-1]
    if first.level.startswith("month-"):
        year = start[:4]
        first_month = dates.MONTHS[int(start[5:7]) - 1]
        last_month = dates.MONTHS[int(end[5:7]) - 1]
        return f"{start}-to-{end}", f"{first_month} to {last_month} {year}"
    return f"{start}-to-{end}", f"{start}–{end}"


def plan_timeline(dataset: Dataset, limit: int = TIMELINE_LIMIT) -> tuple[Part, ...]:
    events = event_order(dataset)
    by_id = {e.id: e for e in events}
    years: dict[str, list[str]] = {}
    for event in events:
        years.setdefault(event.date[:4], []).append(event.id)
    units = [_Unit(year, year, tuple(ids), "year") for year, ids in years.items()]
    units = _split(units, limit, lambda u: _months(u, by_id))
    units = _merge(units, limit, _join_periods)
    return tuple(Part(TIMELINE_DIR, u.key, u.label, u.ids) for u in units)


# -- the sources ----------------------------------------------------------------------------

def _source_years(unit: _Unit, sources_by_id: dict) -> list[_Unit]:
    years: dict[str, list[str]] = {}
    for sid in unit.ids:
        years.setdefault(sources_by_id[sid].published[:4], []).append(sid)
    return [_Unit(f"{unit.key}-{year}", f"{unit.label}, {year}", tuple(ids), f"year-{unit.key}") for year, ids in years.items()]


def _join_publishers(first: _Unit, last: _Unit) -> tuple[str, str]:
    if first.level.startswith("year-"):
        # Years of one publisher: "Jiji Press, 2019 to 2025".
        name, start = first.label.split(" to ")[0].rsplit(", ", 1)
        end = last.label.rsplit(", ", 1)[-1]
        return f"{first.key.split('-to-')[0]}-to-{end}", f"{name}, {start} to {end}"
    first_label, last_label = first.label.split(" to ")[0], last.label.split(" to ")[-1]
    return first.key.split("-to-")[0] + "-to-" + last.key.split("-to-")[-1], f"{first_label} to {last_label}"


def publisher_sort_key(publisher: str) -> str:
    """Alphabetical as a reader looks for it: 'The Japan Times' under J."""
    return re.sub(r"^the\s+", "", publisher.strip().lower())


def source_order(dataset: Dataset) -> list:
    return sorted(dataset.sources, key=lambda s: (publisher_sort_key(s.publisher), s.publisher, dates.sort_key(s.published), s.id))


def _letters(label: str) -> str:
    first = publisher_sort_key(label.split(" to ")[0].split(", ")[0])[:1]
    last = publisher_sort_key(label.split(" to ")[-1].split(", ")[0])[:1]
    first, last = (c if c.isascii() and c.isalnum() else "x" for c in (first, last))
    return first if first == last else f"{first}-{last}"


# A generated page's title comes from publisher names only when they are plain words: a title
# reaches <title>, the header and the navigation, which Material prints without escaping.
_PLAIN_LABEL = re.compile(r"[^\W_](?:[\w ,.'’–-]*[^\W_.])?")


def _plain_label(label: str, slug: str) -> str:
    if _PLAIN_LABEL.fullmatch(label):
        return label
    first, _, last = slug.partition("-")
    return f"publishers {first.upper()} to {last.upper()}" if last and len(first) == 1 == len(last) else f"publishers ({slug})"


def plan_sources(dataset: Dataset, limit: int = SOURCES_LIMIT) -> tuple[Part, ...]:
    sources = source_order(dataset)
    by_id = {s.id: s for s in sources}
    publishers: dict[str, tuple[str, list[str]]] = {}
    for source in sources:
        slug = publisher_anchor(source.publisher).removeprefix("publisher-")
        publishers.setdefault(slug, (source.publisher, []))[1].append(source.id)
    units = [_Unit(slug, name, tuple(ids), "publisher") for slug, (name, ids) in publishers.items()]
    units = _split(units, limit, lambda u: _source_years(u, by_id))
    units = _merge(units, limit, _join_publishers)
    parts, used = [], set()
    for unit in units:
        # Pages of several publishers are named by letters ("a-f"); a publisher's own pages by its name.
        slug = _ascii_slug(unit.key) if unit.level.startswith(("year-", "parts-")) else _letters(unit.label)
        base, n = slug, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        parts.append(Part(SOURCES_DIR, slug, _plain_label(unit.label, slug), unit.ids))
    return tuple(parts)


def _ascii_slug(key: str) -> str:
    """Publisher anchors keep Japanese letters; page addresses are ASCII."""
    return key if key.isascii() else re.sub(r"[^a-z0-9-]+", "", key) or "publisher"


@dataclass(frozen=True)
class Plan:
    timeline: tuple[Part, ...]
    sources: tuple[Part, ...]

    def where(self, parts: Sequence[Part]) -> dict[str, Part]:
        return {rid: part for part in parts for rid in part.ids}

    @cached_property
    def event_part(self) -> dict[str, Part]:
        """The timeline page of each event."""
        return self.where(self.timeline)

    @cached_property
    def event_hrefs(self) -> dict[str, str]:
        """Each event's full entry, from the site root ('timeline/2025-03-to-2025-10/#id')."""
        return {eid: f"{part.url}#{eid}" for eid, part in self.event_part.items()}

    @cached_property
    def source_part(self) -> dict[str, Part]:
        """The sources page of each source."""
        return self.where(self.sources)

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.timeline + self.sources

    def part(self, src_uri: str) -> Part | None:
        return next((p for p in self.parts if p.src_uri == src_uri), None)


def plan(dataset: Dataset) -> Plan:
    timeline, sources = plan_timeline(dataset), plan_sources(dataset)
    slugs = [p.url for p in timeline + sources]
    assert len(slugs) == len(set(slugs)), "two generated pages share an address"
    return Plan(timeline, sources)


# -- the generated pages' Markdown -----------------------------------------------------------

def _front_matter(title: str, description: str, published: str, updated: str) -> str:
    # JSON is YAML: each value is one double-quoted scalar, whatever it holds.
    # Left out of the search index, which would otherwise grow with the data and be downloaded
    # whole on a reader's first search; the written pages tell the same story and are searched.
    return "\n".join(["---", f"title: {json.dumps(title)}", f"description: {json.dumps(description)}",
                      f"published: {json.dumps(published)}", f"updated: {json.dumps(updated)}",
                      "search:", "  exclude: true", "---", ""])


def markdown_text(text: str) -> str:
    """Text for a generated page's Markdown, as characters only: every ASCII punctuation mark
    becomes a numeric entity, so neither Jinja, Markdown, attr_list nor HTML reads it."""
    return "".join(f"&#{ord(c)};" if c.isascii() and not c.isalnum() and c != " " else c for c in text)


def part_label(part: Part, dataset: Dataset) -> str:
    """A generated page's name in the dataset's language. English names are made with the plan;
    Japanese ones are made from the same records: the period's dates, or the publishers' names."""
    if dataset.lang == "en":
        return part.label
    w = i18n.words(dataset.lang)
    if part.folder == TIMELINE_DIR:
        events = dataset.by_id("events")
        first, last = events[part.ids[0]].date, events[part.ids[-1]].date
        # The slug says what the period is: years ("2016-to-2025"), months ("2025-03-to-2025-10"), parts.
        number = re.search(r"-part-([0-9]+)$", part.slug)
        period = part.slug.removesuffix(number.group(0)) if number else part.slug
        start, _, end = period.partition("-to-")
        label = (w.date(start) if not end else
                 f"{start}〜{end}年" if len(start) == 4 else
                 f"{start[:4]}年{int(start[5:7])}〜{int(end[5:7])}月" if start[:4] == end[:4] else
                 f"{w.date(start)}〜{w.date(end)}")
        del first, last
        return w("part_n", label=label, n=number.group(1)) if number else label
    sources = dataset.by_id("sources")
    first, last = sources[part.ids[0]].publisher, sources[part.ids[-1]].publisher
    if first != last:
        return w("label_to", first=first, last=last)
    # One publisher over several pages: by years ("jiji-press-2019-to-2024"), then parts.
    years = re.search(r"-([0-9]{4})(?:-to-([0-9]{4}))?(?:-part-([0-9]+))?$", part.slug)
    if not years:
        return first
    span = f"{years.group(1)}〜{years.group(2)}年" if years.group(2) else f"{years.group(1)}年"
    label = f"{first}（{span}）"
    return w("part_n", label=label, n=years.group(3)) if years.group(3) else label


def _pager(parts: Sequence[Part], index: int, home: str, home_label: str, dataset: Dataset) -> str:
    w = i18n.words(dataset.lang)
    links = [f"[{markdown_text(home_label)}](../{home}.md)"]
    if index > 0:
        links.append(f"{markdown_text(w.earlier)} [{markdown_text(part_label(parts[index - 1], dataset))}]({parts[index - 1].slug}.md)")
    if index + 1 < len(parts):
        links.append(f"{markdown_text(w.later)} [{markdown_text(part_label(parts[index + 1], dataset))}]({parts[index + 1].slug}.md)")
    return " · ".join(links)


def markdown_pages(the_plan: Plan, dataset: Dataset) -> dict[str, str]:
    """{src_uri: Markdown} for every generated page, in the dataset's language. They hold only
    front matter, a heading, links between the parts and one macro call, so the pages a
    contributor writes and these follow the same rules."""
    site, w = dataset.site, i18n.words(dataset.lang)
    pages = {}
    events = dataset.by_id("events")
    for i, part in enumerate(the_plan.timeline):
        first, last = events[part.ids[0]], events[part.ids[-1]]
        label = part_label(part, dataset)
        title = w("timeline_part_title", label=label)
        description = w("timeline_part_description", n=len(part.ids), first=w.date(first.date), last=w.date(last.date))
        pages[part.src_uri] = (_front_matter(title, description, site.published, site.last_reviewed)
                               + f"\n# {markdown_text(title)} {{ #timeline-part }}\n\n"
                               + f"{_pager(the_plan.timeline, i, 'timeline', w.whole_timeline, dataset)}\n\n"
                               + f'{{{{ timeline_part("{part.slug}") }}}}\n')
    for i, part in enumerate(the_plan.sources):
        label = part_label(part, dataset)
        title = w("sources_part_title", label=label)
        description = w("sources_part_description", n=len(part.ids), label=label)
        pages[part.src_uri] = (_front_matter(title, description, site.published, site.last_reviewed)
                               + f"\n# {markdown_text(title)} {{ #sources-part }}\n\n"
                               + f"{_pager(the_plan.sources, i, 'sources', w.all_publishers, dataset)}\n\n"
                               + f'{{{{ sources_part("{part.slug}") }}}}\n')
    return pages


def anchor_maps(the_plan: Plan, dataset: Dataset) -> dict[str, dict[str, str]]:
    """{index page folder: {anchor: where it now is, relative to that page}} for the pages that forward."""
    timeline = {eid: f"{part.slug}/#{eid}" for part in the_plan.timeline for eid in part.ids}
    sources: dict[str, str] = {}
    lookup = dataset.by_id("sources")
    for part in the_plan.sources:
        for sid in part.ids:
            sources[f"source-{sid}"] = f"{part.slug}/#source-{sid}"
            anchor = publisher_anchor(lookup[sid].publisher)
            sources.setdefault(anchor, f"{part.slug}/#{anchor}")
            sources.setdefault(f"{anchor}-name", f"{part.slug}/#{anchor}-name")
    return {TIMELINE_DIR: timeline, SOURCES_DIR: sources}
