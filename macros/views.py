"""View models: small, frozen structures computed from the dataset for one output.

These are pure functions of the Dataset and the macro arguments. Templates
present them; nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from . import dates, models
from .dataset import Dataset


class MacroArgError(ValueError):
    """A macro was called with an argument it cannot use."""


THREAD_LABELS = {
    "visit": "The visit",
    "abe-trump": "Abe and Trump",
    "security": "Security",
    "trade": "Trade",
    "politics": "Politics at home",
    "aftermath": "Aftermath",
}
assert set(THREAD_LABELS) == set(get_args(models.Thread))

VERDICT_LABELS = {
    "false": "False",
    "misleading": "Misleading",
    "partly-accurate": "Partly accurate",
    "accurate": "Accurate",
    "unproven": "Unproven",
}
STATUS_LABELS = {
    "in-force": "In force",
    "signed": "Signed",
    "pledged": "Pledged",
    "disputed": "Disputed",
    "not-agreed": "Not agreed",
    "enacted": "Enacted",
    "draft": "Draft",
}
BASIS_LABELS = {
    "defence-budget": "Defence ministry budget only",
    "security-related": "Security-related spending (the 2% target's basis)",
    "nato-standard": "NATO-standard estimate",
    "sipri": "SIPRI military expenditure (calendar year)",
}
SIDE_LABELS = {"government": "Government", "partner": "Partner outside the cabinet", "opposition": "Opposition"}
COUNTRY_LABELS = {"japan": "Japan", "united-states": "United States", "other": "Other"}


@dataclass(frozen=True)
class SourceLink:
    id: str
    publisher: str
    title: str
    url: str
    date: str
    outlet: str | None
    date_short: str = ""


@dataclass(frozen=True)
class TimelineItem:
    id: str
    date: str
    end: str | None
    when: str
    title: str
    summary: str
    threads: tuple[tuple[str, str], ...]
    place: str | None
    people: tuple[str, ...]
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class Timeline:
    items: tuple[TimelineItem, ...]
    threads: tuple[tuple[str, str, int], ...]
    filterable: bool


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    sources: tuple[SourceLink, ...]
    dataset: str
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    id: str | None
    cells: tuple[str, ...]
    sources: tuple[SourceLink, ...] = ()
    css: str | None = None


def source_link(source: models.Source) -> SourceLink:
    return SourceLink(source.id, source.publisher, source.title, source.url,
                      dates.in_words(source.published), source.outlet, dates.in_words(source.published, short=True))


def source_links(dataset: Dataset, ids) -> tuple[SourceLink, ...]:
    lookup = dataset.by_id("sources")
    return tuple(source_link(lookup[i]) for i in ids)


def cite(dataset: Dataset, *ids: str) -> tuple[SourceLink, ...]:
    if not ids:
        raise MacroArgError("cite() needs at least one source id")
    lookup = dataset.by_id("sources")
    missing = [i for i in ids if i not in lookup]
    if missing:
        raise MacroArgError(f"cite(): {', '.join(repr(m) for m in missing)} is not defined in data/sources.yaml")
    if len(set(ids)) != len(ids):
        raise MacroArgError("cite(): the same source is named twice")
    return tuple(source_link(lookup[i]) for i in ids)


def _check_bound(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not models.PARTIAL_DATE_RE.match(value):
        raise MacroArgError(f"timeline(): {name}={value!r} is not a date like '2025-10-28', '2025-10' or '2025'")
    return value


def timeline(dataset: Dataset, thread: str | None = None, start: str | None = None,
             end: str | None = None) -> Timeline:
    if thread is not None and thread not in THREAD_LABELS:
        raise MacroArgError(f"timeline(): unknown thread {thread!r}; use one of {', '.join(THREAD_LABELS)}")
    start, end = _check_bound("start", start), _check_bound("end", end)
    people = dataset.by_id("people")
    chosen = []
    for event in dataset.events:
        if thread and thread not in event.threads:
            continue
        if start and dates.sort_key(event.end or event.date) < dates.sort_key(start):
            continue
        # An end bound of '2022' includes every day of 2022.
        if end and event.date > end and not event.date.startswith(end):
            continue
        chosen.append(event)
    chosen.sort(key=lambda e: (dates.sort_key(e.date), dates.sort_key(e.end or e.date), e.id))
    items = tuple(
        TimelineItem(
            id=e.id, date=e.date, end=e.end, when=dates.range_in_words(e.date, e.end),
            title=e.title, summary=e.summary,
            threads=tuple((t, THREAD_LABELS[t]) for t in e.threads),
            place=e.place, people=tuple(people[p].name for p in e.people),
            sources=source_links(dataset, e.sources),
        )
        for e in chosen
    )
    counts = tuple(
        (slug, label, sum(1 for i in items if slug in dict(i.threads)))
        for slug, label in THREAD_LABELS.items()
    )
    return Timeline(items=items, threads=tuple(c for c in counts if c[2]), filterable=thread is None)


def _all_sources(dataset: Dataset, records) -> tuple[SourceLink, ...]:
    seen: dict[str, None] = {}
    for record in records:
        for sid in record.sources:
            seen.setdefault(sid)
    return source_links(dataset, seen)


def number(value: float, places: int = 2) -> str:
    """A figure without trailing zeros: 5.40 -> '5.4'."""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def budget_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(b.id, (f"FY{b.fiscal_year}", number(b.amount_yen_trillion, 3), STATUS_LABELS[b.status], b.change or "", b.note or ""),
            source_links(dataset, b.sources))
        for b in sorted(dataset.defence_budget, key=lambda b: b.fiscal_year)
    )
    return Table("Japan's initial defence budget by fiscal year (¥ trillion)",
                 ("Fiscal year", "¥ trillion", "Status", "Change", "Note"), rows,
                 _all_sources(dataset, dataset.defence_budget), "defence_budget", numeric=(1,))


def share_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(s.id, (s.period, f"{number(s.share_pct)}%", BASIS_LABELS[s.basis] + (" (target)" if s.target else ""), s.note or ""),
            source_links(dataset, s.sources))
        for s in sorted(dataset.defence_share, key=lambda s: (s.year, s.period))
    )
    return Table("Defence and security spending as a share of GDP, by basis",
                 ("Year", "Share of GDP", "Basis", "Note"), rows,
                 _all_sources(dataset, dataset.defence_share), "defence_share", numeric=(1,))


def seats_table(dataset: Dataset) -> Table:
    snapshots = sorted(dataset.seats, key=lambda s: dates.sort_key(s.date))
    parties: dict[str, str] = {}
    for snap in snapshots:
        for p in snap.parties:
            parties.setdefault(p.id, p.party)
    headers = ("Party",) + tuple(f"{s.label} ({dates.in_words(s.date)})" for s in snapshots)
    rows = []
    for pid, name in parties.items():
        cells = [name]
        for snap in snapshots:
            match = next((p for p in snap.parties if p.id == pid), None)
            cells.append(f"{match.seats} ({SIDE_LABELS[match.side].lower()})" if match else "—")
        rows.append(Row(f"seats-{pid}", tuple(cells)))
    rows.append(Row(None, ("Majority needed",) + tuple(f"{s.majority} of {s.total}" for s in snapshots), css="total"))
    rows.append(Row(None, ("Government and partners",) + tuple(
        str(sum(p.seats for p in s.parties if p.side != "opposition")) for s in snapshots), css="total"))
    return Table("Seats in the House of Representatives", headers, tuple(rows),
                 _all_sources(dataset, snapshots), "seats", numeric=tuple(range(1, len(headers))))


def trade_terms_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(t.id, (t.topic, t.term, t.detail, STATUS_LABELS[t.status], dates.in_words(t.date)), source_links(dataset, t.sources))
        for t in dataset.trade_terms
    )
    return Table("Terms of the US–Japan trade deal and what followed",
                 ("Topic", "Term", "Detail", "Status", "Date"), rows,
                 (), "trade_terms")


def agreements_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(a.id, (a.title, dates.in_words(a.date), a.place, "; ".join(a.signed_by), a.summary, a.binding),
            source_links(dataset, a.sources))
        for a in sorted(dataset.agreements, key=lambda a: (dates.sort_key(a.date), a.id))
    )
    return Table("Documents signed during the visit",
                 ("Document", "Date", "Place", "Signed by", "What it does", "How binding"), rows,
                 (), "agreements")


def claims_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(c.id, (c.claim, VERDICT_LABELS[c.verdict], c.correction), source_links(dataset, c.sources), css=f"verdict-{c.verdict}")
        for c in dataset.claims
    )
    return Table("Claims in circulating copies of the pre-summit story",
                 ("Claim", "Verdict", "What is correct"), rows, (), "claims")


def people_table(dataset: Dataset) -> Table:
    rows = tuple(
        Row(f"person-{p.id}", (p.name + (f" ({p.name_local})" if p.name_local else ""), COUNTRY_LABELS[p.country], p.role),
            source_links(dataset, p.sources))
        for p in dataset.people
    )
    return Table("People in the story", ("Name", "Country", "Role"), rows, (), "people")


@dataclass(frozen=True)
class KeyFactView:
    id: str
    label: str
    value: str
    detail: str | None
    sources: tuple[SourceLink, ...]


def key_facts(dataset: Dataset) -> tuple[KeyFactView, ...]:
    return tuple(
        KeyFactView(f.id, f.label, f.value, f.detail, source_links(dataset, f.sources))
        for f in dataset.key_facts
    )


@dataclass(frozen=True)
class PublisherGroup:
    publisher: str
    anchor: str
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class SourceEntry:
    link: SourceLink
    kind: str
    note: str | None
    cited_by: tuple[tuple[str, str], ...]  # (label, site-relative href)


def _slug(text: str) -> str:
    # \w keeps Japanese and other scripts, so two such publishers never share an id.
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-") or "publisher"


def sources_list(dataset: Dataset, citations: dict[str, list[tuple[str, str]]]) -> tuple[PublisherGroup, ...]:
    """Every source grouped by publisher, with what cites it.

    citations maps a source id to (label, href) pairs collected from the pages.
    """
    cited: dict[str, list[tuple[str, str]]] = {k: list(v) for k, v in citations.items()}
    for event in dataset.events:
        for sid in event.sources:
            # The event's date keeps this list short; the link leads to the event itself.
            cited.setdefault(sid, []).append((f"event of {dates.in_words(event.date, short=True)}", f"timeline/#{event.id}"))
    pages = {"defence_budget": ("Defence budget table", "security/"), "defence_share": ("Share-of-GDP table", "security/"),
             "seats": ("Seats table", "politics/"), "trade_terms": ("Trade terms table", "trade/"),
             "agreements": ("Signed documents table", "talks/"), "claims": ("Fact check", "fact-check/"),
             "people": ("People", "talks/"), "key_facts": ("Key facts", "")}
    for name, (label, href) in pages.items():
        for record in dataset.records[name]:
            for sid in record.sources:
                entry = (label, href)
                if entry not in cited.setdefault(sid, []):
                    cited[sid].append(entry)
    groups: dict[str, list[SourceEntry]] = {}
    for source in sorted(dataset.sources, key=lambda s: (s.publisher.lower(), dates.sort_key(s.published), s.id)):
        # One link per destination: a page that cites a source in prose and in a table is listed once.
        seen, uses = set(), []
        for label, href in cited.get(source.id, []):
            if href not in seen:
                seen.add(href)
                uses.append((label, href))
        groups.setdefault(source.publisher, []).append(
            SourceEntry(source_link(source), source.kind, source.note, tuple(uses)))
    return tuple(PublisherGroup(p, f"publisher-{_slug(p)}", tuple(s)) for p, s in sorted(groups.items(), key=lambda kv: kv[0].lower()))


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class DatasetDoc:
    name: str
    filename: str
    description: str
    count: int
    fields: tuple[FieldDoc, ...]


def _type_label(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        return target.get("title", "record")
    if "anyOf" in prop:
        kinds = [_type_label(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(kinds) + " (optional)"
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return f"always {prop['const']!r}"
    kind = prop.get("type", "value")
    if kind == "array":
        return "list of " + _type_label(prop.get("items", {}), defs)
    pattern = prop.get("pattern", "")
    if kind == "string" and pattern == models.PARTIAL_DATE_RE.pattern:
        return "date (quoted YYYY-MM-DD, YYYY-MM or YYYY)"
    if kind == "string" and pattern == models.SLUG_RE.pattern:
        return "id (lower-case letters, digits, hyphens)"
    if kind == "string" and pattern.startswith("^https"):
        return "https:// address"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}.get(kind, kind)


def data_dictionary(dataset: Dataset, specs) -> tuple[DatasetDoc, ...]:
    docs = []
    for spec in specs:
        schema = spec.model.model_json_schema()
        defs = schema.get("$defs", {})
        required = set(schema.get("required", ()))
        fields = tuple(
            FieldDoc(name, _type_label(prop, defs), name in required, prop.get("description", ""))
            for name, prop in schema["properties"].items()
        )
        count = len(dataset.records.get(spec.name, ())) if spec.name in dataset.records else 1
        docs.append(DatasetDoc(spec.name, spec.filename, spec.description, count, fields))
    return tuple(docs)


@dataclass(frozen=True)
class ChangeView:
    id: str
    date: str
    when: str
    kind: str
    title: str
    summary: str
    href: str
    sources: tuple[SourceLink, ...]


def changelog(dataset: Dataset, changes) -> tuple[ChangeView, ...]:
    return tuple(
        ChangeView(c.id, c.date, dates.in_words(c.date), c.kind, c.title, c.summary, c.url, source_links(dataset, c.sources))
        for c in changes
    )


def timeline_jsonld(view: Timeline, site_url: str) -> dict:
    """schema.org ItemList of the events, for search engines and link previews."""
    base = site_url.rstrip("/") + "/timeline/#"
    items = []
    for position, item in enumerate(view.items, start=1):
        # Name, dates and link only: the summaries are on the page itself, and this block counts towards its weight.
        event = {"@type": "Event", "name": item.title, "startDate": item.date}
        if item.end:
            event["endDate"] = item.end
        items.append({"@type": "ListItem", "position": position, "url": base + item.id, "item": event})
    return {"@context": "https://schema.org", "@type": "ItemList", "name": "Timeline of the Takaichi–Trump talks",
            "numberOfItems": len(items), "itemListElement": items}
