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

from . import dates, pages
from . import timeline as timelines
from .config import SiteConfig, read_config
from .exports import write_downloads
from .feed import write_feed
from .guard import page_metas
from .postbuild import check_links, check_site, parse_site
from .render import relative_prefix
from .site import ExplainerSite, cached_site
from .sitemap import page_url, write_sitemap
from .social import write_share_images
from .urls import MANIFEST, check_contract


def preflight(project_dir: Path) -> tuple[SiteConfig, ExplainerSite]:
    """Everything the generator will read, checked; raises DataError."""
    config = read_config(project_dir)
    # Cached: MkDocs, run in this process, asks for the same site and gets this one.
    site = cached_site(project_dir, site_url=config.site_url, repo_url=config.repo_url)
    return config, site


def stage_docs(project_dir: Path, site: ExplainerSite, staging: Path) -> Path:
    """The folder the generator reads: docs/ as it is, plus the pages made from data (macros/pages.py)."""
    docs = staging / "docs"
    shutil.copytree(project_dir / "docs", docs)
    for src_uri, text in pages.markdown_pages(site.plan, site.dataset).items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return docs


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
            (site_dir / page / "anchors.json").write_text(
                json.dumps(dict(sorted(mapping.items())), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def finish(site_dir: Path, project_dir: Path, config: SiteConfig, site: ExplainerSite) -> None:
    """Checks the built pages and writes the files both generators' sites carry; raises DataError."""
    dataset = site.dataset
    # The files the pages link to come first, so that the link check can see them.
    write_downloads(dataset, site_dir)
    write_feed(dataset, config.site_url, site_dir, site.links.page("corrections_log") or "")
    write_anchor_maps(site_dir, site)
    lastmod = {page_url(src): meta.updated for src, meta in page_metas(project_dir).items()}
    lastmod.update({part.url: dataset.site.last_reviewed for part in site.plan.parts})
    write_sitemap(site_dir, config.site_url, lastmod)
    built = parse_site(site_dir)
    check_site(site_dir, built)
    check_links(site_dir, built)
    check_contract(site_dir, project_dir / MANIFEST, generated={part.url for part in site.plan.parts})
    write_share_images(site_dir, footer=f"{config.site_name} · as of {dates.in_words(dataset.site.as_of)}",
                       cache_dir=project_dir / ".cache" / "share-images")
