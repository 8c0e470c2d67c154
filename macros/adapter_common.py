"""What both generator adapters do: find the build's site, check the theme's values, register the macros."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from .errors import DataError, Problem
from .site import cached_site

THEME_KEY = "explainer"


def register(env, project_dir: Path, conf, page_url: Callable[[], str], base: str | None = None) -> None:
    extra = conf.get("extra") or {}
    # The edition this build makes (macros/editions.py), set by scripts/build.py with the theme's values.
    lang = str(dict(extra.get(THEME_KEY) or {}).get("lang") or "en")
    site = cached_site(project_dir, site_url=conf.get("site_url") or "", repo_url=conf.get("repo_url") or "", lang=lang)
    if dict(extra.get(THEME_KEY) or {}) != site.theme_context():
        # The theme shows data/site.yaml's dates, which scripts/build.py passes in through the
        # build's own configuration file; a plain `mkdocs build` would show none.
        raise DataError(Problem("mkdocs.yml", None, "build with `make build` (scripts/build.py) or `make serve`, which pass data/site.yaml's dates to the theme"))
    for name, macro in site.bind(page_url, base).items():
        env.macro(_one_line_failure(name, macro), name)


def _one_line_failure(name: str, macro: Callable) -> Callable:
    """Input errors are caught before any page renders (macros/pipeline.py); anything a macro
    still raises is a bug, and it ends the build with one line rather than a page of traceback."""
    @functools.wraps(macro)
    def run(*args, **kwargs):
        try:
            return macro(*args, **kwargs)
        except DataError as exc:
            raise SystemExit(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - see above
            raise SystemExit(f"{name}(): internal error ({type(exc).__name__}: {exc}); please report it") from None
    return run
