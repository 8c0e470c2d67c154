"""The page guard: only registered macros with literal arguments may run."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from macros.errors import DataError
from macros.site import ExplainerSite


def site_with_page(tmp_path, text: str) -> ExplainerSite:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(text, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "data").symlink_to(FIXTURES / "data")
    (project / "overrides").symlink_to(FIXTURES.parent.parent / "overrides")
    return ExplainerSite(project, docs)


def refused(tmp_path, text: str) -> str:
    with pytest.raises(DataError) as info:
        site_with_page(tmp_path, text)
    return str(info.value)


FRONT = "---\ntitle: Page\n---\n\n# Page\n\n"  # the body starts on line 7


def test_project_macros_pass(tmp_path):
    site = site_with_page(tmp_path, FRONT + 'Text. {{ cite("mofa-2025-10-28-summit") }}\n\n{{ timeline(thread="visit", start="2025") }}\n')
    assert [(c.name, c.line) for c in site.calls] == [("cite", 7), ("timeline", 9)]
    assert site.citations == {"mofa-2025-10-28-summit": [("Page", "page/")]}


@pytest.mark.parametrize("body, message", [
    ("{{ lipsum.__globals__['os'] }}", "docs/page.md:7: access to '__globals__' is not allowed"),
    ("{{ cycler.__init__.__globals__.os.name }}", "docs/page.md:7: access to '__globals__' is not allowed"),
    ("{{ ''.__class__ }}", "docs/page.md:7: access to '__class__' is not allowed"),
    ("{{ totl }}", "docs/page.md:7: the name 'totl' is not allowed in pages"),
    ("{{ config.repo_url }}", "docs/page.md:7: attribute access '.repo_url' is not allowed in pages"),
    ("{{ lipsum() }}", "docs/page.md:7: 'lipsum' is not a macro"),
    ("{{ timeline() | safe }}", "docs/page.md:7: the filter '|safe' is not allowed in pages"),
    ("{% for x in y %}{{ x }}{% endfor %}", "docs/page.md:7: '{% for %}' blocks are not allowed in pages"),
    ("{% set x = 1 %}", "docs/page.md:7: '{% assign %}' blocks are not allowed in pages"),
    ("{{ timeline(thread=x) }}", "docs/page.md:7: timeline(): arguments must be plain text"),
    ("{{ timeline(colour='red') }}", "docs/page.md:7: timeline(): got an unexpected keyword argument 'colour'"),
    ('{{ timeline(thread="visitt") }}', "docs/page.md:7: timeline(): unknown thread 'visitt'"),
    ('{{ cite("missing-source") }}', "docs/page.md:7: cite(): 'missing-source' is not defined in data/sources.yaml"),
    ("{{ cite(", "docs/page.md:7: template syntax error"),
])
def test_refused(tmp_path, body, message):
    assert refused(tmp_path, FRONT + body + "\n").startswith(message)


def test_raw_blocks_are_literal_text(tmp_path):
    site = site_with_page(tmp_path, FRONT + "{% raw %}${{ github.workspace }}{% endraw %}\n")
    assert site.calls == []


def test_every_problem_in_a_page_is_listed(tmp_path):
    message = refused(tmp_path, FRONT + "{{ a }}\n\n{{ b }}\n")
    assert message.splitlines()[0].startswith("docs/page.md:7:") and message.splitlines()[1].startswith("docs/page.md:9:")
