"""The theme's stylesheet, cut down to the rules that can apply to this site.

Material's main stylesheet (23 KB gzip) is what every page waits for before its first paint,
and on a slow phone connection it takes two round trips. A third of it styles what this site
never shows (tabs, annotations, code blocks, tags, blog and right-to-left layouts). After an
edition is built, its copy is rewritten with only the rules that can match: each class, id,
element and attribute name that a selector needs appears somewhere in the edition's pages or
in the theme's script (which adds classes as readers use a page: search results, the drawer).

Cautious by design, so a rule the site needs is never lost:
- a name counts as used wherever it appears, even in text or in a script's strings, and a class
  counts when a script builds names from its start (`md-tag--${...}`);
- what :not(), :is(), :where(), :has() and other functions hold is not examined;
- every at-rule other than the grouping ones (@media, @supports, @container, @layer) is kept.

The trimmed file gets a name from its own content and every page of the edition links to it.
Zensical lays its stylesheets out differently; its build is left as it is.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2
from tinycss2.ast import HashToken, IdentToken, LiteralToken, SquareBracketsBlock

from .files import cache_name, kept

# Every byte that cannot be part of a name becomes a space; what is left, split, is the names.
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_TO_NAMES = bytes(byte if byte in _NAME_BYTES else 0x20 for byte in range(256))
_BUILT_NAME = re.compile(rb"([A-Za-z_][\w-]*-)\$\{")  # a class made in a script: `md-tag--${name}`
_GROUPING = ("media", "supports", "container", "layer")


def used_names(texts: list[bytes]) -> tuple[set[str], tuple[str, ...]]:
    """Every name that appears in the texts (UTF-8), and the beginnings of names that scripts complete."""
    names: set[bytes] = set()
    beginnings: set[bytes] = set()
    for text in texts:
        names.update(text.translate(_TO_NAMES).split())
        if b"${" in text:  # the pattern tries every letter of a page; most have no template literal
            beginnings.update(_BUILT_NAME.findall(text))
    return {n.decode("ascii") for n in names}, tuple(sorted(b.decode("ascii") for b in beginnings))


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    parts: list[list] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _can_match(selector: list, names: set[str], lower: set[str], beginnings: tuple[str, ...]) -> bool:
    previous = None
    for token in selector:
        after = previous.value if isinstance(previous, LiteralToken) else None
        if isinstance(token, IdentToken):
            if after == ".":
                if token.value not in names and not token.value.startswith(beginnings):
                    return False
            elif after != ":" and token.lower_value not in lower:  # an element (a pseudo-class is after ':')
                return False
        elif isinstance(token, HashToken) and token.is_identifier and token.value not in names:
            return False
        elif isinstance(token, SquareBracketsBlock):
            attribute = next((t for t in token.content if isinstance(t, IdentToken)), None)
            if attribute is not None and attribute.lower_value not in lower:
                return False
        previous = token
    return True


def _kept(rules: list, names: set[str], lower: set[str], beginnings: tuple[str, ...]) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, names, lower, beginnings)]
            if selectors:
                out.append(",".join(tinycss2.serialize(s).strip() for s in selectors)
                           + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                          names, lower, beginnings)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
        # A parse error is dropped, as a browser drops it.
    return out


def trim(css: str, names: set[str], beginnings: tuple[str, ...] = ()) -> str:
    """The stylesheet with only the rules (and, in a rule, the selectors) that can match."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_kept(rules, names, {n.lower() for n in names}, tuple(beginnings)))


def trim_theme_stylesheet(edition_dir: Path, cache_dir: Path | None = None) -> Path | None:
    """Rewrites an edition's copy of Material's main stylesheet (as its generator left it in
    edition_dir) and points its pages at the new file; None where there is none to trim.
    cache_dir keeps each trimmed stylesheet under a name made from what shaped it."""
    found = sorted((edition_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    scripts = sorted((edition_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(found) != 1 or len(scripts) != 1:
        return None
    source = found[0]
    pages = {page: page.read_bytes() for page in sorted(edition_dir.rglob("*.html"))}
    css = source.read_bytes()
    names, beginnings = used_names([*pages.values(), scripts[0].read_bytes()])
    key = cache_name(".css", css, Path(__file__).read_bytes(), tinycss2.__version__,
                     "\n".join(sorted(names)), "\n".join(beginnings))
    trimmed = kept(cache_dir, key, lambda: trim(css.decode("utf-8"), names, beginnings).encode("utf-8"))
    target = source.with_name(f"main.{hashlib.sha256(trimmed).hexdigest()[:8]}.min.css")
    target.write_bytes(trimmed)
    for old in (source, source.with_name(source.name + ".map")):
        if old != target:
            old.unlink(missing_ok=True)
    old_name, new_name = source.name.encode("ascii"), target.name.encode("ascii")
    for page, body in pages.items():
        if old_name in body:
            page.write_bytes(body.replace(old_name, new_name))
    return target
