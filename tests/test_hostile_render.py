"""Property: data renders exactly as typed, through the real Markdown pipeline, whatever it holds.

Hypothesis writes hostile strings (Markdown, HTML, Jinja and XML syntax, URLs with brackets and
parentheses, entities, control and bidirectional characters) into text fields and into a source
URL. Either the models refuse the value with a DataError, or the page is rendered the way a build
renders it (the page's Jinja with the project's macros, then Python-Markdown with mkdocs.yml's
extensions, macros.boundary included), and then:

- the HTML has exactly the elements and attributes of the same page rendered with a plain
  value: no element, attribute or link that the data did not ask for;
- the text shows the value exactly as typed, and the source link's href is exactly the URL.
"""

from __future__ import annotations

import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from conftest import FIXTURES, ROOT
from macros.errors import DataError
from macros.site import ExplainerSite

PAGE = ('---\ntitle: Page\ndescription: A page.\npublished: "2026-11-24"\nupdated: "2026-11-24"\n---\n\n# Page\n\n'
        'A sentence. {{ cite("mofa-2025-10-28-summit") }}\n\n{{ timeline() }}\n\n{{ timeline_part(\"2016-to-2025\") }}\n\n{{ claims_table() }}\n\n{{ sources_list() }}\n\n{{ references() }}\n')
SYNTAX = ["[", "]", "(", ")", "!", "*", "_", "`", "~", "#", "<", ">", "&", '"', "'", "{", "}", "%", "|", "\\", ":", "/",
          "=", "-", "+", "@", " ", "\n", "\t", "\u202e", "\u200b", "\x00", "\x1b", "\ue000", "<script>", "</p>", "{{", "{%",
          "]](", "](/x)", "![a](b)", "[^1]", "*[AP]: Associated", "<!--", "-->", "]]>", "&amp;", "&#x41;", "javascript:",
          "onmouseover=alert(1)", "\n# H\n", "\n    code\n", "!!! note", "{: #x onclick=y }", "\n---\n", "a" * 3]
hostile = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=4), min_size=1, max_size=12).map("".join)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def extensions():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def render(project: Path) -> str:
    """The page as a build renders it: Jinja with the macros (as mkdocs-macros does), then Markdown."""
    site = ExplainerSite(project)
    macros = site.bind(lambda: "page/")
    body = PAGE.split("---\n", 2)[2]
    env = Environment()
    env.globals.update(macros)
    names, configs = extensions()
    return markdown.markdown(env.from_string(body).render(), extensions=names, extension_configs=configs)


class Shape(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)

    def handle_data(self, data):
        self.text.append(data)


def project_with(tmp_path: Path, field: str, value: str) -> Path:
    project = tmp_path / "project"
    if project.exists():
        shutil.rmtree(project)
    (project / "docs").mkdir(parents=True)
    shutil.copytree(FIXTURES / "data", project / "data")
    (project / "docs" / "page.md").write_text(PAGE, encoding="utf-8")
    path, old, key = FIELDS[field]
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    # JSON is YAML: json.dumps writes any string as one double-quoted YAML scalar.
    import json
    target.write_text(text.replace(old, f"{key}: {json.dumps(value, ensure_ascii=True)}", 1), encoding="utf-8")
    return project


FIELDS = {
    "event title": ("data/events.yaml", "title: Summit at Akasaka Palace", "title"),
    "event summary": ("data/events.yaml", "summary: The president's three-day visit.", "summary"),
    "source title": ("data/sources.yaml", "title: Japan-U.S. Summit Meeting", "title"),
    "source publisher": ("data/sources.yaml", "publisher: Kyodo News", "publisher"),
    "claim": ("data/claims.yaml", "claim: Trump is a former president.", "claim"),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    shapes = {}
    for field in FIELDS:
        project = project_with(tmp_path_factory.mktemp("base"), field, "Plain words")
        shapes[field] = Shape(render(project))
    return shapes


@pytest.mark.parametrize("field", sorted(FIELDS))
@PROPERTY
@given(value=hostile)
def test_text_from_data_renders_exactly_as_typed(field, value, baseline, tmp_path):
    project = project_with(tmp_path, field, value)
    try:
        html = render(project)
    except DataError:
        return  # refused with a located message; tests/test_redteam.py checks the messages
    shape = Shape(html)
    # As multisets: a value may sort its record elsewhere (a publisher named "[" comes first).
    assert Counter(shape.tags) == Counter(baseline[field].tags)
    assert Counter(shape.hrefs) == Counter(baseline[field].hrefs)
    assert " ".join(value.split()) in " ".join("".join(shape.text).split())


URL_TAILS = st.lists(st.sampled_from(["[x]", "(/onmouseover=alert(1)//)", "![i](https://evil.example/p.png)", "`", "*e*", "_u_",
                                      "~~s~~", "<b>", "&amp;", "%5B", "?q=1&x=2", "#frag", "'", '"', "{{7*7}}", "\\", ")", "("]),
                      min_size=1, max_size=6).map("".join)


@PROPERTY
@given(tail=URL_TAILS)
def test_a_source_url_is_exactly_its_href(tail, baseline, tmp_path):
    url = "https://www.mofa.go.jp/" + tail
    project = project_with(tmp_path, "source title", "Plain words")
    sources = project / "data" / "sources.yaml"
    import json
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "url: https://www.mofa.go.jp/na/na1/us/example.html", f"url: {json.dumps(url)}", 1), encoding="utf-8")
    try:
        html = render(project)
    except DataError:
        return
    shape = Shape(html)
    assert shape.tags == baseline["source title"].tags
    expected = [url if h == "https://www.mofa.go.jp/na/na1/us/example.html" else h for h in baseline["source title"].hrefs]
    assert shape.hrefs == expected
