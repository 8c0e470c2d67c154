"""What the MkDocs builds keep between runs (macros/mkdocs_cache.py): each gives what MkDocs and
its plugins would have made themselves, and reads back what it kept."""

from __future__ import annotations

import marshal
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import material
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from material.plugins.search.plugin import SearchIndex

from conftest import ROOT, build
from macros.mkdocs_cache import CachedSearchIndex, CompiledPages, ThemeLoader


def test_the_theme_listing_leaves_out_only_files_in_hidden_folders():
    # Material's own theme folder and the project's overrides, as MkDocs searches them.
    dirs = [str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")]
    everything = FileSystemLoader(dirs).list_templates()
    listed = ThemeLoader(dirs).list_templates()
    hidden = [name for name in everything if any(part.startswith(".") for part in name.split("/")[:-1])]
    assert len(hidden) > 10_000  # Material's icons: what the listing no longer walks
    assert listed == [name for name in everything if name not in set(hidden)]


def _code(env: Environment, folder: Path, source: str):
    return CompiledPages(env, folder)(source)


def test_a_page_compiles_to_jinja_s_own_code_and_is_read_back_from_the_cache(tmp_path):
    env = Environment(undefined=StrictUndefined)
    source = "Text {{ name }} {% if flag %}yes{% endif %}"
    first = _code(env, tmp_path, source)
    assert first == env.compile(source)
    (entry,) = tmp_path.iterdir()
    assert Template.from_code(env, _code(env, tmp_path, source), env.make_globals(None)).render(name="a", flag=True) == "Text a yes"
    # The second compile did come from the cache: code planted under the same name is what it returns.
    entry.write_bytes(marshal.dumps(env.compile("planted")))
    assert Template.from_code(env, _code(env, tmp_path, source), env.make_globals(None)).render() == "planted"
    # An entry that is not code is compiled again.
    entry.write_bytes(b"not code")
    assert _code(env, tmp_path, source) == first


def test_a_page_compiled_under_other_settings_is_not_taken_from_the_cache(tmp_path):
    source = "[[ name ]] {{ name }}"
    plain = Environment()
    _code(plain, tmp_path, source)
    square = Environment(variable_start_string="[[", variable_end_string="]]")
    code = _code(square, tmp_path, source)
    assert Template.from_code(square, code, square.make_globals(None)).render(name="a") == "a {{ name }}"
    assert len(list(tmp_path.iterdir())) == 2


def test_templates_loaded_from_files_are_compiled_by_jinja_itself(tmp_path):
    env = Environment()
    compiled = CompiledPages(env, tmp_path / "cache")
    assert compiled("{{ 1 }}", "named.html") == env.compile("{{ 1 }}", "named.html")
    assert compiled("{{ 1 }}", raw=True) == env.compile("{{ 1 }}", raw=True)
    assert not (tmp_path / "cache").exists()


PAGE = """<h1 id="title">Title</h1><p>Opening <a href="#x">text</a>.</p>
<h2 id="first">First <a class="headerlink" href="#first">¶</a></h2><p>One &amp; <code>two</code></p><ul><li>item</li></ul>
<div data-search-exclude><p>not indexed</p></div><h2 id="hidden" data-search-exclude>Hidden</h2><p>Gone</p>
<h2 id="second">Second</h2><p>Three</p><script>var skipped = 1;</script>"""


def _page(content: str):
    toc = [SimpleNamespace(id="title", url="#title", children=[
        SimpleNamespace(id="first", url="#first", children=[]), SimpleNamespace(id="second", url="#second", children=[])])]
    return SimpleNamespace(content=content, toc=toc, url="talks/", title="Talks", meta={"tags": ["a"], "search": {"boost": 2}})


def test_the_search_index_makes_material_s_entries_and_reads_the_page_once(tmp_path):
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    theirs = SearchIndex(**config)
    theirs.add_entry_from_context(_page(PAGE))
    for _ in range(2):  # the second time from the cache
        mine = CachedSearchIndex(tmp_path, **config)
        mine.add_entry_from_context(_page(PAGE))
        assert mine.entries == theirs.entries
    assert [e["location"] for e in mine.entries] == ["talks/", "talks/#first", "talks/#second"]
    (entry,) = tmp_path.iterdir()
    entry.write_text('[{"id": null, "title": ["Planted"], "text": []}]', encoding="utf-8")
    planted = CachedSearchIndex(tmp_path, **config)
    planted.add_entry_from_context(_page(PAGE))
    assert [e["title"] for e in planted.entries] == ["Planted"]
    entry.write_text('[{"id": 1}]', encoding="utf-8")  # not an entry this code wrote: read again
    again = CachedSearchIndex(tmp_path, **config)
    again.add_entry_from_context(_page(PAGE))
    assert again.entries == theirs.entries


def test_a_build_with_every_cache_full_is_the_build_with_none_byte_for_byte(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("data", "docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    cold = build(project, site=tmp_path / "cold")
    assert cold.returncode == 0, cold.output
    kept = {path.relative_to(project / ".cache").parts[0] for path in (project / ".cache").rglob("*") if path.is_file()}
    assert {"parsed-data", "search-sections", "jinja", "parsed-pages", "share-images", "trimmed-css"} <= kept
    stale = project / ".cache" / "parsed-data" / "stale.json"  # left by an edit two months ago
    stale.write_bytes(b"[]")
    os.utime(stale, (time.time() - 60 * 86400,) * 2)
    warm = build(project, site=tmp_path / "warm")
    assert warm.returncode == 0, warm.output
    assert not stale.exists()  # a successful build prunes what no build has used for a month
    files = {p.relative_to(cold.site): p.read_bytes() for p in cold.site.rglob("*") if p.is_file()}
    again = {p.relative_to(warm.site): p.read_bytes() for p in warm.site.rglob("*") if p.is_file()}
    assert files.keys() == again.keys()
    assert [name for name in files if files[name] != again[name]] == []


def test_entries_no_build_has_used_for_a_month_are_pruned_and_nothing_else(tmp_path):
    from macros.files import BUILD_CACHES, UNUSED_FOR, cache_dir, prune_caches
    now = time.time()
    old, recent = now - UNUSED_FOR - 60, now - UNUSED_FOR + 3600
    made = {}
    for name in BUILD_CACHES:
        folder = cache_dir(tmp_path, name)
        folder.mkdir(parents=True)
        for label, when in (("old", old), ("recent", recent)):
            path = folder / f"{label}.entry"
            path.write_bytes(b"x")
            os.utime(path, (when, when))
            made[path] = label
    read_lately = cache_dir(tmp_path, BUILD_CACHES[0]) / "read-lately.entry"  # written long ago, read an hour ago
    read_lately.write_bytes(b"x")
    os.utime(read_lately, (now - 3600, old))
    foreign = tmp_path / ".cache" / "12345678901234567890" / "zensical.entry"  # another tool's cache
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"x")
    os.utime(foreign, (old, old))
    link = cache_dir(tmp_path, BUILD_CACHES[1]) / "link.entry"
    link.symlink_to(foreign)
    assert prune_caches(tmp_path, now=now) == len(BUILD_CACHES)
    assert sorted(str(p.relative_to(tmp_path)) for p, label in made.items() if not p.exists()) == sorted(
        str(p.relative_to(tmp_path)) for p, label in made.items() if label == "old")
    assert read_lately.exists() and foreign.exists() and link.is_symlink()
    assert prune_caches(tmp_path / "no-project", now=now) == 0
