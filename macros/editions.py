"""The site's editions: English at the site root, Japanese under ja/, built from the same data.

Each edition has its own pages (docs/ for English, docs/ja/ for Japanese, with the same file
names and the same heading ids), its own generator run and its own part of the site; records,
anchors and the pages made from data are the same in both, so that /timeline/#<event> and
/ja/timeline/#<event> reach the same event. An edition whose folder of pages does not exist is
not built (a fixture project may have English pages only).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edition:
    lang: str  # "en" or "ja": the language of its pages and of the data it shows
    docs: str  # its pages, relative to the project: "docs" or "docs/ja"
    prefix: str  # where it lives under the site root: "" or "ja/"
    locale: str  # Open Graph locale
    hreflang: str

    def site_url(self, root_url: str) -> str:
        return root_url.rstrip("/") + "/" + self.prefix if root_url else ""

    def display(self, src_uri: str) -> str:
        """A page's path for messages: 'docs/ja/talks.md'."""
        return f"{self.docs}/{src_uri}"


ENGLISH = Edition("en", "docs", "", "en_GB", "en")
JAPANESE = Edition("ja", "docs/ja", "ja/", "ja_JP", "ja")
EDITIONS = (ENGLISH, JAPANESE)
BY_LANG = {e.lang: e for e in EDITIONS}
# Folders inside docs/ that hold another edition's pages, not English pages.
EDITION_FOLDERS = tuple(e.docs.removeprefix("docs/") for e in EDITIONS if e.docs != "docs")


def edition(lang: str) -> Edition:
    return BY_LANG[lang]


def built_editions(project_dir: Path) -> tuple[Edition, ...]:
    return tuple(e for e in EDITIONS if (project_dir / e.docs).is_dir())
