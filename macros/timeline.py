"""Timeline views: the events a timeline shows, in the order they happened, ready for a template.

- `timeline`: events chosen by thread and dates, for a timeline placed in a page;
- `timeline_part`: the events of one generated timeline page (macros/pages.py), by year;
- `timeline_index`: the small /timeline/ page: key moments and the list of periods;
- `timeline_jsonld`: schema.org ItemList for one page's events.

Each item links to its full entry, wherever the page plan put it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dates, i18n, models
from .dataset import Dataset
from .pages import Part, Plan, event_order
from .views import THREAD_LABELS, MacroArgError, SourceLink, source_links


@dataclass(frozen=True)
class TimelineItem:
    id: str
    date: str
    end: str | None
    end_words: str | None
    when: str
    time: str | None
    time_words: str | None
    key: bool
    title: str
    summary: str
    threads: tuple[tuple[str, str], ...]
    place: str | None
    people: tuple[str, ...]
    sources: tuple[SourceLink, ...]
    href: str  # the full entry, from the site root ('timeline/2025-03-to-2025-10/#id')


@dataclass(frozen=True)
class Year:
    year: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class Timeline:
    items: tuple[TimelineItem, ...]
    threads: tuple[tuple[str, str, int], ...]  # (slug, label, events shown) for the filter
    filterable: bool
    years: tuple[Year, ...] = ()  # set on full timeline pages, which show year headings
    total: int = 0  # events that matched, when a timeline placed in a page shows only some
    left_out: tuple[str, ...] = ()  # ids of the events that matched but are not shown

    @property
    def key_count(self) -> int:
        return sum(1 for i in self.items if i.key)


# A timeline placed in a page is a chronology at a glance, so it stays short however long the
# story grows: past this many events it shows the key moments and the latest, and says so.
EMBED_LIMIT = 20
# The key moments listed on /timeline/: the latest this many.
KEY_MOMENTS_LIMIT = 40


def _shortlist(events: list, limit: int) -> list:
    """At most `limit` events, in date order: the key ones first (the latest of them if there
    are too many), then the latest of the rest."""
    if len(events) <= limit:
        return events
    position = {e.id: n for n, e in enumerate(events)}
    key = [e for e in events if e.key][-limit:]
    chosen = {e.id for e in key}
    rest = [e for e in events if e.id not in chosen][-(limit - len(key)):] if len(key) < limit else []
    return sorted(key + rest, key=lambda e: position[e.id])


def _item(dataset: Dataset, event, href: str) -> TimelineItem:
    people, lang = dataset.by_id("people"), dataset.lang
    labels = i18n.words(lang).labels("thread")
    return TimelineItem(
        id=event.id, date=event.date, end=event.end, end_words=dates.in_words(event.end, lang=lang) if event.end else None,
        when=dates.range_in_words(event.date, event.end, lang=lang), time=event.time,
        time_words=dates.time_in_words(event.time, lang=lang) if event.time else None, key=event.key,
        title=event.title, summary=event.summary,
        threads=tuple((t, labels[t]) for t in event.threads),
        place=event.place, people=tuple(people[p].name for p in event.people),
        sources=source_links(dataset, event.sources), href=href,
    )


def _hrefs(plan: Plan | None) -> dict[str, str]:
    return plan.event_hrefs if plan is not None else {}


def _thread_counts(items, lang: str = "en") -> tuple[tuple[str, str, int], ...]:
    labels = i18n.words(lang).labels("thread")
    counts = ((slug, label, sum(1 for i in items if slug in dict(i.threads))) for slug, label in labels.items())
    return tuple(c for c in counts if c[2])


def _check_bound(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not models.PARTIAL_DATE_RE.fullmatch(value):
        raise MacroArgError(f"timeline(): {name}={value!r} is not a date like '2025-10-28', '2025-10' or '2025'")
    return value


def timeline(dataset: Dataset, thread: str | None = None, start: str | None = None, end: str | None = None,
             plan: Plan | None = None) -> Timeline:
    """The events of one thread or period, for a timeline placed in a page."""
    if thread is not None and thread not in THREAD_LABELS:
        raise MacroArgError(f"timeline(): unknown thread {thread!r}; use one of {', '.join(THREAD_LABELS)}")
    start, end = _check_bound("start", start), _check_bound("end", end)
    hrefs = _hrefs(plan)
    chosen = []
    for event in event_order(dataset):
        if thread and thread not in event.threads:
            continue
        if start and dates.sort_key(event.end or event.date) < dates.sort_key(start):
            continue
        # An end bound of '2022' includes every day of 2022.
        if end and event.date > end and not event.date.startswith(end):
            continue
        chosen.append(event)
    shown = _shortlist(chosen, EMBED_LIMIT)
    items = tuple(_item(dataset, e, hrefs.get(e.id, f"#{e.id}")) for e in shown)
    shown_ids = {e.id for e in shown}
    return Timeline(items=items, threads=_thread_counts(items, dataset.lang), filterable=False, total=len(chosen),
                    left_out=tuple(e.id for e in chosen if e.id not in shown_ids))


def timeline_part(dataset: Dataset, plan: Plan, slug: str) -> tuple[Part, Timeline]:
    """The events of one generated timeline page, under year headings, with the filter."""
    part = next((p for p in plan.timeline if p.slug == slug), None)
    if part is None:
        raise MacroArgError(f"timeline_part(): no timeline page {slug!r}")
    events = dataset.by_id("events")
    hrefs = _hrefs(plan)
    items = tuple(_item(dataset, events[eid], hrefs[eid]) for eid in part.ids)
    years: dict[str, list[TimelineItem]] = {}
    for item in items:
        years.setdefault(item.date[:4], []).append(item)
    return part, Timeline(items=items, threads=_thread_counts(items, dataset.lang), filterable=True,
                          years=tuple(Year(y, tuple(i)) for y, i in years.items()))


@dataclass(frozen=True)
class Period:
    url: str
    label: str
    count: int
    key_count: int
    first: str
    last: str


@dataclass(frozen=True)
class TimelineIndex:
    periods: tuple[Period, ...]
    key_moments: tuple[TimelineItem, ...]  # the latest KEY_MOMENTS_LIMIT
    latest: tuple[TimelineItem, ...]
    total: int
    key_total: int = 0


def timeline_index(dataset: Dataset, plan: Plan, latest: int = 10) -> TimelineIndex:
    events = dataset.by_id("events")
    hrefs = _hrefs(plan)
    periods = []
    for part in plan.timeline:
        chosen = [events[eid] for eid in part.ids]
        periods.append(Period(part.url, part.label, len(chosen), sum(1 for e in chosen if e.key),
                              dates.in_words(chosen[0].date, short=True, lang=dataset.lang),
                              dates.in_words(chosen[-1].date, short=True, lang=dataset.lang)))
    ordered = event_order(dataset)
    key = tuple(_item(dataset, e, hrefs[e.id]) for e in [e for e in ordered if e.key][-KEY_MOMENTS_LIMIT:])
    recent = tuple(_item(dataset, e, hrefs[e.id]) for e in reversed(ordered[-latest:]))
    return TimelineIndex(tuple(periods), key, recent, len(ordered), sum(1 for e in ordered if e.key))


def timeline_jsonld(view: Timeline, site_url: str, name: str) -> dict:
    """schema.org ItemList of a page's events, for search engines and link previews."""
    base = site_url.rstrip("/") + "/"
    items = []
    for position, item in enumerate(view.items, start=1):
        # Name, dates and link only: the summaries are on the page itself, and this block counts towards its weight.
        event = {"@type": "Event", "name": item.title, "startDate": item.date}
        if item.end:
            event["endDate"] = item.end
        items.append({"@type": "ListItem", "position": position, "url": base + item.href, "item": event})
    return {"@context": "https://schema.org", "@type": "ItemList", "name": name,
            "numberOfItems": len(items), "itemListElement": items}
