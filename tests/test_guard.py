"""The page guard: only registered macros with literal arguments, allowed HTML and safe links."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES
from macros.errors import DataError
from macros.site import ExplainerSite

FRONT = '---\ntitle: Page\ndescription: A page.\npublished: "2026-11-24"\nupdated: "2026-11-24"\n---\n\n# Page\n\n'
BODY = 10  # the body after FRONT starts on this line


def site_with_page(tmp_path, text: str, name: str = "page.md") -> ExplainerSite:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(FIXTURES / "data", project / "data")
    (project / "docs" / name).write_text(text, encoding="utf-8")
    return ExplainerSite(project)


def refused(tmp_path, text: str) -> str:
    with pytest.raises(DataError) as info:
        site_with_page(tmp_path, text)
    return str(info.value)


def test_project_macros_pass(tmp_path):
    site = site_with_page(tmp_path, FRONT + 'Text. {{ cite("mofa-2025-10-28-summit") }}\n\n{{ timeline(thread="visit", start="2025") }}\n\n{{ references() }}\n')
    assert [(c.name, c.line) for c in site.calls] == [("cite", BODY), ("timeline", BODY + 2), ("references", BODY + 4)]
    assert site.citations == {"mofa-2025-10-28-summit": [("Page", "page/")]}


L = f"docs/page.md:{BODY}"


@pytest.mark.parametrize("body, message", [
    ("{{ lipsum.__globals__['os'] }}", f"{L}: access to '__globals__' is not allowed"),
    ("{{ cycler.__init__.__globals__.os.name }}", f"{L}: access to '__globals__' is not allowed"),
    ("{{ ''.__class__ }}", f"{L}: access to '__class__' is not allowed"),
    ("{{ totl }}", f"{L}: the name 'totl' is not allowed in pages"),
    ("{{ config.repo_url }}", f"{L}: attribute access '.repo_url' is not allowed in pages"),
    ("{{ lipsum() }}", f"{L}: 'lipsum' is not a macro"),
    ("{{ timeline() | safe }}", f"{L}: the filter '|safe' is not allowed in pages"),
    ("{% for x in y %}{{ x }}{% endfor %}", f"{L}: '{{% for %}}' blocks are not allowed in pages"),
    ("{% set x = 1 %}", f"{L}: '{{% assign %}}' blocks are not allowed in pages"),
    ("{{ timeline(thread=x) }}", f"{L}: timeline(): arguments must be plain text"),
    ("{{ timeline(colour='red') }}", f"{L}: timeline(): got an unexpected keyword argument 'colour'"),
    ('{{ timeline(thread="visitt") }}', f"{L}: timeline(): unknown thread 'visitt'"),
    ('{{ cite("missing-source") }}\n\n{{ references() }}', f"{L}: cite(): 'missing-source' is not defined in data/sources.yaml"),
    ('Text. {{ cite("mofa-2025-10-28-summit") }}', f"{L}: a page that cites sources ends with {{{{ references() }}}}"),
    ("{{ cite(", f"{L}: template syntax error"),
    # Where a macro may stand.
    ('## Heading {{ cite("mofa-2025-10-28-summit") }}', f"{L}: cite() is not allowed in a heading"),
    ('Heading {{ cite("mofa-2025-10-28-summit") }}\n---', f"{L}: cite() is not allowed in a heading"),
    ("Text before {{ timeline() }}", f"{L}: timeline() makes a block: put the call alone on its own line"),
    ("Text above\n{{ timeline() }}", f"docs/page.md:{BODY + 1}: timeline() makes a block: put the call alone"),
    ("- {{ key_facts() }}", f"{L}: key_facts() makes a block"),
    # Raw HTML and links.
    ("<script>alert(1)</script>", f"{L}: the HTML tag <script> is not allowed in pages"),
    ('<img src="x" onerror="alert(1)">', f"{L}: the HTML attribute 'onerror' is not allowed in pages"),
    ('<a href="javascript:alert(1)">x</a>', f"{L}: the link 'javascript:alert(1)' uses the scheme 'javascript:'"),
    ('<a href="java\tscript:alert(1)">x</a>', f"{L}: the link 'java\\tscript:alert(1)' uses the scheme 'javascript:'"),
    ("<iframe src=https://evil.example></iframe>", f"{L}: the HTML tag <iframe> is not allowed in pages"),
    ('<span style="color:red">x</span>', f"{L}: the HTML attribute 'style' is not allowed in pages"),
    ("[x](javascript:alert(1))", f"{L}: the link 'javascript:alert(1' uses the scheme 'javascript:'"),
    ("[x]: data:text/html,hi", f"{L}: the link 'data:text/html,hi' uses the scheme 'data:'"),
    ("<vbscript:msgbox(1)>", f"{L}: the link 'vbscript:msgbox(1)' uses the scheme 'vbscript:'"),
    ("![pixel](https://tracker.example/p.png)", f"{L}: the image 'https://tracker.example/p.png' is on another host"),
    ('<img src="//tracker.example/p.png" alt="">', f"{L}: the image '//tracker.example/p.png' is on another host"),
    # Characters that could forge a macro placeholder or hide text.
    ("Text \ue000 1 \ue001", f"{L}: contains a private-use character (U+E000)"),
    ("Text \u202e reversed", f"{L}: contains an invisible bidirectional control (U+202E)"),
])
def test_refused(tmp_path, body, message):
    assert refused(tmp_path, FRONT + body + "\n").startswith(message)


@pytest.mark.parametrize("body", [
    "```html\n<script>alert(1)</script>\n```",
    "Use `<script>` tags sparingly.",
    "A [link](https://www.mofa.go.jp/) and <https://www.mofa.go.jp/> and [mail](mailto:desk@example.org).",
    '<abbr title="Liberal Democratic Party">LDP</abbr> and <kbd>/</kbd>',
    "![chart](assets/favicon.svg)",
])
def test_allowed_markup(tmp_path, body):
    site_with_page(tmp_path, FRONT + body + "\n")


def test_raw_blocks_are_literal_text(tmp_path):
    site = site_with_page(tmp_path, FRONT + "{% raw %}${{ github.workspace }}{% endraw %}\n")
    assert site.calls == []


def test_every_problem_in_a_page_is_listed(tmp_path):
    message = refused(tmp_path, FRONT + "{{ a }}\n\n{{ b }}\n")
    assert message.splitlines()[0].startswith(f"{L}:") and message.splitlines()[1].startswith(f"docs/page.md:{BODY + 2}:")


# -- front matter -----------------------------------------------------------------------

@pytest.mark.parametrize("front, message", [
    ("title: Page\n", "docs/page.md:2: description: this key is required"),
    ('title: 42\ndescription: d\npublished: "2026-11-24"\nupdated: "2026-11-24"\n', "docs/page.md:2: title: Input should be a valid string (got 42)"),
    ('title: Page\ndescription: d\npublished: 2026-11-24\nupdated: "2026-11-24"\n', "docs/page.md:4: published: write '2026-11-24' in quotes"),
    ('title: Page\ndescription: d\npublished: "2026-11-24"\nupdated: "2026-11-24"\ncite: 1\n', "docs/page.md:6: cite: unknown key"),
    ('title: Page\ndescription: d\npublished: "2026-11-24"\nupdated: "2026-11-24"\nrender_macros: false\n', "docs/page.md:6: render_macros: unknown key"),
    ('title: "{{ 7*7 }}"\ndescription: d\npublished: "2026-11-24"\nupdated: "2026-11-24"\n', "docs/page.md:2: title: '{{' is not allowed here"),
    ('title: Page\ndescription: d\npublished: "2026-11"\nupdated: "2026-11-24"\n', "docs/page.md:4: published: '2026-11': write the full date"),
    ('title: Page\ndescription: d\npublished: "2026-11-24"\nupdated: "2026-11-01"\n', "docs/page.md:2: updated '2026-11-01' is before published"),
    ("x: !!python/object/apply:os.system ['touch pwned']\n", "docs/page.md:2: tag '!!python/object/apply:os.system' is not allowed"),
])
def test_front_matter_is_validated(tmp_path, front, message):
    assert refused(tmp_path, f"---\n{front}---\n\n# Page\n").startswith(message)


@pytest.mark.parametrize("text, message", [
    ("# No front matter\n", "docs/page.md:1: every page starts with front matter"),
    ("Title: A page\n\nText.\n", "docs/page.md:1: MkDocs would read this first line as page metadata"),
    ("---\ntitle: Page\n\n# Never closed\n", "docs/page.md:1: the front matter has no closing '---' line"),
])
def test_pages_must_start_with_front_matter(tmp_path, text, message):
    assert refused(tmp_path, text).startswith(message)
