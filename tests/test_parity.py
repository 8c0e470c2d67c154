"""Parity: MkDocs and Zensical build the same site through the same pipeline.

One snapshot of the project is built with each generator (scripts/build.py), and the two
outputs are compared page by page: the same pages; the same main-content text (the
<article>, whitespace normalised); the same ids; the same links (resolved against the
page, since each generator writes relative links its own way); the same downloads, feed,
sitemap and share images, byte for byte. Bad input fails the same way on both.

What legitimately differs is left out, and only this:
- THEME_FILES: each theme's own scripts, styles and search index (Material's lunr index is
  search/search_index.json, Zensical's is search.json), and Zensical's redirect.json;
- ids that start with "__": the themes' own elements (such as the skip link's target).
"""

from __future__ import annotations

import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build, error_lines, make_project

THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "search/", "search.json", "redirect.json")
PROJECT_PARTS = ("docs", "data", "macros", "overrides", "mkdocs.yml", "urls.json")


def snapshot(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    project = snapshot(tmp_path_factory.mktemp("parity") / "project")
    built = {}
    for generator in ("mkdocs", "zensical"):
        result = build(project, generator, project / f"site-{generator}")
        assert result.returncode == 0, result.output
        assert "Traceback" not in result.output
        built[generator] = result.site
    return built


EDITION_PREFIXES = ("", "ja/")


def theme_file(rel: str) -> bool:
    return any(rel.startswith(prefix + theme) for prefix in EDITION_PREFIXES for theme in THEME_FILES)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not theme_file(p.relative_to(site).as_posix())}


class Article(HTMLParser):
    """The ids, links and text inside a page's <article>."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.depth = 0
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if attrs.get("id") and not attrs["id"].startswith("__"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def resolved(page: str, href: str) -> str:
    """A link as the site-relative path it leads to, whatever way it was written."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def test_the_same_files(sites):
    assert files(sites["mkdocs"]) == files(sites["zensical"])


def test_every_page_has_the_same_text_ids_and_links(sites):
    pages = sorted(p for p in files(sites["mkdocs"]) if p.endswith(".html"))
    assert len(pages) >= 12
    for page in pages:
        a = Article((sites["mkdocs"] / page).read_text(encoding="utf-8"))
        b = Article((sites["zensical"] / page).read_text(encoding="utf-8"))
        assert " ".join("".join(a.text).split()) == " ".join("".join(b.text).split()), page
        assert a.ids == b.ids, page
        assert [resolved(page, h) for h in a.links] == [resolved(page, h) for h in b.links], page


@pytest.mark.parametrize("name", ["feed.xml", "ja/feed.xml", "sitemap.xml", "sitemap.xml.gz", "robots.txt"])
def test_the_same_site_files(sites, name):
    assert (sites["mkdocs"] / name).read_bytes() == (sites["zensical"] / name).read_bytes()


def test_the_same_downloads_and_share_images(sites):
    shared = sorted(p for p in files(sites["mkdocs"]) if p.startswith(("data/", "assets/social/", "ja/assets/social/")) and not p.endswith(".html"))
    assert any(p.endswith(".json") for p in shared) and any(p.endswith(".png") for p in shared)
    for name in shared:
        assert (sites["mkdocs"] / name).read_bytes() == (sites["zensical"] / name).read_bytes(), name


BAD_INPUT = {
    "duplicate-key": ("data/events.yaml", "  title: Summit at Akasaka Palace\n", "  title: Summit at Akasaka Palace\n  title: Summit\n",
                      ["data/events.yaml:4: duplicate key 'title' (first defined at line 3)"]),
    "dangling-source": ("data/claims.yaml", "sources: [mofa-2025-10-28-summit]", "sources: [mofa-2025-10-28-sumit]",
                        ["data/claims.yaml:10: claim 'former-president': sources: 'mofa-2025-10-28-sumit' is not defined in data/sources.yaml"]),
    "unknown-macro": ("docs/index.md", "{{ key_facts() }}", "{{ key_fact() }}", None),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_fails_the_same_way(tmp_path, case):
    path, old, new, expected = BAD_INPUT[case]
    lines = {}
    for generator in ("mkdocs", "zensical"):
        project = make_project(tmp_path / generator)
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        result = build(project, generator)
        assert result.returncode == 1, result.output
        assert "Traceback" not in result.output
        lines[generator] = error_lines(result.output)
    assert lines["mkdocs"] == lines["zensical"]
    assert len(lines["mkdocs"]) == 1
    if expected:
        assert lines["mkdocs"] == expected
    else:
        assert lines["mkdocs"][0].startswith("docs/index.md:12: 'key_fact' is not a macro; known macros: ")
