"""MkDocs hooks for the build's own config (scripts/build.py adds them for MkDocs only).

MkDocs loads this file by its path, outside the `macros` package, so it imports nothing from it.
"""

from __future__ import annotations

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
