"""MkDocs hooks (mkdocs.yml lists them; scripts/build.py keeps them for MkDocs builds only).

- A plain `mkdocs build` runs the project's build instead (scripts/build.py): the site needs
  more than one MkDocs run (one per edition), pages made from data and the steps after the
  generator, so that the command anyone tries first gives the same site as `make build`.
- The theme's compiled templates are kept between builds.

MkDocs loads this file by its path, outside the `macros` package, so it imports nothing from it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    # The theme's templates compile to the same code on every build; keeping the compiled form
    # in .cache/ (ignored by git) saves a third of a second. Jinja checks each template's source
    # against the cache, so an edited or upgraded template is compiled again.
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "jinja" / "theme"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


_command = None


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    # scripts/build.py gives every build it runs the theme's values (extra.explainer); a config
    # without them is mkdocs.yml itself, run by hand.
    if "explainer" in (config.extra or {}) or _command != "build":
        return config  # `mkdocs serve` by hand stops at the macros' message naming `make serve`
    project = Path(config.config_file_path).resolve().parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    status = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), str(config.site_dir),
                             "--project", str(project)], cwd=project, env=env, check=False).returncode
    # The site is built (or the reason it is not printed, one line each): MkDocs' own pass over
    # mkdocs.yml has nothing left to do, and SystemExit ends it with the build's status.
    raise SystemExit(status)


# Before the macros plugin's own on_config, which refuses a config without the theme's values.
on_config.mkdocs_priority = 100
