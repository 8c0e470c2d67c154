"""Pages stay within the first-load budget as the story grows: at ten times today's events and
sources every page is at most 100 KB gzip in at most 10 requests, and the URL contract holds
(the build checks urls.json; a promised anchor may move only where its page forwards it).

Sizes are measured from the built files (scripts/benchmark.py's page_weight); the browser test
tests/browser/test_pages.py measures today's site in Chromium against 90 KB."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BUDGET_BYTES = 100 * 1000
BUDGET_REQUESTS = 10


def _benchmark():
    spec = importlib.util.spec_from_file_location("explainer_benchmark", ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory):
    bench = _benchmark()
    project = tmp_path_factory.mktemp("grown") / "project"
    shutil.copytree(ROOT, project, ignore=bench.NOT_COPIED)
    dataset = bench.load_dataset(ROOT / "data")
    counts = bench.synthesize(project / "data", len(dataset.events) * 10, len(dataset.sources) * 10)
    assert counts["events"] >= len(dataset.events) * 5, counts  # the data file cap may scale it less, not much less
    site = project / "site"
    proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), str(site)], cwd=project,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return bench, site


def test_every_page_within_budget_at_ten_times_the_data(grown_site):
    bench, site = grown_site
    site_url = bench.site_base(ROOT)
    over = []
    for page in bench.pages(site):
        weight = bench.page_weight(site, page, site_url)
        assert not weight["missing"], weight
        if weight["gzip"] > BUDGET_BYTES or weight["requests"] > BUDGET_REQUESTS:
            over.append(f"{weight['page']}: {weight['gzip'] / 1000:.1f} KB in {weight['requests']} requests")
    assert not over, "over budget at 10x: " + "; ".join(over)


def test_before_its_first_paint_a_page_fetches_only_its_stylesheets(built_site):
    # The logo and favicon are drawn inline and the project's script is written into the page;
    # Material's stylesheet is the trimmed copy (macros/csstrim.py), named by its content.
    theme_css = Path(importlib.util.find_spec("material").origin).parent / "templates" / "assets" / "stylesheets"
    (material,) = theme_css.glob("main.*.min.css")
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        name = page.relative_to(built_site).as_posix()
        assert re.findall(r'<link rel="icon" href="([a-z]+):', html) == ["data"], name
        assert "<img" not in html.split("<article", 1)[0], name  # the header and drawer: inline drawings only
        assert not re.search(r"<script[^>]* src=", html), name  # Material's bundle comes on the first interaction
        theme = re.findall(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/(main\.[^"/]+)"', html)
        assert len(theme) == 1, name
        edition = built_site / "ja" if name.startswith("ja/") else built_site
        body = (edition / "assets" / "stylesheets" / theme[0]).read_bytes()
        assert theme[0] == f"main.{hashlib.sha256(body).hexdigest()[:8]}.min.css", name
        assert len(body) < 0.8 * material.stat().st_size, name


def test_page_weight_counts_only_what_a_browser_fetches(tmp_path):
    # The page itself and its stylesheet: a data: favicon travels inside the page, and the
    # hreflang links are hidden from the theme's bundle, which would otherwise fetch a
    # sitemap.xml next to each (overrides/main.html).
    bench = _benchmark()
    (tmp_path / "a.css").write_text("body { color: black }", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<link rel="icon" href="data:image/svg+xml,%3Csvg%3E"><link rel="stylesheet" href="a.css">'
                    '<link rel="alternate" hreflang="ja" href="https://example.org/ja/">', encoding="utf-8")
    weight = bench.page_weight(tmp_path, page, "https://example.org/")
    assert (weight["requests"], weight["external"], weight["missing"]) == (2, 0, [])
