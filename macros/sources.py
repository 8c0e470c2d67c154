"""Source views: the list of sources (on its generated pages) and the small /sources/ index.

Each source shows what cites it: pages (from the pages' own cite() calls), table rows and
timeline events, linked to where the page plan (macros/pages.py) and the pages themselves
put them. `Links` is that map of the site, so no view links to a fixed path.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dates
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

# Where each dataset is shown: its macros, and the label a "Cited by" link uses.
DATASET_PLACES = {
    "defence_budget": (("budget_table", "budget_chart"), "Defence budget table"),
    "defence_share": (("share_table", "share_chart"), "Share-of-GDP table"),
    "seats": (("seats_table", "seats_chart"), "Seats table"),
    "trade_terms": (("trade_terms_table",), "Trade terms table"),
    "agreements": (("agreements_table",), "Signed documents table"),
    "claims": (("claims_table", "claims_summary"), "Fact check"),
    "people": (("people", "people_table"), "Who's who"),
    "key_facts": (("key_facts",), "Key facts"),
    "key_numbers": (("key_numbers",), "Key numbers"),
    "standings": (("where_things_stand",), "Where things stand"),
    "watch": (("watch_list",), "What to watch"),
    "glossary": (("glossary",), "Glossary"),
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
    anchors = {spec.name: spec.anchor for spec in RECORD_FILES}
    cited: dict[str, list[tuple[str, str]]] = {k: list(v) for k, v in citations.items()}
    for event in dataset.events:
        href = links.event(event.id)
        if href is None:
            continue
        for sid in event.sources:
            # The event's date keeps this list short; the link leads to the event itself.
            cited.setdefault(sid, []).append((f"event of {dates.in_words(event.date, short=True)}", href))
    for name, (macros, label) in DATASET_PLACES.items():
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
                 ids: tuple[str, ...] | None = None) -> tuple[PublisherGroup, ...]:
    """The sources with these ids (all when None), grouped by publisher in reading order."""
    lookup = dataset.by_id("sources")
    wanted = set(ids) if ids is not None else None
    groups: dict[str, list[SourceEntry]] = {}
    for source in source_order(dataset):
        if wanted is not None and source.id not in wanted:
            continue
        replaced = tuple((links.source(sid) or f"#source-{sid}",
                          f"{lookup[sid].publisher}, {dates.in_words(lookup[sid].published, short=True)}") for sid in source.superseded_by)
        groups.setdefault(source.publisher, []).append(
            SourceEntry(source_link(source), source.kind, source.note, uses.get(source.id, ()), replaced))
    return tuple(PublisherGroup(p, publisher_anchor(p), tuple(s)) for p, s in groups.items())


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


def sources_index(dataset: Dataset, links: Links) -> SourcesIndex:
    counts: dict[str, int] = {}
    for source in dataset.sources:
        counts[source.publisher] = counts.get(source.publisher, 0) + 1
    first: dict[str, str] = {}
    for source in source_order(dataset):
        first.setdefault(source.publisher, source.id)
    publishers = tuple(
        PublisherLine(name, counts[name], (links.source(first[name]) or "").split("#")[0] + "#" + publisher_anchor(name))
        for name in sorted(counts, key=lambda n: (publisher_sort_key(n), n)))
    primary = tuple((source_link(s), links.source(s.id) or "") for s in source_order(dataset) if s.kind == "primary")
    copies = sum(1 for s in dataset.sources if s.outlet)
    return SourcesIndex(len(dataset.sources), publishers, primary, copies)
