"""The built pages' facts (macros/postbuild.py), and the cache that spares parsing an unchanged page."""

from __future__ import annotations

import json

import pytest

from macros import postbuild

PAGE = """<!doctype html><html><body><div id="top"></div>
<article><h2 id="why">Why</h2>
<a href="../other/#there">there</a>
<img src="javascript:alert(1)">
</article></body></html>
"""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site" / "page").mkdir(parents=True)
    (tmp_path / "site" / "page" / "index.html").write_text(PAGE, encoding="utf-8")
    return tmp_path / "site"


def facts(site, cache):
    return postbuild.parse_site(site, parallel=False, cache_dir=cache)[site / "page" / "index.html"]


def test_the_facts_of_a_page(site):
    found = facts(site, None)
    assert found.ids == {"top", "why"}
    assert found.links == ((3, "../other/#there"),)
    assert found.unsafe == ((4, "a javascript: address in the page content"),)
    assert found.anchors == ("why",)


def test_an_unchanged_page_is_not_parsed_again(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = facts(site, cache)
    assert len(list(cache.iterdir())) == 1
    monkeypatch.setattr(postbuild, "_parse", lambda html: pytest.fail("parsed again"))
    assert facts(site, cache) == first


def test_a_changed_page_is_parsed_again(site, tmp_path):
    cache = tmp_path / "cache"
    facts(site, cache)
    page = site / "page" / "index.html"
    page.write_text(page.read_text().replace('<div id="top">', '<div id="why">'), encoding="utf-8")
    assert facts(site, cache).duplicates == ((2, "why"),)


def test_a_change_in_the_code_that_reads_pages_is_a_change_of_every_entry(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    facts(site, cache)
    monkeypatch.setattr(postbuild.sys, "version", "another Python")
    postbuild._reader_fingerprint.cache_clear()
    try:
        facts(site, cache)
        assert len(list(cache.iterdir())) == 2
    finally:
        postbuild._reader_fingerprint.cache_clear()


@pytest.mark.parametrize("entry", [b"", b"{", b"[]", b'{"redirect": false}', json.dumps({
    "leftovers": [], "ids": [1], "duplicates": [], "links": [], "unsafe": [], "anchors": [], "redirect": False}).encode(),
    json.dumps({"leftovers": [], "ids": [], "duplicates": [], "links": [[1, 2, 3]], "unsafe": [], "anchors": [],
                "redirect": False}).encode(), b"[" * 100_000])
def test_a_broken_cache_entry_is_parsed_again(site, tmp_path, entry):
    cache = tmp_path / "cache"
    fresh = facts(site, cache)
    (entry_path,) = cache.iterdir()
    entry_path.write_bytes(entry)
    assert facts(site, cache) == fresh


def test_a_linked_cache_entry_is_never_read(site, tmp_path):
    # The build reads only regular files: a link in the cache could bring in facts from elsewhere.
    cache = tmp_path / "cache"
    fresh = facts(site, cache)
    (entry_path,) = cache.iterdir()
    elsewhere = tmp_path / "elsewhere.json"
    record = json.loads(entry_path.read_bytes())
    elsewhere.write_text(json.dumps({**record, "unsafe": []}), encoding="utf-8")
    entry_path.unlink()
    entry_path.symlink_to(elsewhere)
    assert facts(site, cache).unsafe == fresh.unsafe != ()
