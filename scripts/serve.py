"""Build the site and serve it at http://127.0.0.1:8000, rebuilding when a source changes.

    python scripts/serve.py [--port 8000] [--generator mkdocs|zensical]   (`make serve`)

It serves exactly what `make build` produces (the same pipeline, scripts/build.py), under the
path of site_url as GitHub Pages does, so downloads, the feed, the sitemap and share images are
there too. Every second it looks at docs/, data/, macros/, overrides/ and mkdocs.yml; after a
change it builds again and, if the build succeeds, swaps the new site in (refresh the browser).
A failed build prints its problems and keeps the last good site on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from build import ROOT, build
from serve_static import base_path, start

WATCHED = ("docs", "data", "macros", "overrides", "mkdocs.yml")


def snapshot(project: Path) -> dict[str, tuple[int, int]]:
    marks = {}
    for name in WATCHED:
        top = project / name
        paths = [top] if top.is_file() else [Path(d) / f for d, _, files in os.walk(top) for f in files] if top.is_dir() else []
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            try:
                st = path.lstat()
            except OSError:
                continue
            marks[str(path)] = (st.st_mtime_ns, st.st_size)
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="explainer-serve-") as folder:
        site = Path(folder) / "site"
        if build(site, ROOT, args.generator) != 0:
            print("The first build failed; fix the problems above, then run `make serve` again.", file=sys.stderr)
            return 1
        server, thread, url = start(site, base_path(ROOT / "mkdocs.yml"), port=args.port)
        print(f"Serving the site at {url} (Ctrl-C stops). Rebuilds when docs/, data/, macros/, overrides/ or mkdocs.yml change.")
        seen = snapshot(ROOT)
        try:
            while True:
                time.sleep(1)
                now = snapshot(ROOT)
                if now != seen:
                    seen = now
                    print("Change seen; building...", file=sys.stderr)
                    if build(site, ROOT, args.generator) == 0:
                        print(f"Rebuilt; refresh {url}", file=sys.stderr)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
