"""The Japanese edition: every page in both languages with the same anchors, linked both ways,
with the language declared, every record's Japanese text present, and Trump never called a
former president in the Japanese text for the period when he was the sitting president."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.dataset import load_dataset
from macros.errors import DataError
from macros.pages import plan
from macros.urls import page_anchors

FORMER_JA = re.compile("前大統領|元大統領|前米大統領|元米大統領")


def english_pages() -> list[str]:
    return sorted(p.name for p in (ROOT / "docs").glob("*.md"))


def test_every_page_has_its_japanese_counterpart():
    assert sorted(p.name for p in (ROOT / "docs" / "ja").glob("*.md")) == english_pages()


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


@pytest.mark.parametrize("name", english_pages())
def test_the_same_heading_ids_in_both_editions(name):
    ids = re.compile(r"\{\s*#([a-z0-9-]+)\s*\}")
    english = ids.findall((ROOT / "docs" / name).read_text(encoding="utf-8"))
    japanese = ids.findall((ROOT / "docs" / "ja" / name).read_text(encoding="utf-8"))
    assert japanese == english


def built_urls(site: Path, prefix: str) -> list[str]:
    root = site / prefix if prefix else site
    return sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("ja/",) if not prefix else ())
                  and "assets" not in p.parts and "search" not in p.parts)


def test_the_same_pages_and_anchors_in_both_editions(built_site):
    english, japanese = built_urls(built_site, ""), built_urls(built_site, "ja/")
    assert english == japanese
    for url in english:
        page = "" if url == "." else url + "/"
        en = page_anchors((built_site / page / "index.html").read_text(encoding="utf-8"))
        ja = page_anchors((built_site / "ja" / page / "index.html").read_text(encoding="utf-8"))
        assert ja == en, f"/{page}: anchors differ between the editions"


class Head(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.lang, self.alternates, self.meta, self.switch = None, {}, {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("property", "").startswith("og:locale"):
            self.meta.setdefault(a["property"], []).append(a["content"])
        elif tag == "a" and "language-switch" in (a.get("class") or ""):
            self.switch = a


@pytest.mark.parametrize("url", ["", "talks/", "timeline/", "sources/"])
def test_language_declared_and_linked_both_ways(built_site, url):
    root = "https://takaichi-trump-explainer.github.io/site/"
    for prefix, lang, locale, other in (("", "en", "en_GB", "ja_JP"), ("ja/", "ja", "ja_JP", "en_GB")):
        head = Head((built_site / prefix / url / "index.html").read_text(encoding="utf-8"))
        assert head.lang == lang
        assert head.alternates == {"en": root + url, "ja": root + "ja/" + url, "x-default": root + url}
        assert head.meta == {"og:locale": [locale], "og:locale:alternate": [other]}
        # The switch leads to the same page in the other edition.
        target = (built_site / prefix / url / head.switch["href"]).resolve()
        expected = (built_site / ("ja/" if lang == "en" else "") / url).resolve()
        assert target == expected, head.switch


def test_sitemap_lists_both_editions_with_alternates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://takaichi-trump-explainer.github.io/site/ja/talks/</loc>" in sitemap
    entry = sitemap.split("<loc>https://takaichi-trump-explainer.github.io/site/talks/</loc>", 1)[1].split("</url>", 1)[0]
    assert 'hreflang="ja" href="https://takaichi-trump-explainer.github.io/site/ja/talks/"' in entry
    assert 'hreflang="x-default" href="https://takaichi-trump-explainer.github.io/site/talks/"' in entry
    assert not (built_site / "ja" / "sitemap.xml").exists()


def test_japanese_feed(built_site):
    feed = (built_site / "ja" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="ja"' in feed and "更新と訂正" in feed


class Text(HTMLParser):
    """The visible text of a page's article, leaving out the claims table's claim cells (the
    claims under review are quoted there) on the fact-check page."""

    def __init__(self, html: str, skip_claims: bool):
        super().__init__(convert_charrefs=True)
        self.parts, self.in_article, self.skip, self.skip_claims, self.in_claims = [], 0, 0, skip_claims, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "div" and (a.get("id") or "").startswith("table-claims"):
            self.in_claims = True
        if self.skip_claims and self.in_claims and tag == "th" and a.get("scope") == "row":
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag in ("script", "style") or (self.skip_claims and self.in_claims and tag == "th" and self.skip):
            self.skip = max(0, self.skip - 1)
        if tag == "table":
            self.in_claims = False

    def handle_data(self, data):
        if self.in_article and not self.skip:
            self.parts.append(data)


def test_trump_is_never_called_a_former_president_in_japanese(built_site):
    for page in sorted((built_site / "ja").rglob("index.html")):
        if "assets" in page.parts or "search" in page.parts:
            continue
        fact_check = page.parent.name == "fact-check"
        text = "".join(Text(page.read_text(encoding="utf-8"), skip_claims=fact_check).parts)
        hits = [text[max(0, m.start() - 40): m.end() + 10] for m in FORMER_JA.finditer(text)]
        assert hits == [], f"{page.relative_to(built_site)}: {hits}"


def test_japanese_data_never_calls_trump_a_former_president():
    dataset = load_dataset(ROOT / "data")
    for name, records in dataset.records.items():
        for record in records:
            for field, value in record:
                if field.endswith("_ja") and isinstance(value, str) and not (name == "claims" and field == "claim_ja"):
                    assert not FORMER_JA.search(value), f"data/{name}: {record.id}: {field}"


def test_a_record_without_its_japanese_text_fails_with_a_located_message(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    (project / "docs" / "ja").mkdir(parents=True)
    events = project / "data" / "events.yaml"
    lines = events.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("  title_ja:"))
    record = next(lines[i] for i in range(index, -1, -1) if lines[i].startswith("- id: "))[len("- id: "):]
    del lines[index]
    events.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(project / "data")
    (line,) = str(info.value).splitlines()
    assert re.fullmatch(rf"data/events\.yaml:[0-9]+: event '{record}': title_ja: missing; the Japanese edition needs the Japanese of .+", line), line


def test_the_same_page_plan_in_both_editions():
    dataset = load_dataset(ROOT / "data")
    assert plan(dataset) == plan(dataset.localized("ja").english)
