"""Checks on the built HTML: nothing broken is ever published as page content."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError, Problem

# Code, scripts and styles may legitimately contain braces.
_SKIP = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)
_BAD = (
    ("Macro Rendering Error", "a macro error was published as page content"),
    ("Macro Syntax Error", "a macro syntax error was published as page content"),
    ("{{", "a stray '{{' (an unrendered template tag)"),
    ("{%", "a stray '{%' (an unrendered template tag)"),
    ("no such element", "an undefined template value was published"),
)


def find_leftovers(html: str) -> list[tuple[int, str]]:
    # Blank out skipped regions but keep their newlines, so lines still count right.
    visible = _SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)
    found = []
    for needle, message in _BAD:
        index = visible.find(needle)
        if index >= 0:
            found.append((visible.count("\n", 0, index) + 1, message))
    return found


def check_site(site_dir: Path) -> None:
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        for line, message in find_leftovers(path.read_text(encoding="utf-8")):
            problems.append(Problem(f"site/{path.relative_to(site_dir).as_posix()}", line, message))
    if problems:
        raise DataError(problems)
