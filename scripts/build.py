"""Build the site with MkDocs or Zensical, through one pipeline, and replace the output only on success.

    python scripts/build.py [SITE_DIR] [--generator mkdocs|zensical]

1. Checks the project first (macros/pipeline.py: files, data, pages); bad input stops
   here with one line per problem, before a generator runs.
2. Writes the build's own config (it INHERITs mkdocs.yml and passes data/site.yaml's
   dates to the theme) and runs the generator into a staging folder.
3. Checks the built pages and writes the downloads, feed, sitemap and share images.
4. Replaces SITE_DIR (default site/, or site-zensical/ for Zensical) with the result.

A failed or interrupted build leaves the previous SITE_DIR untouched and no staging
folder behind. Exit status: 0 on success, 1 on bad input, the generator's status if
it failed, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.config import BUILD_CONFIG_PREFIX, write_build_config
from macros.errors import DataError, one_line
from macros.pipeline import build_settings, finish, preflight, stage_docs

ROOT = Path(__file__).resolve().parent.parent
STAGING_PREFIX = ".site-build-"
GENERATORS = {
    # MkDocs runs in this process (run_mkdocs); this command line is what it does, for reference
    # and for `--generator mkdocs-cli`. Not --quiet: that hides warnings from strict mode's counter.
    "mkdocs-cli": lambda config: [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)],
    "zensical": lambda config: [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", str(config)],
}
DEFAULT_SITE_DIR = {"mkdocs": "site", "mkdocs-cli": "site", "zensical": "site-zensical"}


class Interrupted(Exception):
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
    staging = config_file = process = None
    try:
        try:
            config, sites = preflight(project_dir)
        except DataError as exc:
            print(exc, file=sys.stderr)
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return 1
        # Zensical writes only inside the project folder, so the generator's output goes there first.
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=project_dir))
        # English first: it writes the site's root, and the other editions their folders in it.
        for site in sites.values():
            docs = stage_docs(project_dir, site, staging)
            try:
                settings = build_settings(config, site)
            except DataError as exc:
                print(exc, file=sys.stderr)
                print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
                return 1
            config_file = write_build_config(project_dir, staging / "site" / site.edition.prefix, docs, site.theme_context(),
                                             tuple(part.src_uri for part in site.plan.parts),
                                             hooks=("macros/mkdocs_hooks.py",) if generator.startswith("mkdocs") else (),
                                             settings=settings)
            if generator == "mkdocs":
                status, lines = run_mkdocs(config_file)
            else:
                env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
                process = subprocess.Popen(GENERATORS[generator](config_file), cwd=project_dir, env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                output, _ = process.communicate()
                status, lines = process.returncode, _generator_output(output)
            config_file.unlink(missing_ok=True)
            config_file = None
            for line in lines:
                print(line, file=sys.stderr)
            if status != 0:
                print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
                return status
        try:
            finish(staging / "site", project_dir, config, sites)
        except DataError as exc:
            print(exc, file=sys.stderr)
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return 1
        _publish(staging / "site", site_dir, staging)
        return 0
    except Interrupted:
        print(f"Build interrupted; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 130
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        if config_file is not None:
            config_file.unlink(missing_ok=True)
        if staging is not None:
            # Interrupted between the two renames: put the previous site back first.
            previous_site = staging / "previous"
            if not site_dir.exists() and previous_site.exists():
                previous_site.rename(site_dir)
            shutil.rmtree(staging, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path)
    parser.add_argument("--generator", choices=sorted({"mkdocs", *GENERATORS}), default="mkdocs")
    parser.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return build(args.site_dir or ROOT / DEFAULT_SITE_DIR[args.generator], args.project, args.generator)


if __name__ == "__main__":
    sys.exit(main())
