"""Models and cross-file checks: every problem is reported with file, line, record and field."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from macros.dataset import RECORD_FILES, load_dataset
from macros.errors import DataError


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    return str(info.value).splitlines()


def test_fixture_loads_into_typed_records(data_dir):
    dataset = load_dataset(data_dir)
    assert [e.id for e in dataset.events] == ["summit-2025-10-28", "visit-2025-10-27", "trump-tower-2016-11"]
    assert dataset.site.as_of == "2026-03-31"
    assert dataset.by_id("sources")["reuters-2025-10-22-purchases"].outlet == "The Japan Times"
    assert set(dataset.records) == {spec.name for spec in RECORD_FILES}


def test_dangling_source_reference(data_dir):
    edit(data_dir / "events.yaml", "sources: [kyodo-2016-11]", "sources: [kyodo-2016-11x]")
    assert problems(data_dir) == [
        "data/events.yaml:21: event 'trump-tower-2016-11': sources: 'kyodo-2016-11x' is not defined in data/sources.yaml"
    ]


def test_dangling_person_reference(data_dir):
    edit(data_dir / "events.yaml", "people: [sanae-takaichi]", "people: [sanae-takaichii]")
    assert problems(data_dir) == [
        "data/events.yaml:7: event 'summit-2025-10-28': people: 'sanae-takaichii' is not defined in data/people.yaml"
    ]


def test_unknown_field(data_dir):
    edit(data_dir / "events.yaml", "  place: Akasaka", "  plaec: Akasaka")
    assert problems(data_dir) == [
        "data/events.yaml:6: event 'summit-2025-10-28': plaec: unknown field (check the spelling; see the data dictionary)"
    ]


def test_missing_field(data_dir):
    edit(data_dir / "events.yaml", "  title: Trump in Tokyo\n", "")
    assert problems(data_dir) == ["data/events.yaml:9: event 'visit-2025-10-27': title: this field is required"]


def test_impossible_date(data_dir):
    edit(data_dir / "events.yaml", 'date: "2025-10-28"', 'date: "2025-02-30"')
    assert problems(data_dir) == ["data/events.yaml:2: event 'summit-2025-10-28': date: '2025-02-30' is not a real calendar date"]


def test_unquoted_date_is_still_checked(data_dir):
    edit(data_dir / "events.yaml", 'date: "2025-10-28"', "date: 2025-02-30")
    assert problems(data_dir) == ["data/events.yaml:2: event 'summit-2025-10-28': date: '2025-02-30' is not a real calendar date"]


def test_date_after_as_of(data_dir):
    edit(data_dir / "events.yaml", 'date: "2016-11"', 'date: "2026-04"')
    assert problems(data_dir) == [
        "data/events.yaml:17: event 'trump-tower-2016-11': date: '2026-04' is after the site's as-of date 2026-03-31 (data/site.yaml)"
    ]


def test_end_before_start(data_dir):
    edit(data_dir / "events.yaml", 'end: "2025-10-29"', 'end: "2025-10-26"')
    assert problems(data_dir) == ["data/events.yaml:11: event 'visit-2025-10-27': end: '2025-10-26' is before the start date '2025-10-27'"]


def test_duplicate_id(data_dir):
    edit(data_dir / "events.yaml", "- id: visit-2025-10-27", "- id: summit-2025-10-28")
    assert problems(data_dir) == ["data/events.yaml:9: event 'summit-2025-10-28': id: duplicate id (first used at line 1)"]


def test_bad_id_shape(data_dir):
    edit(data_dir / "events.yaml", "- id: visit-2025-10-27", "- id: Visit_2025")
    assert problems(data_dir) == [
        "data/events.yaml:9: event 'Visit_2025': id: 'Visit_2025' is not a valid id: use lower-case letters, digits and single hyphens (at most 80)"
    ]


@pytest.mark.parametrize("url", ["http://www.mofa.go.jp/x", "javascript:alert(1)", "ftp://x.org/a"])
def test_only_https_urls(data_dir, url):
    edit(data_dir / "sources.yaml", "url: https://www.mofa.go.jp/na/na1/us/example.html", f"url: {url}")
    assert problems(data_dir) == [f"data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: '{url}' must be an https:// address"]


def test_wrong_type_no_coercion(data_dir):
    edit(data_dir / "defence_budget.yaml", "fiscal_year: 2024", 'fiscal_year: "2024"')
    assert problems(data_dir) == ["data/defence_budget.yaml:2: budget year 'fy2024': fiscal_year: Input should be a valid integer (got '2024')"]


def test_version_like_number_in_text_field(data_dir):
    edit(data_dir / "defence_share.yaml", 'period: "2024"', "period: 1.10")
    assert problems(data_dir) == ["data/defence_share.yaml:8: share 'cy2024-sipri': period: Input should be a valid string (got 1.1)"]


def test_norway_value_in_enum_field(data_dir):
    edit(data_dir / "claims.yaml", 'verdict: "false"', "verdict: NO")
    message = problems(data_dir)
    assert message == ["data/claims.yaml:3: claim 'former-president': verdict: Input should be 'false', 'misleading', 'partly-accurate', 'accurate' or 'unproven', not 'NO'"]


def test_record_needs_a_source(data_dir):
    edit(data_dir / "key_facts.yaml", "sources: [mofa-2025-10-28-summit]", "sources: []")
    assert problems(data_dir) == ["data/key_facts.yaml:4: fact 'when': sources: List should have at least 1 item after validation, not 0"]


def test_seats_must_fit(data_dir):
    edit(data_dir / "seats.yaml", "seats: 148", "seats: 348")
    assert problems(data_dir) == ["data/seats.yaml:1: snapshot 'oct-2025': the parties' seats add up to 579, more than the total of 465"]


def test_missing_file(data_dir):
    (data_dir / "claims.yaml").unlink()
    assert problems(data_dir) == ["data/claims.yaml: file not found"]


def test_file_must_be_a_list(data_dir):
    (data_dir / "claims.yaml").write_text("id: x\n", encoding="utf-8")
    assert problems(data_dir) == ["data/claims.yaml:1: the file must be a list of claim records, each starting with '- id:'"]


def test_every_problem_is_reported_at_once(data_dir):
    edit(data_dir / "events.yaml", 'date: "2025-10-28"', 'date: "2025-13-01"')
    edit(data_dir / "claims.yaml", 'verdict: "false"', "verdict: wrong")
    assert len(problems(data_dir)) == 2
