"""Write urls.json, the list of public pages and anchors, from a built site.

Usage: python scripts/url_manifest.py [SITE_DIR]   (run by `make urls` after a build)
Adding pages and anchors is fine; removing one needs a redirect or a kept id.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.dataset import load_dataset
from macros.editions import built_editions
from macros.errors import DataError
from macros.pages import plan
from macros.urls import MANIFEST, check_contract, manifest_text

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "site"
    try:
        # Pages made from data split as the data grows; their records' anchors are promised on the index pages.
        parts = plan(load_dataset(ROOT / "data")).parts
        generated = {ed.prefix + part.url for ed in built_editions(ROOT) for part in parts}
        check_contract(site_dir, ROOT / MANIFEST, generated)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    (ROOT / MANIFEST).write_text(manifest_text(site_dir, generated), encoding="utf-8")
    print(f"wrote {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
