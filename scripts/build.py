"""Build the site into a temporary folder and replace site/ only if the build succeeds.

A failed build leaves the previous good site/ untouched, so a broken change can
never replace a working site. Usage: python scripts/build.py [SITE_DIR]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(site_dir: Path, project_dir: Path = ROOT) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    try:
        # Not --quiet: it hides warnings from strict mode's counter, so a warning would not fail the build.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging / "site")],
            cwd=project_dir, env=env, capture_output=True, text=True,
        )
        for line in (result.stdout + result.stderr).splitlines():
            if not line.startswith("INFO"):
                print(line, file=sys.stderr)
        if result.returncode != 0:
            print(f"Build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
            return result.returncode
        previous = staging / "previous"
        if site_dir.exists():
            site_dir.rename(previous)
        (staging / "site").rename(site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    sys.exit(build(target))
