"""sitemap.xml (and sitemap.xml.gz), written by the build pipeline from the pages' own dates.

Each page's lastmod is the day its content last changed (its front matter's `updated`),
never the build time, so two builds of the same sources give the same file. Both
generators' own sitemaps are replaced, so both outputs carry the same one.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page: 'index.md' -> '', 'talks.md' -> 'talks/', 'a/index.md' -> 'a/'."""
    stem = src_uri.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def sitemap_xml(site_url: str, lastmod: dict[str, str], alternates: dict[str, dict[str, str]] | None = None) -> bytes:
    """lastmod maps each site-relative page URL to its content date; alternates maps a page URL to
    {hreflang: page URL} for each language the page exists in (itself included, plus x-default)."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    base = site_url.rstrip("/") + "/"
    for url in sorted(lastmod):
        entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = base + url
        ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = lastmod[url]
        for lang, other in sorted((alternates or {}).get(url, {}).items()):
            ET.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=base + other)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def write_sitemap(site_dir: Path, site_url: str, lastmod: dict[str, str], alternates: dict[str, dict[str, str]] | None = None) -> None:
    body = sitemap_xml(site_url, lastmod, alternates)
    (site_dir / "sitemap.xml").write_bytes(body)
    # mtime=0: the gzip header would otherwise hold the build time.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
