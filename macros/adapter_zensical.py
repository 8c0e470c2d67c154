"""The Zensical adapter (zensical.extensions.macros).

Zensical loads the macros module afresh and calls define_env for every page, with
that page in env.page; macros/site.py keeps one ExplainerSite per build, so the
data and pages are checked once. Zensical shows any exception as a traceback, so
scripts/build.py runs the same checks before Zensical starts, and a failure here
(someone running `zensical build` by hand) ends the build with the message alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .adapter_common import register
from .errors import DataError


def _base(page) -> str:
    """From the page's Markdown file back to docs/: Zensical rewrites every relative link in a
    page's HTML as if it were written in that file ("./" keeps a link to the home page from
    reading as a link to the page itself)."""
    depth = (getattr(page, "path", "") or "").count("/")
    return "../" * depth if depth else "./"


def define_env(env) -> None:
    try:
        register(env, Path(env.project_dir), env.conf, lambda: "", base=_base(env.page))
    except DataError as exc:
        print(str(exc), file=sys.stderr, flush=True)
        raise SystemExit(1) from None
