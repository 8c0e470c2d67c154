"""Source views: the list of sources (on its generated pages) and the small /sources/ index.

Each source shows what cites it: pages (from the pages' own cite() calls), table rows and
timeline events, linked to where the page plan (macros/pages.py) and the pages themselves
put them. `Links` is that map of the site, so no view links to a fixed path.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from .dataset import RECORD_FILES, Dataset, publisher_anchor
from .pages import Plan, publisher_sort_key, source_order
from .views import SourceLink, source_link


@dataclass(frozen=True)
class Links:
    """Where things are on this site: site-relative hrefs ('' is the home page)."""

    placed: dict[str, str]  # macro name -> href of the first page that calls it
    plan: Plan | None = None

    def page(self, *macros: str) -> str | None:
        return next((self.placed[m] for m in macros if m in self.placed), None)

    def event(self, event_id: str) -> str | None:
        if self.plan is None:
            return None
        part = self.plan.event_part.get(event_id)
        return f"{part.url}#{event_id}" if part else None

    def source(self, source_id: str) -> str | None:
        if self.plan is None:
            return None
        part = self.plan.source_part.get(source_id)
        return f"{part.url}#source-{source_id}" if part else None

    @property
    def timeline_page(self) -> str | None:
        return self.page("timeline_periods")


NO_LINKS = Links({})

# Where each dataset is shown: its macros; the label a "Cited by" link uses is in macros/i18n.py.
DATASET_PLACES = {
    "defence_budget": ("budget_table", "budget_chart"),
    "defence_share": ("share_table", "share_chart"),
    "seats": ("seats_table", "seats_chart"),
    "trade_terms": ("trade_terms_table",),
    "agreements": ("agreements_table",),
    "claims": ("claims_table", "claims_summary"),
    "people": ("people", "people_table"),
    "key_facts": ("key_facts",),
    "key_numbers": ("key_numbers",),
    "standings": ("where_things_stand",),
    "watch": ("watch_list",),
    "glossary": ("glossary",),
    "places": ("places_table", "locator_map"),
}


@dataclass(frozen=True)
class SourceEntry:
    link: SourceLink
    kind: str
    note: str | None
    cited_by: tuple[tuple[str, str], ...]  # (label, site-relative href)
    superseded_by: tuple[tuple[str, str], ...] = ()  # (href, publisher and date)


@dataclass(frozen=True)
class PublisherGroup:
    publisher: str
    anchor: str
    sources: tuple[SourceEntry, ...]


def cited_by(dataset: Dataset, citations: dict[str, list[tuple[str, str]]], links: Links) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each source id, what cites it: (label, href), one link per destination.

    citations maps a source id to (label, href) pairs collected from the pages' cite() calls.
    """
    w = i18n.words(dataset.lang)
    anchors = {spec.name: spec.anchor for spec in RECORD_FILES}
    cited: dict[str, list[tuple[str, str]]] = {k: list(v) for k, v in citations.items()}
    for event in dataset.events:
        href = links.event(event.id)
        if href is None:
            continue
        for sid in event.sources:
            # The event's date keeps this list short; the link leads to the event itself.
            cited.setdefault(sid, []).append((w("event_of", date=w.date(event.date, short=True)), href))
    for name, macros in DATASET_PLACES.items():
        label = w.labels("place")[name]
        page = links.page(*macros)
        if page is None:
            continue
        for record in dataset.records[name]:
            anchor = anchors.get(name)
            href = f"{page}#{anchor.format(id=record.id)}" if anchor else page
            for sid in record.sources:
                # One link per table: the first of its records that cites the source.
                if not any(lbl == label and h.split("#")[0] == page for lbl, h in cited.setdefault(sid, [])):
                    cited[sid].append((label, href))
    out = {}
    for sid, uses in cited.items():
        seen, unique = set(), []
        for label, href in uses:
            if href not in seen:
                seen.add(href)
                unique.append((label, href))
        out[sid] = tuple(unique)
    return out


def sources_list(dataset: Dataset, uses: dict[str, tuple[tuple[str, str], ...]], links: Links,
                 ids: tuple[str, ...] | None = None, english: Dataset | None = None) -> tuple[PublisherGroup, ...]:
    """The sources with these ids (all when None), grouped by publisher in reading order. The
    order and the publisher anchors come from the English records (`english`), so that both
    editions list and link the same way."""
    english = english or dataset
    lookup, shown = english.by_id("sources"), dataset.by_id("sources")
    w = i18n.words(dataset.lang)
    wanted = set(ids) if ids is not None else None
    groups: dict[str, list[SourceEntry]] = {}
    names: dict[str, str] = {}
    for source in source_order(english):
        if wanted is not None and source.id not in wanted:
            continue
        here = shown[source.id]
        replaced = tuple((links.source(sid) or f"#source-{sid}",
                          f"{shown[sid].publisher}{w.list_separator if w.lang == 'en' else '、'}{w.date(lookup[sid].published, short=True)}")
                         for sid in source.superseded_by)
        names.setdefault(source.publisher, here.publisher)
        groups.setdefault(source.publisher, []).append(
            SourceEntry(source_link(here, dataset.lang), here.kind, here.note, uses.get(source.id, ()), replaced))
    return tuple(PublisherGroup(names[p], publisher_anchor(p), tuple(s)) for p, s in groups.items())


@dataclass(frozen=True)
class PublisherLine:
    publisher: str
    count: int
    href: str


@dataclass(frozen=True)
class SourcesIndex:
    total: int
    publishers: tuple[PublisherLine, ...]
    primary: tuple[tuple[SourceLink, str], ...]  # (link, where it is listed)
    copies: int


def sources_index(dataset: Dataset, links: Links, english: Dataset | None = None) -> SourcesIndex:
    english = english or dataset
    shown = dataset.by_id("sources")
    counts: dict[str, int] = {}
    for source in english.sources:
        counts[source.publisher] = counts.get(source.publisher, 0) + 1
    first: dict[str, str] = {}
    for source in source_order(english):
        first.setdefault(source.publisher, source.id)
    publishers = tuple(
        PublisherLine(shown[first[name]].publisher, counts[name],
                      (links.source(first[name]) or "").split("#")[0] + "#" + publisher_anchor(name))
        for name in sorted(counts, key=lambda n: (publisher_sort_key(n), n)))
    primary = tuple((source_link(shown[s.id], dataset.lang), links.source(s.id) or "")
                    for s in source_order(english) if s.kind == "primary")
    copies = sum(1 for s in dataset.sources if s.outlet)
    return SourcesIndex(len(dataset.sources), publishers, primary, copies)
