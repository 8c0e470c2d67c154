"""The URL contract: every public page and every anchor people may link to.

urls.json lists them. The build fails when a listed page or anchor disappears
(a moved page needs a redirect in mkdocs.yml); `make urls` adds new ones.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from .errors import DataError, Problem

MANIFEST = "urls.json"
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
# Elements whose ids are link targets: headings, events, table rows, facts, sections, figures.
_LINKABLE = re.compile(r'<(?:h[1-6]|li|tr|div|section|figure|aside)\b[^>]*?\bid="([^"]+)"')
_REDIRECT = re.compile(r'<meta http-equiv="refresh"', re.I)


def page_anchors(html: str) -> list[str]:
    article = _ARTICLE.search(html)
    return sorted(set(_LINKABLE.findall(article.group(0)))) if article else []


def site_urls(site_dir: Path) -> dict[str, list[str]]:
    """Every real page (not redirects, not the 404 page) with its linkable anchors."""
    urls = {}
    for path in sorted(site_dir.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if _REDIRECT.search(html):
            continue
        url = path.parent.relative_to(site_dir).as_posix()
        urls["" if url == "." else url + "/"] = page_anchors(html)
    return urls


def forwarded(site_dir: Path, url: str, anchor: str, built: dict[str, list[str]]) -> bool:
    """True when the page forwards the anchor (its anchors.json) to a page that has it."""
    mapping_file = site_dir / url / "anchors.json"
    if not mapping_file.is_file():
        return False
    target = json.loads(mapping_file.read_text(encoding="utf-8")).get(anchor)
    if not target or "#" not in target:
        return False
    path, fragment = target.split("#", 1)
    resolved = posixpath.normpath(posixpath.join(url or ".", path))
    resolved = "" if resolved == "." else resolved + "/"
    return fragment in built.get(resolved, [])


def check_contract(site_dir: Path, manifest: Path, generated: set[str] = frozenset()) -> None:
    """Fail when a page or anchor in the manifest is gone from the built site.

    An anchor may move to a page made from data (macros/pages.py) when its page forwards it.
    Pages made from data are not in the contract: they split as the data grows.
    """
    if not manifest.exists():
        return
    promised = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    built = site_urls(site_dir)
    problems = []
    for url, anchors in promised.items():
        if url not in built:
            if not (site_dir / url / "index.html").exists():
                problems.append(Problem(MANIFEST, None, f"page '/{url}' is gone; restore it or add a redirect under 'redirects' in mkdocs.yml"))
            continue
        missing = sorted(set(anchors) - set(built[url]))
        for anchor in missing:
            if forwarded(site_dir, url, anchor, built):
                continue
            problems.append(Problem(MANIFEST, None, f"anchor '/{url}#{anchor}' is gone; keep the id (write '{{ #{anchor} }}' after a renamed heading) or keep the record's id"))
    if problems:
        raise DataError(problems)


def manifest_text(site_dir: Path, generated: set[str] = frozenset()) -> str:
    """The contract for this build: each page's own anchors and the anchors it forwards."""
    built = site_urls(site_dir)
    pages = {}
    for url, anchors in built.items():
        if url in generated:
            continue
        mapping_file = site_dir / url / "anchors.json"
        moved = json.loads(mapping_file.read_text(encoding="utf-8")) if mapping_file.is_file() else {}
        pages[url] = sorted(set(anchors) | {a for a in moved if forwarded(site_dir, url, a, built)})
    return json.dumps({"pages": pages}, indent=1, ensure_ascii=False) + "\n"
