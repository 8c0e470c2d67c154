"""The MkDocs adapter (mkdocs-macros-plugin): with MkDocs' own hooks (mkdocs_hooks.py,
mkdocs_cache.py), the only modules here that import MkDocs.

mkdocs-macros calls define_env once per build, before any page; the macros read
the page being rendered from env.page when they run.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from .adapter_common import register
from .errors import DataError


def _page_url(env) -> str:
    try:
        return env.page.url
    except AttributeError:
        return ""


def define_env(env) -> None:
    try:
        register(env, Path(env.project_dir), env.conf, lambda: _page_url(env))
    except DataError as exc:
        # PluginError makes MkDocs print the message alone and exit non-zero.
        raise PluginError(str(exc)) from None
