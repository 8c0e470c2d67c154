"""Serve a built site on 127.0.0.1 the way GitHub Pages serves it, for tests and local review.

The site is mounted under the path of `site_url` in mkdocs.yml (for example /site/), because
MkDocs writes 404.html with absolute links under that path. A missing file gets the site's own
404.html with status 404, as on GitHub Pages. Text files are sent gzip-compressed to a browser that
asks for it, as GitHub Pages sends them, so that speed measurements (Lighthouse) see real sizes.
Nothing is cached.

Usage: python scripts/serve_static.py SITE_DIR [--port 8000] [--base /site/]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import posixpath
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent


def base_path(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """The path part of site_url ('/site/'), or '/' when there is none."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    path = urlsplit(config.get("site_url") or "/").path or "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under `base`; everything else is a 404 with the site's 404.html."""

    base = "/"

    def __init__(self, *args, base: str = "/", **kwargs):
        self.base = base
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.base) and path + "/" != self.base:
            return str(Path(self.directory) / ".outside-the-site-base")  # never exists: a 404
        rel = posixpath.normpath(path[len(self.base):] or ".")
        parts = [p for p in rel.split("/") if p not in ("", ".", "..")]
        return str(Path(self.directory, *parts)) + ("/" if path.endswith("/") else "")

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        wants_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not (wants_gzip and path.name.endswith(self.COMPRESSED) and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    verbose = False

    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-transfer (a reader leaving a page, Lighthouse
        # ending a run) is not a fault of the site: no traceback for it. Anything else, one line.
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError)):
            return
        print(f"serve: {type(error).__name__} while answering {client_address[0]}: {error}", file=sys.stderr)


def start(directory: Path, base: str = "/", host: str = "127.0.0.1", port: int = 0,
          verbose: bool = False) -> tuple[ThreadingHTTPServer, threading.Thread, str]:
    """Serve in a daemon thread; returns the server, the thread and the site's root URL."""
    handler = functools.partial(SiteHandler, directory=str(directory), base=base)
    server = SiteServer((host, port), handler)
    server.verbose = verbose
    thread = threading.Thread(target=server.serve_forever, name="serve-static", daemon=True)
    thread.start()
    return server, thread, f"http://{host}:{server.server_address[1]}{base}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", default=None, help="URL path to mount the site at (default: from site_url)")
    args = parser.parse_args(argv)
    server, thread, url = start(args.site_dir, args.base or base_path(), port=args.port, verbose=True)
    print(f"Serving {args.site_dir} at {url} (Ctrl-C stops)")
    try:
        thread.join()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
