"""Every page passes HTML_CodeSniffer's WCAG 2 AA checks (a second engine beside axe-core):
no errors, apart from those listed with their reasons in scripts/reader_speed.py. Warnings and
notices are for people to review and are not counted."""

from __future__ import annotations

import pytest

from .conftest import reader_speed

pytestmark = pytest.mark.browser


def test_no_htmlcs_errors(open_page, node_tool, page_path):
    node_tool(reader_speed.HTMLCS_JS, "html_codesniffer")
    page, _ = open_page(page_path)
    errors = reader_speed.htmlcs_errors(page)
    described = "\n".join(f"- {e['code']}\n    {e['message']}\n    {e['element']}" for e in errors[:20])
    assert errors == [], f"{page_path or '/'}: {len(errors)} HTML_CodeSniffer error(s):\n{described}"
