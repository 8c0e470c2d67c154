"""The rendering boundary between macro output and Markdown.

Macro output is HTML in which every value from data is already escaped. Markdown
must never parse it again: a source URL holding `[x](/onmouseover=...)` would
otherwise become a link inside an attribute, and an attribute of its own.

- Inline output (a citation inside a sentence) would sit in a paragraph, where
  Markdown runs its link, image and emphasis patterns before it protects inline
  HTML. So an inline macro returns a placeholder, and this Markdown extension
  puts the HTML into Markdown's own stash, which Markdown restores untouched at
  the very end.
- Block output (tables, timelines, lists) is stashed the same way. It stands alone
  on its line (the page guard makes sure of that), so Markdown would keep it as a
  raw HTML block anyway; stashing it spares Markdown from reading it at all, which
  on a long timeline page is most of the time Markdown takes.

The placeholders use private-use characters, which neither data (macros/text.py)
nor pages (macros/guard.py) may contain, so no input can forge one; a placeholder
that reaches a built page fails the build (macros/postbuild.py).
"""

from __future__ import annotations

import itertools
import re
import threading
from html import unescape

from markdown import Extension
from markdown.preprocessors import Preprocessor

OPEN, CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{OPEN}([0-9]+){CLOSE}")
# Macro HTML comes from our templates, with every attribute value escaped and double-quoted.
_ID = re.compile(r'\sid="([^"]*)"')
_pending: dict[str, str] = {}
_counter = itertools.count()
_lock = threading.Lock()


def inline(html: str) -> str:
    """A placeholder for inline HTML; the extension swaps it for the HTML itself."""
    with _lock:
        key = str(next(_counter))
        _pending[key] = html
    return f"{OPEN}{key}{CLOSE}"


def block(html: str) -> str:
    """A placeholder for a block of HTML (it must start with a block-level element, as every
    block template does): alone on its line, Markdown's stash puts it back without a <p>."""
    return inline(html)


class _StashPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if OPEN not in text:
            return lines

        ids: set[str] = set()

        def stash(match: re.Match) -> str:
            with _lock:
                html = _pending.pop(match.group(1), None)
            if html is None:
                return match.group(0)
            ids.update(unescape(i) for i in _ID.findall(html))
            return self.md.htmlStash.store(html)

        lines = _PLACEHOLDER.sub(stash, text).split("\n")
        # MkDocs checks links against the ids it finds in a page's raw HTML (its preprocessor
        # "mkdocs_raw_html", which has just run and seen only placeholders): tell it ours.
        if ids and "mkdocs_raw_html" in self.md.preprocessors:
            self.md.preprocessors["mkdocs_raw_html"].present_anchor_ids |= ids
        return lines


class BoundaryExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After Zensical's macros (35) and Markdown's whitespace normalisation (30), which
        # would strip the stash's own markers if they came earlier; after MkDocs' reading of
        # the ids in raw HTML (21), which it checks links against; before raw HTML blocks (20).
        md.preprocessors.register(_StashPreprocessor(md), "explainer_boundary", 20.5)


def makeExtension(**kwargs) -> BoundaryExtension:  # noqa: N802 - the name Python-Markdown looks for
    return BoundaryExtension(**kwargs)
