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


def is_redirect(html: str) -> bool:
    return bool(_REDIRECT.search(html))


def site_urls(site_dir: Path, parsed: dict | None = None) -> dict[str, list[str]]:
    """Every real page (not redirects, not the 404 page) with its linkable anchors; from the
    build's parsed pages (postbuild.parse_site) when it has them, else read from site_dir."""
    urls = {}
    for path in sorted(site_dir.rglob("index.html")) if parsed is None else sorted(p for p in parsed if p.name == "index.html"):
        if parsed is None:
            html = path.read_text(encoding="utf-8")
            redirect, anchors = is_redirect(html), page_anchors(html)
        else:
            redirect, anchors = parsed[path].redirect, list(parsed[path].anchors)
        if redirect:
            continue
        url = path.parent.relative_to(site_dir).as_posix()
        urls["" if url == "." else url + "/"] = anchors
    return urls


def forwarded(site_dir: Path, url: str, anchor: str, built: dict, maps: dict | None = None) -> bool:
    """True when the page forwards the anchor (its anchors.json) to a page that has it.
    maps: the anchors.json files read so far by the caller, so that each is read once."""
    maps = {} if maps is None else maps
    if url not in maps:
        mapping_file = site_dir / url / "anchors.json"
        maps[url] = json.loads(mapping_file.read_text(encoding="utf-8")) if mapping_file.is_file() else {}
    target = maps[url].get(anchor)
    if not target or "#" not in target:
        return False
    path, fragment = target.split("#", 1)
    resolved = posixpath.normpath(posixpath.join(url or ".", path))
    resolved = "" if resolved == "." else resolved + "/"
    return fragment in built.get(resolved, [])


def check_contract(site_dir: Path, manifest: Path, generated: set[str] = frozenset(), parsed: dict | None = None) -> None:
    """Fail when a page or anchor in the manifest is gone from the built site.

    An anchor may move to a page made from data (macros/pages.py) when its page forwards it.
    Pages made from data are not in the contract: they split as the data grows.
    """
    if not manifest.exists():
        return
    promised = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    built = {url: set(anchors) for url, anchors in site_urls(site_dir, parsed).items()}
    maps: dict[str, dict] = {}
    problems = []
    for url, anchors in promised.items():
        if url not in built:
            if not (site_dir / url / "index.html").exists():
                problems.append(Problem(MANIFEST, None, f"page '/{url}' is gone; restore it or add a redirect under 'redirects' in mkdocs.yml"))
            continue
        missing = sorted(set(anchors) - built[url])
        for anchor in missing:
            if forwarded(site_dir, url, anchor, built, maps):
                continue
            problems.append(Problem(MANIFEST, None, f"anchor '/{url}#{anchor}' is gone; keep the id (write '{{ #{anchor} }}' after a renamed heading) or keep the record's id"))
    if problems:
        raise DataError(problems)


def manifest_text(site_dir: Path, generated: set[str] = frozenset()) -> str:
    """The contract for this build: each page's own anchors and the anchors it forwards."""
    built = {url: set(anchors) for url, anchors in site_urls(site_dir).items()}
    maps: dict[str, dict] = {}
    pages = {}
    for url, anchors in built.items():
        if url in generated:
            continue
        mapping_file = site_dir / url / "anchors.json"
        moved = json.loads(mapping_file.read_text(encoding="utf-8")) if mapping_file.is_file() else {}
        pages[url] = sorted(anchors | {a for a in moved if forwarded(site_dir, url, a, built, maps)})
    return json.dumps({"pages": pages}, indent=1, ensure_ascii=False) + "\n"
