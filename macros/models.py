"""Typed records for every data file.

Each model forbids unknown keys and refuses type coercion, so a typo or a
value of the wrong kind stops the build instead of changing the site.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_partial_date(value: str) -> str:
    match = PARTIAL_DATE_RE.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date") from None
    return value


def check_https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(f"'{value}' must be an https:// address")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"'{value}' contains white space")
    return value


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


def check_text(value: str) -> str:
    if value != value.strip():
        raise ValueError("remove the white space at the start or end")
    if _CONTROL.search(value):
        raise ValueError("contains a control character")
    return value


def check_slug(value: str) -> str:
    if not SLUG_RE.match(value) or len(value) > 80:
        raise ValueError(f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens (at most 80)")
    return value


# Patterns go into the JSON Schema for editors; the validators give the build's own messages.
Slug = Annotated[
    str,
    Field(json_schema_extra={"pattern": SLUG_RE.pattern, "maxLength": 80},
          description="Lower-case letters, digits and single hyphens; never changes once published."),
    AfterValidator(check_slug),
]
PartialDate = Annotated[
    str,
    Field(json_schema_extra={"pattern": PARTIAL_DATE_RE.pattern},
          description="A date as YYYY-MM-DD, or YYYY-MM or YYYY when only that much is known."),
    AfterValidator(check_partial_date),
]
HttpsUrl = Annotated[str, Field(json_schema_extra={"pattern": "^https://"}, description="An https:// address."),
                     AfterValidator(check_https_url)]
Text = Annotated[str, Field(min_length=1), AfterValidator(check_text)]
SourceRefs = Annotated[
    list[Slug],
    Field(min_length=1, description="Ids of records in data/sources.yaml that support this record."),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$", description="Two-letter language code of the source.")] = "en"
    note: Text | None = None


class Event(Record):
    id: Slug
    date: PartialDate
    end: PartialDate | None = Field(default=None, description="The last day, for an event that spans several days.")
    title: Text
    summary: Text
    threads: Annotated[list[Thread], Field(min_length=1)]
    place: Text | None = None
    people: list[Slug] = Field(default_factory=list, description="Ids of records in data/people.yaml.")
    sources: SourceRefs


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


TermStatus = Literal["in-force", "signed", "pledged", "disputed", "not-agreed"]


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
    signed_by: Annotated[list[Text], Field(min_length=1)]
    summary: Text
    binding: Text = Field(description="What kind of commitment it is, in plain words.")
    sources: SourceRefs


Verdict = Literal["false", "misleading", "partly-accurate", "accurate", "unproven"]


class Claim(Record):
    id: Slug
    claim: Text = Field(description="The claim as it circulates, paraphrased.")
    verdict: Verdict
    correction: Text = Field(description="The correct fact, in one or two sentences.")
    sources: SourceRefs


class KeyFact(Record):
    id: Slug
    label: Text
    value: Text
    detail: Text | None = None
    sources: SourceRefs


ChangeKind = Literal["update", "correction"]


class Change(Record):
    id: Slug
    date: Annotated[PartialDate, Field(description="The day the change was published, as YYYY-MM-DD.")]
    kind: ChangeKind = Field(description="update (new facts or pages) or correction (a fact was wrong).")
    title: Text
    summary: Text = Field(description="What changed and, for a correction, what was wrong.")
    url: Annotated[str, Field(pattern=r"^[a-z0-9/#-]*$", description="Where on the site, relative to its root, e.g. 'talks/#day-2'.")]
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
