"""The strict YAML loader that every data file and every page's front matter goes through.

PyYAML follows YAML 1.1, which silently turns `NO` into False, `010` into 8,
`12:30` into 750 and `2025-10-28` into a date object. This loader keeps all of
those as strings, and refuses what a data file never needs: duplicate keys,
anchors and aliases, explicit tags (`!!int 0x7E8` would bring the 1.1 rules
back), nesting deeper than MAX_DEPTH, numbers of more than MAX_DIGITS digits
and files over the size cap. It records the line of every key and list item so
that schema errors can point at a line.

Whatever the input, the only exception that leaves this module is DataError,
with a file and, wherever PyYAML can tell, a line.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import yaml
import yaml.reader
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import DataError, Problem, shown
from .files import cache_name, kept, read_capped

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_DIGITS = 30

ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class LocatedDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict


class LocatedList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list


class _Refusal(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message


class _EventRules:
    """Refuses anchors, aliases and explicit tags, and counts nesting, one event at a time."""

    def __init__(self):
        self.depth = 0

    def check(self, event) -> None:
        if type(event) is ScalarEvent and event.anchor is None and event.tag is None:
            return  # most events: a plain value, which nothing here refuses
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, AliasEvent):
            raise _Refusal(line, f"alias {shown('*' + str(event.anchor))} is not allowed (anchors and aliases are refused)")
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _Refusal(line, f"anchor {shown('&' + str(event.anchor))} is not allowed (anchors and aliases are refused)")
        tag = getattr(event, "tag", None)
        if isinstance(event, NodeEvent) and tag is not None:
            written = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refusal(line, f"tag {shown(written)} is not allowed; write plain values")
        if isinstance(event, CollectionStartEvent):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Refusal(line, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        elif isinstance(event, CollectionEndEvent):
            self.depth -= 1


class _StrictConstruction:
    """Construction shared by both loaders: allowed tags only, located containers, no duplicate keys."""

    def construct_object(self, node, deep=False):
        if node.tag not in ALLOWED_TAGS:
            # Only reachable through a resolver; explicit tags are refused as events.
            raise _Refusal(node.start_mark.line + 1, f"tag {shown(node.tag)} is not allowed; write plain values")
        if isinstance(node, MappingNode):
            return self._construct_located_mapping(node)
        if isinstance(node, SequenceNode):
            return self._construct_located_sequence(node)
        if node.tag == "tag:yaml.org,2002:int" and len(node.value.lstrip("-")) > MAX_DIGITS:
            raise _Refusal(node.start_mark.line + 1, f"number has too many digits (more than {MAX_DIGITS})")
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, IndexError, KeyError, OverflowError) as exc:
            raise _Refusal(node.start_mark.line + 1, f"value {shown(node.value)} cannot be read ({type(exc).__name__})") from None

    def _construct_located_mapping(self, node: MappingNode) -> LocatedDict:
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refusal(key_node.start_mark.line + 1, "a key must be plain text")
            key = self.construct_object(key_node)
            if not isinstance(key, str):
                # Keys are field names; a number or boolean key is always a mistake.
                key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                first = result.key_lines[key]
                raise _Refusal(key_line, f"duplicate key {shown(key)} (first defined at line {first})")
            result.key_lines[key] = key_line
            result[key] = self.construct_object(value_node)
        return result

    def _construct_located_sequence(self, node: SequenceNode) -> LocatedList:
        result = LocatedList(self.construct_object(child) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


class StrictLoader(_StrictConstruction, yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars and no aliases, tags or duplicates.

    Pure Python: slow, but its error messages and marks are the ones contributors see.
    The composer recurses once per level, so nesting is counted here, before it recurses.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self._rules = _EventRules()

    def compose_node(self, parent, index):
        self._rules.check(self.peek_event())
        return super().compose_node(parent, index)

    def get_event(self):
        event = super().get_event()
        if isinstance(event, CollectionEndEvent):
            self._rules.depth -= 1
        return event


# libyaml's parser, where PyYAML was built with it. It is several times faster on large
# files; its events are checked first (anchors, tags, depth). On any YAML error the file
# is parsed again with the pure-Python loader, so every message reads the same.
_FastStrictLoader = (type("_FastStrictLoader", (_StrictConstruction, yaml.CSafeLoader), {})
                     if getattr(yaml, "__with_libyaml__", False) else None)


def _use_yaml_12_scalars(loader_class) -> None:
    """Rebuild the implicit resolvers with YAML 1.2 core-schema rules only."""
    loader_class.yaml_implicit_resolvers = {}
    loader_class.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    loader_class.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
    loader_class.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"), list("-0123456789"))
    loader_class.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


for _loader_class in filter(None, (StrictLoader, _FastStrictLoader)):
    _use_yaml_12_scalars(_loader_class)


def _load_fast(text: str):
    """Parse with libyaml; None when it reports a YAML error (the caller then uses the pure loader)."""
    rules = _EventRules()
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            rules.check(event)
        loader = _FastStrictLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _load_pure(text: str, display_path: str):
    loader = None
    try:
        loader = StrictLoader(text)
        return loader.get_single_data()
    except _Refusal as exc:
        raise DataError(Problem(display_path, exc.line, exc.message)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise DataError(Problem(display_path, line, f"character U+{exc.character:04X} is not allowed in YAML; remove it")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the file the problem mark sits past the last line; the context
        # mark (an unclosed quote or bracket) is where the contributor has to look.
        if exc.context_mark and mark and mark.index >= len(text.rstrip()):
            mark = exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        raise DataError(Problem(display_path, line, f"YAML syntax error: {message}")) from None
    except yaml.YAMLError as exc:
        raise DataError(Problem(display_path, None, f"YAML error: {type(exc).__name__}")) from None
    except RecursionError:
        raise DataError(Problem(display_path, None, f"nesting is too deep (more than {MAX_DEPTH} levels)")) from None
    except (ValueError, IndexError, KeyError, OverflowError, UnicodeError) as exc:
        # PyYAML's scanner raises these for a few malformed escapes, such as \U00110000.
        line = getattr(loader, "line", None)
        where = line + 1 if isinstance(line, int) else None
        raise DataError(Problem(display_path, where, f"a value cannot be read ({type(exc).__name__}: check escapes such as \\U in quoted text)")) from None
    finally:
        if loader is not None:
            loader.dispose()


def load_text(raw: bytes, display_path: str, max_bytes: int = MAX_BYTES):
    """Parse one YAML document from bytes; raise DataError with a location."""
    if len(raw) > max_bytes:
        raise DataError(Problem(display_path, None, f"file is too large (more than {max_bytes} bytes; the limit is {max_bytes})"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(raw, exc.start)
        raise DataError(Problem(display_path, line, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise DataError(Problem(display_path, None, "file is empty"))
    # PyYAML (YAML 1.1) also breaks lines at these, so editors and the loader would disagree on lines.
    for separator in ("\u0085", "\u2028", "\u2029"):
        if separator in text:
            line = text[: text.index(separator)].count("\n") + 1
            raise DataError(Problem(display_path, line, f"contains the Unicode line separator U+{ord(separator):04X}; use an ordinary line break"))
    if _FastStrictLoader is not None:
        try:
            document = _load_fast(text)
        except _Refusal as exc:
            raise DataError(Problem(display_path, exc.line, exc.message)) from None
        except Exception:  # noqa: BLE001 - any other failure is reported by the pure loader below
            document = None
        if document is not None:
            return document
    return _load_pure(text, display_path)


def load_file(path: Path, display_path: str, root: Path, max_bytes: int = MAX_BYTES, cache_dir: Path | None = None):
    """Read (a regular file inside root, at most max_bytes) and parse one data file.

    cache_dir keeps each document parsed before, under a name made from the file's bytes and
    the code that parses them; the same bytes are then not parsed again (most files, when one
    is edited). Only a document that parsed is kept: a file with a problem is read every time."""
    raw = read_capped(path, root, max_bytes, display_path)
    if cache_dir is None:
        return load_text(raw, display_path, max_bytes)
    return kept(cache_dir, cache_name(".json", _parser_fingerprint(), raw), lambda: load_text(raw, display_path, max_bytes),
                encode=lambda document: json.dumps(_to_cache(document), separators=(",", ":")).encode("ascii"),
                decode=lambda body: _rebuilt(json.loads(body)))


@functools.cache
def _parser_fingerprint() -> str:
    """What besides a file's bytes shapes its document: this module, PyYAML (with or without
    libyaml) and the Python under it."""
    return f"{yaml.__version__} {_FastStrictLoader is not None} {sys.version} " + Path(__file__).read_text(encoding="utf-8")


# A cache entry is JSON: a mapping as ["m", line, [[key, key line, value], ...]], a sequence as
# ["s", line, [item lines], [items]], and any other value as itself (a plain value is never a
# list). ASCII only, so that any text, even a lone surrogate from a YAML escape, comes back as it was.
def _to_cache(value):
    if isinstance(value, LocatedDict):
        return ["m", value.line, [[key, value.key_lines[key], _to_cache(item)] for key, item in value.items()]]
    if isinstance(value, LocatedList):
        return ["s", value.line, value.item_lines, [_to_cache(item) for item in value]]
    return value


def _rebuilt(value):
    if type(value) is not list:
        if value is not None and type(value) not in (str, int, float, bool):
            raise ValueError("not a plain value")
        return value
    kind, line = value[0], value[1]
    if type(line) is not int:
        raise ValueError("not a line")
    if kind == "m":
        mapping = LocatedDict()
        mapping.line, mapping.key_lines = line, {}
        for key, key_line, item in value[2]:
            if type(key) is not str or type(key_line) is not int:
                raise ValueError("not a key")
            mapping.key_lines[key] = key_line
            mapping[key] = _rebuilt(item)
        return mapping
    if kind == "s":
        sequence = LocatedList(_rebuilt(item) for item in value[3])
        sequence.line, sequence.item_lines = line, value[2]
        if type(sequence.item_lines) is not list or len(sequence.item_lines) != len(sequence) or not all(
                type(n) is int for n in sequence.item_lines):
            raise ValueError("not item lines")
        return sequence
    raise ValueError("not a cache entry")
