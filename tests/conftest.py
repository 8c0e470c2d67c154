"""Shared helpers: fixture projects built with the real MkDocs command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def make_project(dest: Path, data_dir: Path = FIXTURES / "data", docs_dir: Path = FIXTURES / "docs") -> Path:
    """A copy of the real site's code and config with fixture data and pages."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("macros", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data_dir, dest / "data")
    shutil.copytree(docs_dir, dest / "docs")
    for asset in ("stylesheets", "javascripts"):
        if (ROOT / "docs" / asset).exists():
            shutil.copytree(ROOT / "docs" / asset, dest / "docs" / asset, dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest


# The pipeline's closing line after a failure; not a problem of its own.
_FAILED = re.compile(r"^Build (failed|interrupted); .* was left as it was\.$")


def error_lines(output: str) -> list[str]:
    """The build's problem lines: one per problem, without the generator's framing ('ERROR -  ')."""
    lines = []
    for line in output.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip()
        if not line or _FAILED.match(line) or line.startswith(("INFO", "Aborted", "Build finished")):
            continue
        match = re.match(r"^(?:ERROR|WARNING)\s*-\s+(.*)$", line)
        lines.append(match.group(1) if match else line)
    return lines


def build(project: Path, generator: str = "mkdocs", site: Path | None = None) -> BuildResult:
    """Build a project through the real pipeline (scripts/build.py) into project/site."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    site = site or project / "site"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), str(site), "--project", str(project), "--generator", generator],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuildResult:
    project = make_project(tmp_path_factory.mktemp("fixture") / "project")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with the atomic build script."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run([sys.executable, "scripts/build.py", str(site)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
