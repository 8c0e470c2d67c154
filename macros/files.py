"""The one trusted file set: the build reads only regular files inside the project.

A symlink, a folder, a FIFO or a device where a file belongs is refused with a
located message before anything is read (a FIFO would hang the build, a device
would read without end, and a symlink could publish a file from outside the
repository). Files are read through `read_capped`, which counts the bytes it
actually reads, so the size cap holds whatever `stat()` reports.

`markdown_pages` lists the pages the generator will render, computed the way
MkDocs computes them (mkdocs.structure.files.get_files and
mkdocs.utils.is_markdown_file); tests/test_files.py proves the two sets equal.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import DataError, Problem, shown

# mkdocs.utils.markdown_extensions: every suffix MkDocs renders as a page (case-sensitive there too).
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
# Folders the build reads; nothing in them may be a link or a special file.
TRUSTED_FOLDERS = ("docs", "data", "overrides", "macros")
# MkDocs never renders these (its default exclude_docs); the project keeps them out of docs/ altogether.
RESERVED_IN_DOCS = ("templates", "timeline", "sources")


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_inside(path: Path, root: Path, shown_path: str) -> None:
    """Refuse a path that leaves the project or passes through a symbolic link."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        raise DataError(Problem(shown_path, None, "is outside the project folder; the build reads only files inside it")) from None
    if ".." in parts:
        raise DataError(Problem(shown_path, None, "is outside the project folder; the build reads only files inside it"))
    root = root.resolve()
    current = root
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise DataError(Problem(shown_path, None, f"cannot be read ({exc.strerror})")) from None
        if stat.S_ISLNK(mode):
            raise DataError(Problem(display(current, root), None, "is a symbolic link; the build reads only regular files inside the project"))


def read_capped(path: Path, root: Path, max_bytes: int, shown_path: str | None = None) -> bytes:
    """The bytes of one regular file inside root, at most max_bytes of them.

    Raises DataError (file not found, a link, a folder, a FIFO, a device, too large).
    """
    shown_path = shown_path or display(path, root)
    check_inside(path, root, shown_path)
    path = root.resolve() / path.relative_to(root)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise DataError(Problem(shown_path, None, "file not found")) from None
    except OSError as exc:
        raise DataError(Problem(shown_path, None, f"cannot be read ({exc.strerror})")) from None
    if not stat.S_ISREG(mode):
        raise DataError(Problem(shown_path, None, f"is {_kind(mode)}, not a regular file; the build reads only regular files"))
    # O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO after the check above
    # fails to open or is refused by fstat, instead of being followed or blocking.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DataError(Problem(shown_path, None, f"cannot be read ({exc.strerror})")) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise DataError(Problem(shown_path, None, "is not a regular file; the build reads only regular files"))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DataError(Problem(shown_path, None, f"file is too large (more than {max_bytes} bytes; the limit is {max_bytes})"))
    return data


def check_tree(root: Path, folders: tuple[str, ...] = TRUSTED_FOLDERS) -> None:
    """Refuse links and special files anywhere in the folders the build reads."""
    root = root.resolve()
    problems: list[Problem] = []
    for name in folders:
        top = root / name
        try:
            top_mode = os.lstat(top).st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISDIR(top_mode):
            problems.append(Problem(name, None, f"is {_kind(top_mode)}, not a folder"))
            continue
        for current, dirnames, filenames in os.walk(top, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for entry in sorted(dirnames) + sorted(filenames):
                path = Path(current) / entry
                rel = display(path, root)
                if not rel.isprintable():
                    problems.append(Problem(shown(rel), None, "a file name holds a control character; rename it"))
                    continue
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(Problem(rel, None, "is a symbolic link; the build reads only regular files inside the project"))
                elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    problems.append(Problem(rel, None, f"is {_kind(mode)}; only regular files and folders are allowed"))
            if name == "docs":
                problems.extend(_docs_rules(root, Path(current), dirnames, filenames))
    if problems:
        raise DataError(problems)


def _docs_rules(root: Path, current: Path, dirnames: list[str], filenames: list[str]) -> list[Problem]:
    problems = []
    docs = root / "docs"
    for entry in sorted(dirnames + filenames):
        rel = display(current / entry, root)
        if entry.startswith("."):
            # MkDocs silently skips hidden files; a page there would be neither built nor checked.
            problems.append(Problem(rel, None, "hidden files and folders are not allowed in docs/"))
        elif entry in dirnames and entry.endswith(MARKDOWN_EXTENSIONS):
            problems.append(Problem(rel, None, "is a folder with a page's name; a page must be a regular file"))
        elif current == docs and entry in RESERVED_IN_DOCS:
            problems.append(Problem(rel, None, f"docs/{entry}/ is reserved (for MkDocs' templates, or for the pages the build makes from data); use another name"))
    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    return problems


def markdown_pages(docs_dir: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every page the generator will render, relative to docs_dir, in sorted order; `skip`
    names top-level folders that are not part of it (another edition's pages: docs/ja/).

    Called after check_tree, so the walk meets no links, hidden files or reserved folders.
    """
    pages = []
    for current, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        if Path(current) == docs_dir:
            dirnames[:] = [d for d in dirnames if d not in skip]
        dirnames.sort()
        for filename in sorted(filenames):
            if filename.endswith(MARKDOWN_EXTENSIONS):
                pages.append((Path(current) / filename).relative_to(docs_dir))
    return sorted(pages, key=lambda p: p.as_posix())


# The build's own caches, each a folder of .cache/ (Zensical may keep one of its own there, which
# the build leaves alone).
PARSED_DATA, PARSED_PAGES, SHARE_IMAGES, TRIMMED_CSS = "parsed-data", "parsed-pages", "share-images", "trimmed-css"
SEARCH_SECTIONS, COMPILED_PAGES = "search-sections", "jinja/pages"
COMPILED_THEME, COMPILED_MACROS = "jinja/theme", "jinja/macros"
BUILD_CACHES = (PARSED_DATA, PARSED_PAGES, SHARE_IMAGES, TRIMMED_CSS, SEARCH_SECTIONS, COMPILED_PAGES, COMPILED_THEME,
                COMPILED_MACROS)
UNUSED_FOR = 30 * 24 * 3600  # seconds after which prune_caches removes an entry no build has used


def cache_dir(project_dir: Path, name: str) -> Path:
    """Where the build keeps what it can reuse next time (.cache/, ignored by git): each entry is
    named by everything that shapes it, so a stale one is never used."""
    return project_dir / ".cache" / name


def cache_name(suffix: str, *parts: bytes | str) -> str:
    """A cache entry's name, made from everything that shapes it (the input, the code that reads
    it, library versions): a change in any part gives another name, so a stale entry is never used."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:40] + suffix


def _read_entry(cache_dir: Path | None, name: str) -> bytes | None:
    """A build cache entry (.cache/ in the project, ignored by git), or None: only a regular
    file counts, never a link, so the cache cannot bring in a file from elsewhere."""
    if cache_dir is None:
        return None
    path = cache_dir / name
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return path.read_bytes()
    except OSError:
        return None


def _write_entry(cache_dir: Path | None, name: str, body: bytes) -> None:
    """Stores a cache entry in one step (a temporary file renamed into place): the editions'
    builds run side by side and never read half a file. A cache that cannot be written is skipped."""
    if cache_dir is None:
        return
    path = cache_dir / name
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(body)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)


T = TypeVar("T")
# What reading an entry that this code did not write can raise: the entry is then made again.
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError, EOFError, RecursionError)


def kept(cache_dir: Path | None, name: str, make: Callable[[], T], encode: Callable[[T], bytes] = bytes,
         decode: Callable[[bytes], T] = bytes) -> T:
    """The value stored in cache_dir under name (decoded), or make()'s, stored there (encoded) for
    the next build. decode raises one of UNREADABLE for an entry it cannot read back."""
    body = _read_entry(cache_dir, name)
    if body is not None:
        try:
            return decode(body)
        except UNREADABLE:
            pass
    value = make()
    _write_entry(cache_dir, name, encode(value))
    return value


def prune_caches(project_dir: Path, now: float | None = None) -> int:
    """Removes the entries of the build's caches that no build has read or written for
    UNUSED_FOR (by the entry's access or change time, whichever is later; where the file system
    keeps no access times, an entry in use is made again now and then). Every edit of a page or a
    data file leaves entries that no build will ask for again. Returns how many were removed."""
    cutoff = (time.time() if now is None else now) - UNUSED_FOR
    removed = 0
    for name in BUILD_CACHES:
        try:
            entries = list(os.scandir(cache_dir(project_dir, name)))
        except OSError:
            continue
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and max(st.st_atime, st.st_mtime) < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed
