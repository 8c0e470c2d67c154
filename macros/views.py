"""View models: small, frozen structures computed from the dataset for one output.

These are pure functions of the Dataset and the macro arguments. Templates
present them; nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from . import dates, i18n, models
from .dataset import Dataset


class MacroArgError(ValueError):
    """A macro was called with an argument it cannot use."""


# English labels, for code that has no dataset at hand; views use their dataset's edition (macros/i18n.py).
THREAD_LABELS = i18n.LABELS["en"]["thread"]
VERDICT_LABELS = i18n.LABELS["en"]["verdict"]
STATUS_LABELS = i18n.LABELS["en"]["status"]
BASIS_LABELS = i18n.LABELS["en"]["basis"]
SIDE_LABELS = i18n.LABELS["en"]["side"]
COUNTRY_LABELS = i18n.LABELS["en"]["country"]


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
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    sources: tuple[SourceLink, ...]
    dataset: str
    numeric: tuple[int, ...] = ()
    part: str = ""  # which part of the dataset, when a page shows it in several tables

    @property
    def anchor(self) -> str:
        return f"table-{self.dataset}" + (f"-{self.part}" if self.part else "")


@dataclass(frozen=True)
class Row:
    id: str | None
    cells: tuple[str, ...]
    sources: tuple[SourceLink, ...] = ()
    css: str | None = None


def source_link(source: models.Source, lang: str = "en") -> SourceLink:
    return SourceLink(source.id, source.publisher, source.title, source.url,
                      dates.in_words(source.published, lang=lang), source.outlet, dates.in_words(source.published, short=True, lang=lang))


def source_links(dataset: Dataset, ids) -> tuple[SourceLink, ...]:
    lookup = dataset.by_id("sources")
    return tuple(source_link(lookup[i], dataset.lang) for i in ids)


def cite(dataset: Dataset, *ids: str) -> tuple[SourceLink, ...]:
    if not ids:
        raise MacroArgError("cite() needs at least one source id")
    lookup = dataset.by_id("sources")
    missing = [i for i in ids if i not in lookup]
    if missing:
        raise MacroArgError(f"cite(): {', '.join(repr(m) for m in missing)} is not defined in data/sources.yaml")
    if len(set(ids)) != len(ids):
        raise MacroArgError("cite(): the same source is named twice")
    return tuple(source_link(lookup[i], dataset.lang) for i in ids)


def _all_sources(dataset: Dataset, records) -> tuple[SourceLink, ...]:
    seen: dict[str, None] = {}
    for record in records:
        for sid in record.sources:
            seen.setdefault(sid)
    return source_links(dataset, seen)


def number(value: float, places: int = 2) -> str:
    """A figure without trailing zeros: 5.40 -> '5.4'."""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def _headers(w: i18n.Words, key: str) -> tuple[str, ...]:
    return tuple(getattr(w, key).split("|"))


def budget_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(b.id, (w("fiscal_year", year=b.fiscal_year), number(b.amount_yen_trillion, 3), w.labels("status")[b.status], b.change or "", b.note or ""),
            source_links(dataset, b.sources))
        for b in sorted(dataset.defence_budget, key=lambda b: b.fiscal_year)
    )
    return Table(w.budget_caption, _headers(w, "budget_headers"), rows,
                 _all_sources(dataset, dataset.defence_budget), "defence_budget", numeric=(1,))


def share_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(s.id, (s.period, f"{number(s.share_pct)}%", w.labels("basis")[s.basis] + (w.target_suffix if s.target else ""), s.note or ""),
            source_links(dataset, s.sources))
        for s in sorted(dataset.defence_share, key=lambda s: (s.year, dataset.english.by_id("defence_share")[s.id].period))
    )
    return Table(w.share_caption, _headers(w, "share_headers"), rows,
                 _all_sources(dataset, dataset.defence_share), "defence_share", numeric=(1,))


def seats_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    snapshots = sorted(dataset.seats, key=lambda s: dates.sort_key(s.date))
    parties: dict[str, str] = {}
    for snap in snapshots:
        for p in snap.parties:
            parties.setdefault(p.id, p.party)
    # A label that already gives its date ("... (October 2025)") is not given it twice.
    headers = (w.party,) + tuple(s.label if w.date(s.date) in s.label else f"{s.label} ({w.date(s.date)})"
                                 for s in snapshots)
    rows = []
    for pid, name in parties.items():
        cells = [name]
        for snap in snapshots:
            match = next((p for p in snap.parties if p.id == pid), None)
            side = w.labels("side")[match.side] if match else ""
            cells.append((f"{match.seats} ({side.lower()})" if w.lang == "en" else f"{match.seats}（{side}）") if match else "—")
        rows.append(Row(f"seats-{pid}", tuple(cells)))
    rows.append(Row(None, (w.majority_needed,) + tuple(w("majority_of", majority=s.majority, total=s.total) for s in snapshots), css="total"))
    rows.append(Row(None, (w.government_and_partners,) + tuple(
        str(sum(p.seats for p in s.parties if p.side != "opposition")) for s in snapshots), css="total"))
    return Table(w.seats_caption, headers, tuple(rows),
                 _all_sources(dataset, snapshots), "seats", numeric=tuple(range(1, len(headers))))


def trade_terms_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(t.id, (t.topic, t.term, t.detail, w.labels("status")[t.status], w.date(t.date)), source_links(dataset, t.sources))
        for t in dataset.trade_terms
    )
    return Table(w.trade_caption, _headers(w, "trade_headers"), rows,
                 (), "trade_terms")


def agreements_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(a.id, (a.title, w.date(a.date), a.place, w.list_separator.join(a.signed_by), a.summary, a.binding),
            source_links(dataset, a.sources))
        for a in sorted(dataset.agreements, key=lambda a: (dates.sort_key(a.date), a.id))
    )
    return Table(w.agreements_caption, _headers(w, "agreements_headers"), rows,
                 (), "agreements")


def claims_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(c.id, (c.claim, w.labels("verdict")[c.verdict], c.correction), source_links(dataset, c.sources), css=f"verdict-{c.verdict}")
        for c in dataset.claims
    )
    return Table(w.claims_caption, _headers(w, "claims_headers")[:3], rows, (), "claims")


def places_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        Row(f"place-{p.id}", (p.name, p.note or "", f"{p.lat:.2f}, {p.lon:.2f}"), source_links(dataset, p.sources))
        for p in dataset.places
    )
    return Table(w.places_caption, _headers(w, "places_headers"), rows, (), "places")


def people_table(dataset: Dataset) -> Table:
    w = i18n.words(dataset.lang)
    rows = tuple(
        # The name in its own script beside the English one; the Japanese edition's name is already Japanese.
        Row(f"person-{p.id}", (p.name + (f" ({p.name_local})" if p.name_local and w.lang == "en" else ""), w.labels("country")[p.country], p.role),
            source_links(dataset, p.sources))
        for p in dataset.people
    )
    return Table(w.people_caption, _headers(w, "people_headers"), rows, (), "people")


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
        ChangeView(c.id, c.date, i18n.words(dataset.lang).date(c.date), c.kind, c.title, c.summary, c.url, source_links(dataset, c.sources))
        for c in changes
    )


# -- the home page's brief, and orientation ------------------------------------------------

VERDICT_SCALE = tuple((v, i18n.LABELS["en"]["verdict_meaning"][v]) for v in ("false", "misleading", "partly-accurate", "unproven", "accurate"))
# schema.org ClaimReview ratings: 1 (worst) to 5 (best), in the order of VERDICT_SCALE.
VERDICT_RATING = {verdict: index + 1 for index, (verdict, _) in enumerate(VERDICT_SCALE)}
ORIGIN_LABELS = i18n.LABELS["en"]["origin"]


@dataclass(frozen=True)
class StandingView:
    id: str
    topic: str
    then: str
    now: str
    date: str
    when: str
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class Brief:
    as_of: str
    as_of_words: str
    standings: tuple[StandingView, ...]


def where_things_stand(dataset: Dataset) -> Brief:
    w = i18n.words(dataset.lang)
    return Brief(dataset.site.as_of, w.date(dataset.site.as_of), tuple(
        StandingView(s.id, s.topic, s.then, s.now, s.date, w.date(s.date), source_links(dataset, s.sources)) for s in dataset.standings))


@dataclass(frozen=True)
class NumberView:
    id: str
    figure: str
    label: str
    date: str
    when: str
    sources: tuple[SourceLink, ...]


def key_numbers(dataset: Dataset) -> tuple[NumberView, ...]:
    return tuple(NumberView(n.id, n.figure, n.label, n.date, i18n.words(dataset.lang).date(n.date), source_links(dataset, n.sources))
                 for n in dataset.key_numbers)


@dataclass(frozen=True)
class WatchView:
    id: str
    date: str
    when: str
    item: str
    why: str
    sources: tuple[SourceLink, ...]


def watch_list(dataset: Dataset) -> tuple[WatchView, ...]:
    # A month or year with no day sorts after the days in it: "December 2026" after "4 December 2026".
    items = sorted(dataset.watch, key=lambda w: (dates.sort_key(w.date).replace("-00", "-99"), w.id))
    words = i18n.words(dataset.lang)
    return tuple(WatchView(w.id, w.date, words.date(w.date), w.item, w.why, source_links(dataset, w.sources)) for w in items)


@dataclass(frozen=True)
class Publisher:
    name: str
    correction_form: str  # empty when the site has no repository address
    email: str  # empty when data/site.yaml sets no contact_email
    mailto: str


def publisher(dataset: Dataset, repo_url: str) -> Publisher:
    form = ""
    if repo_url:
        repo = urlsplit(repo_url)
        form = urlunsplit(repo._replace(path=repo.path.rstrip("/") + "/issues/new", query=urlencode({"template": "correction.yml"})))
    email = dataset.site.contact_email or ""
    subject = i18n.words(dataset.lang).contact_subject
    mailto = f"mailto:{email}?{urlencode({'subject': subject}, quote_via=quote)}" if email else ""
    return Publisher(dataset.site.publisher, form, email, mailto)


@dataclass(frozen=True)
class MistakeView:
    id: str
    short: str


def common_mistakes(dataset: Dataset) -> tuple[MistakeView, ...]:
    return tuple(MistakeView(c.id, c.short) for c in dataset.claims if c.common)


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    definition: str
    sources: tuple[SourceLink, ...]


def glossary(dataset: Dataset) -> tuple[TermView, ...]:
    terms = sorted(dataset.glossary, key=lambda t: t.term.lower()) if dataset.lang == "en" else list(dataset.glossary)
    return tuple(TermView(t.id, t.term, t.definition, source_links(dataset, t.sources)) for t in terms)


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    name_local: str | None
    country: str
    role: str
    note: str | None
    events: tuple[tuple[str, str], ...]  # (event id, title), newest last; the latest PERSON_EVENTS
    sources: tuple[SourceLink, ...]
    more_events: int = 0  # events left out of `events`


# A person's entry lists their latest events; the rest are in the timeline.
PERSON_EVENTS = 8


def people(dataset: Dataset) -> tuple[tuple[str, str, tuple[PersonView, ...]], ...]:
    """Who's who, grouped by country, with the events each person appears in."""
    w = i18n.words(dataset.lang)
    appears: dict[str, list] = {}
    for event in sorted(dataset.events, key=lambda e: (dates.sort_key(e.date), e.order or 0, e.id)):
        for pid in event.people:
            appears.setdefault(pid, []).append((event.id, f"{w.date(event.date, short=True)}{': ' if w.lang == 'en' else '　'}{event.title}"))
    groups = []
    for country, label in w.labels("country").items():
        members = tuple(
            PersonView(p.id, p.name, p.name_local, label, p.role, p.note, tuple(appears.get(p.id, ())[-PERSON_EVENTS:]),
                       source_links(dataset, p.sources), max(len(appears.get(p.id, ())) - PERSON_EVENTS, 0))
            for p in sorted(dataset.people, key=lambda p: p.name.split()[-1].lower()) if p.country == country)
        if members:
            groups.append((country, label, members))
    return tuple(groups)


@dataclass(frozen=True)
class ClaimGroup:
    origin: str
    label: str
    counts: tuple[tuple[str, int], ...]  # (verdict label, count), in scale order, zero counts left out
    total: int


def claims_summary(dataset: Dataset) -> tuple[ClaimGroup, ...]:
    w = i18n.words(dataset.lang)
    groups = []
    for origin, label in w.labels("origin").items():
        claims = [c for c in dataset.claims if c.origin == origin and not c.withdrawn]
        counts = tuple((w.labels("verdict")[v], n) for v, _ in VERDICT_SCALE if (n := sum(1 for c in claims if c.verdict == v)))
        groups.append(ClaimGroup(origin, label, counts, len(claims)))
    return tuple(groups)


def claims_table_for(dataset: Dataset, origin: str | None = None) -> Table:
    if origin is not None and origin not in ORIGIN_LABELS:
        raise MacroArgError(f"claims_table(): unknown origin {origin!r}; use one of {', '.join(ORIGIN_LABELS)}")
    w = i18n.words(dataset.lang)
    order = {v: i for i, (v, _) in enumerate(VERDICT_SCALE)}
    # Grouped by verdict, worst first; withdrawn claims last, kept so that links to them still land.
    chosen = sorted((c for c in dataset.claims if origin is None or c.origin == origin),
                    key=lambda c: (c.withdrawn is not None, order[c.verdict], c.id))
    rows = tuple(
        Row(c.id, (c.claim, w.labels("verdict")[c.verdict], c.correction, c.claimed_by), source_links(dataset, c.sources), css=f"verdict-{c.verdict}")
        if not c.withdrawn else
        Row(c.id, (c.claim, w.withdrawn, w("withdrawn_on", date=w.date(c.withdrawn), reason=c.withdrawn_reason), c.claimed_by),
            source_links(dataset, c.sources), css="withdrawn")
        for c in chosen
    )
    caption = w.labels("origin")[origin] if origin else w.claims_checked
    return Table(caption, _headers(w, "claims_headers"), rows, (), "claims", part=origin or "")


def claim_reviews(dataset: Dataset, site_url: str, page: str) -> list[dict]:
    """One schema.org ClaimReview per claim, for fact-check tools and search engines."""
    base = site_url.rstrip("/") + "/" + page
    reviews = []
    for c in dataset.claims:
        if c.withdrawn:
            continue
        reviews.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{base}#{c.id}",
            "claimReviewed": c.claim,
            "datePublished": c.reviewed,
            "author": {"@type": "Organization", "name": dataset.site.title, "url": site_url},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Organization", "name": c.claimed_by}},
            "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATING[c.verdict], "bestRating": len(VERDICT_SCALE),
                             "worstRating": 1, "alternateName": i18n.words(dataset.lang).labels("verdict")[c.verdict]},
        })
    return reviews


def event_link_target(dataset: Dataset, event_id: str, text: str) -> str:
    """Checks an event_link() call: a known event and some words to link."""
    if not isinstance(event_id, str) or event_id not in dataset.by_id("events"):
        raise MacroArgError(f"event_link(): {event_id!r} is not an event in data/events.yaml")
    if not isinstance(text, str) or not text.strip():
        raise MacroArgError("event_link(): give the words to link, as in event_link(\"komeito-exit-2025-10-10\", \"Komeito's exit\")")
    return event_id
