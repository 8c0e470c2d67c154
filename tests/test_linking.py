"""Linking and sharing: permanent URLs, page metadata, share images, feed and sitemap."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import struct
from pathlib import Path

import feedparser
import pytest
import yaml

from conftest import ROOT
from macros.dataset import load_dataset
from macros.pages import plan
from macros.social import MAX_BYTES
from macros.urls import MANIFEST, check_contract, manifest_text


def real_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', head(html))
    return match.group(1) if match else None


def generated_pages() -> tuple:
    return plan(load_dataset(ROOT / "data")).parts


def test_url_contract_matches_the_build(built_site):
    """Nothing promised in urls.json is gone (an anchor may be forwarded), and the file is current."""
    generated = {prefix + part.url for prefix in ("", "ja/") for part in generated_pages()}
    check_contract(built_site, ROOT / MANIFEST, generated)
    assert manifest_text(built_site, generated) == (ROOT / MANIFEST).read_text(encoding="utf-8"), \
        f"new pages or anchors are not in {MANIFEST}; run 'make urls'"
    redirects = next(p["redirects"] for p in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["plugins"]
                     if isinstance(p, dict) and "redirects" in p)["redirect_maps"] or {}
    for old, target in redirects.items():
        assert (ROOT / "docs" / target.split("#")[0]).exists(), f"redirect {old} -> {target} points nowhere"


def test_every_event_and_source_is_promised_on_its_index_page():
    promised = json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))["pages"]
    dataset = load_dataset(ROOT / "data")
    assert {e.id for e in dataset.events} <= set(promised["timeline/"])
    assert {f"source-{s.id}" for s in dataset.sources} <= set(promised["sources/"])


HEADING = re.compile(r"^(#{2,6})\s+(.*)$")


def test_every_heading_has_an_explicit_id():
    for page in sorted((ROOT / "docs").glob("*.md")):
        fenced = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                fenced = not fenced
            match = None if fenced else HEADING.match(line)
            if match:
                assert re.search(r"\{\s*#[a-z0-9-]+\s*\}\s*$", match.group(2)), f"docs/{page.name}:{number}: {line}"


def test_every_page_has_unique_title_and_description(built_site):
    titles, descriptions = {}, {}
    for page in real_pages(built_site):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        description = meta(html, "description")
        assert description, page
        assert title not in titles, f"{page} repeats the title of {titles.get(title)}"
        assert description not in descriptions, f"{page} repeats the description of {descriptions.get(description)}"
        titles[title], descriptions[description] = page, page


def test_every_page_has_social_and_structured_metadata(built_site):
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["site_url"]
    for page in real_pages(built_site):
        html = page.read_text(encoding="utf-8")
        url = site_url + page.parent.relative_to(built_site).as_posix().replace(".", "").strip("/")
        url = url if url.endswith("/") else url + "/"
        assert f'<link rel="canonical" href="{url}">' in head(html), page
        assert meta(html, "og:url") == url
        for key in ("og:title", "og:description", "og:image", "twitter:card", "twitter:title", "twitter:image"):
            assert meta(html, key), f"{page}: {key}"
        assert meta(html, "twitter:card") == "summary_large_image"
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        article = next(b for b in blocks if b["@type"] == "Article")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["datePublished"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["dateModified"])
        assert article["url"] == url


def test_timeline_pages_have_an_itemlist_of_their_events(built_site):
    ids = []
    for part in (p for p in generated_pages() if p.folder == "timeline"):
        html = (built_site / part.url / "index.html").read_text(encoding="utf-8")
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        (item_list,) = [b for b in blocks if b["@type"] == "ItemList"]
        urls = [i["url"] for i in item_list["itemListElement"]]
        assert all(u.startswith(f"https://takaichi-trump-explainer.github.io/site/{part.url}#") for u in urls), part.url
        ids += [u.rsplit("#", 1)[1] for u in urls]
    assert sorted(ids) == sorted(e.id for e in load_dataset(ROOT / "data").events)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_share_images_exist_with_the_right_size(built_site):
    for page in real_pages(built_site):
        image_url = meta(page.read_text(encoding="utf-8"), "og:image")
        path = built_site / "assets" / "social" / image_url.rsplit("/", 1)[1]
        assert png_size(path) == (1200, 630), path
        assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def test_feed_is_valid_atom(built_site):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.entries and all(e.get("id") and e.get("updated") and e.get("link") for e in feed.entries)


def test_sitemap_uses_each_pages_content_date(built_site):
    """lastmod is the page's own `updated` date from its front matter, never the build time."""
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    expected = {}
    last_reviewed = load_dataset(ROOT / "data").site.last_reviewed
    for folder, prefix in (("docs", ""), ("docs/ja", "ja/")):
        for page in sorted((ROOT / folder).glob("*.md")):
            meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])
            url = "" if page.stem == "index" else f"{page.stem}/"
            expected[f"https://takaichi-trump-explainer.github.io/site/{prefix}{url}"] = meta["updated"]
        # Pages made from data change when the data does: their date is the site's last review.
        for part in generated_pages():
            expected[f"https://takaichi-trump-explainer.github.io/site/{prefix}{part.url}"] = last_reviewed
    assert entries == expected
    assert len(entries) == len(real_pages(built_site))
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def test_robots_and_404(built_site):
    assert "Sitemap: " in (built_site / "robots.txt").read_text()
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "timeline/" in page and 'for="__search"' in page


@pytest.mark.parametrize("style", ["APA", "Chicago"])
def test_cite_this_page_box(built_site, style):
    html = (built_site / "talks" / "index.html").read_text(encoding="utf-8")
    box = html.split('id="cite-this-page"', 1)[1].split("</aside>", 1)[0]
    assert f"<dt>{style}</dt>" in box
    assert "https://takaichi-trump-explainer.github.io/site/talks/" in box
    assert "Last reviewed" in box


@pytest.mark.parametrize("page, href, expected", [
    ("index.html", "#top", ("index.html", "top")),
    ("index.html", "talks/", ("talks/index.html", "")),
    ("index.html", "talks/#where", ("talks/index.html", "where")),
    ("index.html", "./", ("index.html", "")),
    ("talks/index.html", "../timeline/#summit", ("timeline/index.html", "summit")),
    ("talks/index.html", "../timeline", ("timeline/index.html", "")),  # a folder: its index.html
    ("talks/index.html", "?q=1", ("talks/index.html", "")),
    ("talks/index.html", "../../etc/passwd", (".outside", "")),
    ("talks/index.html", "../data/events.csv", ("data/events.csv", "")),
    ("ja/talks/index.html", "../../talks/", ("talks/index.html", "")),
    ("ja/talks/index.html", "%2E%2E/timeline/#a%20b", ("ja/timeline/index.html", "a b")),
    ("talks/index.html", "#a%20b", ("talks/index.html", "a b")),
    ("talks/index.html", "#", ("talks/index.html", "")),
    ("talks/index.html", "https://example.org/x", None),
    ("talks/index.html", "http://example.org/x#y", None),
    ("talks/index.html", "mailto:someone@example.org", None),
    ("talks/index.html", "//example.org/", None),
])
def test_links_resolve_to_the_built_file_and_anchor(page, href, expected):
    from macros.postbuild import _resolve
    folders = {"", "talks", "timeline", "ja", "ja/talks", "ja/timeline", "data"}
    assert _resolve(posixpath.dirname(page), page, href, folders) == expected
