"""Typed records for every data file.

Each model forbids unknown keys and refuses type coercion, so a typo or a
value of the wrong kind stops the build instead of changing the site.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

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
HttpsUrl = Annotated[str, Field(json_schema_extra={"pattern": "^https://"}, description="An https:// address."),
                     AfterValidator(check_https_url)]
Text = Annotated[str, Field(min_length=1), AfterValidator(check_text)]


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


Thread = Literal["visit", "abe-trump", "security", "trade", "politics", "aftermath"]


SourceKind = Literal["primary", "news", "analysis", "reference"]


class Source(Record):
    id: Slug
    publisher: Text = Field(description="Who wrote or issued it: the agency or outlet, or the government body.")
    title: Text = Field(description="The headline or document title as published; a description in [brackets] where none was captured.")
    url: HttpsUrl
    published: PartialDate
    kind: SourceKind = Field(description="primary (official text), news, analysis or reference.")
    outlet: Text | None = Field(default=None, description="Where this copy is hosted, when it is not the publisher's own site (a wire story carried by a newspaper).")
    language: Language = "en"
    note: Text | None = None
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
    id: Slug
    date: PartialDate
    end: PartialDate | None = Field(default=None, description="The last day, for an event that spans several days.")
    time: LocalTime | None = None
    order: Annotated[int, Field(ge=1, le=99, description="Where the event falls among events of the same day (1 = first); needed when two events share a date.")] | None = None
    key: bool = Field(default=False, description="True for the moments a reader should not miss; the timeline marks them.")
    title: Text = Field(description="What happened, in a few words, in the present tense.")
    summary: Text = Field(description="Two or three sentences: what happened, and why it matters.")
    threads: Annotated[list[Thread], Field(min_length=1), _unique("thread")] = Field(description="The story threads the event belongs to.")
    place: Text | None = Field(default=None, description="Where it happened.")
    people: Annotated[list[Slug], _unique("person")] = Field(default_factory=list, description="Ids of records in data/people.yaml.")
    sources: SourceRefs

    @model_validator(mode="after")
    def _time_needs_a_day(self):
        if self.time and len(self.date) != 10:
            raise ValueError("a time needs the full date of its day, YYYY-MM-DD")
        return self


Country = Literal["japan", "united-states", "other"]


class Person(Record):
    id: Slug
    name: Text
    name_local: Text | None = Field(default=None, description="The name in its own script, such as Japanese.")
    country: Country
    role: Text = Field(description="The role that matters to this story, with dates where it changed.")
    note: Text | None = None
    sources: SourceRefs


BudgetStatus = Literal["enacted", "draft"]


class BudgetYear(Record):
    id: Slug
    fiscal_year: Annotated[int, Field(ge=1950, le=2100, description="Japanese fiscal year, April to March, named by the year it starts.")]
    amount_yen_trillion: Annotated[float, Field(gt=0, lt=100)]
    status: BudgetStatus
    change: Text | None = Field(default=None, description="The change on the previous year as reported.")
    note: Text | None = Field(default=None, description="Where sources disagree or the basis differs.")
    sources: SourceRefs


ShareBasis = Literal["defence-budget", "security-related", "nato-standard", "sipri"]


class DefenceShare(Record):
    id: Slug
    period: Text = Field(description="The year as labelled in the source, such as 'FY2025 (initial)'.")
    year: Annotated[int, Field(ge=1950, le=2100, description="The year used to place the point on a chart.")]
    share_pct: Annotated[float, Field(gt=0, lt=100)]
    basis: ShareBasis
    target: bool = Field(default=False, description="True for a goal rather than a measured share.")
    note: Text | None = None
    sources: SourceRefs


Side = Literal["government", "partner", "opposition"]


class PartySeats(Record):
    id: Slug
    party: Text
    short: Annotated[Text, Field(max_length=16)] | None = Field(default=None, description="A short name for charts, such as LDP.")
    seats: Annotated[int, Field(ge=0, le=1000)]
    side: Side


class SeatSnapshot(Record):
    id: Slug
    date: PartialDate
    label: Text
    chamber: Text
    total: Annotated[int, Field(gt=0, le=1000)]
    majority: Annotated[int, Field(gt=0, le=1000)]
    parties: Annotated[list[PartySeats], Field(min_length=1)]
    note: Text | None = None
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
    id: Slug
    topic: Text
    term: Text
    detail: Text
    status: TermStatus
    date: PartialDate
    sources: SourceRefs


class Agreement(Record):
    id: Slug
    title: Text
    date: PartialDate
    place: Text
    signed_by: Annotated[list[Text], Field(min_length=1), _unique("signatory")]
    summary: Text
    binding: Text = Field(description="What kind of commitment it is, in plain words.")
    sources: SourceRefs


Verdict = Literal["false", "misleading", "partly-accurate", "accurate", "unproven"]


ClaimOrigin = Literal["preview-copies", "elsewhere"]


class Claim(Record):
    id: Slug
    claim: Text = Field(description="The claim as it circulates, paraphrased.")
    origin: ClaimOrigin = Field(description="preview-copies: made in the reworded copies of the pre-summit story; elsewhere: made in other reports or posts.")
    claimed_by: Text = Field(description="Who made the claim, as precisely as the evidence allows (a site, an outlet, or 'reworded copies of ...').")
    verdict: Verdict
    correction: Text = Field(description="The correct fact, in one or two sentences.")
    reviewed: PartialDate = Field(description="The day the claim was last checked, YYYY-MM-DD.")
    common: bool = Field(default=False, description="True for the mistakes readers meet most; the home page lists them in one line.")
    withdrawn: PartialDate | None = Field(default=None, description="The day the site withdrew this claim from its checks (its id stays, so links to it still work).")
    withdrawn_reason: Text | None = Field(default=None, description="Why it was withdrawn, in one sentence.")
    short: Text | None = Field(default=None, description="The correction in a few words, for the home page's one line of common mistakes.")
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
    id: Slug
    label: Text
    value: Text
    detail: Text | None = None
    sources: SourceRefs


class KeyNumber(Record):
    id: Slug
    figure: Annotated[Text, Field(max_length=24, description="The number as shown, short: '316', '$550bn', '2%'.")]
    label: Text = Field(description="What the number counts, in one line.")
    date: PartialDate = Field(description="The date the number refers to.")
    sources: SourceRefs


class Standing(Record):
    id: Slug
    topic: Text = Field(description="The question, in a few words: 'Tariffs on Japanese goods'.")
    then: Text = Field(description="Where it stood at the time of the October 2025 visit.")
    now: Text = Field(description="Where it stands now.")
    date: PartialDate = Field(description="The date of the latest reliable report behind 'now'; the box shows it.")
    sources: SourceRefs


class WatchItem(Record):
    id: Slug
    date: PartialDate = Field(description="When it is due or expected; may be after the as-of date.")
    item: Text = Field(description="What to watch for.")
    why: Text = Field(description="Why it matters, in one sentence.")
    sources: SourceRefs


class Term(Record):
    id: Slug
    term: Text = Field(description="The term as the site writes it.")
    definition: Text = Field(description="What it means, in one or two plain sentences.")
    sources: SourceRefs


ChangeKind = Literal["update", "correction"]


class Change(Record):
    id: Slug
    date: Annotated[PartialDate, Field(description="The day the change was published, as YYYY-MM-DD.")]
    kind: ChangeKind = Field(description="update (new facts or pages) or correction (a fact was wrong).")
    title: Text
    summary: Text = Field(description="What changed and, for a correction, what was wrong.")
    url: SitePath
    sources: SourceRefs

    @model_validator(mode="after")
    def _full_date(self):
        if len(self.date) != 10:
            raise ValueError("a change needs a full date, YYYY-MM-DD")
        return self


class Site(Record):
    title: Text
    description: Text
    as_of: PartialDate = Field(description="The latest date the content covers; no event may be later.")
    last_reviewed: PartialDate
    published: PartialDate
    licence: Text
