"""The Atom feed of substantive updates and corrections, from data/changelog.yaml."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from . import i18n
from .dataset import Dataset

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom_feed(dataset: Dataset, site_url: str, log_page: str = "about/") -> bytes:
    ET.register_namespace("", ATOM)
    site_url = site_url.rstrip("/") + "/"
    changes = sorted(dataset.changelog, key=lambda c: (c.date, c.id), reverse=True)
    sources = dataset.by_id("sources")
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    w = i18n.words(dataset.lang)
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", dataset.lang)
    sub(feed, "title", f"{dataset.site.title}{'：' if w.lang == 'ja' else ': '}{i18n.THEME[w.lang]['feed_title']}")
    sub(feed, "subtitle", dataset.site.description)
    sub(feed, "id", site_url)
    sub(feed, "link", href=site_url + "feed.xml", rel="self", type="application/atom+xml")
    sub(feed, "link", href=site_url, rel="alternate", type="text/html")
    sub(feed, "updated", _stamp(changes[0].date if changes else dataset.site.last_reviewed))
    sub(sub(feed, "author"), "name", dataset.site.title)
    sub(feed, "rights", dataset.site.licence)
    for change in changes:
        entry = sub(feed, "entry")
        prefix = (w.labels("kind")["correction"] + ("：" if w.lang == "ja" else ": ")) if change.kind == "correction" else ""
        sub(entry, "title", prefix + change.title)
        # The entry's permanent id: where the change is listed in the corrections log.
        sub(entry, "id", f"{site_url}{log_page}#change-{change.id}")
        sub(entry, "link", href=site_url + change.url, rel="alternate", type="text/html")
        sub(entry, "updated", _stamp(change.date))
        sub(entry, "published", _stamp(change.date))
        sub(entry, "category", term=change.kind)
        cited = w.list_separator.join(f"{sources[s].publisher}, {sources[s].title} <{sources[s].url}>" for s in change.sources)
        sub(entry, "summary", f"{change.summary} {w.sources_colon}{cited}")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def write_feed(dataset: Dataset, site_url: str, site_dir: Path, log_page: str = "about/") -> Path:
    path = site_dir / "feed.xml"
    path.write_bytes(atom_feed(dataset, site_url, log_page))
    return path
