"""What MkDocs and its plugins would otherwise redo on every build for the same input, kept in
.cache/ (ignored by git) or skipped. macros/mkdocs_hooks.py puts each in place; only MkDocs
builds load them.

- ThemeLoader: the theme's file listing without hidden folders (Material's 14,000 icons);
- theme_env: the theme's templates compiled once (Jinja's own bytecode cache);
- CompiledPages: each page compiled once as a macros template;
- CachedSearchIndex: each page's HTML read once by the search plugin.

Each entry's name is made from everything that shapes it (macros/files.py), so a stale entry is
never used, and an entry that cannot be read is made again. The built site is the same, byte for
byte, with or without them (tests/test_build.py).
"""

from __future__ import annotations

import functools
import json
import marshal
import os
import sys
import types
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import jinja2
from jinja2 import FileSystemBytecodeCache, FileSystemLoader
from material.plugins.search import plugin as material_search

from .files import cache_name, kept


class ThemeLoader(FileSystemLoader):
    """The theme's loader, which lists no file inside a hidden folder. MkDocs lists every theme
    file to find the static ones and then drops those ('.*', '*/.*'); Material's .icons folder
    alone holds 14,000 files, and walking and filtering them took a tenth of each edition's
    build. Templates are found exactly as before: only the listing changes."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(searchpath).as_posix()
                found.update(name if inside == "." else f"{inside}/{name}" for name in filenames)
        return sorted(found)


def theme_env(make_env, folder: Path) -> jinja2.Environment:
    """make_env() (MkDocs' Theme.get_env) with ThemeLoader and the compiled templates kept in folder."""
    env = make_env()
    env.loader = ThemeLoader(env.loader.searchpath, encoding=env.loader.encoding, followlinks=env.loader.followlinks)
    # The theme's templates compile to the same code on every build: the compiled form is kept
    # in .cache/ (ignored by git). Jinja checks each template's source against the cache, so an
    # edited or upgraded template is compiled again.
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


class CachedSearchIndex(material_search.SearchIndex):
    """Material's search index, which reads each page's HTML into sections (its Parser, a quarter
    of MkDocs' time here) only when that HTML is new: the sections of a page read before come
    from .cache/ (ignored by git). The entries are made from them exactly as Material makes them."""

    def __init__(self, folder: Path, **config):
        super().__init__(**config)
        self.folder = folder

    def add_entry_from_context(self, page):
        # As SearchIndex.add_entry_from_context, with the parse kept.
        if (page.meta.get("search") or {}).get("exclude"):
            return
        for section in self.sections(page.content):
            self.create_entry_for_section(SimpleNamespace(**section), page.toc, page.url, page)

    def sections(self, html: str) -> list[dict]:
        """The page's sections that search keeps: {"id", "title", "text"}, each of the last two a
        list of the pieces Material's Parser found."""
        return kept(self.folder, cache_name(".json", _search_fingerprint(), html), lambda: _sections(html),
                    encode=lambda sections: json.dumps(sections, ensure_ascii=False).encode("utf-8"), decode=_sections_from_cache)


def _sections(html: str) -> list[dict]:
    parser = material_search.Parser()
    parser.feed(html)
    parser.close()
    return [{"id": s.id, "title": list(s.title), "text": list(s.text)} for s in parser.data if not s.is_excluded()]


@functools.cache
def _search_fingerprint() -> str:
    """What besides the page shapes its sections: Material's parser and the Python under it."""
    return f"{version('mkdocs-material')} {sys.version} " + Path(material_search.__file__).read_text(encoding="utf-8")


def _sections_from_cache(body: bytes) -> list[dict]:
    sections = json.loads(body)
    if type(sections) is list and all(
            type(s) is dict and s.keys() == {"id", "title", "text"} and (s["id"] is None or type(s["id"]) is str)
            and type(s["title"]) is list and type(s["text"]) is list
            and all(type(piece) is str for piece in (*s["title"], *s["text"])) for s in sections):
        return sections
    raise ValueError("not a page's search sections")


class CompiledPages:
    """Compiles a page's Markdown as a Jinja template, as Environment.compile does, or takes the
    code compiled for the same text before from .cache/. mkdocs-macros compiles every page from
    its text, not through a loader, so Jinja's bytecode cache does not serve it: a tenth of each
    edition's build. The entry's name is made from the page's text, every setting of the
    environment that shapes the code, and the versions of Jinja and Python."""

    def __init__(self, env: jinja2.Environment, folder: Path):
        self.compile = env.compile
        self.folder = folder
        named = _setting
        self.settings = repr((
            jinja2.__version__, sys.version, named(type(env)), named(env.code_generator_class), sorted(env.extensions),
            env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
            env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            named(env.autoescape), named(env.finalize), env.optimized, env.is_async))

    def __call__(self, source, name=None, filename=None, raw=False, defer_init=False):
        if not isinstance(source, str) or name is not None or filename is not None or raw or defer_init:
            return self.compile(source, name, filename, raw, defer_init)  # templates from files: Jinja's own cache
        return kept(self.folder, cache_name(".code", self.settings, source), lambda: self.compile(source),
                    encode=marshal.dumps, decode=_code)


def _code(body: bytes) -> types.CodeType:
    code = marshal.loads(body)
    if not isinstance(code, types.CodeType):
        raise ValueError("not compiled code")
    return code


def _setting(value) -> bool | str | None:
    """A setting as it can be written into a cache entry's name: a class or function by its name
    (its repr would hold a memory address, different in every build)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
