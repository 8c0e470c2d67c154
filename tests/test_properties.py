"""Property-based tests over the strict loader and the models (issue 8).

Whatever a data file holds, loading it either gives plain data (and, for a
record file, typed records) or raises the project's own DataError with a
location. No other exception may escape, because anything else becomes a
Python traceback in the build instead of a message a contributor can act on.

Control characters and entries that are not mappings once escaped as a
PyYAML error or lost their line; the cases at the end of this file keep them fixed.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from macros import text
from macros.dataset import RECORD_FILES, SITE_FILE, load_dataset
from macros.errors import DataError
from macros.loader import LocatedDict, LocatedList, load_text
from macros.models import Site

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The record-level properties load the whole data folder for every example (about 40 ms each).
DATASET_PROPERTY = settings(PROPERTY, max_examples=100)
DISPLAY = "data/x.yaml"
FILE_LEVEL = ("file is empty", "file is too large", "file not found")

# Characters PyYAML's reader refuses outright (yaml.reader.Reader.NON_PRINTABLE);
# the loader turns its ReaderError into a DataError with a line.
NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def line_count(raw: bytes) -> int:
    """Lines as YAML counts them: CR, LF, CRLF, and (YAML 1.1) NEL, LS and PS all end a line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))


def check_error(exc: DataError, raw: bytes | dict[str, bytes], paths=(DISPLAY,)) -> None:
    """Every problem names one of the expected files, and a line inside it unless it is about the whole file.

    raw is the file's bytes, or a mapping from display path to bytes when several files are involved.
    """
    raws = raw if isinstance(raw, dict) else {DISPLAY: raw}
    assert exc.problems
    for problem in exc.problems:
        assert problem.path in paths, problem
        if problem.message.startswith(FILE_LEVEL):
            assert problem.line is None, problem
        else:
            assert problem.line is not None, f"no line in {problem}"
            assert 1 <= problem.line <= line_count(raws[problem.path]), problem
        assert "\n" not in str(problem), f"a problem must be one line: {problem!r}"


def load_or_error(raw: bytes):
    """load_text's result, or None after checking the DataError; any other exception fails the test."""
    try:
        value = load_text(raw, DISPLAY)
    except DataError as exc:
        check_error(exc, raw)
        event(f"refused: {exc.problems[0].message.split(':')[0][:40]}")
        return None
    event(f"loaded: {type(value).__name__}")
    return value


def assert_plain(value) -> None:
    """Only str, int, float, bool, None, and dicts (with str keys) and lists of those."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, repr(key)
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)
    else:
        assert type(value) in (str, int, float, bool, type(None)), repr(value)
        if type(value) is float:
            assert math.isfinite(value), value


def printable(text: str) -> bool:
    return not NON_PRINTABLE.search(text)


# -- arbitrary text and bytes ----------------------------------------------------

# Bytes without the C0 control characters the reader refuses (tab, LF and CR stay).
_BYTE_ALPHABET = [b for b in range(256) if b in (9, 10, 13) or 32 <= b != 127]
yamlish_text = st.text(
    alphabet=st.one_of(st.sampled_from(list("-:?,[]{}#&*!|>'\"%@` \n\t\r.0123456789eEntruefalsNOyYx~_\\")),
                       st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))),
    max_size=200,
)
# Mostly YAML-like text, with a few arbitrary bytes dropped in (often making it invalid UTF-8).
yamlish_bytes = st.builds(
    lambda text, inserts: _insert(text.encode("utf-8"), inserts),
    yamlish_text, st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_BYTE_ALPHABET)), max_size=3),
)


def _insert(raw: bytes, inserts) -> bytes:
    for position, byte in inserts:
        position = min(position, len(raw))
        raw = raw[:position] + bytes([byte]) + raw[position:]
    return raw


@PROPERTY
@given(st.one_of(st.lists(st.sampled_from(_BYTE_ALPHABET), max_size=300).map(bytes), yamlish_bytes))
def test_any_bytes_load_or_raise_a_located_data_error(raw):
    try:
        assume(printable(raw.decode("utf-8-sig")))
    except UnicodeDecodeError:
        pass
    value = load_or_error(raw)
    if value is not None:
        assert_plain(value)


@PROPERTY
@given(yamlish_bytes, st.integers(0, 400))
def test_size_cap_is_checked_first(raw, max_bytes):
    try:
        value = load_text(raw, DISPLAY, max_bytes=max_bytes)
    except DataError as exc:
        if len(raw) > max_bytes:
            assert [str(p) for p in exc.problems] == [f"{DISPLAY}: file is too large (more than {max_bytes} bytes; the limit is {max_bytes})"]
        return
    except yaml.YAMLError:
        assume(False)  # the known non-printable bug, pinned below
    assert len(raw) <= max_bytes
    assert_plain(value)


@PROPERTY
@given(yamlish_text)
def test_any_text_loads_or_raises_a_located_data_error(text):
    raw = text.encode("utf-8")
    value = load_or_error(raw)
    if value is not None:
        assert_plain(value)


# -- structured YAML built from random mappings, lists and tricky scalars ------

TRICKY = [
    # YAML 1.1 booleans, numbers and dates that the strict loader keeps as text
    "NO", "no", "yes", "Yes", "on", "off", "y", "n", "True", "FALSE", "010", "0o10", "0x1F", "1_000", "12:30",
    "1:20:30", "2025-10-28", "2025-02-30", "2025-10-28 12:00:00", "2025-10-28T12:00:00Z", ".inf", "-.inf",
    ".nan", "1e3", "+1", "0b101",
    # core-schema values
    "true", "false", "null", "~", "0", "-0", "-12", "1.10", "9.04", "1.0e+3", "1.0e3",
    # text that looks like syntax
    "'quoted'", '"double"', '"a\\x07b"', '""', "''", "a: b", "- x", "#not", "a #b", "[a, b]", "{a: 1}", "[", "{",
    "&anchor x", "*alias", "!!python/object/apply:os.system ['true']", "!!str x", "!!int 3", "!local x",
    "%TAG", "@x", "`x`", "|", ">", "?", ":", "-", "{{ 7*7 }}", "{% raw %}", "<script>x</script>", "a | b",
    "高市早苗", "\u00e9", "\u2028", "\ufeff", "https://example.org/a b", "javascript:alert(1)",
]
KEYS = ["id", "title", "date", "end", "sources", "people", "threads", "seats", "target", "period", "url", "<<",
        "on", "NO", "010", "1.10", "~", "", "a b", "title"]

scalars = st.one_of(st.sampled_from(TRICKY),
                    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), scalars), children), max_size=4),
    ),
    max_leaves=25,
)


def emit(node, indent: int = 0) -> str:
    """Block YAML with every scalar written verbatim, unquoted, so YAML's own rules apply to it.

    A list of pairs is a mapping (and may repeat a key); a plain list is a sequence.
    The result is often not valid YAML, which is the point.
    """
    pad = " " * indent
    if isinstance(node, str):
        return node
    if node and all(isinstance(item, tuple) for item in node):
        out = []
        for key, value in node:
            if isinstance(value, str):
                out.append(f"{pad}{key}: {value}")
            else:
                out.append(f"{pad}{key}:\n{emit(value, indent + 2)}" if value else f"{pad}{key}: []")
        return "\n".join(out)
    if not node:
        return pad + "[]"
    out = []
    for item in node:
        if isinstance(item, str):
            out.append(f"{pad}- {item}")
        elif item:
            inner = emit(item, indent + 2)
            out.append(f"{pad}- {inner.lstrip()}")
        else:
            out.append(f"{pad}- []")
    return "\n".join(out)


@PROPERTY
@given(trees, st.booleans(), st.booleans())
def test_structured_yaml_loads_or_raises_a_located_data_error(tree, bom, crlf):
    text = emit(tree) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    value = load_or_error(raw)
    if value is not None:
        assert_plain(value)
        if isinstance(value, LocatedDict):
            assert set(value.key_lines) == set(value)
            assert all(1 <= line <= line_count(raw) for line in value.key_lines.values())
        if isinstance(value, LocatedList):
            assert len(value.item_lines) == len(value)


@PROPERTY
@given(st.sampled_from(TRICKY))
def test_tricky_scalar_as_a_value(scalar):
    value = load_or_error(f"v: {scalar}\n".encode())
    if value is not None:
        assert_plain(value)
        # Nothing YAML 1.1 would turn into a boolean, a date or a sexagesimal number does so here.
        if scalar in ("NO", "no", "yes", "Yes", "on", "off", "y", "n", "True", "FALSE", "2025-10-28", "12:30",
                      "010", "0x1F", "1_000", ".inf", ".nan", "1e3"):
            assert value == {"v": scalar}


# -- round trip ------------------------------------------------------------------

# yaml.safe_dump follows YAML 1.1, whose floats need a signed exponent, so it writes the
# string '1.0e3' unquoted; YAML 1.2 (and so the strict loader) reads that back as a float.
# The schema then refuses it loudly, so nothing changes silently; the round trip leaves it out.
_DUMPER_GAP = re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+[eE][0-9]+$")
safe_strings = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=40).filter(
    lambda s: printable(s) and not _DUMPER_GAP.match(s))


@PROPERTY
@given(st.dictionaries(safe_strings, st.one_of(safe_strings, st.lists(safe_strings, max_size=4)), min_size=1, max_size=8),
       st.booleans())
def test_dumped_then_loaded_mapping_of_safe_strings_is_unchanged(mapping, unicode):
    raw = yaml.safe_dump(mapping, allow_unicode=unicode, sort_keys=False).encode("utf-8")
    loaded = load_text(raw, DISPLAY)
    assert loaded == mapping
    assert list(loaded) == list(mapping)
    assert_plain(loaded)


# -- records: any value in any field either validates or gives a located error ----

@pytest.fixture(scope="module")
def fixture_records() -> dict[str, list]:
    records = {}
    for spec in RECORD_FILES:
        records[spec.filename] = yaml.safe_load((FIXTURES / "data" / spec.filename).read_text(encoding="utf-8"))
    records[SITE_FILE] = yaml.safe_load((FIXTURES / "data" / SITE_FILE).read_text(encoding="utf-8"))
    return records


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


FILES = [spec.filename for spec in RECORD_FILES] + [SITE_FILE]
MODELS = {spec.filename: spec.model for spec in RECORD_FILES} | {SITE_FILE: Site}
ALL_PATHS = tuple(f"data/{name}" for name in FILES)
value_trees = st.recursive(
    st.one_of(st.sampled_from(TRICKY), st.integers(-10, 3000), st.booleans(), st.none(),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.sampled_from(KEYS), children, max_size=3)),
    max_leaves=8,
)
PLAUSIBLE = ['"2025"', '"2025-10"', '"2024-02-29"', "[mofa-2025-10-28-summit]", "[sanae-takaichi]", "[visit, trade]",
             "visit", "news", "enacted", "government", "japan", "sipri", "in-force", "accurate", "true", "false",
             "2025", "12", "1.5", "https://example.org/x", "Some text", "高市早苗", "null", "fy2030", "en"]
values_as_yaml = st.one_of(
    st.sampled_from(PLAUSIBLE),  # values of the right shape for some field
    st.sampled_from(TRICKY),  # written verbatim: YAML decides what it is
    value_trees.map(lambda v: yaml.safe_dump(v, default_flow_style=True, width=10_000).strip().removesuffix("...").strip()),
)


def run_dataset(data_dir: Path, changed: str, raw: bytes):
    (data_dir / changed).write_bytes(raw)
    try:
        return load_dataset(data_dir)
    except DataError as exc:
        check_error(exc, {f"data/{p.name}": p.read_bytes() for p in data_dir.iterdir()}, paths=ALL_PATHS)
        for problem in exc.problems:
            if problem.path != f"data/{changed}":
                # Only cross-file checks may point at another file: references and the as-of date.
                assert "is not defined in" in problem.message or "as-of date" in problem.message, problem
        return None


def fresh_data(work_dir: Path) -> Path:
    target = Path(tempfile.mkdtemp(dir=work_dir)) / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


def record_yaml(records) -> str:
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000)


@DATASET_PROPERTY
@given(data=st.data())
def test_one_changed_field_validates_or_gives_a_located_error(data, fixture_records, work_dir):
    data_dir = fresh_data(work_dir)
    name = data.draw(st.sampled_from(FILES), label="file")
    original = fixture_records[name]
    records = original if isinstance(original, list) else [original]
    index = data.draw(st.integers(0, len(records) - 1), label="record")
    fields = sorted(MODELS[name].model_fields) + ["extra_field"]
    field = data.draw(st.sampled_from(fields), label="field")
    value = data.draw(values_as_yaml, label="value")
    assume(printable(value) and "\n" not in value)

    # Write the file from the fixture with that one field replaced (or added) as YAML text.
    lines = []
    for i, record in enumerate(records):
        body = {k: v for k, v in record.items() if not (i == index and k == field)}
        text = record_yaml([body] if isinstance(original, list) else body).rstrip("\n")
        if i == index:
            text += f"\n{'  ' if isinstance(original, list) else ''}{field}: {value}"
        lines.append(text)
    raw = ("\n".join(lines) + "\n").encode("utf-8")

    dataset = run_dataset(data_dir, name, raw)
    event("valid" if dataset is not None else "refused")
    if dataset is not None:
        for spec in RECORD_FILES:
            assert all(isinstance(r, spec.model) for r in dataset.records[spec.name])
        assert isinstance(dataset.site, Site)


@DATASET_PROPERTY
@given(tree=trees)
def test_any_structure_in_a_record_file_validates_or_gives_a_located_error(tree, work_dir):
    data_dir = fresh_data(work_dir)
    text = emit(tree) + "\n"
    raw = text.encode("utf-8")
    dataset = run_dataset(data_dir, "events.yaml", raw)
    event("valid" if dataset is not None else "refused")
    if dataset is not None:
        assert all(type(e).__name__ == "Event" for e in dataset.events)


# -- cases that once escaped as other exceptions or without a line ---------------

@pytest.mark.parametrize("raw", [b"a: 1\nb: x\x00y\n", b"a: \x07\n", b"title: \x1b[31mred\n", "a: \ufffe\n".encode("utf-8")],
                         ids=["nul", "bell", "escape", "u+fffe"])
def test_non_printable_characters_give_a_data_error(raw):
    with pytest.raises(DataError) as info:
        load_text(raw, DISPLAY)
    check_error(info.value, raw)


def test_the_blocks_that_skip_the_closer_look_hold_no_character_it_would_refuse():
    # macros/text.py clears text made only of these blocks without looking at each character.
    suspect = [f"U+{cp:04X}" for lo, hi in text.ALWAYS_ALLOWED for cp in range(lo, hi + 1) if text._suspect(chr(cp))]
    assert suspect == []
    assert text.character_problem("首相\u200bは") is not None  # a refused character among them is still found
    assert text.character_problem("首相\nは", allow_newlines=False) is not None


@pytest.mark.parametrize("entry", ["just text", "42", "true", ""], ids=["text", "number", "boolean", "empty"])
def test_entry_that_is_not_a_mapping_names_its_line(entry, work_dir):
    data_dir = fresh_data(work_dir)
    raw = (FIXTURES / "data" / "claims.yaml").read_bytes() + f"- {entry}\n".encode()
    dataset = run_dataset(data_dir, "claims.yaml", raw)
    assert dataset is None
