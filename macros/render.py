"""Turns view models into HTML through the Jinja templates in macros/templates/.

The environment escapes every value: data is only ever passed in as a value,
never used as a template. Braces are written as entities, so that text from
data which looks like Jinja shows literally and cannot be mistaken for a
leftover template tag by the check on the built site. What happens to the HTML
next is macros/boundary.py's job.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import boundary

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# JSON-LD blocks are built in Python with '<' escaped; their braces must stay braces.
_SCRIPT = re.compile(r'(<script type="application/ld\+json">.*?</script>)', re.S)


def inert(html: str) -> str:
    """Entity-encode braces everywhere except inside JSON-LD blocks."""
    # Two str.replace calls, not str.translate: with a table that maps to longer strings,
    # translate goes character by character and took a tenth of the build.
    return "".join(chunk if chunk.startswith("<script") else chunk.replace("{", "&#123;").replace("}", "&#125;")
                   for chunk in _SCRIPT.split(html))


def json_for_script(data) -> Markup:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def relative_prefix(page_url: str) -> str:
    """The path from a page's URL back to the site root: 'a/b/' -> '../../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


class Renderer:
    def __init__(self, template_dir: Path = TEMPLATE_DIR, cache_dir: Path | None = None):
        # cache_dir keeps the compiled templates between builds (Jinja recompiles a changed one).
        bytecode_cache = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            bytecode_cache=bytecode_cache,
            autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def html(self, template: str, **context) -> str:
        """The template's HTML, flattened to unindented lines with no blank line."""
        html = inert(self.env.get_template(template).render(**context))
        # Markdown reads four-space indents as code and ends a raw HTML block at a blank
        # line, so block output is flattened to unindented lines.
        return "\n".join(line.strip() for line in html.splitlines() if line.strip())

    def render(self, template: str, *, inline: bool = False, **context) -> str:
        html = self.html(template, **context)
        if inline:
            return boundary.inline(" ".join(html.splitlines()))
        return boundary.block(html)
