"""Load every data file once, validate it, and check the files against each other.

The result is a Dataset of typed, frozen records. Anything wrong raises a
DataError listing every problem with its file, line, record and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models
from .errors import DataError, Problem
from .loader import LocatedDict, LocatedList, load_file


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    filename: str
    model: type[BaseModel]
    noun: str
    description: str


RECORD_FILES: tuple[DatasetSpec, ...] = (
    DatasetSpec("sources", "sources.yaml", models.Source, "source", "Every source the site cites, one record per article or document."),
    DatasetSpec("events", "events.yaml", models.Event, "event", "Dated events, each tagged with one or more story threads."),
    DatasetSpec("people", "people.yaml", models.Person, "person", "The people in the story and their roles."),
    DatasetSpec("defence_budget", "defence_budget.yaml", models.BudgetYear, "budget year", "Japan's initial defence budget by fiscal year, in trillions of yen."),
    DatasetSpec("defence_share", "defence_share.yaml", models.DefenceShare, "share", "Defence or security spending as a share of GDP, each point with its basis."),
    DatasetSpec("seats", "seats.yaml", models.SeatSnapshot, "snapshot", "Seats in the House of Representatives at given dates."),
    DatasetSpec("trade_terms", "trade_terms.yaml", models.TradeTerm, "term", "Terms of the 2025 US-Japan trade deal and what followed."),
    DatasetSpec("agreements", "agreements.yaml", models.Agreement, "agreement", "Documents signed during the October 2025 visit."),
    DatasetSpec("claims", "claims.yaml", models.Claim, "claim", "Claims from circulating copies of the pre-summit story, with verdicts."),
    DatasetSpec("key_facts", "key_facts.yaml", models.KeyFact, "fact", "The facts shown at a glance on the home page."),
    DatasetSpec("changelog", "changelog.yaml", models.Change, "change", "Substantive updates and corrections to the site, newest first; feeds the Atom feed and the corrections log."),
)
SITE_FILE = "site.yaml"


@dataclass(frozen=True)
class Dataset:
    site: models.Site
    records: dict[str, tuple[BaseModel, ...]]
    # Line numbers of each record, by dataset name and id, for later messages.
    lines: dict[str, dict[str, int]] = field(default_factory=dict)

    def __getattr__(self, name: str):
        try:
            return self.records[name]
        except KeyError:
            raise AttributeError(name) from None

    def by_id(self, name: str) -> dict[str, BaseModel]:
        # Views look records up thousands of times per build; build each index once.
        index = self.__dict__.setdefault("_by_id", {})
        if name not in index:
            index[name] = {r.id: r for r in self.records[name]}
        return index[name]


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_for(raw: Any, loc: tuple) -> int | None:
    """The line of the deepest part of loc that exists in the raw document."""
    line = getattr(raw, "line", None)
    node = raw
    for part in loc:
        if isinstance(node, LocatedDict) and part in node:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _message(error: dict) -> str:
    msg = error["msg"]
    if msg.startswith("Value error, "):
        return msg[len("Value error, "):]
    if error["type"] == "missing":
        return "this field is required"
    if error["type"] == "extra_forbidden":
        return "unknown field (check the spelling; see the data dictionary)"
    if error["type"] == "literal_error":
        return f"{msg}, not {error['input']!r}"
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{msg} (got {error['input']!r})"
    return msg


def _record_label(noun: str, raw: Any, index: int) -> str:
    rid = raw.get("id") if isinstance(raw, dict) else None
    return f"{noun} '{rid}'" if isinstance(rid, str) else f"{noun} #{index + 1}"


def _validate_record(model, raw, path, label, problems, line=None) -> BaseModel | None:
    if not isinstance(raw, dict):
        problems.append(Problem(path, getattr(raw, "line", line), "each entry must be a mapping of field: value", label))
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            # A union of str and None reports each branch; the first is enough.
            if loc and loc[-1] in ("str", "none", "function-after[check_text(), str]"):
                loc = loc[:-1]
            problems.append(Problem(path, _line_for(raw, loc), _message(error), label, _field_path(loc) or None))
        return None


def load_dataset(data_dir: Path, display_root: str = "data") -> Dataset:
    problems: list[Problem] = []
    records: dict[str, tuple[BaseModel, ...]] = {}
    lines: dict[str, dict[str, int]] = {}
    validated: dict[str, list] = {}

    site_path = f"{display_root}/{SITE_FILE}"
    site = None
    try:
        raw_site = load_file(data_dir / SITE_FILE, site_path)
        if not isinstance(raw_site, dict):
            problems.append(Problem(site_path, 1, "the file must be a mapping of field: value"))
        else:
            site = _validate_record(models.Site, raw_site, site_path, None, problems)
    except DataError as exc:
        problems.extend(exc.problems)

    for spec in RECORD_FILES:
        path = f"{display_root}/{spec.filename}"
        try:
            raw = load_file(data_dir / spec.filename, path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(raw, list):
            problems.append(Problem(path, getattr(raw, "line", 1), f"the file must be a list of {spec.noun} records, each starting with '- id:'"))
            continue
        valid = []
        for index, item in enumerate(raw):
            record = _validate_record(spec.model, item, path, _record_label(spec.noun, item, index), problems,
                                      line=raw.item_lines[index])
            if record is not None:
                valid.append((record, raw.item_lines[index], item))
        seen: dict[str, int] = {}
        for record, line, _ in valid:
            if record.id in seen:
                problems.append(Problem(path, line, f"duplicate id (first used at line {seen[record.id]})", f"{spec.noun} '{record.id}'", "id"))
            else:
                seen[record.id] = line
        records[spec.name] = tuple(r for r, _, _ in valid)
        lines[spec.name] = seen
        validated[spec.name] = valid

    if not problems and site is not None:
        problems.extend(_cross_check(site, validated, display_root))
    if problems:
        raise DataError(problems)
    return Dataset(site=site, records=records, lines=lines)


def _cross_check(site: models.Site, validated: dict, root: str) -> list[Problem]:
    problems: list[Problem] = []
    source_ids = {r.id for r, _, _ in validated["sources"]}
    people_ids = {r.id for r, _, _ in validated["people"]}
    as_of = site.as_of
    nouns = {spec.name: spec for spec in RECORD_FILES}

    for name, entries in validated.items():
        spec = nouns[name]
        path = f"{root}/{spec.filename}"
        for record, _, raw in entries:
            label = f"{spec.noun} '{record.id}'"
            for i, ref in enumerate(getattr(record, "sources", ())):
                if ref not in source_ids:
                    problems.append(Problem(path, _line_for(raw, ("sources", i)), f"'{ref}' is not defined in {root}/sources.yaml", label, "sources"))
            for i, ref in enumerate(getattr(record, "people", ())):
                if ref not in people_ids:
                    problems.append(Problem(path, _line_for(raw, ("people", i)), f"'{ref}' is not defined in {root}/people.yaml", label, "people"))
            # A change is dated by when the site changed, not by the events it covers.
            for key in () if name == "changelog" else ("date", "end", "published"):
                value = getattr(record, key, None)
                if isinstance(value, str) and value > as_of and not value.startswith(as_of):
                    problems.append(Problem(path, _line_for(raw, (key,)), f"'{value}' is after the site's as-of date {as_of} ({root}/site.yaml)", label, key))
            end = getattr(record, "end", None)
            # Compare at the coarser precision: an end of '2025-10' is not before a start of '2025-10-27'.
            shared = min(len(end), len(record.date)) if end is not None else 0
            if end is not None and end[:shared] < record.date[:shared]:
                problems.append(Problem(path, _line_for(raw, ("end",)), f"'{end}' is before the start date '{record.date}'", label, "end"))
            seen_parties: set[str] = set()
            for i, party in enumerate(getattr(record, "parties", ())):
                if party.id in seen_parties:
                    problems.append(Problem(path, _line_for(raw, ("parties", i)), f"party '{party.id}' is listed twice", label, "parties"))
                seen_parties.add(party.id)
    return problems
