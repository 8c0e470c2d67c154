"""Checks on the built HTML: nothing broken or unsafe is ever published.

Runs on either generator's output (scripts/build.py), after the build and before
the site replaces the previous one:
- no macro error, unrendered template tag or boundary placeholder in any page;
- no id twice on one page (deep links would reach the wrong element);
- nothing in a page's content that runs script or loads from another host;
- every link from one page of the site to another, and every #anchor, resolves.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import posixpath
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import boundary, urls
from .boundary import CLOSE, OPEN
from .errors import DataError, Problem, shown
from .files import cache_name, kept
from .urls import is_redirect, page_anchors

# Code, scripts and styles may legitimately contain braces.
_SKIP = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)
_BAD = (
    ("Macro Rendering Error", "a macro error was published as page content"),
    ("Macro Syntax Error", "a macro syntax error was published as page content"),
    ("{{", "a stray '{{' (an unrendered template tag)"),
    ("{%", "a stray '{%' (an unrendered template tag)"),
    ("no such element", "an undefined template value was published"),
    (OPEN, "a macro's placeholder was published (is macros.boundary missing from markdown_extensions in mkdocs.yml?)"),
    (CLOSE, "a macro's placeholder was published (is macros.boundary missing from markdown_extensions in mkdocs.yml?)"),
)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
UNSAFE_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta", "link", "style"})
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")


def find_leftovers(html: str) -> list[tuple[int, str]]:
    # Blank out skipped regions but keep their newlines, so lines still count right.
    visible = _SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)
    found = []
    for needle, message in _BAD:
        index = visible.find(needle)
        if index >= 0:
            found.append((visible.count("\n", 0, index) + 1, message))
    return found


class _Elements(HTMLParser):
    """Ids, links and unsafe markup of one page; only inside <article> for the last two."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.duplicates: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []
        self.unsafe: list[tuple[int, str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attributes = dict(attrs)
        anchor = attributes.get("id")
        if anchor:
            if anchor in self.ids:
                self.duplicates.append((line, anchor))
            self.ids.setdefault(anchor, line)
        if tag == "a" and attributes.get("name"):
            self.ids.setdefault(attributes["name"], line)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in UNSAFE_TAGS and not (tag == "script" and attributes.get("type") == "application/ld+json"):
            self.unsafe.append((line, f"a <{tag}> element in the page content"))
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe.append((line, f"an event handler attribute {shown(name)} in the page content"))
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value:
                squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
                if squeezed.startswith(UNSAFE_SCHEMES):
                    self.unsafe.append((line, f"a {squeezed.split(':')[0]}: address in the page content"))
        if tag == "a" and attributes.get("href"):
            self.links.append((line, attributes["href"]))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


@dataclass(frozen=True)
class PageFacts:
    """What the checks need from one built page."""

    leftovers: tuple[tuple[int, str], ...]
    ids: frozenset[str]
    duplicates: tuple[tuple[int, str], ...]
    links: tuple[tuple[int, str], ...]
    unsafe: tuple[tuple[int, str], ...]
    anchors: tuple[str, ...]  # the linkable ids in its article (the URL contract's view)
    redirect: bool


@functools.cache
def _reader_fingerprint() -> bytes:
    """Everything besides the page that shapes its facts: the code that reads it (this module,
    macros/urls.py, macros/boundary.py) and the Python whose HTML parser it uses."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for module in (__file__, urls.__file__, boundary.__file__):
        digest.update(Path(module).read_bytes())
    return digest.digest()


def _pairs(items) -> tuple[tuple[int, str], ...]:
    pairs = tuple((line, text) for line, text in items)
    if not all(type(line) is int and type(text) is str for line, text in pairs):
        raise ValueError("not (line, text) pairs")
    return pairs


def _texts(items) -> tuple[str, ...]:
    if not all(type(text) is str for text in items):
        raise ValueError("not texts")
    return tuple(items)


def _from_cache(body: bytes) -> PageFacts:
    """A cache entry back as PageFacts; ValueError when it is not one (the page is then parsed)."""
    try:
        record = json.loads(body)
        redirect = record["redirect"]
        if type(redirect) is not bool:
            raise ValueError("redirect")
        return PageFacts(_pairs(record["leftovers"]), frozenset(_texts(record["ids"])), _pairs(record["duplicates"]),
                         _pairs(record["links"]), _pairs(record["unsafe"]), _texts(record["anchors"]), redirect)
    except (KeyError, TypeError, ValueError, RecursionError) as exc:
        raise ValueError("not a page's facts") from exc


def _facts(path: Path, cache_dir: Path | None = None) -> PageFacts:
    """One page's facts; with cache_dir, kept there under a name made from the page and the code
    that reads it, so an unchanged page is not parsed again (most pages, when one is edited)."""
    body = path.read_bytes()
    return kept(cache_dir, cache_name(".json", _reader_fingerprint(), body), lambda: _read(body.decode("utf-8")),
                encode=_to_cache, decode=_from_cache)


def _read(html: str) -> PageFacts:
    parsed = _parse(html)
    return PageFacts(tuple(find_leftovers(html)), frozenset(parsed.ids), tuple(parsed.duplicates),
                     tuple(parsed.links), tuple(parsed.unsafe), tuple(page_anchors(html)), is_redirect(html))


def _to_cache(facts: PageFacts) -> bytes:
    return json.dumps({"leftovers": facts.leftovers, "ids": sorted(facts.ids), "duplicates": facts.duplicates,
                       "links": facts.links, "unsafe": facts.unsafe, "anchors": facts.anchors, "redirect": facts.redirect},
                      ensure_ascii=False).encode("utf-8")


def parse_site(site_dir: Path, known: dict[Path, PageFacts] | None = None, parallel: bool = True,
               cache_dir: Path | None = None) -> dict[Path, PageFacts]:
    """Every built page, read and parsed once for all the checks below: on a large site, in
    parallel on the machine's cores, since parsing is most of the time the checks take.
    known: pages parsed already (each edition's, as its generator finished); the rest are parsed here.
    parallel=False: in this process only (the build's editions run side by side already).
    cache_dir: where the facts of pages parsed before are kept (see _facts)."""
    known = known or {}
    paths = [path for path in _pages(site_dir) if path not in known]
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4)
    facts = functools.partial(_facts, cache_dir=cache_dir)
    if len(paths) < 60 or workers < 2 or not parallel:
        fresh = {path: facts(path) for path in paths}
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            fresh = dict(zip(paths, pool.map(facts, paths, chunksize=8), strict=True))
    pages = set(_pages(site_dir))
    return {path: facts for path, facts in sorted({**known, **fresh}.items()) if path in pages}


def check_site(site_dir: Path, pages: dict[Path, PageFacts] | None = None) -> None:
    problems = []
    for path, facts in (pages or parse_site(site_dir)).items():
        shown_path = f"site/{path.relative_to(site_dir).as_posix()}"
        for line, message in facts.leftovers:
            problems.append(Problem(shown_path, line, message))
        for line, anchor in facts.duplicates:
            problems.append(Problem(shown_path, line, f"the id {shown(anchor)} appears twice on this page; links to it would reach the first one only"))
        for line, message in facts.unsafe:
            problems.append(Problem(shown_path, line, message))
    if problems:
        raise DataError(problems)


def _resolve(folder: str, own: str, href: str, folders: set[str]) -> tuple[str, str] | None:
    """The built file and anchor a link from a page points to, as paths relative to the site:
    folder is the page's folder, own the page itself, folders every folder of the site (a link
    to a folder means its index.html). None for links to other sites. Strings, not pathlib: a
    large site has tens of thousands of links."""
    # The two most common kinds first, as urlsplit would read them (it is most of the time here).
    if href.startswith(("https://", "http://")):
        return None
    if href.startswith("#"):
        return own, unquote(href[1:])
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    if not parts.path:
        return own, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join(folder or ".", unquote(parts.path)))
    if joined.startswith(".."):
        return ".outside", ""
    target = "" if joined == "." else joined
    if parts.path.endswith("/") or target in folders:
        target = f"{target}/index.html" if target else "index.html"
    return target, unquote(parts.fragment)


def check_links(site_dir: Path, pages: dict[Path, PageFacts] | None = None) -> None:
    """Every link inside page content from one page of this site to another resolves, anchor included."""
    parsed = pages or parse_site(site_dir)
    files, folders = set(), {""}
    for folder, dirs, names in os.walk(site_dir):
        here = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if here == "." else here + "/"
        folders.update(prefix + d for d in dirs)
        files.update(prefix + n for n in names)
    by_name = {page.relative_to(site_dir).as_posix(): page for page in parsed}
    forwards: dict[str, dict] = {}
    problems = []
    for name, page in by_name.items():
        folder = posixpath.dirname(name)
        for line, href in parsed[page].links:
            found = _resolve(folder, name, href, folders)
            if found is None:
                continue
            target, anchor = found
            if target not in files:
                problems.append(Problem(f"site/{name}", line, f"the link {shown(href)} leads to no page of this site"))
            elif anchor and target.endswith(".html"):
                path = by_name.get(target) or site_dir / target
                ids = parsed[path].ids if path in parsed else _parse(path.read_text(encoding="utf-8")).ids
                if anchor not in ids and not _forwards(site_dir, target, anchor, parsed, by_name, folders, forwards):
                    problems.append(Problem(f"site/{name}", line, f"the link {shown(href)} leads to no #{anchor} on that page"))
    if problems:
        raise DataError(problems)


def _forwards(site_dir: Path, name: str, anchor: str, parsed: dict, by_name: dict, folders: set[str], maps: dict[str, dict]) -> bool:
    """An index page (name, relative to the site) that sends the anchor on to the page that now
    has it (macros/pages.py)."""
    if name not in maps:
        mapping_file = site_dir / posixpath.dirname(name) / "anchors.json"
        maps[name] = json.loads(mapping_file.read_text(encoding="utf-8")) if mapping_file.is_file() else {}
    goes_to = maps[name].get(anchor)
    if not goes_to:
        return False
    found = _resolve(posixpath.dirname(name), name, goes_to, folders)
    return bool(found) and found[0] in by_name and found[1] in parsed[by_name[found[0]]].ids


def page_html(site_dir: Path) -> dict[str, str]:
    return {path.relative_to(site_dir).as_posix(): path.read_text(encoding="utf-8") for path in _pages(site_dir)}


def article(html: str) -> str:
    match = _ARTICLE.search(html)
    return match.group(0) if match else ""
