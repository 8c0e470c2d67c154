"""Typed records for every data file.

Each model forbids unknown keys and refuses type coercion, so a typo or a
value of the wrong kind stops the build instead of changing the site.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from .errors import shown
from .text import character_problem

# Matched in full (re.fullmatch) and ASCII only: '\d' would accept fullwidth digits, '$' a final newline.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PARTIAL_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
SLUG_MAX = 80


def check_partial_date(value: str) -> str:
    match = PARTIAL_DATE_RE.fullmatch(value)
    if not match:
        raise ValueError(f"{shown(value)} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{shown(value)} is not a real calendar date") from None
    return value


def check_text(value: str) -> str:
    if value != value.strip():
        raise ValueError("remove the white space at the start or end")
    problem = character_problem(value)
    if problem:
        raise ValueError(problem)
    return value


_LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _scripts(label: str) -> set[str]:
    """The scripts of a host label's letters (LATIN, CYRILLIC, CJK, ...), from their Unicode names."""
    found = set()
    for ch in label:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN")
            found.add(name.split()[0])
    return found


def _check_host(host: str, value: str) -> None:
    if not host.isascii():
        raise ValueError(f"{shown(value)}: write the host in its ASCII (xn--) form, so look-alike letters cannot hide in it")
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL_RE.fullmatch(label) for label in labels):
        raise ValueError(f"{shown(value)} does not have a valid host name")
    if labels[-1].isdigit():
        raise ValueError(f"{shown(value)}: use the site's name, not an IP address")
    for label in labels:
        if label.startswith("xn--"):
            try:
                decoded = label.encode("ascii").decode("idna")
            except UnicodeError:
                raise ValueError(f"{shown(value)} has an invalid internationalised host name") from None
            if len(_scripts(decoded) - {"DIGIT"}) > 1:
                raise ValueError(f"{shown(value)}: its host name mixes scripts ({decoded!r}), as look-alike addresses do")


def check_https_url(value: str) -> str:
    problem = character_problem(value, allow_newlines=False)
    if problem:
        raise ValueError(f"{shown(value)} {problem}")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{shown(value)} contains white space")
    if "\\" in value:
        raise ValueError(f"{shown(value)} contains a backslash")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{shown(value)} is not a valid address ({exc})") from None
    if parts.scheme != "https" or not value.startswith("https://") or not parts.netloc:
        raise ValueError(f"{shown(value)} must be an https:// address")
    if "@" in parts.netloc:
        raise ValueError(f"{shown(value)} has a user name before the host (the part before '@'), which hides where the link goes")
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"{shown(value)} has an impossible port")
    _check_host(parts.hostname or "", value)
    return value


_MAILBOX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


def check_email(value: str) -> str:
    # Plain ASCII addresses only: the address lands in a mailto: link, where anything else
    # would need escaping rules of its own.
    mailbox, at, host = value.partition("@")
    if not at or not _MAILBOX_RE.fullmatch(mailbox):
        raise ValueError(f"{shown(value)} is not an email address of the form name@example.org")
    _check_host(host, value)
    return value


def check_slug(value: str) -> str:
    if not SLUG_RE.fullmatch(value) or len(value) > SLUG_MAX:
        raise ValueError(f"{shown(value)} is not a valid id: use lower-case letters, digits and single hyphens (at most {SLUG_MAX})")
    return value


# Patterns go into the JSON Schema for editors; the validators give the build's own messages.
Slug = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^{SLUG_RE.pattern}$", "maxLength": SLUG_MAX},
          description="Lower-case letters, digits and single hyphens; never changes once published."),
    AfterValidator(check_slug),
]
PartialDate = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^{PARTIAL_DATE_RE.pattern}$"},
          description="A date as YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known."),
    AfterValidator(check_partial_date),
]
Email = Annotated[str, Field(json_schema_extra={"pattern": "^[^@]+@[^@]+$"}, description="An email address."),
                  AfterValidator(check_email)]
HttpsUrl = Annotated[str, Field(json_schema_extra={"pattern": "^https://"}, description="An https:// address."),
                     AfterValidator(check_https_url)]
Text = Annotated[str, Field(min_length=1), AfterValidator(check_text)]

# Kana, kanji (with the iteration mark) and full-width forms: Japanese text has at least one.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\uff66-\uff9f]")


def check_japanese(value: str) -> str:
    if not _JAPANESE.search(value):
        raise ValueError(f"{shown(value)} has no Japanese in it; write the Japanese version of the English field beside it")
    return value


JaText = Annotated[str, Field(min_length=1), AfterValidator(check_text), AfterValidator(check_japanese)]


def _unique(kind: str):
    def check(values: list) -> list:
        seen = set()
        for value in values:
            if value in seen:
                raise ValueError(f"{shown(value)} is listed twice; list each {kind} once")
            seen.add(value)
        return values
    return AfterValidator(check)


def check_language(value: str) -> str:
    if not re.fullmatch(r"[a-z]{2}", value):
        raise ValueError(f"{shown(value)} is not a two-letter language code such as 'en' or 'ja'")
    return value


Language = Annotated[str, Field(json_schema_extra={"pattern": "^[a-z]{2}$"}, description="Two-letter language code of the source, such as en or ja."),
                     AfterValidator(check_language)]


def check_site_path(value: str) -> str:
    """A link inside this site, relative to its root: '', 'talks/' or 'about/#corrections'."""
    if not re.fullmatch(r"(?:[a-z0-9-]+/)*(?:#[a-z0-9-]+)?", value):
        raise ValueError(f"{shown(value)} is not a page of this site; write a path such as 'talks/' or 'about/#corrections'")
    return value


SitePath = Annotated[str, Field(json_schema_extra={"pattern": "^(?:[a-z0-9-]+/)*(?:#[a-z0-9-]+)?$"},
                                description="Where on the site, relative to its root, e.g. 'talks/#day-2'; '' is the home page."),
                     AfterValidator(check_site_path)]


SourceRefs = Annotated[
    list[Slug],
    Field(min_length=1, description="Ids of records in data/sources.yaml that support this record."),
    _unique("source"),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    # The fields readers see, each of which has a Japanese twin named <field>_ja that the
    # Japanese edition shows. A record with an English field and no twin is refused.
    JAPANESE: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _japanese_beside_english(self, info: ValidationInfo):
        # Required where the project has a Japanese edition (macros/dataset.py passes the context).
        if not (info.context or {}).get("require_japanese"):
            return self
        for name in self.JAPANESE:
            english, japanese = getattr(self, name), getattr(self, f"{name}_ja")
            if english is not None and japanese is None:
                raise PydanticCustomError("japanese_missing", "{field}: missing; the Japanese edition needs the Japanese of {english}",
                                          {"field": f"{name}_ja", "english": shown(english if isinstance(english, str) else list(english))})
            if english is None and japanese is not None:
                raise PydanticCustomError("japanese_alone", "{field}: there is no {name} for it to translate",
                                          {"field": f"{name}_ja", "name": name})
            if isinstance(english, list) and japanese is not None and len(japanese) != len(english):
                raise PydanticCustomError("japanese_length", "{field}: list {n} entries, one for each in {name}",
                                          {"field": f"{name}_ja", "n": len(english), "name": name})
        return self


Thread = Literal["visit", "abe-trump", "security", "trade", "politics", "aftermath"]


SourceKind = Literal["primary", "news", "analysis", "reference"]


class Source(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('publisher', 'note')
    id: Slug
    publisher: Text = Field(description="Who wrote or issued it: the agency or outlet, or the government body.")
    publisher_ja: JaText | None = Field(default=None, description="publisher in Japanese, for the Japanese edition.")
    title: Text = Field(description="The headline or document title as published; a description in [brackets] where none was captured.")
    url: HttpsUrl
    published: PartialDate
    kind: SourceKind = Field(description="primary (official text), news, analysis or reference.")
    outlet: Text | None = Field(default=None, description="Where this copy is hosted, when it is not the publisher's own site (a wire story carried by a newspaper).")
    language: Language = "en"
    note: Text | None = None
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    superseded_by: Annotated[list[Slug], _unique("source")] = Field(
        default_factory=list,
        description="Sources that replaced this one; it is kept (and listed) so that links to it still work, but nothing cites it.")


def check_time(value: str) -> str:
    if not re.fullmatch(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", value):
        raise ValueError(f"{shown(value)} is not a time; write the local time as HH:MM (24-hour) in quotes")
    return value


LocalTime = Annotated[str, Field(json_schema_extra={"pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"},
                                 description="Local time at the place, HH:MM (24-hour), where a source gives it."),
                      AfterValidator(check_time)]


class Event(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('title', 'summary', 'place')
    id: Slug
    date: PartialDate
    end: PartialDate | None = Field(default=None, description="The last day, for an event that spans several days.")
    time: LocalTime | None = None
    order: Annotated[int, Field(ge=1, le=99, description="Where the event falls among events of the same day (1 = first); needed when two events share a date.")] | None = None
    key: bool = Field(default=False, description="True for the moments a reader should not miss; the timeline marks them.")
    title: Text = Field(description="What happened, in a few words, in the present tense.")
    title_ja: JaText | None = Field(default=None, description="title in Japanese, for the Japanese edition.")
    summary: Text = Field(description="Two or three sentences: what happened, and why it matters.")
    summary_ja: JaText | None = Field(default=None, description="summary in Japanese, for the Japanese edition.")
    threads: Annotated[list[Thread], Field(min_length=1), _unique("thread")] = Field(description="The story threads the event belongs to.")
    place: Text | None = Field(default=None, description="Where it happened.")
    place_ja: JaText | None = Field(default=None, description="place in Japanese, for the Japanese edition.")
    people: Annotated[list[Slug], _unique("person")] = Field(default_factory=list, description="Ids of records in data/people.yaml.")
    sources: SourceRefs

    @model_validator(mode="after")
    def _time_needs_a_day(self):
        if self.time and len(self.date) != 10:
            raise ValueError("a time needs the full date of its day, YYYY-MM-DD")
        return self


Country = Literal["japan", "united-states", "other"]


class Person(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('name', 'role', 'note')
    id: Slug
    name: Text
    name_ja: JaText | None = Field(default=None, description="name in Japanese, for the Japanese edition.")
    name_local: Text | None = Field(default=None, description="The name in its own script, such as Japanese.")
    country: Country
    role: Text = Field(description="The role that matters to this story, with dates where it changed.")
    role_ja: JaText | None = Field(default=None, description="role in Japanese, for the Japanese edition.")
    note: Text | None = None
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    sources: SourceRefs


BudgetStatus = Literal["enacted", "draft"]


class BudgetYear(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('change', 'note')
    id: Slug
    fiscal_year: Annotated[int, Field(ge=1950, le=2100, description="Japanese fiscal year, April to March, named by the year it starts.")]
    amount_yen_trillion: Annotated[float, Field(gt=0, lt=100)]
    status: BudgetStatus
    change: Text | None = Field(default=None, description="The change on the previous year as reported.")
    change_ja: JaText | None = Field(default=None, description="change in Japanese, for the Japanese edition.")
    note: Text | None = Field(default=None, description="Where sources disagree or the basis differs.")
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    sources: SourceRefs


ShareBasis = Literal["defence-budget", "security-related", "nato-standard", "sipri"]


class DefenceShare(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('period', 'note')
    id: Slug
    period: Text = Field(description="The year as labelled in the source, such as 'FY2025 (initial)'.")
    period_ja: JaText | None = Field(default=None, description="period in Japanese, for the Japanese edition.")
    year: Annotated[int, Field(ge=1950, le=2100, description="The year used to place the point on a chart.")]
    share_pct: Annotated[float, Field(gt=0, lt=100)]
    basis: ShareBasis
    target: bool = Field(default=False, description="True for a goal rather than a measured share.")
    note: Text | None = None
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    sources: SourceRefs


Side = Literal["government", "partner", "opposition"]


class PartySeats(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('party', 'short')
    id: Slug
    party: Text
    party_ja: JaText | None = Field(default=None, description="party in Japanese, for the Japanese edition.")
    short: Annotated[Text, Field(max_length=16)] | None = Field(default=None, description="A short name for charts, such as LDP.")
    short_ja: Annotated[JaText, Field(max_length=16)] | None = Field(default=None, description="short in Japanese.")
    seats: Annotated[int, Field(ge=0, le=1000)]
    side: Side


class SeatSnapshot(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('label', 'chamber', 'note')
    id: Slug
    date: PartialDate
    label: Text
    label_ja: JaText | None = Field(default=None, description="label in Japanese, for the Japanese edition.")
    chamber: Text
    chamber_ja: JaText | None = Field(default=None, description="chamber in Japanese, for the Japanese edition.")
    total: Annotated[int, Field(gt=0, le=1000)]
    majority: Annotated[int, Field(gt=0, le=1000)]
    parties: Annotated[list[PartySeats], Field(min_length=1)]
    note: Text | None = None
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    sources: SourceRefs

    @model_validator(mode="after")
    def _seats_fit(self):
        counted = sum(p.seats for p in self.parties)
        if counted > self.total:
            raise ValueError(f"the parties' seats add up to {counted}, more than the total of {self.total}")
        if self.majority != self.total // 2 + 1:
            raise ValueError(f"majority should be {self.total // 2 + 1} for {self.total} seats")
        return self


TermStatus = Literal["in-force", "signed", "pledged", "disputed", "not-agreed", "ended"]


class TradeTerm(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('topic', 'term', 'detail')
    id: Slug
    topic: Text
    topic_ja: JaText | None = Field(default=None, description="topic in Japanese, for the Japanese edition.")
    term: Text
    term_ja: JaText | None = Field(default=None, description="term in Japanese, for the Japanese edition.")
    detail: Text
    detail_ja: JaText | None = Field(default=None, description="detail in Japanese, for the Japanese edition.")
    status: TermStatus
    date: PartialDate
    sources: SourceRefs


class Agreement(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('title', 'place', 'signed_by', 'summary', 'binding')
    id: Slug
    title: Text
    title_ja: JaText | None = Field(default=None, description="title in Japanese, for the Japanese edition.")
    date: PartialDate
    place: Text
    place_ja: JaText | None = Field(default=None, description="place in Japanese, for the Japanese edition.")
    signed_by: Annotated[list[Text], Field(min_length=1), _unique("signatory")]
    signed_by_ja: Annotated[list[JaText], Field(min_length=1)] | None = Field(default=None, description="signed_by in Japanese, in the same order.")
    summary: Text
    summary_ja: JaText | None = Field(default=None, description="summary in Japanese, for the Japanese edition.")
    binding: Text = Field(description="What kind of commitment it is, in plain words.")
    binding_ja: JaText | None = Field(default=None, description="binding in Japanese, for the Japanese edition.")
    sources: SourceRefs


Verdict = Literal["false", "misleading", "partly-accurate", "accurate", "unproven"]


ClaimOrigin = Literal["preview-copies", "elsewhere"]


class Claim(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('claim', 'claimed_by', 'correction', 'withdrawn_reason', 'short')
    id: Slug
    claim: Text = Field(description="The claim as it circulates, paraphrased.")
    claim_ja: JaText | None = Field(default=None, description="claim in Japanese, for the Japanese edition.")
    origin: ClaimOrigin = Field(description="preview-copies: made in the reworded copies of the pre-summit story; elsewhere: made in other reports or posts.")
    claimed_by: Text = Field(description="Who made the claim, as precisely as the evidence allows (a site, an outlet, or 'reworded copies of ...').")
    claimed_by_ja: JaText | None = Field(default=None, description="claimed_by in Japanese, for the Japanese edition.")
    verdict: Verdict
    correction: Text = Field(description="The correct fact, in one or two sentences.")
    correction_ja: JaText | None = Field(default=None, description="correction in Japanese, for the Japanese edition.")
    reviewed: PartialDate = Field(description="The day the claim was last checked, YYYY-MM-DD.")
    common: bool = Field(default=False, description="True for the mistakes readers meet most; the home page lists them in one line.")
    withdrawn: PartialDate | None = Field(default=None, description="The day the site withdrew this claim from its checks (its id stays, so links to it still work).")
    withdrawn_reason: Text | None = Field(default=None, description="Why it was withdrawn, in one sentence.")
    withdrawn_reason_ja: JaText | None = Field(default=None, description="withdrawn_reason in Japanese, for the Japanese edition.")
    short: Text | None = Field(default=None, description="The correction in a few words, for the home page's one line of common mistakes.")
    short_ja: Annotated[JaText, Field(max_length=16)] | None = Field(default=None, description="short in Japanese.")
    sources: SourceRefs

    @model_validator(mode="after")
    def _short_for_common(self):
        if self.common and not self.short:
            raise ValueError("a common mistake needs a short correction (short:) for the home page")
        if len(self.reviewed) != 10:
            raise ValueError("reviewed needs the full date, YYYY-MM-DD")
        if (self.withdrawn is None) != (self.withdrawn_reason is None):
            raise ValueError("a withdrawn claim needs both withdrawn (the date) and withdrawn_reason")
        if self.withdrawn and self.common:
            raise ValueError("a withdrawn claim cannot be a common mistake")
        return self


class KeyFact(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('label', 'value', 'detail')
    id: Slug
    label: Text
    label_ja: JaText | None = Field(default=None, description="label in Japanese, for the Japanese edition.")
    value: Text
    value_ja: JaText | None = Field(default=None, description="value in Japanese, for the Japanese edition.")
    detail: Text | None = None
    detail_ja: JaText | None = Field(default=None, description="detail in Japanese, for the Japanese edition.")
    sources: SourceRefs


class KeyNumber(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('figure', 'label')
    id: Slug
    figure: Annotated[Text, Field(max_length=24, description="The number as shown, short: '316', '$550bn', '2%'.")]
    figure_ja: JaText | None = Field(default=None, description="figure in Japanese, for the Japanese edition.")
    label: Text = Field(description="What the number counts, in one line.")
    label_ja: JaText | None = Field(default=None, description="label in Japanese, for the Japanese edition.")
    date: PartialDate = Field(description="The date the number refers to.")
    sources: SourceRefs


class Standing(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('topic', 'then', 'now')
    id: Slug
    topic: Text = Field(description="The question, in a few words: 'Tariffs on Japanese goods'.")
    topic_ja: JaText | None = Field(default=None, description="topic in Japanese, for the Japanese edition.")
    then: Text = Field(description="Where it stood at the time of the October 2025 visit.")
    then_ja: JaText | None = Field(default=None, description="then in Japanese, for the Japanese edition.")
    now: Text = Field(description="Where it stands now.")
    now_ja: JaText | None = Field(default=None, description="now in Japanese, for the Japanese edition.")
    date: PartialDate = Field(description="The date of the latest reliable report behind 'now'; the box shows it.")
    sources: SourceRefs


class WatchItem(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('item', 'why')
    id: Slug
    date: PartialDate = Field(description="When it is due or expected; may be after the as-of date.")
    item: Text = Field(description="What to watch for.")
    item_ja: JaText | None = Field(default=None, description="item in Japanese, for the Japanese edition.")
    why: Text = Field(description="Why it matters, in one sentence.")
    why_ja: JaText | None = Field(default=None, description="why in Japanese, for the Japanese edition.")
    sources: SourceRefs


class Term(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('term', 'definition')
    id: Slug
    term: Text = Field(description="The term as the site writes it.")
    term_ja: JaText | None = Field(default=None, description="term in Japanese, for the Japanese edition.")
    definition: Text = Field(description="What it means, in one or two plain sentences.")
    definition_ja: JaText | None = Field(default=None, description="definition in Japanese, for the Japanese edition.")
    sources: SourceRefs


ChangeKind = Literal["update", "correction"]


class Place(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('name', 'note')
    id: Slug
    name: Text = Field(description="The place as the map labels it, such as 'Tokyo'.")
    name_ja: JaText | None = Field(default=None, description="name in Japanese, for the Japanese edition.")
    lat: Annotated[float, Field(ge=-90, le=90, description="Latitude in degrees, north positive.")]
    lon: Annotated[float, Field(ge=-180, le=180, description="Longitude in degrees, east positive.")]
    note: Text | None = Field(default=None, description="What happened there, in a few words.")
    note_ja: JaText | None = Field(default=None, description="note in Japanese, for the Japanese edition.")
    events: Annotated[list[Slug], Field(min_length=1), _unique("event")] = Field(description="Ids of the events in data/events.yaml that happened there.")
    sources: SourceRefs


class Change(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('title', 'summary')
    id: Slug
    date: Annotated[PartialDate, Field(description="The day the change was published, as YYYY-MM-DD.")]
    kind: ChangeKind = Field(description="update (new facts or pages) or correction (a fact was wrong).")
    title: Text
    title_ja: JaText | None = Field(default=None, description="title in Japanese, for the Japanese edition.")
    summary: Text = Field(description="What changed and, for a correction, what was wrong.")
    summary_ja: JaText | None = Field(default=None, description="summary in Japanese, for the Japanese edition.")
    url: SitePath
    sources: SourceRefs

    @model_validator(mode="after")
    def _full_date(self):
        if len(self.date) != 10:
            raise ValueError("a change needs a full date, YYYY-MM-DD")
        return self


class Site(Record):
    JAPANESE: ClassVar[tuple[str, ...]] = ('title', 'description', 'publisher')
    title: Text
    title_ja: JaText | None = Field(default=None, description="title in Japanese, for the Japanese edition.")
    description: Text
    description_ja: JaText | None = Field(default=None, description="description in Japanese, for the Japanese edition.")
    as_of: PartialDate = Field(description="The latest date the content covers; no event may be later.")
    last_reviewed: PartialDate
    published: PartialDate
    licence: Text
    publisher: Text = Field(description="Who is responsible for the site, as the About page and the pages' metadata name it.")
    publisher_ja: JaText | None = Field(default=None, description="publisher in Japanese, for the Japanese edition.")
    contact_email: Email | None = Field(
        default=None, description="An address for corrections besides GitHub; the About page shows it when it is set.")
