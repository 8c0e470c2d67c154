"""Build the site with MkDocs or Zensical, through one pipeline, and replace the output only on success.

    python scripts/build.py [SITE_DIR] [--generator mkdocs|zensical]

1. Checks the project first (macros/pipeline.py: files, data, then each edition's pages);
   bad input stops with one line per problem, before that edition's generator runs.
2. Writes each edition's own config (it INHERITs mkdocs.yml and passes data/site.yaml's
   dates to the theme), runs the generator into a staging folder and adds the edition's
   feed, anchor maps and share images. Under MkDocs the editions do all of this at once,
   one forked process each; Zensical builds them one after the other.
3. Writes the downloads and the sitemap, and checks the whole built site.
4. Replaces SITE_DIR (default site/, or site-zensical/ for Zensical) with the result.

A failed or interrupted build leaves the previous SITE_DIR untouched and no staging
folder behind. Exit status: 0 on success, 1 on bad input, the generator's status if
it failed, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from macros.config import BUILD_CONFIG_PREFIX, write_build_config
from macros.editions import Edition
from macros.errors import DataError, one_line
from macros.files import PARSED_PAGES, cache_dir, prune_caches
from macros.pipeline import (
    EditionPages,
    build_settings,
    edition_site,
    finish,
    finish_edition,
    preflight,
    stage_docs,
)
from macros.postbuild import parse_site
from macros.site import ExplainerSite

ROOT = Path(__file__).resolve().parent.parent
STAGING_PREFIX = ".site-build-"
GENERATORS = {
    # MkDocs runs in this process (run_mkdocs); this command line is what it does, for reference
    # and for `--generator mkdocs-cli`. Not --quiet: that hides warnings from strict mode's counter.
    "mkdocs-cli": lambda config: [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)],
    "zensical": lambda config: [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", str(config)],
}
DEFAULT_SITE_DIR = {"mkdocs": "site", "mkdocs-cli": "site", "zensical": "site-zensical"}


class Interrupted(BaseException):  # not an Exception: run_mkdocs' error net must let it through
    pass


def _interrupt(signum, frame):
    raise Interrupted(signum)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep(folder: Path, prefix: str) -> None:
    """Remove what builds killed outright (SIGKILL) left behind; a live build's files stay."""
    for path in folder.glob(prefix + "*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


def _generator_output(text: str) -> list[str]:
    """The generator's own messages without its progress chatter."""
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("INFO") or line.strip() in ("Build started", "No issues found"):
            continue
        lines.append(line)
    return lines


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, as its command line prints them ('WARNING -  ...')."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} -  {record.getMessage()}")


def run_mkdocs(config_file: Path) -> tuple[int, list[str]]:
    """`mkdocs build --strict` in this process, so the data and pages checked by preflight
    (macros.site.cached_site) are used as they are instead of being loaded a second time.
    Returns the exit status and the lines MkDocs' command line would print."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collect, logger = _Collect(), logging.getLogger("mkdocs")
    logger.addHandler(collect)
    config = None
    try:
        config = load_config(config_file=str(config_file), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        status = 0
    except exceptions.Abort as exc:  # strict mode's "Aborted with N warnings"
        collect.lines.append(str(exc))
        status = 1
    except SystemExit as exc:
        if exc.code not in (None, 0):
            collect.lines.append(str(exc.code))
        status = 1 if exc.code not in (None, 0) else 0
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        collect.lines.append(f"ERROR -  {type(exc).__name__}: {one_line(first)}")
        status = 1
    finally:
        if config is not None:
            try:
                config.plugins.on_shutdown()
            except Exception:  # noqa: BLE001, S110 - shutting down after a failure
                pass
        logger.removeHandler(collect)
    return status, collect.lines

_DOC_FILE = re.compile(r"(Doc file ')([^']+)(')")


def _in_docs(line: str, prefix: str) -> str:
    """A generator message about an edition's page names it as it is in docs/ ('ja/talks.md'):
    the generator reads each edition from a folder of its own, and knows it as 'talks.md'."""
    return _DOC_FILE.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), line) if prefix else line


class Built(NamedTuple):
    """One edition's build: its exit status; the lines to print (its generator's messages, or
    with checked=False the problems found in its pages before it was generated); its pages as
    parsed for the checks (postbuild.parse_site, by their path inside its folder); and what
    the site-wide steps need from it (pipeline.EditionPages)."""

    status: int
    lines: list[str]
    parsed: dict = {}
    pages: EditionPages | None = None
    checked: bool = True


def _prepare(project_dir: Path, config, ed: Edition, staging: Path, generator: str) -> tuple[ExplainerSite, Path, Path]:
    """An edition's pages checked and staged with the pages made from data, and its build config
    written; the site, config file and output folder. Raises DataError."""
    site = edition_site(project_dir, config, ed)
    docs = stage_docs(project_dir, site, staging)
    settings = build_settings(config, site)
    out_dir = staging / "editions" / ed.lang
    config_file = write_build_config(project_dir, out_dir, docs, site.theme_context(),
                                     tuple(part.src_uri for part in site.plan.parts),
                                     hooks=("macros/mkdocs_hooks.py",) if generator.startswith("mkdocs") else (),
                                     settings=settings)
    return site, config_file, out_dir


def _finished(project_dir: Path, config, site: ExplainerSite, out_dir: Path, lines: list[str], parsed: dict) -> Built:
    try:
        pages = finish_edition(out_dir, project_dir, config, site)
    except DataError as exc:
        return Built(1, [*lines, *str(exc).splitlines()])
    return Built(0, lines, parsed, pages)


def _build_edition(project_dir: Path, config, ed: Edition, staging: Path, alone: bool = True) -> Built:
    """One edition with MkDocs, from its checks to its own files (pipeline.finish_edition), where
    it runs: the editions do all of it side by side. Its pages are parsed for the checks here
    too; alone=False: other editions are being built at the same time, so the parsing stays in
    this process."""
    try:
        site, config_file, out_dir = _prepare(project_dir, config, ed, staging, "mkdocs")
    except DataError as exc:
        return Built(1, str(exc).splitlines(), checked=False)
    try:
        status, lines = run_mkdocs(config_file)
    finally:
        config_file.unlink(missing_ok=True)
    if status != 0:
        return Built(status, lines)
    found = parse_site(out_dir, parallel=alone, cache_dir=cache_dir(project_dir, PARSED_PAGES))
    return _finished(project_dir, config, site, out_dir, lines, {path.relative_to(out_dir): facts for path, facts in found.items()})


def _run_forked(work: Callable[[], Built]) -> tuple[int, int]:
    """work() in a forked copy of this process, which already holds the checked data. Returns the
    child's pid and the read end of a pipe that carries its result."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the parent's code
        status = 1
        try:
            os.close(read)
            result = work()
            with os.fdopen(write, "wb") as out:
                pickle.dump(result, out)
            status = 0
        except BaseException:  # noqa: BLE001 - interrupted or failed; the parent reports it
            status = 130
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _at_once(project_dir: Path, config, editions: tuple[Edition, ...], staging: Path, children: list) -> list[Built]:
    """MkDocs: every edition at once, the first in this process and each other in a forked copy
    of it. The results in edition order; only the first's when its pages have problems (the
    caller then stops the others)."""
    forked = []
    for ed in editions[1:]:
        pid, read = _run_forked(lambda ed=ed: _build_edition(project_dir, config, ed, staging, alone=False))
        children.append(pid)
        forked.append((pid, read))
    results = [_build_edition(project_dir, config, editions[0], staging, alone=not forked)]
    if not results[0].checked:
        return results
    for pid, read in forked:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, wait_status = os.waitpid(pid, 0)
        children.remove(pid)
        # Our own child's pickle; empty when it was stopped before it could write one.
        results.append(pickle.loads(data) if data and os.waitstatus_to_exitcode(wait_status) == 0
                       else Built(1, [f"ERROR -  the build of an edition stopped ({wait_status})"]))
    return results


def _in_turn(project_dir: Path, config, editions: tuple[Edition, ...], staging: Path, generator: str,
             children: list, config_files: list[Path]) -> list[Built]:
    """Zensical (and the MkDocs command line): one edition after the other, since Zensical uses
    every core already and keeps a cache in the project; every edition is checked before the
    first is generated. The results in edition order, up to the first failure."""
    prepared = []
    for ed in editions:
        try:
            prepared.append(_prepare(project_dir, config, ed, staging, generator))
        except DataError as exc:
            return [Built(1, str(exc).splitlines(), checked=False)]
        config_files.append(prepared[-1][1])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    results = []
    for site, config_file, out_dir in prepared:
        process = subprocess.Popen(GENERATORS[generator](config_file), cwd=config_file.parent, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        children.append(process)
        output, _ = process.communicate()
        lines = _generator_output(output)
        # Parsed later, all editions at once, on every core (pipeline.finish).
        results.append(_finished(project_dir, config, site, out_dir, lines, {}) if process.returncode == 0
                       else Built(process.returncode, lines))
        if results[-1].status != 0:
            break
    return results


def _stop(children: list) -> None:
    """Stop the generator processes that are still running (after an interrupt or a failure)."""
    for child in children:
        if isinstance(child, subprocess.Popen):
            if child.poll() is None:
                child.kill()
            child.wait()
            continue
        try:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    children.clear()


def _publish(built: Path, site_dir: Path, staging: Path) -> None:
    """Swap the new site in with two renames (after a copy, when site_dir is on another file system)."""
    holding = staging
    if os.stat(built).st_dev != os.stat(site_dir.parent).st_dev:
        holding = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
        shutil.copytree(built, holding / "site")
        built = holding / "site"
    try:
        if site_dir.exists():
            site_dir.rename(holding / "previous")
        built.rename(site_dir)
    finally:
        if holding is not staging:
            if not site_dir.exists() and (holding / "previous").exists():
                (holding / "previous").rename(site_dir)
            shutil.rmtree(holding, ignore_errors=True)


def build(site_dir: Path, project_dir: Path = ROOT, generator: str = "mkdocs") -> int:
    project_dir = project_dir.resolve()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _sweep(site_dir.parent, STAGING_PREFIX)
    _sweep(project_dir, STAGING_PREFIX)
    _sweep(project_dir, BUILD_CONFIG_PREFIX)
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    staging = None
    config_files: list[Path] = []
    children: list = []  # the generator processes of a build (subprocess.Popen or forked pids)
    try:
        try:
            config, english, editions = preflight(project_dir)
        except DataError as exc:
            print(exc, file=sys.stderr)
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return 1
        # The modules and data loaded so far live until the build ends. Frozen, the collector
        # stops scanning them again on every pass (a tenth of the build's time), and the
        # editions' forked processes keep sharing their memory instead of copying it.
        gc.freeze()
        # Zensical writes only inside the project folder, so the generator's output goes there first.
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=project_dir))
        # Each edition is generated into a folder of its own and then moved into place: the
        # generators clean their output folder before writing.
        results = (_at_once(project_dir, config, editions, staging, children) if generator == "mkdocs"
                   else _in_turn(project_dir, config, editions, staging, generator, children, config_files))
        # Problems in an edition's pages come first, as they would if no generator had run.
        unchecked = next((built for built in results if not built.checked), None)
        if unchecked is not None:
            print("\n".join(unchecked.lines), file=sys.stderr)
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return 1
        # Fewer results than editions when one failed: the others were not built or are not needed.
        for ed, built in zip(editions, results, strict=False):
            for line in built.lines:
                print(_in_docs(line, ed.prefix), file=sys.stderr)
            if built.status != 0:
                print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
                return built.status
        # The first edition (English) is the site's root; the others go into their folders in it.
        parsed = {}
        for n, (ed, built) in enumerate(zip(editions, results, strict=True)):
            place = staging / "site" / ed.prefix if n else staging / "site"
            (staging / "editions" / ed.lang).rename(place)
            parsed.update({place / path: facts for path, facts in built.parsed.items()})
        try:
            finish(staging / "site", project_dir, config, english, [built.pages for built in results], parsed)
        except DataError as exc:
            print(exc, file=sys.stderr)
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return 1
        _publish(staging / "site", site_dir, staging)
        prune_caches(project_dir)
        return 0
    except Interrupted:
        print(f"Build interrupted; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 130
    finally:
        _stop(children)
        _sweep(project_dir, BUILD_CONFIG_PREFIX)  # the config files of forked editions stopped above
        for path in config_files:
            path.unlink(missing_ok=True)
        if staging is not None:
            # Interrupted between the two renames: put the previous site back first.
            previous_site = staging / "previous"
            if not site_dir.exists() and previous_site.exists():
                previous_site.rename(site_dir)
            shutil.rmtree(staging, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        gc.unfreeze()  # a server that builds again and again (scripts/serve.py) frees the old data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path)
    parser.add_argument("--generator", choices=sorted({"mkdocs", *GENERATORS}), default="mkdocs")
    parser.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return build(args.site_dir or ROOT / DEFAULT_SITE_DIR[args.generator], args.project, args.generator)


if __name__ == "__main__":
    status = main()
    # Every file is written and closed and the staging folder is gone; what is left is the
    # interpreter taking MkDocs and its plugins apart, object by object (0.15 s), for nothing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
