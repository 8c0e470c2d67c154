"""Every page loads cleanly from the local server alone, within its size and request budget."""

from __future__ import annotations

import pytest

from .conftest import page_id, page_paths

pytestmark = pytest.mark.browser

# First-load budget for every page: the sum of each response body as it would travel gzipped
# (HTML, CSS, JS, the search worker and index, icons, images, fonts), in decimal kilobytes.
# 90 KB at today's size; tests/test_budget.py holds the pages to 100 KB at ten times the data.
BUDGET_BYTES = 90 * 1000
BUDGET_REQUESTS = 10


def test_every_built_page_is_tested(site_dir):
    built = sorted(
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
        if not p.relative_to(site_dir).as_posix().startswith(("assets/", "search/", "ja/assets/", "ja/search/"))
    )
    built += [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("404.html")]
    assert sorted(built) == sorted(page_paths()), "the pages the tests visit differ from the pages built"


def test_no_console_errors(first_load, page_path):
    visit, _ = first_load(page_path)
    assert visit.errors == [], f"{page_path or '/'} logged:\n" + "\n".join(visit.errors)


def test_requests_only_the_local_server(first_load, origin, page_path):
    visit, _ = first_load(page_path)
    foreign = sorted({f"{kind}: {url}" for kind, url in visit.requests if not url.startswith(origin + "/")})
    assert foreign == [], f"{page_path or '/'} requested other hosts:\n" + "\n".join(foreign)


def _kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def test_first_load_budget(first_load, page_path):
    visit, transfers = first_load(page_path)
    total = sum(t.gzipped for t in transfers)
    rows = [f"  {_kb(t.gzipped):>9} gzip  {_kb(t.raw):>9} raw  {t.resource_type:<10} {t.url}"
            for t in sorted(transfers, key=lambda t: -t.gzipped)]
    answered = {t.url for t in transfers}
    rows += [f"  {'(no answer)':>29}  {kind:<10} {url}" for kind, url in visit.requests if url not in answered]
    report = (f"{page_id(page_path)}: {len(visit.requests)} requests, {_kb(total)} gzip "
              f"(budget: {BUDGET_REQUESTS} requests, {_kb(BUDGET_BYTES)})\n" + "\n".join(rows))
    over = []
    if len(visit.requests) > BUDGET_REQUESTS:
        over.append(f"{len(visit.requests) - BUDGET_REQUESTS} request(s)")
    if total > BUDGET_BYTES:
        over.append(_kb(total - BUDGET_BYTES))
    assert not over, f"{' and '.join(over)} over budget. {report}"


# One page of each kind in each edition, after the reader's first scroll. That is when the
# theme's bundle starts (overrides/main.html), and it used to ask the public host for a
# sitemap.xml next to each hreflang link, files that exist nowhere.
AFTER_FIRST_SCROLL = ["", "security/", "timeline/", "sources/", "ja/", "ja/security/"]


@pytest.mark.parametrize("path", AFTER_FIRST_SCROLL, ids=page_id)
def test_after_the_first_scroll_the_page_asks_only_its_own_site_for_files_it_has(open_page, origin, path):
    assert path in page_paths()
    page, visit = open_page(path)
    links_before = page.eval_on_selector_all("link[rel=alternate][hreflang]", "links => links.map(l => l.href)")
    page.mouse.wheel(0, 600)
    page.wait_for_function("() => window.document$ !== undefined")  # the bundle has started
    page.wait_for_load_state("networkidle")
    foreign = sorted({url for _, url in visit.requests if not url.startswith(origin + "/")})
    missing = sorted({f"{r.status} {r.url}" for r in visit.responses if r.status >= 400})
    assert foreign == [] and missing == [], f"{page_id(path)} after a scroll: other hosts {foreign}, missing {missing}"
    assert len(links_before) == 3, "each page names itself in both editions and an x-default for search engines"
    assert page.eval_on_selector_all("link[rel=alternate][hreflang]", "links => links.map(l => l.href)") == links_before
