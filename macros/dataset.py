"""Load every data file once, validate it, and check the files against each other.

The result is a Dataset of typed, frozen records. Anything wrong raises a
DataError listing every problem with its file, line, record and field.

`cached_dataset` loads a project's data once per build whichever generator
drives it: Zensical calls the macros module afresh for every page, so the
cache lives here, keyed on the data files' identity, and a changed file (under
`make serve`) is loaded again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models
from .errors import DataError, Problem, record_label, shown
from .files import PARSED_DATA, cache_dir
from .loader import LocatedDict, LocatedList, load_file


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    filename: str
    model: type[BaseModel]
    noun: str
    description: str
    # How a record's id appears as an HTML id ('{id}' or 'prefix-{id}'); None when it never does.
    anchor: str | None = "{id}"


RECORD_FILES: tuple[DatasetSpec, ...] = (
    DatasetSpec("sources", "sources.yaml", models.Source, "source", "Every source the site cites, one record per article or document.", "source-{id}"),
    DatasetSpec("events", "events.yaml", models.Event, "event", "Dated events, each tagged with one or more story threads."),
    DatasetSpec("people", "people.yaml", models.Person, "person", "The people in the story and their roles.", "person-{id}"),
    DatasetSpec("defence_budget", "defence_budget.yaml", models.BudgetYear, "budget year", "Japan's initial defence budget by fiscal year, in trillions of yen."),
    DatasetSpec("defence_share", "defence_share.yaml", models.DefenceShare, "share", "Defence or security spending as a share of GDP, each point with its basis."),
    DatasetSpec("seats", "seats.yaml", models.SeatSnapshot, "snapshot", "Seats in the House of Representatives at given dates.", None),
    DatasetSpec("trade_terms", "trade_terms.yaml", models.TradeTerm, "term", "Terms of the 2025 US-Japan trade deal and what followed."),
    DatasetSpec("agreements", "agreements.yaml", models.Agreement, "agreement", "Documents signed during the October 2025 visit."),
    DatasetSpec("claims", "claims.yaml", models.Claim, "claim", "Claims from circulating copies of the pre-summit story, with verdicts."),
    DatasetSpec("key_facts", "key_facts.yaml", models.KeyFact, "fact", "The facts shown at a glance on the home page.", "fact-{id}"),
    DatasetSpec("key_numbers", "key_numbers.yaml", models.KeyNumber, "number", "The numbers in the home page's strip, each dated.", None),
    DatasetSpec("standings", "standings.yaml", models.Standing, "standing", "Where things stand: each question then (October 2025) and now (the as-of date).", "standing-{id}"),
    DatasetSpec("watch", "watch.yaml", models.WatchItem, "watch item", "What to watch: dated decisions and deadlines ahead.", "watch-{id}"),
    DatasetSpec("glossary", "glossary.yaml", models.Term, "term", "Terms the story uses, explained.", "term-{id}"),
    DatasetSpec("places", "places.yaml", models.Place, "place", "Where the visit's events happened, for the locator map.", "place-{id}"),
    DatasetSpec("changelog", "changelog.yaml", models.Change, "change", "Substantive updates and corrections to the site, newest first; feeds the Atom feed and the corrections log.", "change-{id}"),
)
SITE_FILE = "site.yaml"
# Ids the templates make themselves; no record may take one of these shapes.
GENERATED_ANCHORS = ("chart-", "publisher-", "dataset-", "seats-", "source-", "person-", "fact-", "change-", "year-", "standing-", "people-",
                     "watch-", "term-", "ref-", "cite-", "table-", "cite-this-page", "place-", "map-")


@dataclass(frozen=True)
class Dataset:
    site: models.Site
    records: dict[str, tuple[BaseModel, ...]]
    # Line numbers of each record, by dataset name and id, for later messages.
    lines: dict[str, dict[str, int]] = field(default_factory=dict)
    # The edition these records are shown in: "en", or "ja" with the Japanese twins in place.
    lang: str = "en"

    def localized(self, lang: str) -> Dataset:
        """The same records for an edition: for "ja", each field that has a Japanese twin
        (<field>_ja, see models.Record.JAPANESE) holds the Japanese, so that every view, table,
        chart and download shows one language without knowing about the other."""
        if lang == self.lang:
            return self
        cache = self.__dict__.setdefault("_localized", {})
        if lang not in cache:
            localized = Dataset(_localize(self.site, lang),
                                {name: tuple(_localize(r, lang) for r in rs) for name, rs in self.records.items()},
                                self.lines, lang)
            localized.__dict__["_english"] = self
            cache[lang] = localized
        return cache[lang]

    @property
    def english(self) -> Dataset:
        """The records as written in English: what orders and names things the same in every edition."""
        return self.__dict__.get("_english", self)

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


def _localize(record: BaseModel, lang: str) -> BaseModel:
    if lang == "en":
        return record
    update = {}
    for name in getattr(record, "JAPANESE", ()):
        twin = getattr(record, f"{name}_{lang}")
        if twin is not None:  # missing only while a translation is in progress (models.REQUIRE_JAPANESE)
            update[name] = twin
    for name, value in record:
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_localize(v, lang) for v in value]
    return record.model_copy(update=update) if update else record


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = str(part) if _PLAIN_KEY.fullmatch(str(part)) else shown(part)
            out += f".{name}" if out else name
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
        return f"{msg}, not {shown(error['input'])}"
    if error["type"] == "finite_number":
        return "must be a finite number"
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{msg} (got {shown(error['input'])})"
    return msg


def _validate_record(model, raw, path, label, problems, line=None, context=None) -> BaseModel | None:
    if not isinstance(raw, dict):
        problems.append(Problem(path, getattr(raw, "line", line), "each entry must be a mapping of field: value", label))
        return None
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            # A union of str and None reports each branch; the first is enough.
            if loc and isinstance(loc[-1], str) and (loc[-1] in ("str", "none") or loc[-1].startswith("function-after[")):
                loc = loc[:-1]
            problems.append(Problem(path, _line_for(raw, loc), _message(error), label, _field_path(loc) or None))
        return None


def build_date() -> str:
    """The day of the build: SOURCE_DATE_EPOCH where set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return dt.datetime.now(dt.UTC).date().isoformat()
    if not re.fullmatch(r"[0-9]{1,12}", epoch):
        raise DataError(Problem("SOURCE_DATE_EPOCH", None, f"{shown(epoch)} is not a whole number of seconds"))
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()


def load_dataset(data_dir: Path, display_root: str = "data", root: Path | None = None, today: str | None = None,
                 require_japanese: bool | None = None, cache_dir: Path | None = None) -> Dataset:
    """Load and check every data file in data_dir, which must sit inside root (the project).

    Every text readers see needs its Japanese twin when the project has a Japanese edition
    (docs/ja/), unless require_japanese says otherwise. cache_dir keeps the files' parsed
    YAML between builds (loader.load_file); the records are checked every time."""
    root = root or data_dir.parent
    if require_japanese is None:
        require_japanese = (root / "docs" / "ja").is_dir()
    context = {"require_japanese": require_japanese}
    problems: list[Problem] = []
    records: dict[str, tuple[BaseModel, ...]] = {}
    lines: dict[str, dict[str, int]] = {}
    validated: dict[str, list] = {}

    site_path = f"{display_root}/{SITE_FILE}"
    site = None
    try:
        raw_site = load_file(data_dir / SITE_FILE, site_path, root, cache_dir=cache_dir)
        if not isinstance(raw_site, dict):
            problems.append(Problem(site_path, getattr(raw_site, "line", 1), "the file must be a mapping of field: value"))
        else:
            site = _validate_record(models.Site, raw_site, site_path, None, problems, context=context)
    except DataError as exc:
        problems.extend(exc.problems)

    for spec in RECORD_FILES:
        path = f"{display_root}/{spec.filename}"
        try:
            raw = load_file(data_dir / spec.filename, path, root, cache_dir=cache_dir)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(raw, list):
            problems.append(Problem(path, getattr(raw, "line", 1), f"the file must be a list of {spec.noun} records, each starting with '- id:'"))
            continue
        valid = []
        for index, item in enumerate(raw):
            label = record_label(spec.noun, item.get("id") if isinstance(item, dict) else None, index)
            record = _validate_record(spec.model, item, path, label, problems, line=raw.item_lines[index], context=context)
            if record is not None:
                valid.append((record, raw.item_lines[index], item))
        seen: dict[str, int] = {}
        for record, line, _ in valid:
            if record.id in seen:
                problems.append(Problem(path, line, f"duplicate id (first used at line {seen[record.id]})", record_label(spec.noun, record.id, 0), "id"))
            else:
                seen[record.id] = line
        records[spec.name] = tuple(r for r, _, _ in valid)
        lines[spec.name] = seen
        validated[spec.name] = valid

    if not problems and site is not None:
        # Every other date is checked against the site's own; when those are wrong, that comes first.
        problems.extend(_check_site_dates(site, site_path, raw_site, today or build_date())[:1])
        if not problems:
            problems.extend(_cross_check(site, validated, display_root))
    if problems:
        raise DataError(problems)
    return Dataset(site=site, records=records, lines=lines)


def _check_site_dates(site: models.Site, path: str, raw: Any, today: str) -> list[Problem]:
    problems = []
    key = _sort_key
    if key(site.as_of) > key(today):
        problems.append(Problem(path, _line_for(raw, ("as_of",)), f"{shown(site.as_of)} is after the build date {today}; the site cannot cover the future", None, "as_of"))
    if key(site.last_reviewed) > key(today):
        problems.append(Problem(path, _line_for(raw, ("last_reviewed",)), f"{shown(site.last_reviewed)} is after the build date {today}", None, "last_reviewed"))
    if key(site.last_reviewed) < key(site.as_of):
        problems.append(Problem(path, _line_for(raw, ("last_reviewed",)), f"{shown(site.last_reviewed)} is before the as-of date {site.as_of}; a review cannot precede the content it reviewed", None, "last_reviewed"))
    if key(site.published) > key(site.last_reviewed):
        problems.append(Problem(path, _line_for(raw, ("published",)), f"{shown(site.published)} is after the last review {site.last_reviewed}", None, "published"))
    return problems


def _sort_key(value: str) -> str:
    """Pads partial dates so that '2026-03' sorts before '2026-03-01' and after '2026'."""
    parts = value.split("-") + ["00", "00"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}"


def _after(value: str, limit: str) -> bool:
    """True when a (partial) date lies wholly after limit: '2026-04' is after '2026-03-31'; '2026' is not."""
    return value > limit and not limit.startswith(value)


def _anchors(spec: DatasetSpec, record) -> list[str]:
    if spec.anchor is None:
        return []
    return [spec.anchor.format(id=record.id)]


def _cross_check(site: models.Site, validated: dict, root: str) -> list[Problem]:
    problems: list[Problem] = []
    source_ids = {r.id for r, _, _ in validated["sources"]}
    people_ids = {r.id for r, _, _ in validated["people"]}
    event_ids = {r.id for r, _, _ in validated["events"]}
    as_of = site.as_of
    specs = {spec.name: spec for spec in RECORD_FILES}
    anchors: dict[str, str] = {}

    for name, entries in validated.items():
        spec = specs[name]
        path = f"{root}/{spec.filename}"
        for record, line, raw in entries:
            label = record_label(spec.noun, record.id, 0)
            for anchor in _anchors(spec, record):
                bare = spec.anchor == "{id}"
                if bare and anchor.startswith(GENERATED_ANCHORS):
                    problems.append(Problem(path, line, f"ids may not start with {anchor.split('-')[0]!r}- (the site makes such ids itself); choose another", label, "id"))
                elif anchor in anchors:
                    problems.append(Problem(path, line, f"{shown(record.id)} is already the id of {anchors[anchor]}; ids must be unique across data files, because both can appear on one page", label, "id"))
                else:
                    anchors[anchor] = f"{spec.noun} in {root}/{spec.filename}"
            for i, ref in enumerate(getattr(record, "sources", ())):
                if ref not in source_ids:
                    problems.append(Problem(path, _line_for(raw, ("sources", i)), f"{shown(ref)} is not defined in {root}/sources.yaml", label, "sources"))
            for i, ref in enumerate(getattr(record, "superseded_by", ())):
                if ref not in source_ids or ref == record.id:
                    problems.append(Problem(path, _line_for(raw, ("superseded_by", i)), f"{shown(ref)} is not another source in {root}/sources.yaml", label, "superseded_by"))
            for i, ref in enumerate(getattr(record, "people", ())):
                if ref not in people_ids:
                    problems.append(Problem(path, _line_for(raw, ("people", i)), f"{shown(ref)} is not defined in {root}/people.yaml", label, "people"))
            if name == "places":
                for i, ref in enumerate(record.events):
                    if ref not in event_ids:
                        problems.append(Problem(path, _line_for(raw, ("events", i)), f"{shown(ref)} is not defined in {root}/events.yaml", label, "events"))
            if name == "watch":
                pass  # What to watch lies ahead by nature.
            elif name == "changelog":
                # A change is dated by when the site changed, not by the events it covers.
                if _sort_key(record.date) > _sort_key(site.last_reviewed):
                    problems.append(Problem(path, _line_for(raw, ("date",)), f"{shown(record.date)} is after the site's last review {site.last_reviewed} ({root}/site.yaml)", label, "date"))
                elif _sort_key(record.date) < _sort_key(site.published):
                    problems.append(Problem(path, _line_for(raw, ("date",)), f"{shown(record.date)} is before the site was published ({site.published}, {root}/site.yaml)", label, "date"))
            else:
                for key in ("date", "end", "published"):
                    value = getattr(record, key, None)
                    if isinstance(value, str) and _after(value, as_of):
                        problems.append(Problem(path, _line_for(raw, (key,)), f"{shown(value)} is after the site's as-of date {as_of} ({root}/site.yaml)", label, key))
            end = getattr(record, "end", None)
            # Compare at the coarser precision: an end of '2025-10' is not before a start of '2025-10-27'.
            shared = min(len(end), len(record.date)) if end is not None else 0
            if end is not None and end[:shared] < record.date[:shared]:
                problems.append(Problem(path, _line_for(raw, ("end",)), f"{shown(end)} is before the start date {shown(record.date)}", label, "end"))
            seen_parties: set[str] = set()
            for i, party in enumerate(getattr(record, "parties", ())):
                if party.id in seen_parties:
                    problems.append(Problem(path, _line_for(raw, ("parties", i)), f"party {shown(party.id)} is listed twice", label, "parties"))
                seen_parties.add(party.id)

    years: dict[int, str] = {}
    for record, line, _ in validated["defence_budget"]:
        if record.fiscal_year in years:
            problems.append(Problem(f"{root}/defence_budget.yaml", line, f"FY{record.fiscal_year} is already given by {shown(years[record.fiscal_year])}; one record per fiscal year",
                                    record_label("budget year", record.id, 0), "fiscal_year"))
        years.setdefault(record.fiscal_year, record.id)
    problems.extend(_check_publishers(validated["sources"], root))
    problems.extend(_check_same_day_order(validated["events"], root))
    for record, _line, raw in validated["claims"]:
        if _sort_key(record.reviewed) > _sort_key(site.last_reviewed):
            problems.append(Problem(f"{root}/claims.yaml", _line_for(raw, ("reviewed",)), f"{shown(record.reviewed)} is after the site's last review {site.last_reviewed}",
                                    record_label("claim", record.id, 0), "reviewed"))
    return problems


def _check_same_day_order(entries, root: str) -> list[Problem]:
    """Events of one day must say in which order they happened, and not contradict their times."""
    path = f"{root}/events.yaml"
    days: dict[str, list] = {}
    for record, line, raw in entries:
        if len(record.date) == 10:
            days.setdefault(record.date, []).append((record, line, raw))
    problems = []
    for day, same in days.items():
        if len(same) < 2:
            continue
        orders: dict[int, str] = {}
        for record, line, raw in same:
            label = record_label("event", record.id, 0)
            if record.order is None:
                others = [shown(r.id) for r, _, _ in same if r.id != record.id]
                # A few names are enough to find the day; a message stays one readable line.
                others = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
                problems.append(Problem(path, line, f"shares the date {day} with {others}; give each an order (1 = first) so the timeline shows them as they happened", label, "order"))
            elif record.order in orders:
                problems.append(Problem(path, _line_for(raw, ("order",)), f"order {record.order} is already taken by {shown(orders[record.order])} on {day}", label, "order"))
            else:
                orders[record.order] = record.id
        timed = sorted((r for r, _, _ in same if r.time and r.order), key=lambda r: r.order)
        for earlier, later in zip(timed, timed[1:], strict=False):
            if later.time < earlier.time:
                raw = next(raw for r, _, raw in same if r.id == later.id)
                problems.append(Problem(path, _line_for(raw, ("order",)), f"comes after {shown(earlier.id)} (order {earlier.order}, {earlier.time}) but is timed {later.time}",
                                        record_label("event", later.id, 0), "order"))
    return problems


def publisher_anchor(publisher: str) -> str:
    """The Sources page's anchor for a publisher: \\w keeps Japanese and other scripts."""
    return "publisher-" + (re.sub(r"[\W_]+", "-", publisher.lower()).strip("-") or "publisher")


def _check_publishers(entries, root: str) -> list[Problem]:
    problems, anchors = [], {}
    for record, line, _ in entries:
        anchor = publisher_anchor(record.publisher)
        other = anchors.setdefault(anchor, record.publisher)
        if other != record.publisher:
            problems.append(Problem(f"{root}/sources.yaml", line, f"{shown(record.publisher)} and {shown(other)} would share the anchor #{anchor}; write the publisher's name the same way each time",
                                    record_label("source", record.id, 0), "publisher"))
    return problems


# -- one load per build ------------------------------------------------------------------

_cache: dict[Path, tuple[tuple, Dataset]] = {}
_cache_lock = threading.Lock()


def _fingerprint(data_dir: Path) -> tuple:
    marks = [os.environ.get("SOURCE_DATE_EPOCH", "")]
    for name in (SITE_FILE, *(spec.filename for spec in RECORD_FILES)):
        try:
            st = os.lstat(data_dir / name)
            marks.append((name, st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            marks.append((name, None))
    return tuple(marks)


def cached_dataset(project_dir: Path) -> Dataset:
    """The project's dataset, loaded once and again only when a data file changes."""
    data_dir = project_dir.resolve() / "data"
    with _cache_lock:
        mark = _fingerprint(data_dir)
        hit = _cache.get(data_dir)
        if hit and hit[0] == mark:
            return hit[1]
        dataset = load_dataset(data_dir, root=project_dir.resolve(), cache_dir=cache_dir(project_dir.resolve(), PARSED_DATA))
        _cache[data_dir] = (mark, dataset)
        return dataset
