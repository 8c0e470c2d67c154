"""Turns view models into HTML through the Jinja partials in overrides/partials/macros/.

The environment escapes every value. Data never becomes a template: it is only
ever passed in as a value. Braces are written as entities so that text from
data which looks like Jinja shows literally and cannot be mistaken for a
leftover template tag.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

# Characters that Markdown would act on inside inline HTML, and Jinja's braces.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
_INERT = str.maketrans({
    "{": "&#123;", "}": "&#125;", "*": "&#42;", "_": "&#95;", "`": "&#96;",
    "[": "&#91;", "]": "&#93;", "\\": "&#92;", "|": "&#124;", "~": "&#126;",
})
_TAG = re.compile(r"(<[^>]*>)")
# JSON-LD blocks are built in Python with '<' escaped; their braces must stay braces.
_SCRIPT = re.compile(r'(<script type="application/ld\+json">.*?</script>)', re.S)


def inert(text: str) -> str:
    """Entity-encode Markdown and Jinja characters in text outside tags."""
    out = []
    for chunk in _SCRIPT.split(text):
        if chunk.startswith("<script"):
            out.append(chunk)
            continue
        out.extend(part.translate(_BRACES) if part.startswith("<") else part.translate(_INERT)
                   for part in _TAG.split(chunk))
    return "".join(out)


def json_for_script(data) -> Markup:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def relative_prefix(page_url: str) -> str:
    """The path from a page's URL back to the site root: 'a/b/' -> '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


class Renderer:
    def __init__(self, template_dir: Path):
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            autoescape=select_autoescape(["html", "svg"], default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def render(self, template: str, *, inline: bool = False, **context) -> str:
        html = self.env.get_template(template).render(**context)
        html = inert(html)
        if inline:
            return " ".join(line.strip() for line in html.splitlines() if line.strip())
        # Markdown ends a raw HTML block at a blank line and reads four-space
        # indents as code, so block output is flattened to unindented lines.
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())
