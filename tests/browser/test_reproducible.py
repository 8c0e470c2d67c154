"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import build_site

pytestmark = pytest.mark.browser


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical(tmp_path):
    # Two fresh builds one after the other (the session's site may be minutes old), into folders
    # at different depths, so that a build path leaking into the output would show up too.
    one = build_site(tmp_path / "first" / "site")
    two = build_site(tmp_path / "elsewhere" / "second" / "site")
    first, second = tree(one), tree(two)
    only_first = sorted(set(first) - set(second))
    only_second = sorted(set(second) - set(first))
    differ = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    assert (only_first, only_second, differ) == ([], [], []), (
        f"only in the first build: {only_first}\nonly in the second: {only_second}\ndifferent bytes: {differ}")
