"""The rendering boundary between macro output and Markdown.

Macro output is HTML in which every value from data is already escaped. Markdown
must never parse it again: a source URL holding `[x](/onmouseover=...)` would
otherwise become a link inside an attribute, and an attribute of its own.

- Block output (tables, timelines, lists) stands alone on its line, so Markdown
  keeps it whole as a raw HTML block and parses nothing inside it (the page
  guard makes sure every block macro call stands alone).
- Inline output (a citation inside a sentence) would sit in a paragraph, where
  Markdown runs its link, image and emphasis patterns before it protects inline
  HTML. So an inline macro returns a placeholder, and this Markdown extension
  puts the HTML into Markdown's own stash, which Markdown restores untouched at
  the very end.

The placeholders use private-use characters, which neither data (macros/text.py)
nor pages (macros/guard.py) may contain, so no input can forge one; a placeholder
that reaches a built page fails the build (macros/postbuild.py).
"""

from __future__ import annotations

import itertools
import re
import threading

from markdown import Extension
from markdown.preprocessors import Preprocessor

OPEN, CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{OPEN}([0-9]+){CLOSE}")
_pending: dict[str, str] = {}
_counter = itertools.count()
_lock = threading.Lock()


def inline(html: str) -> str:
    """A placeholder for inline HTML; the extension swaps it for the HTML itself."""
    with _lock:
        key = str(next(_counter))
        _pending[key] = html
    return f"{OPEN}{key}{CLOSE}"


class _StashPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if OPEN not in text:
            return lines

        def stash(match: re.Match) -> str:
            with _lock:
                html = _pending.pop(match.group(1), None)
            return match.group(0) if html is None else self.md.htmlStash.store(html)

        return _PLACEHOLDER.sub(stash, text).split("\n")


class BoundaryExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After Zensical's macros (35) and Markdown's whitespace normalisation (30), which
        # would strip the stash's own markers if they came earlier; before raw HTML blocks (20).
        md.preprocessors.register(_StashPreprocessor(md), "explainer_boundary", 29)


def makeExtension(**kwargs) -> BoundaryExtension:  # noqa: N802 - the name Python-Markdown looks for
    return BoundaryExtension(**kwargs)
