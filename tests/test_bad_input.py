"""Hostile and broken input (issue 8): precise errors, nothing wrong published.

Every case is a small, readable mutation of the fixture project in
tests/fixtures/ (an Edit, Append, Write, Recode or Delete of one file), built as
a whole site through the real MkDocs command line (conftest.build):

* CASES must fail: a non-zero exit, exactly one error line (the full message,
  compared exactly), no Python traceback, no site/index.html, and no marker file
  (the `!!python/...` cases try to create one).
* The test_builds_* tests must build, and their HTML is checked.
* test_post_build_failure_keeps_the_old_site: a failure in the post-build
  check leaves the previous site in place.

Every case also runs without MkDocs (load_dataset, or ExplainerSite for pages),
which is quick; the cases in NOT_BUILT_BY_DEFAULT repeat a kind of mistake
that another case builds, and are built only with BAD_INPUT_ALL_BUILDS=1.
Each case runs in its own tmp_path, so the suite is safe under pytest-xdist.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, build, error_lines, make_project
from macros.dataset import load_dataset
from macros.errors import DataError
from macros.loader import MAX_BYTES
from macros.site import ExplainerSite

# -- the mutations ------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """Replace the first occurrence of old (which must be there) with new."""
    path: str
    old: str
    new: str

    def apply(self, project: Path, marker: Path) -> None:
        target = project / self.path
        text = target.read_text(encoding="utf-8")
        assert self.old in text, f"fixture text {self.old!r} not found in {self.path}"
        target.write_text(text.replace(self.old, self.new.replace("MARKER", str(marker)), 1), encoding="utf-8")


@dataclass(frozen=True)
class Append:
    path: str
    text: str

    def apply(self, project: Path, marker: Path) -> None:
        target = project / self.path
        target.write_text(target.read_text(encoding="utf-8") + self.text.replace("MARKER", str(marker)), encoding="utf-8")


@dataclass(frozen=True)
class Write:
    """Replace the whole file with these bytes (or UTF-8 text)."""
    path: str
    content: str | bytes

    def apply(self, project: Path, marker: Path) -> None:
        content = self.content
        if isinstance(content, str):
            content = content.replace("MARKER", str(marker)).encode("utf-8")
        (project / self.path).write_bytes(content)


@dataclass(frozen=True)
class Delete:
    path: str

    def apply(self, project: Path, marker: Path) -> None:
        (project / self.path).unlink()


@dataclass(frozen=True)
class Recode:
    """Re-save a file in another encoding, as an editor set to the wrong one would."""
    path: str
    encoding: str

    def apply(self, project: Path, marker: Path) -> None:
        target = project / self.path
        target.write_bytes(target.read_text(encoding="utf-8").encode(self.encoding))


@dataclass(frozen=True)
class Case:
    id: str
    changes: tuple
    expected: str  # the one error line; {macros} stands for the sorted macro names
    exact: bool = True  # False: the error line need only start with expected (its location)
    bug: str | None = None  # a known bug outside this file: the case is a strict xfail

    @property
    def data_only(self) -> bool:
        return all(c.path.startswith("data/") for c in self.changes)


def case(id: str, *changes, expected: str, exact: bool = True, bug: str | None = None) -> Case:
    return Case(id, changes, expected, exact, bug)


def params(cases):
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.bug)] if c.bug else [])
            for c in cases]


# Paths inside a fixture project, and message tails shared by many cases.
EV, SRC, CLAIMS, FACTS = "data/events.yaml", "data/sources.yaml", "data/claims.yaml", "data/key_facts.yaml"
SEATS, SHARE, BUDGET, TRADE = "data/seats.yaml", "data/defence_share.yaml", "data/defence_budget.yaml", "data/trade_terms.yaml"
AGREE, PEOPLE, SITE = "data/agreements.yaml", "data/people.yaml", "data/site.yaml"
INDEX = "docs/index.md"
ALIASES = "(anchors and aliases are refused)"
ENUM_VERDICT = "Input should be 'false', 'misleading', 'partly-accurate', 'accurate' or 'unproven'"
ONLY_MACROS = 'only macro calls such as {{ cite("source-id") }} are'
THREADS = "visit, abe-trump, security, trade, politics, aftermath"


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
) + "\n"
# Valid YAML (a record and then comment lines) that is one line over the size cap.
OVERSIZED = b"- id: when\n" + b"#" * (MAX_BYTES - 11) + b"\n"
assert len(OVERSIZED) == MAX_BYTES + 1


CASES = [
    # -- YAML syntax --
    case("syntax-unclosed-quote", Edit(CLAIMS, "correction: He was", 'correction: "He was'),
         expected="data/claims.yaml:4: YAML syntax error: while scanning a quoted scalar found unexpected end of stream"),
    case("syntax-colon-in-plain-text", Edit(EV, "title: Summit at Akasaka Palace", "title: Summit: at Akasaka Palace"),
         expected="data/events.yaml:3: YAML syntax error: mapping values are not allowed here"),
    case("syntax-tab-indent", Edit(EV, "  title: Trump in Tokyo", "\ttitle: Trump in Tokyo"),
         expected="data/events.yaml:12: YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token"),
    case("syntax-unclosed-flow-list", Edit(CLAIMS, "sources: [mofa-2025-10-28-summit]", "sources: [mofa-2025-10-28-summit"),
         expected="data/claims.yaml:10: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got '<stream end>'"),
    case("syntax-second-document", Append(CLAIMS, "---\n- id: extra\n"),
         expected="data/claims.yaml:11: YAML syntax error: expected a single document in the stream but found another document"),

    # -- wrong types (no coercion) --
    case("type-int-as-quoted-text", Edit(BUDGET, "fiscal_year: 2024", 'fiscal_year: "2024"'),
         expected="data/defence_budget.yaml:2: budget year 'fy2024': fiscal_year: Input should be a valid integer (got '2024')"),
    case("type-float-as-quoted-text", Edit(BUDGET, "amount_yen_trillion: 7.95", 'amount_yen_trillion: "7.95"'),
         expected="data/defence_budget.yaml:3: budget year 'fy2024': amount_yen_trillion: Input should be a valid number (got '7.95')"),
    case("type-float-for-int", Edit(SEATS, "total: 465", "total: 465.0"),
         expected="data/seats.yaml:5: snapshot 'oct-2025': total: Input should be a valid integer (got 465.0)"),
    case("type-text-for-list", Edit(EV, "threads: [visit]", "threads: visit"),
         expected="data/events.yaml:14: event 'visit-2025-10-27': threads: Input should be a valid list (got 'visit')"),
    case("type-number-in-text-list", Edit(AGREE, "signed_by: [Sanae Takaichi, Donald Trump]", "signed_by: [Sanae Takaichi, 47]"),
         expected="data/agreements.yaml:5: agreement 'critical-minerals-framework': signed_by[1]: Input should be a valid string (got 47)"),
    case("type-number-in-optional-text", Edit(BUDGET, "change: 14th straight rise", "change: 14"),
         expected="data/defence_budget.yaml:10: budget year 'fy2026': change: Input should be a valid string (got 14)"),
    case("type-null-for-required-text", Edit(EV, "title: Trump in Tokyo", "title:"),
         expected="data/events.yaml:12: event 'visit-2025-10-27': title: Input should be a valid string (got None)"),
    case("type-mapping-for-sources", Edit(CLAIMS, "sources: [mofa-2025-10-28-summit]", "sources: {mofa: 2025}"),
         expected="data/claims.yaml:10: claim 'former-president': sources: Input should be a valid list"),
    case("type-text-for-nested-int", Edit(SEATS, "seats: 196", 'seats: "196"'),
         expected="data/seats.yaml:10: snapshot 'oct-2025': parties[0].seats: Input should be a valid integer (got '196')"),
    case("type-number-as-id", Edit(FACTS, "- id: when", "- id: 42"),
         expected="data/key_facts.yaml:1: fact #1: id: Input should be a valid string (got 42)"),
    case("type-record-is-text", Append(CLAIMS, "- Trump is a former president.\n"),
         expected="data/claims.yaml:11: claim #2: each entry must be a mapping of field: value"),
    case("type-file-is-a-mapping", Write(CLAIMS, "id: former-president\nverdict: \"false\"\n"),
         expected="data/claims.yaml:1: the file must be a list of claim records, each starting with '- id:'"),
    case("type-site-is-a-list", Write(SITE, "- title: Fixture site\n"),
         expected="data/site.yaml:1: the file must be a mapping of field: value"),

    # -- unknown keys (typos) --
    case("unknown-key-typo", Edit(SRC, "outlet: The Japan Times", "outet: The Japan Times"),
         expected="data/sources.yaml:9: source 'reuters-2025-10-22-purchases': outet: unknown field (check the spelling; see the data dictionary)"),
    case("unknown-key-nested", Edit(SEATS, "      side: government\n", "      side: government\n      colour: red\n"),
         expected="data/seats.yaml:12: snapshot 'oct-2025': parties[0].colour: unknown field (check the spelling; see the data dictionary)"),
    case("unknown-key-in-site", Append(SITE, "theme: dark\n"),
         expected="data/site.yaml:8: theme: unknown field (check the spelling; see the data dictionary)"),
    case("unknown-key-merge-key-is-not-special", Edit(EV, "  place: Akasaka Palace, Tokyo\n", "  place: Akasaka Palace, Tokyo\n  <<: extra\n"),
         expected="data/events.yaml:7: event 'summit-2025-10-28': '<<': unknown field (check the spelling; see the data dictionary)"),

    # -- duplicate keys --
    case("duplicate-key", Edit(EV, "  title: Summit at Akasaka Palace\n", "  title: Summit at Akasaka Palace\n  title: Summit\n"),
         expected="data/events.yaml:4: duplicate key 'title' (first defined at line 3)"),
    case("duplicate-key-nested", Edit(SEATS, "      seats: 196\n", "      seats: 196\n      seats: 197\n"),
         expected="data/seats.yaml:11: duplicate key 'seats' (first defined at line 10)"),
    case("duplicate-key-in-site", Append(SITE, 'as_of: "2026-04-01"\n'),
         expected="data/site.yaml:8: duplicate key 'as_of' (first defined at line 3)"),
    case("contact-email-not-an-address", Append(SITE, "contact_email: editors at example.org\n"),
         expected="data/site.yaml:8: contact_email: 'editors at example.org' is not an email address of the form name@example.org"),
    case("contact-email-look-alike-host", Append(SITE, "contact_email: editors@xn--pypal-4ve.com\n"),
         expected="data/site.yaml:8: contact_email: 'editors@xn--pypal-4ve.com': its host name", exact=False),
    case("contact-email-header-injection", Append(SITE, "contact_email: \"a@example.org?bcc=b@example.org\"\n"),
         expected="data/site.yaml:8: contact_email: 'a@example.org?bcc=b@example.org' does not have a valid host name"),

    # -- anchors and aliases --
    case("anchor", Edit(EV, "sources: [mofa-2025-10-28-summit]", "sources: &s [mofa-2025-10-28-summit]"),
         expected=f"data/events.yaml:8: anchor '&s' is not allowed {ALIASES}"),
    case("alias-without-anchor", Edit(EV, "sources: [mofa-2025-10-28-summit]", "sources: *mofa"),
         expected=f"data/events.yaml:8: alias '*mofa' is not allowed {ALIASES}"),
    case("billion-laughs", Write(FACTS, BILLION_LAUGHS),
         expected=f"data/key_facts.yaml:1: anchor '&a' is not allowed {ALIASES}"),

    # -- YAML 1.1 traps: the value stays a string, and the schema refuses it --
    case("yaml11-NO-as-verdict", Edit(CLAIMS, 'verdict: "false"', "verdict: NO"),
         expected=f"data/claims.yaml:3: claim 'former-president': verdict: {ENUM_VERDICT}, not 'NO'"),
    case("yaml11-yes-as-boolean", Edit(SHARE, "  basis: security-related\n", "  basis: security-related\n  target: yes\n"),
         expected="data/defence_share.yaml:6: share 'fy2025-initial': target: Input should be a valid boolean (got 'yes')"),
    case("yaml11-on-as-boolean", Edit(SHARE, "  basis: security-related\n", "  basis: security-related\n  target: on\n"),
         expected="data/defence_share.yaml:6: share 'fy2025-initial': target: Input should be a valid boolean (got 'on')"),
    case("yaml11-True-as-boolean", Edit(SHARE, "  basis: sipri\n", "  basis: sipri\n  target: True\n"),
         expected="data/defence_share.yaml:12: share 'cy2024-sipri': target: Input should be a valid boolean (got 'True')"),
    case("yaml11-octal-010-as-int", Edit(SEATS, "seats: 196", "seats: 010"),
         expected="data/seats.yaml:10: snapshot 'oct-2025': parties[0].seats: Input should be a valid integer (got '010')"),
    case("yaml11-hex-as-int", Edit(BUDGET, "fiscal_year: 2024", "fiscal_year: 0x7E8"),
         expected="data/defence_budget.yaml:2: budget year 'fy2024': fiscal_year: Input should be a valid integer (got '0x7E8')"),
    case("yaml11-1.10-as-text", Edit(SHARE, 'period: "2024"', "period: 1.10"),
         expected="data/defence_share.yaml:8: share 'cy2024-sipri': period: Input should be a valid string (got 1.1)"),
    case("yaml11-12:30-as-date", Edit(EV, 'date: "2025-10-28"', "date: 12:30"),
         expected="data/events.yaml:2: event 'summit-2025-10-28': date: '12:30' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("yaml11-timestamp-as-date", Edit(EV, 'date: "2025-10-28"', "date: 2025-10-28 12:00:00"),
         expected="data/events.yaml:2: event 'summit-2025-10-28': date: '2025-10-28 12:00:00' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("yaml11-.inf-as-float", Edit(SHARE, "share_pct: 1.8", "share_pct: .inf"),
         expected="data/defence_share.yaml:4: share 'fy2025-initial': share_pct: Input should be a valid number (got '.inf')"),

    # -- dates --
    case("date-impossible", Edit(EV, 'date: "2025-10-28"', 'date: "2025-02-30"'),
         expected="data/events.yaml:2: event 'summit-2025-10-28': date: '2025-02-30' is not a real calendar date"),
    case("date-month-13", Edit(EV, 'date: "2016-11"', 'date: "2016-13"'),
         expected="data/events.yaml:17: event 'trump-tower-2016-11': date: '2016-13' is not a real calendar date"),
    case("date-day-first", Edit(TRADE, 'date: "2025-09-16"', 'date: "16/09/2025"'),
         expected="data/trade_terms.yaml:6: term 'auto-tariff-15': date: '16/09/2025' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY in quotes"),
    case("date-site-as-of-impossible", Edit(SITE, 'as_of: "2026-03-31"', 'as_of: "2026-02-29"'),
         expected="data/site.yaml:3: as_of: '2026-02-29' is not a real calendar date"),
    case("date-after-as-of", Edit(EV, 'date: "2016-11"', 'date: "2026-04"'),
         expected="data/events.yaml:17: event 'trump-tower-2016-11': date: '2026-04' is after the site's as-of date 2026-03-31 (data/site.yaml)"),
    case("date-published-after-as-of", Edit(SRC, 'published: "2016-11"', 'published: "2026-12-01"'),
         expected="data/sources.yaml:18: source 'kyodo-2016-11': published: '2026-12-01' is after the site's as-of date 2026-03-31 (data/site.yaml)"),
    case("date-year-after-as-of", Edit(TRADE, 'date: "2025-09-16"', 'date: "2027"'),
         expected="data/trade_terms.yaml:6: term 'auto-tariff-15': date: '2027' is after the site's as-of date 2026-03-31 (data/site.yaml)"),
    case("date-end-before-start", Edit(EV, 'end: "2025-10-29"', 'end: "2025-10-26"'),
         expected="data/events.yaml:11: event 'visit-2025-10-27': end: '2025-10-26' is before the start date '2025-10-27'"),

    # -- ids --
    case("id-duplicate", Edit(EV, "- id: visit-2025-10-27", "- id: summit-2025-10-28"),
         expected="data/events.yaml:9: event 'summit-2025-10-28': id: duplicate id (first used at line 1)"),
    case("id-duplicate-source", Edit(SRC, "- id: kyodo-2016-11", "- id: reuters-2025-10-22-purchases"),
         expected="data/sources.yaml:14: source 'reuters-2025-10-22-purchases': id: duplicate id (first used at line 7)"),
    case("id-duplicate-party", Edit(SEATS, "- id: ishin", "- id: ldp"),
         expected="data/seats.yaml:12: snapshot 'oct-2025': parties: party 'ldp' is listed twice"),
    case("id-bad-shape", Edit(FACTS, "- id: when", "- id: When-"),
         expected="data/key_facts.yaml:1: fact 'When-': id: 'When-' is not a valid id: use lower-case letters, digits and single hyphens (at most 80)"),

    # -- references --
    case("dangling-source", Edit(CLAIMS, "sources: [mofa-2025-10-28-summit]", "sources: [mofa-2025-10-28-sumit]"),
         expected="data/claims.yaml:10: claim 'former-president': sources: 'mofa-2025-10-28-sumit' is not defined in data/sources.yaml"),
    case("dangling-source-second-item", Edit(AGREE, "sources: [mofa-2025-10-28-summit]", "sources:\n    - mofa-2025-10-28-summit\n    - nhk-2025-10-28"),
         expected="data/agreements.yaml:10: agreement 'critical-minerals-framework': sources: 'nhk-2025-10-28' is not defined in data/sources.yaml"),
    case("dangling-person", Edit(EV, "people: [sanae-takaichi]", "people: [sanae-takaichi, shinzo-abe]"),
         expected="data/events.yaml:7: event 'summit-2025-10-28': people: 'shinzo-abe' is not defined in data/people.yaml"),

    # -- URLs --
    case("url-http", Edit(SRC, "url: https://www.mofa.go.jp/", "url: http://www.mofa.go.jp/"),
         expected="data/sources.yaml:4: source 'mofa-2025-10-28-summit': url: 'http://www.mofa.go.jp/na/na1/us/example.html' must be an https:// address"),
    case("url-javascript", Edit(SRC, "url: https://english.kyodonews.net/example", "url: javascript:alert(1)"),
         expected="data/sources.yaml:17: source 'kyodo-2016-11': url: 'javascript:alert(1)' must be an https:// address"),
    case("url-data", Edit(SRC, "url: https://english.kyodonews.net/example", 'url: "data:text/html,<script>alert(1)</script>"'),
         expected="data/sources.yaml:17: source 'kyodo-2016-11': url: 'data:text/html,<script>alert(1)</script>' must be an https:// address"),
    case("url-no-host", Edit(SRC, "url: https://english.kyodonews.net/example", "url: https:///example"),
         expected="data/sources.yaml:17: source 'kyodo-2016-11': url: 'https:///example' must be an https:// address"),
    case("url-with-space", Edit(SRC, "url: https://english.kyodonews.net/example", "url: https://english.kyodonews.net/an example"),
         expected="data/sources.yaml:17: source 'kyodo-2016-11': url: 'https://english.kyodonews.net/an example' contains white space"),

    # -- text content --
    case("text-leading-space", Edit(EV, "title: Trump in Tokyo", 'title: " Trump in Tokyo"'),
         expected="data/events.yaml:12: event 'visit-2025-10-27': title: remove the white space at the start or end"),
    case("text-control-character", Edit(EV, "summary: The president's three-day visit.", 'summary: "The president\'s\\athree-day visit."'),
         expected="data/events.yaml:13: event 'visit-2025-10-27': summary: contains a control character (U+0007)"),
    case("text-empty", Edit(CLAIMS, "correction: He was the sitting 47th president.", 'correction: ""'),
         expected="data/claims.yaml:4: claim 'former-president': correction: String should have at least 1 character (got '')"),
    case("enum-unknown-thread", Edit(EV, "threads: [visit]", "threads: [visit, shopping]"),
         expected="data/events.yaml:14: event 'visit-2025-10-27': threads[1]: Input should be 'visit', 'abe-trump', "
                  "'security', 'trade', 'politics' or 'aftermath', not 'shopping'"),
    case("range-year-too-early", Edit(BUDGET, "fiscal_year: 2024", "fiscal_year: 1900"),
         expected="data/defence_budget.yaml:2: budget year 'fy2024': fiscal_year: Input should be greater than or equal to 1950 (got 1900)"),
    case("pattern-language-upper-case", Edit(SRC, "kind: primary", "kind: primary\n  language: EN"),
         expected="data/sources.yaml:7: source 'mofa-2025-10-28-summit': language: 'EN' is not a two-letter language code such as 'en' or 'ja'"),
    case("rule-majority", Edit(SEATS, "majority: 233", "majority: 232"),
         expected="data/seats.yaml:1: snapshot 'oct-2025': majority should be 233 for 465 seats"),
    case("rule-no-sources", Edit(FACTS, "sources: [mofa-2025-10-28-summit]", "sources: []"),
         expected="data/key_facts.yaml:4: fact 'when': sources: List should have at least 1 item after validation, not 0"),

    # -- whole files: empty, too large, wrong encoding, missing --
    case("file-empty", Write(CLAIMS, b""), expected="data/claims.yaml: file is empty"),
    case("file-only-comments", Write(CLAIMS, "# to do\n\n# claims go here\n"), expected="data/claims.yaml: file is empty"),
    case("file-over-size-cap", Write(FACTS, OVERSIZED),
         expected=f"data/key_facts.yaml: file is too large (more than {MAX_BYTES} bytes; the limit is {MAX_BYTES})"),
    case("file-shift-jis", Recode(PEOPLE, "shift_jis"),
         expected="data/people.yaml:3: byte 0x8d is not valid UTF-8; save the file as UTF-8"),
    case("file-latin-1", Edit(CLAIMS, "Trump is a former president.", "Trump est un ancien président."), Recode(CLAIMS, "latin-1"),
         expected="data/claims.yaml:2: byte 0xe9 is not valid UTF-8; save the file as UTF-8"),
    case("file-utf-16", Recode(CLAIMS, "utf-16"),
         expected="data/claims.yaml:1: byte 0xff is not valid UTF-8; save the file as UTF-8"),
    case("file-nul-byte", Edit(CLAIMS, "Trump is a former president.", "Trump is a former\x00president."),
         expected="data/claims.yaml:2: character U+0000 is not allowed in YAML; remove it"),
    case("file-missing", Delete(AGREE), expected="data/agreements.yaml: file not found"),

    # -- explicit tags: refused before anything is constructed, so nothing runs --
    case("tag-python-apply", Edit(CLAIMS, "claim: Trump is a former president.", "claim: !!python/object/apply:os.system ['touch MARKER']"),
         expected="data/claims.yaml:2: tag '!!python/object/apply:os.system' is not allowed; write plain values"),
    case("tag-python-new", Edit(CLAIMS, "claim: Trump is a former president.", "claim: !!python/object/new:subprocess.check_output [[touch, MARKER]]"),
         expected="data/claims.yaml:2: tag '!!python/object/new:subprocess.check_output' is not allowed; write plain values"),
    case("tag-python-name", Edit(CLAIMS, "claim: Trump is a former president.", "claim: !!python/name:os.system"),
         expected="data/claims.yaml:2: tag '!!python/name:os.system' is not allowed; write plain values"),
    case("tag-python-via-tag-directive", Write(CLAIMS, "%TAG !py! tag:yaml.org,2002:python/\n---\n- id: former-president\n  claim: !py!object/apply:os.system ['touch MARKER']\n"),
         expected="data/claims.yaml:4: tag '!!python/object/apply:os.system' is not allowed; write plain values"),
    case("tag-binary", Edit(CLAIMS, "claim: Trump is a former president.", "claim: !!binary VHJ1bXA="),
         expected="data/claims.yaml:2: tag '!!binary' is not allowed; write plain values"),
    case("tag-local", Edit(CLAIMS, "claim: Trump is a former president.", "claim: !secret claim-1"),
         expected="data/claims.yaml:2: tag '!secret' is not allowed; write plain values"),

    # -- pages --
    case("page-lipsum-globals", Append(INDEX, "\n{{ lipsum.__globals__ }}\n"),
         expected="docs/index.md:20: access to '__globals__' is not allowed"),
    case("page-dunder-class-chain", Append(INDEX, "\n{{ cite.__class__.__mro__ }}\n"),
         expected="docs/index.md:20: access to '__mro__' is not allowed"),
    case("page-undefined-name", Append(INDEX, "\n{{ totl }}\n"),
         expected=f"docs/index.md:20: the name 'totl' is not allowed in pages; {ONLY_MACROS}"),
    case("page-config-attribute", Append(INDEX, "\n{{ config.site_name }}\n"),
         expected=f"docs/index.md:20: attribute access '.site_name' is not allowed in pages; {ONLY_MACROS}"),
    case("page-filter", Append(INDEX, '\n{{ "x" | upper }}\n'),
         expected=f"docs/index.md:20: the filter '|upper' is not allowed in pages; {ONLY_MACROS}"),
    case("page-unknown-macro", Append(INDEX, "\n{{ timelines() }}\n"),
         expected="docs/index.md:20: 'timelines' is not a macro; known macros: {macros}"),
    case("page-for-block", Append(INDEX, "\n{% for x in range(3) %}{{ x }}{% endfor %}\n"),
         expected="docs/index.md:20: '{% for %}' blocks are not allowed in pages; use a macro call such as {{ timeline() }}"),
    case("page-template-syntax-error", Edit(INDEX, '{{ cite("mofa-2025-10-28-summit") }}', '{{ cite("mofa-2025-10-28-summit" }}'),
         expected="docs/index.md:10: template syntax error: unexpected '}', expected ')'"),
    case("page-bad-thread-argument", Edit(INDEX, "{{ timeline() }}", '{{ timeline(thread="shopping") }}'),
         expected=f"docs/index.md:14: timeline(): unknown thread 'shopping'; use one of {THREADS}"),
    case("page-bad-date-argument", Edit(INDEX, "{{ timeline() }}", '{{ timeline(start="last week") }}'),
         expected="docs/index.md:14: timeline(): start='last week' is not a date like '2025-10-28', '2025-10' or '2025'"),
    case("page-unknown-keyword", Edit(INDEX, "{{ timeline() }}", '{{ timeline(thred="visit") }}'),
         expected="docs/index.md:14: timeline(): got an unexpected keyword argument 'thred'"),
    case("page-double-star-kwargs", Edit(INDEX, "{{ timeline() }}", '{{ timeline(**{"thread": "visit"}) }}'),
         expected="docs/index.md:14: timeline(): *args and **kwargs are not allowed"),
    case("page-too-many-arguments", Edit(INDEX, "{{ key_facts() }}", '{{ key_facts("all") }}'),
         expected="docs/index.md:12: key_facts(): too many positional arguments"),
    case("page-variable-argument", Edit(INDEX, '{{ cite("mofa-2025-10-28-summit") }}', "{{ cite(source) }}"),
         expected="docs/index.md:10: cite(): arguments must be plain text, numbers or lists of them"),
    case("page-cite-unknown-source", Edit(INDEX, '{{ cite("mofa-2025-10-28-summit") }}', '{{ cite("mofa-2025-10-28") }}'),
         expected="docs/index.md:10: cite(): 'mofa-2025-10-28' is not defined in data/sources.yaml"),
    case("page-cite-nothing", Edit(INDEX, '{{ cite("mofa-2025-10-28-summit") }}', "{{ cite() }}"),
         expected="docs/index.md:10: cite() needs at least one source id"),
    case("page-not-utf8", Edit(INDEX, "A paragraph", "A caf\u00e9 paragraph"), Recode(INDEX, "latin-1"),
         expected="docs/index.md:10: byte 0xe9 is not valid UTF-8; save the page as UTF-8"),
]

assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"

# Builds take one to two seconds each. These cases repeat a kind of mistake that
# other cases already build, so by default they are checked only without MkDocs
# (test_bad_input_gives_the_same_message_without_mkdocs, which runs every case).
# Set BAD_INPUT_ALL_BUILDS=1 to build them as well.
NOT_BUILT_BY_DEFAULT = {
    "syntax-unclosed-flow-list", "type-float-as-quoted-text", "type-float-for-int", "type-null-for-required-text",
    "type-mapping-for-sources", "type-text-for-nested-int", "type-site-is-a-list", "unknown-key-in-site",
    "unknown-key-merge-key-is-not-special", "duplicate-key-nested", "duplicate-key-in-site", "yaml11-on-as-boolean",
    "yaml11-True-as-boolean", "yaml11-hex-as-int", "yaml11-timestamp-as-date", "yaml11-.inf-as-float",
    "date-month-13", "date-day-first", "date-year-after-as-of", "date-site-as-of-impossible", "id-duplicate-source",
    "id-bad-shape", "dangling-source-second-item", "url-data", "url-no-host", "url-with-space", "text-leading-space",
    "text-empty", "range-year-too-early", "pattern-language-upper-case", "rule-no-sources", "file-only-comments",
    "file-utf-16", "file-missing", "tag-python-name", "tag-binary", "tag-local",
    "page-dunder-class-chain", "page-config-attribute", "page-filter", "page-double-star-kwargs",
    "page-too-many-arguments", "page-cite-nothing", "page-bad-date-argument", "page-variable-argument",
}
assert NOT_BUILT_BY_DEFAULT <= {c.id for c in CASES}
BUILT = [c for c in CASES if c.id not in NOT_BUILT_BY_DEFAULT or os.environ.get("BAD_INPUT_ALL_BUILDS")]


@pytest.fixture(scope="module")
def macro_names(tmp_path_factory) -> str:
    project = make_project(tmp_path_factory.mktemp("macros") / "project")
    return ", ".join(sorted(ExplainerSite(project).macros))


def mutated_project(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    project = make_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    for change in case.changes:
        change.apply(project, marker)
    return project, marker


def expected_line(case: Case, request) -> str:
    if "{macros}" in case.expected:
        return case.expected.replace("{macros}", request.getfixturevalue("macro_names"))
    return case.expected


def check_lines(case: Case, lines: list[str], expected: str) -> None:
    if case.exact:
        assert lines == [expected]
    else:
        assert len(lines) == 1 and lines[0].startswith(expected), lines


@pytest.mark.parametrize("case", params(BUILT))
def test_bad_input_fails_the_build_with_one_exact_error(case, tmp_path, request):
    project, marker = mutated_project(tmp_path, case)
    result = build(project)
    assert result.returncode != 0, result.output
    check_lines(case, error_lines(result.output), expected_line(case, request))
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()
    assert not marker.exists(), "a YAML tag or page ran code"


@pytest.mark.parametrize("case", params(CASES))
def test_bad_input_gives_the_same_message_without_mkdocs(case, tmp_path, request):
    """The same cases through the code the build runs first: load_dataset, then the page guard."""
    project, marker = mutated_project(tmp_path, case)
    with pytest.raises(DataError) as info:
        if case.data_only:
            load_dataset(project / "data")
        else:
            ExplainerSite(project)
    check_lines(case, str(info.value).splitlines(), expected_line(case, request))
    assert not marker.exists()


def test_there_are_enough_whole_build_cases():
    assert len([c for c in BUILT if not c.bug]) >= 40


# -- input that must build, and how it shows ------------------------------------

class Page(HTMLParser):
    """The tags, attributes and text of one HTML page."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self._script_type: str | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"
            self.scripts.append((self._script_type, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is None:
            self.text.append(data)
        else:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def duplicate_ids(source: str) -> list[str]:
    ids = [attrs["id"] for _, attrs in Page(source).tags if attrs.get("id")]
    return sorted({i for i in ids if ids.count(i) > 1})


def built(tmp_path: Path, *changes) -> Path:
    project = make_project(tmp_path / "project")
    for change in changes:
        change.apply(project, tmp_path / "pwned")
    result = build(project)
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    assert "WARNING" not in result.output, result.output
    for name in ("index.html", "tables/index.html"):
        assert duplicate_ids(page(result.site, name)) == [], name
    return result.site


def page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def timeline_page(site: Path) -> str:
    """The fixture's few events fit on one generated timeline page, which shows each in full."""
    (part,) = (site / "timeline").glob("*/index.html")
    return str(part.relative_to(site))


def test_builds_with_bom_and_crlf(tmp_path):
    project = make_project(tmp_path / "project")
    for name in ("events.yaml", "sources.yaml", "site.yaml"):
        target = project / "data" / name
        target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    result = build(project)
    assert result.returncode == 0, result.output
    events = Page(page(result.site, timeline_page(result.site)))
    assert sum(1 for tag, attrs in events.tags if tag == "li" and "timeline-event" in attrs.get("class", "")) == 3
    assert "Summit at Akasaka Palace" in events.visible
    assert "Summit at Akasaka Palace" in Page(page(result.site, "index.html")).visible
    assert "\r" not in page(result.site, timeline_page(result.site)).split('<ol class="timeline">')[1]
    assert json.loads(page(result.site, "data/events.json"))["records"][0]["title"] == "Summit at Akasaka Palace"


def test_builds_with_japanese_text(tmp_path):
    site = built(tmp_path,
                 Edit(EV, "title: Summit at Akasaka Palace", "title: 赤坂迎賓館での日米首脳会談"),
                 Edit(EV, "place: Akasaka Palace, Tokyo", "place: 東京・元赤坂"))
    home = Page(page(site, "index.html"))
    assert "赤坂迎賓館での日米首脳会談" in home.visible
    events = Page(page(site, timeline_page(site)))
    assert "赤坂迎賓館での日米首脳会談" in events.visible and "東京・元赤坂" in events.visible
    tables = Page(page(site, "tables/index.html"))
    assert "Sanae Takaichi (高市早苗)" in tables.visible
    assert json.loads(page(site, "data/events.json"))["records"][0]["title"] == "赤坂迎賓館での日米首脳会談"


HOSTILE = {
    "title": '<script>alert("title")</script>',
    "summary": "<img src=x onerror=alert(1)> **bold** [link](https://evil.example) `code`",
    "place": '<a href="javascript:alert(1)" onclick="alert(2)">Tokyo</a>',
    "source_title": 'Summit" onmouseover="alert(3)',
}


def test_builds_with_html_in_data_and_renders_it_inert(tmp_path):
    site = built(tmp_path,
                 Edit(EV, "title: Summit at Akasaka Palace", f"title: '{HOSTILE['title']}'"),
                 Edit(EV, "summary: Takaichi and Trump held talks and signed documents on trade and critical minerals.",
                      f"summary: '{HOSTILE['summary']}'"),
                 Edit(EV, "place: Akasaka Palace, Tokyo", f"place: '{HOSTILE['place']}'"),
                 Edit(SRC, "title: Japan-U.S. Summit Meeting", f"title: '{HOSTILE['source_title']}'"))
    for name in ("index.html", "tables/index.html", timeline_page(site)):
        parsed = Page(page(site, name))
        for tag, attrs in parsed.tags:
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), (name, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), name
            assert not (tag == "a" and attrs.get("href") == "https://evil.example"), name
        for kind, text in parsed.scripts:
            if kind.endswith("json"):
                # Data may appear in JSON (structured data), but only as JSON strings that cannot end the script.
                json.loads(text)
                assert "<" not in text, (name, text)
            else:
                assert "alert" not in text, (name, text)
    assert HOSTILE["title"] in Page(page(site, "index.html")).visible
    events = Page(page(site, timeline_page(site)))
    for text in (HOSTILE["title"], HOSTILE["summary"], "Tokyo</a>"):
        assert text in events.visible
    summary = page(site, timeline_page(site)).split('class="timeline-summary">', 1)[1].split("</p>", 1)[0]
    assert "<strong>" not in summary and "<code>" not in summary and "<a " not in summary
    # A source's headline is shown, as text, in the list of sources.
    assert HOSTILE["source_title"] in Page(page(site, "tables/index.html")).visible


class Tables(HTMLParser):
    """Each <table> as a list of rows, each row a list of cell texts."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_builds_with_pipes_in_table_cells(tmp_path):
    claim = "Tariffs | quotas | both"
    correction = "| Column | Column |\\n| --- | --- |"
    site = built(tmp_path,
                 Edit(CLAIMS, "claim: Trump is a former president.", f"claim: '{claim}'"),
                 Edit(CLAIMS, "correction: He was the sitting 47th president.", f'correction: "{correction}"'),
                 Edit(TRADE, "detail: Down from 27.5%.", "detail: 27.5% | 15%"))
    tables = Tables(page(site, "tables/index.html")).tables
    claims = next(t for t in tables if t and t[0][:3] == ["Claim", "Verdict", "What is correct"])
    trade = next(t for t in tables if t and t[0][:3] == ["Topic", "Term", "Detail"])
    for table in (claims, trade):
        assert all(len(row) == len(table[0]) for row in table), table
    assert claims[1][0] == claim
    assert claims[1][2] == correction.replace("\\n", "\n")
    assert trade[1][2] == "27.5% | 15%"


def test_builds_with_jinja_in_data_shown_literally(tmp_path):
    site = built(tmp_path,
                 Edit(EV, "summary: The president's three-day visit.", "summary: '{{ 7*7 }} and {% raw %}x{% endraw %}'"),
                 Edit(EV, "title: Summit at Akasaka Palace", "title: 'Summit {{ 7*7 }}'"),
                 Edit(CLAIMS, "claim: Trump is a former president.", "claim: '{# not a comment #} {{ lipsum.__globals__ }}'"),
                 Edit(FACTS, "value: 28 October 2025", "value: '{{ 7*7 }}'"))
    events = Page(page(site, timeline_page(site)))
    assert "{{ 7*7 }} and {% raw %}x{% endraw %}" in events.visible
    assert "Summit {{ 7*7 }}" in events.visible
    assert "49" not in events.visible
    assert "Summit {{ 7*7 }}" in Page(page(site, "index.html")).visible
    tables = Page(page(site, "tables/index.html"))
    assert "{# not a comment #} {{ lipsum.__globals__ }}" in tables.visible


# -- atomic publishing when the post-build check fails -------------------------

def test_post_build_failure_keeps_the_old_site(tmp_path):
    """A page may hold `{% raw %}{{ ... }}{% endraw %}`: the guard lets it through as
    text, MkDocs writes the page with a literal `{{` outside code, and only the
    post-build check in macros/postbuild.py stops it. scripts/build.py must then
    keep the previous site."""
    project = make_project(tmp_path / "project")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build.py", project / "scripts" / "build.py")
    script, site = project / "scripts" / "build.py", project / "site"
    first = subprocess.run([sys.executable, str(script), str(site)], check=False, cwd=project, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    Edit(INDEX, "A paragraph with a citation.", "A paragraph with {% raw %}{{ leftover }}{% endraw %} in it.").apply(project, tmp_path / "pwned")
    second = subprocess.run([sys.executable, str(script), str(site)], check=False, cwd=project, capture_output=True, text=True)
    assert second.returncode != 0
    lines = [line for line in error_lines(second.stdout + second.stderr) if not line.startswith("Build failed;")]
    assert len(lines) == 1 and re.fullmatch(r"site/index\.html:\d+: a stray '\{\{' \(an unrendered template tag\)", lines[0]), second.stderr
    assert "Traceback" not in second.stderr
    assert "left as it was" in second.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".site-build-*"))


# -- holes found by this suite, now closed ---------------------------------------

def test_front_matter_title_cannot_run_code(tmp_path):
    project = make_project(tmp_path / "project")
    marker = tmp_path / "pwned"
    Edit(INDEX, "title: Fixture home", "title: \"{{ lipsum.__globals__['os'].system('touch MARKER') }}\"").apply(project, marker)
    result = build(project)
    assert result.returncode != 0
    assert not marker.exists(), "the page title ran code during the build"
    lines = error_lines(result.output)
    assert lines == ["docs/index.md:2: title: '{{' is not allowed here; the title is shown as text"], lines
    assert "Traceback" not in result.output


def test_japanese_publishers_get_distinct_anchors(tmp_path):
    project = make_project(tmp_path / "project")
    Edit(SRC, "publisher: Reuters", "publisher: 朝日新聞").apply(project, tmp_path / "pwned")
    Edit(SRC, "publisher: Kyodo News", "publisher: 日本経済新聞").apply(project, tmp_path / "pwned")
    html_out = ExplainerSite(project).macros["sources_list"]()
    assert duplicate_ids(html_out) == []
