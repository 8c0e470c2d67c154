"""Lighthouse (12.2.3, mobile) gives every page 100 for accessibility, best practices and SEO.

Those three scores are deterministic: they come from checks of the page, not from timings.
Performance depends on the machine, so `make benchmark` reports it and nothing asserts it.
"""

from __future__ import annotations

import pytest

from .conftest import reader_speed

pytestmark = pytest.mark.browser

CATEGORIES = ("accessibility", "best-practices", "seo")


def test_lighthouse_scores_100(base_url, node_tool, page_path):
    node_tool(reader_speed.LIGHTHOUSE, "lighthouse")
    if page_path.endswith(".html"):
        pytest.skip("the 404 page is served with status 404, which Lighthouse does not score")
    report = reader_speed.lighthouse(base_url + page_path, "mobile", CATEGORIES)
    lost = {c: report.failed.get(c, []) for c in CATEGORIES if report.scores.get(c) != 100}
    assert not lost, f"/{page_path}: {report.line()}; points lost on: {lost}"
