"""Pages stay within the first-load budget as the story grows: at ten times today's events and
sources every page is at most 100 KB gzip in at most 10 requests, and the URL contract holds
(the build checks urls.json; a promised anchor may move only where its page forwards it).

Sizes are measured from the built files (scripts/benchmark.py's page_weight); the browser test
tests/browser/test_pages.py measures today's site in Chromium against 90 KB."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

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
