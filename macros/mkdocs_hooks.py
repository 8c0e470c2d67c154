"""MkDocs hooks (mkdocs.yml lists them; scripts/build.py keeps them for MkDocs builds only).

- A plain `mkdocs build` runs the project's build instead (scripts/build.py): the site needs
  more than one MkDocs run (one per edition), pages made from data and the steps after the
  generator, so that the command anyone tries first gives the same site as `make build`.
- What MkDocs and its plugins would redo on every build for the same input is kept between
  builds instead (macros/mkdocs_cache.py).

MkDocs loads this file by its path, outside the `macros` package: it imports from the package by
its name (the project is installed), never relatively.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from macros.files import COMPILED_PAGES, COMPILED_THEME, SEARCH_SECTIONS, cache_dir
from macros.mkdocs_cache import CachedSearchIndex, CompiledPages, theme_env

_command = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    # Every Jinja environment of the theme, MkDocs' own and those the search plugin opens in its
    # on_config for its translations, comes from here (mkdocs_cache.theme_env).
    project = Path(config.config_file_path).resolve().parent
    config.theme.get_env = functools.partial(theme_env, config.theme.get_env, cache_dir(project, COMPILED_THEME))
    # scripts/build.py gives every build it runs the theme's values (extra.explainer); a config
    # without them is mkdocs.yml itself, run by hand.
    if "explainer" in (config.extra or {}) or _command != "build":
        return config  # `mkdocs serve` by hand stops at the macros' message naming `make serve`
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    status = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), str(config.site_dir),
                             "--project", str(project)], cwd=project, env=env, check=False).returncode
    # The site is built (or the reason it is not printed, one line each): MkDocs' own pass over
    # mkdocs.yml has nothing left to do, and SystemExit ends it with the build's status.
    raise SystemExit(status)


# Before the other plugins' on_config: the macros plugin's refuses a config without the theme's
# values, and the search plugin's opens the theme's templates.
on_config.mkdocs_priority = 100


def on_pre_build(config):
    # After every plugin's on_config: the search plugin has made its index, the macros plugin its
    # Jinja environment.
    project = Path(config.config_file_path).resolve().parent
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        search.search_index = CachedSearchIndex(cache_dir(project, SEARCH_SECTIONS), **search.config)
    macros = config.plugins.get("macros")
    if macros is not None:
        macros.env.compile = CompiledPages(macros.env, cache_dir(project, COMPILED_PAGES))
