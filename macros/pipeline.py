"""The build pipeline around a generator: checks before it, and the site's other files after it.

scripts/build.py runs it for either generator, so both outputs carry the same
files and fail the same way:

1. `preflight`: the trusted file set, the data and every page are checked (the
   same ExplainerSite the generator's adapter uses), so bad input stops the build
   with one located line per problem before a generator runs any of it;
2. the generator builds into a staging folder (scripts/build.py);
3. `finish`: the built pages are checked (macros/postbuild.py), the URL contract
   is held (macros/urls.py), and the downloads, feed, sitemap and share images
   are written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import i18n, pages
from . import timeline as timelines
from .config import SiteConfig, edition_settings, read_config
from .editions import EDITION_FOLDERS, EDITIONS, built_editions
from .exports import write_downloads
from .feed import write_feed
from .files import MARKDOWN_EXTENSIONS
from .guard import page_metas
from .postbuild import check_links, check_site, parse_site
from .render import relative_prefix
from .site import ExplainerSite, cached_site
from .sitemap import page_url, write_sitemap
from .social import write_share_images
from .urls import MANIFEST, check_contract


def preflight(project_dir: Path) -> tuple[SiteConfig, dict[str, ExplainerSite]]:
    """Everything the generator will read, checked, for each edition; raises DataError."""
    config = read_config(project_dir)
    # Cached: MkDocs, run in this process, asks for the same sites and gets these.
    sites = {ed.lang: cached_site(project_dir, site_url=ed.site_url(config.site_url), repo_url=config.repo_url, lang=ed.lang)
             for ed in built_editions(project_dir)}
    return config, sites


def stage_docs(project_dir: Path, site: ExplainerSite, staging: Path) -> Path:
    """The folder the generator reads for an edition: its pages, the files they share (styles,
    scripts, images, which live in docs/), and the pages made from data (macros/pages.py)."""
    ed = site.edition
    docs = staging / ("docs" if ed.lang == "en" else f"docs-{ed.lang}")
    source = project_dir / ed.docs
    skip = set(EDITION_FOLDERS) if ed.docs == "docs" else set()
    shutil.copytree(source, docs, ignore=lambda folder, names: [n for n in names if Path(folder) == source and n in skip])
    if ed.docs != "docs":
        shared = project_dir / "docs"
        for entry in sorted(shared.iterdir()):
            if entry.name in EDITION_FOLDERS or entry.suffix in MARKDOWN_EXTENSIONS or (docs / entry.name).exists():
                continue
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, docs / entry.name)
    for src_uri, text in pages.markdown_pages(site.plan, site.dataset).items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs


def build_settings(config: SiteConfig, site: ExplainerSite) -> dict:
    """The edition's own settings for the build's config (none for English: mkdocs.yml is English)."""
    if site.edition.lang == "en":
        return {}
    return edition_settings(config, site.edition.lang, site.site_url, site.dataset.site.title, site.dataset.site.description)


def anchor_maps(site: ExplainerSite) -> dict[str, dict[str, str]]:
    """{page URL: {anchor: where the record now is, relative to that page}} for every page that
    forwards old links (explainer.js reads the page's anchors.json):

    - /timeline/ and /sources/, whose records moved to pages made from data (macros/pages.py);
    - pages with a timeline that shows only some of its events (macros/timeline.py's shortlist):
      a link to one left out, published when the page still showed it, goes to its full entry.
    """
    maps: dict[str, dict[str, str]] = {}
    moved = pages.anchor_maps(site.plan, site.dataset)
    for folder, macro in ((pages.TIMELINE_DIR, "timeline_periods"), (pages.SOURCES_DIR, "sources_index")):
        page = site.links.page(macro)
        if page is None:
            continue
        # Relative to the index page itself: 'timeline/' forwards to 'timeline/<part>/#id' as '<part>/#id'.
        prefix = "" if page.rstrip("/") == folder else f"../{folder}/" if page else f"{folder}/"
        maps.setdefault(page, {}).update({anchor: prefix + target for anchor, target in moved[folder].items()})
    for call in site.calls:
        if call.name != "timeline":
            continue
        view = timelines.timeline(site.dataset, *call.args, plan=site.plan, **dict(call.kwargs))
        page = page_url(call.src_uri)
        back = relative_prefix(page)
        maps.setdefault(page, {}).update({eid: back + site.links.event(eid) for eid in view.left_out})
    return maps


def write_anchor_maps(site_dir: Path, site: ExplainerSite) -> None:
    for page, mapping in anchor_maps(site).items():
        if mapping:
            (site_dir / site.edition.prefix / page / "anchors.json").write_text(
                json.dumps(dict(sorted(mapping.items())), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def finish(site_dir: Path, project_dir: Path, config: SiteConfig, sites: dict[str, ExplainerSite],
           parsed: dict | None = None) -> None:
    """Checks the built pages and writes the files both generators' sites carry; raises DataError.
    parsed: pages the build parsed already (postbuild.parse_site), by their path in site_dir."""
    english = next(iter(sites.values())).english
    # The files the pages link to come first, so that the link check can see them. The downloads
    # are shared by the editions and carry both languages (every field with its _ja twin).
    write_downloads(english, site_dir)
    lastmod: dict[str, str] = {}
    in_edition: dict[str, dict[str, str]] = {}  # page URL without the edition prefix -> {hreflang: URL}
    generated = set()
    for site in sites.values():
        ed = site.edition
        write_feed(site.dataset, site.site_url, site_dir / ed.prefix, site.links.page("corrections_log") or "")
        write_anchor_maps(site_dir, site)
        urls = {page_url(src): meta.updated for src, meta in page_metas(project_dir, ed).items()}
        urls.update({part.url: site.dataset.site.last_reviewed for part in site.plan.parts})
        for url, day in urls.items():
            lastmod[ed.prefix + url] = day
            in_edition.setdefault(url, {})[ed.hreflang] = ed.prefix + url
        generated |= {ed.prefix + part.url for part in site.plan.parts}
    alternates = {}
    for langs in in_edition.values():
        if len(langs) > 1:
            with_default = {**langs, "x-default": langs.get("en", next(iter(langs.values())))}
            for other in langs.values():
                alternates[other] = with_default
    write_sitemap(site_dir, config.site_url, lastmod, alternates)
    # One sitemap for the whole site, at its root: an edition's own (its generator's) goes.
    for ed in EDITIONS:
        if ed.prefix:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site_dir / ed.prefix / name).unlink(missing_ok=True)
    built = parse_site(site_dir, parsed)
    check_site(site_dir, built)
    check_links(site_dir, built)
    check_contract(site_dir, project_dir / MANIFEST, generated=generated, parsed=built)
    for site in sites.values():
        w = site.words
        footer = f"{site.dataset.site.title if w.lang != 'en' else config.site_name} · " + (
            f"{w.date(site.dataset.site.as_of)}{i18n.WORDS['ja']['as_of']}" if w.lang == "ja" else f"as of {w.date(site.dataset.site.as_of)}")
        write_share_images(site_dir, footer=footer, cache_dir=project_dir / ".cache" / "share-images",
                           only=site.edition.prefix or None, skip=tuple(e.prefix for e in EDITIONS if e.prefix and e != site.edition),
                           lang=w.lang)
