"""The build pipeline around a generator: checks before it, and the site's other files after it.

scripts/build.py runs it for either generator, so both outputs carry the same
files and fail the same way:

1. `preflight` and `edition_site`: the trusted file set, the data and each
   edition's pages are checked (the same ExplainerSite the generator's adapter
   uses), so bad input stops an edition with one located line per problem before
   its generator runs any of it;
2. the generator builds each edition into a staging folder (scripts/build.py),
   and `finish_edition` adds the edition's feed, anchor maps and share images;
3. `finish`: the downloads and the sitemap are written, and the whole built site
   is checked (macros/postbuild.py) and holds the URL contract (macros/urls.py).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import i18n, pages
from . import timeline as timelines
from .config import SiteConfig, edition_settings, read_config
from .csstrim import trim_theme_stylesheet
from .dataset import Dataset, cached_dataset
from .editions import EDITION_FOLDERS, Edition, built_editions
from .exports import write_downloads
from .feed import write_feed
from .files import MARKDOWN_EXTENSIONS, PARSED_PAGES, SHARE_IMAGES, TRIMMED_CSS, cache_dir, check_tree
from .postbuild import check_links, check_site, parse_site
from .render import relative_prefix
from .site import ExplainerSite, cached_site
from .sitemap import page_url, write_sitemap
from .social import write_share_images
from .urls import MANIFEST, check_contract


def preflight(project_dir: Path) -> tuple[SiteConfig, Dataset, tuple[Edition, ...]]:
    """The config and the data every edition shares (as validated, in English), checked, and the
    editions to build; raises DataError. Each edition's pages are checked next, by edition_site."""
    config = read_config(project_dir)
    check_tree(project_dir)
    # Cached: every edition's site, in this process or a forked copy of it, uses this one.
    return config, cached_dataset(project_dir), built_editions(project_dir)


def edition_site(project_dir: Path, config: SiteConfig, ed: Edition) -> ExplainerSite:
    """Everything the generator will read for an edition, checked; raises DataError. Cached:
    MkDocs, run in the same process, asks for the same site and gets this one."""
    return cached_site(project_dir, site_url=ed.site_url(config.site_url), repo_url=config.repo_url, lang=ed.lang)


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


def write_anchor_maps(out_dir: Path, site: ExplainerSite) -> None:
    """Into the edition's own folder (out_dir)."""
    for page, mapping in anchor_maps(site).items():
        if mapping:
            (out_dir / page / "anchors.json").write_text(
                json.dumps(dict(sorted(mapping.items())), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class EditionPages:
    """What the site-wide steps (finish) need from an edition, which may have been built in a
    process of its own: its pages' URLs (inside the edition) with their last changes, and the
    pages made from data."""

    edition: Edition
    lastmod: dict[str, str]
    generated: tuple[str, ...]


def finish_edition(out_dir: Path, project_dir: Path, config: SiteConfig, site: ExplainerSite) -> EditionPages:
    """The files only this edition needs, written into its own folder as its generator left it:
    the theme's stylesheet cut down to what the site uses, the feed, the anchor maps and the
    share images. Runs in the edition's process, so that
    the editions do this side by side; raises DataError."""
    ed, w = site.edition, site.words
    trim_theme_stylesheet(out_dir, cache_dir(project_dir, TRIMMED_CSS))
    write_feed(site.dataset, site.site_url, out_dir, site.links.page("corrections_log") or "")
    write_anchor_maps(out_dir, site)
    if ed.prefix:
        # One sitemap for the whole site, at its root (finish): an edition's own (its generator's) goes.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (out_dir / name).unlink(missing_ok=True)
    footer = f"{site.dataset.site.title if w.lang != 'en' else config.site_name} · " + (
        f"{w.date(site.dataset.site.as_of)}{i18n.WORDS['ja']['as_of']}" if w.lang == "ja" else f"as of {w.date(site.dataset.site.as_of)}")
    write_share_images(out_dir, footer=footer, cache_dir=cache_dir(project_dir, SHARE_IMAGES), lang=w.lang)
    lastmod = {page_url(src): meta.updated for src, meta in site.metas.items()}
    lastmod.update({part.url: site.dataset.site.last_reviewed for part in site.plan.parts})
    return EditionPages(ed, lastmod, tuple(part.url for part in site.plan.parts))


def finish(site_dir: Path, project_dir: Path, config: SiteConfig, english: Dataset, editions: list[EditionPages],
           parsed: dict | None = None) -> None:
    """Writes the files the editions share and checks the whole built site (every edition in
    place, each done by finish_edition); raises DataError.
    parsed: pages the build parsed already (postbuild.parse_site), by their path in site_dir."""
    # The files the pages link to come first, so that the link check can see them. The downloads
    # are shared by the editions and carry both languages (every field with its _ja twin).
    write_downloads(english, site_dir)
    lastmod: dict[str, str] = {}
    in_edition: dict[str, dict[str, str]] = {}  # page URL without the edition prefix -> {hreflang: URL}
    generated = set()
    for built_edition in editions:
        ed = built_edition.edition
        for url, day in built_edition.lastmod.items():
            lastmod[ed.prefix + url] = day
            in_edition.setdefault(url, {})[ed.hreflang] = ed.prefix + url
        generated |= {ed.prefix + url for url in built_edition.generated}
    alternates = {}
    for langs in in_edition.values():
        if len(langs) > 1:
            with_default = {**langs, "x-default": langs.get("en", next(iter(langs.values())))}
            for other in langs.values():
                alternates[other] = with_default
    write_sitemap(site_dir, config.site_url, lastmod, alternates)
    built = parse_site(site_dir, parsed, cache_dir=cache_dir(project_dir, PARSED_PAGES))
    check_site(site_dir, built)
    check_links(site_dir, built)
    check_contract(site_dir, project_dir / MANIFEST, generated=generated, parsed=built)
