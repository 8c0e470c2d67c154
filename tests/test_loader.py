"""The strict YAML loader: YAML 1.1 traps, duplicates, aliases, tags, size and encoding."""

from __future__ import annotations

import pytest

from macros.errors import DataError
from macros.loader import load_text


def load(text: str | bytes, **kw):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_text(raw, "data/x.yaml", **kw)


def error(text: str | bytes, **kw) -> str:
    with pytest.raises(DataError) as info:
        load(text, **kw)
    return str(info.value)


@pytest.mark.parametrize("source, expected", [
    ("v: NO", "NO"),
    ("v: no", "no"),
    ("v: yes", "yes"),
    ("v: Yes", "Yes"),
    ("v: off", "off"),
    ("v: on", "on"),
    ("v: y", "y"),
    ("v: 010", "010"),
    ("v: 0o10", "0o10"),
    ("v: 0x1F", "0x1F"),
    ("v: 12:30", "12:30"),
    ("v: 1_000", "1_000"),
    ("v: 2025-10-28", "2025-10-28"),
    ("v: 2025-10-28 12:00:00", "2025-10-28 12:00:00"),
    ("v: .inf", ".inf"),
    ("v: 1e3", "1e3"),
])
def test_yaml_11_scalars_stay_strings(source, expected):
    assert load(source) == {"v": expected}


def test_on_as_a_key_stays_a_string():
    assert load("on: push") == {"on": "push"}


@pytest.mark.parametrize("source, expected", [
    ("v: true", True),
    ("v: false", False),
    ("v: 0", 0),
    ("v: -12", -12),
    ("v: 465", 465),
    ("v: 9.04", 9.04),
    ("v: 1.10", 1.1),
    ("v: 1.0e+3", 1000.0),
    ("v: ~", None),
    ("v: null", None),
    ("v:", None),
])
def test_core_schema_scalars(source, expected):
    value = load(source)["v"]
    assert value == expected and type(value) is type(expected)


def test_duplicate_key_names_both_lines():
    assert error("id: a\ntitle: x\nid: b\n") == "data/x.yaml:3: duplicate key 'id' (first defined at line 1)"


def test_duplicate_key_in_nested_record():
    message = error("- id: a\n  date: '2025'\n  date: '2026'\n")
    assert message == "data/x.yaml:3: duplicate key 'date' (first defined at line 2)"


def test_alias_is_refused():
    assert "anchors and aliases are refused" in error("a: &x 1\nb: *x\n")


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    message = error("\n".join(lines))
    assert message.startswith("data/x.yaml:1: anchor '&a' is not allowed")


def test_merge_key_is_not_special():
    # Without anchors a merge key can only be a typo; it stays a plain key for the schema to refuse.
    assert load("a: 1\n'<<': 2\n") == {"a": 1, "<<": 2}


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch pwned']",
    "!!python/name:os.system",
    "!!python/object/new:os.system ['touch pwned']",
    "!!binary aGVsbG8=",
    "!!timestamp 2025-10-28",
    "!custom value",
])
def test_explicit_tags_are_refused_and_run_nothing(tag, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    message = error(f"title: {tag}\n")
    assert message.startswith("data/x.yaml:1: tag '") and "is not allowed" in message
    assert not (tmp_path / "pwned").exists()


def test_size_cap():
    assert error("a: 1\n" + "#" * 200, max_bytes=100).startswith("data/x.yaml: file is too large")


def test_not_utf8_names_the_line():
    assert error(b"a: 1\nb: caf\xe9\n") == "data/x.yaml:2: byte 0xe9 is not valid UTF-8; save the file as UTF-8"


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    assert error(text) == "data/x.yaml: file is empty"


def test_syntax_error_has_a_line():
    message = error("a: 1\nb: [1, 2\nc: 3\n")
    assert message.startswith("data/x.yaml:") and "YAML syntax error" in message


def test_bom_and_crlf_are_fine():
    assert load(b"\xef\xbb\xbfa: 1\r\nb: NO\r\n") == {"a": 1, "b": "NO"}


def test_japanese_text():
    assert load("name: 高市早苗\n") == {"name": "高市早苗"}


def test_lines_are_recorded():
    data = load("- id: a\n  sources:\n    - s1\n    - s2\n- id: b\n")
    assert data.item_lines == [1, 5]
    assert data[0].key_lines == {"id": 1, "sources": 2}
    assert data[0]["sources"].item_lines == [3, 4]


def _shape(value):
    """A document with every line it remembers, for comparing two loads."""
    from macros.loader import LocatedDict, LocatedList
    if isinstance(value, LocatedDict):
        return ("map", value.line, [(k, value.key_lines[k], _shape(v)) for k, v in value.items()])
    if isinstance(value, LocatedList):
        return ("seq", value.line, value.item_lines, [_shape(v) for v in value])
    return (type(value).__name__, value)


TRICKY = """\
# a comment
- id: a
  text: "line one\\nline two \\ud800 \\U0001F600 日本語"
  count: 12
  ratio: 1.25
  big: 123456789012345678901234567890
  flags: [true, false, null, ~]
  empty_map: {}
  empty_list: []
  nested:
    - - deep
      - {k: v}
- plain
- 7
"""


@pytest.mark.parametrize("name", ["tricky", "events.yaml", "sources.yaml", "site.yaml"])
def test_a_document_from_the_parse_cache_is_the_document_parsed_lines_included(tmp_path, name):
    from pathlib import Path

    from macros.loader import load_file
    data = Path(__file__).resolve().parent.parent / "data"
    path = tmp_path / "x.yaml"
    path.write_bytes(TRICKY.encode("utf-8") if name == "tricky" else (data / name).read_bytes())
    cache = tmp_path / "cache"
    parsed = load_file(path, "data/x.yaml", tmp_path)
    first = load_file(path, "data/x.yaml", tmp_path, cache_dir=cache)
    assert len(list(cache.iterdir())) == 1
    second = load_file(path, "data/x.yaml", tmp_path, cache_dir=cache)  # from the cache
    assert _shape(first) == _shape(second) == _shape(parsed)
    # The second load did come from the cache: an entry planted under the same name is what it returns.
    (entry,) = cache.iterdir()
    entry.write_text('["s", 3, [4], ["planted"]]', encoding="utf-8")
    assert _shape(load_file(path, "data/x.yaml", tmp_path, cache_dir=cache)) == ("seq", 3, [4], [("str", "planted")])


def test_a_damaged_parse_cache_entry_is_parsed_again_and_a_bad_file_is_never_kept(tmp_path):
    from macros.loader import load_file
    path, cache = tmp_path / "x.yaml", tmp_path / "cache"
    path.write_text("- id: a\n  n: 1\n", encoding="utf-8")
    expected = _shape(load_file(path, "data/x.yaml", tmp_path, cache_dir=cache))
    (entry,) = cache.iterdir()
    for damage in ('["m", 1, [["id", "x", "a"]]]', '["s", 1, [1, 2], ["a"]]', '{"not": "an entry"}', "not json"):
        entry.write_text(damage, encoding="utf-8")
        assert _shape(load_file(path, "data/x.yaml", tmp_path, cache_dir=cache)) == expected
    path.write_text("- id: a\n  id: b\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match="duplicate key"):
            load_file(path, "data/x.yaml", tmp_path, cache_dir=cache)
    assert len(list(cache.iterdir())) == 1
