"""Browser tests: the real site, built once per session, served on 127.0.0.1, driven with Chromium.

Every test here is marked `browser`, so `pytest tests/browser` or `pytest -m browser` runs them
alone and `pytest -m "not browser"` skips them. They need Chromium (scripts/ensure-browser.sh) and
the npm dev dependencies (`npm ci`: axe-core and the Nu HTML Checker).

Screenshots of every page at phone and desktop width are written to screenshots/ (git-ignored).

For work on the tests themselves, EXPLAINER_PROJECT=<folder> builds and tests another project
folder (such as one made with tests/conftest.py's make_project) instead of the repository.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(os.environ.get("EXPLAINER_PROJECT") or ROOT).resolve()
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# A fixed build time, so that two builds of the same sources are byte-identical.
# A fixed build time for the session, so that two builds of the same sources are byte-identical.
SOURCE_DATE_EPOCH = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"explainer_scripts_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


serve_static = _load_script("serve_static")
reader_speed = _load_script("reader_speed")


# -- pages: known before the build, from the project's docs folder ---------------------------

def _mkdocs_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}


def page_paths(project: Path = PROJECT) -> list[str]:
    """Site-relative URL of every page MkDocs builds from docs/, plus 404.html."""
    docs = project / (_mkdocs_config(project).get("docs_dir") or "docs")
    paths = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs)
        if any(part.startswith((".", "_")) for part in rel.parts):
            continue
        stem = rel.with_suffix("").as_posix()
        if rel.name in ("index.md", "README.md"):
            stem = rel.parent.as_posix()
        paths.append("" if stem in ("", ".") else stem + "/")
    # The pages the build makes from data (the timeline and sources by period and publisher),
    # in each edition, and each edition's 404 page.
    editions = [""] + (["ja/"] if (docs / "ja").is_dir() else [])
    paths += [prefix + part.url for prefix in editions for part in generated_parts(project)]
    return sorted(set(paths)) + [prefix + "404.html" for prefix in editions]


def generated_parts(project: Path = PROJECT) -> tuple:
    from macros.dataset import load_dataset
    from macros.pages import plan

    return plan(load_dataset(project / "data")).parts


def page_id(path: str) -> str:
    return path.strip("/").replace("/", "-").removesuffix(".html") or "home"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the built site in Chromium (run alone with `pytest tests/browser`)")


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        paths = page_paths()
        metafunc.parametrize("page_path", paths, ids=[page_id(p) for p in paths])


# -- the site: built once, served for the whole session --------------------------------------

def build_site(dest: Path, project: Path = PROJECT, epoch: str = SOURCE_DATE_EPOCH) -> Path:
    """Build `project` with scripts/build.py (the real, atomic build) into dest."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import build; "
            "sys.exit(build.build(Path(sys.argv[2]), Path(sys.argv[3])))")
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "scripts"), str(dest), str(project)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.fail(f"the site at {project} does not build:\n{proc.stdout}{proc.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser-site") / "site")


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The site's root URL on 127.0.0.1, under site_url's path (/site/) as on GitHub Pages."""
    base = serve_static.base_path(PROJECT / "mkdocs.yml")
    server, thread, url = serve_static.start(site_dir, base)
    yield url
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def origin(base_url) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


# -- the browser: one Chromium for the session, a fresh context per page ---------------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    options = {"headless": True, "args": CHROMIUM_ARGS}
    if CHROMIUM.exists():
        options["executable_path"] = str(CHROMIUM)
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(**options)
        except Exception as exc:  # noqa: BLE001 - any launch failure means the same fix
            pytest.fail(f"Chromium does not start ({exc}); run `bash scripts/ensure-browser.sh`", pytrace=False)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What one page load did: every request, every console error and every response."""

    url: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (resource type, url)
    errors: list[str] = field(default_factory=list)  # console errors, uncaught exceptions, failed loads
    responses: list = field(default_factory=list)


def visit_page(browser, origin: str, url: str, *, color_scheme: str = "light", viewport: dict = DESKTOP,
               permissions: list[str] | None = None, wait: str = "load"):
    """Open url in a fresh browser context (no cache, no storage); returns (context, page, visit).

    Requests to any host other than the local server are recorded, then aborted, so the tests
    never reach the internet and never wait for it.
    """
    context = browser.new_context(color_scheme=color_scheme, viewport=viewport, reduced_motion="reduce",
                                  permissions=permissions or [])
    context.set_default_timeout(15_000)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin + "/")
                  else route.abort("blockedbyclient"))
    page = context.new_page()
    visit = Visit(url)
    page.on("request", lambda r: visit.requests.append((r.resource_type, r.url)))
    page.on("response", lambda r: visit.responses.append(r))
    page.on("console", lambda m: m.type == "error" and visit.errors.append(
        f"console error: {m.text}" + (f" (at {m.location['url']})" if m.location.get("url") else "")))
    page.on("pageerror", lambda exc: visit.errors.append(f"uncaught exception: {exc}"))
    page.on("requestfailed", lambda r: visit.errors.append(f"request failed: {r.url} ({r.failure})"))
    response = page.goto(url, wait_until=wait)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    return context, page, visit


@pytest.fixture
def open_page(browser, base_url, origin):
    """open_page(path, color_scheme=..., viewport=..., permissions=..., wait=...) -> (page, visit)."""
    contexts = []

    def _open(path: str, **options):
        context, page, visit = visit_page(browser, origin, base_url + path, **options)
        contexts.append(context)
        return page, visit

    yield _open
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class Transfer:
    resource_type: str
    url: str
    raw: int
    gzipped: int


@pytest.fixture(scope="session")
def first_load(browser, base_url, origin):
    """first_load(path) -> (visit, transfers): one cold load per page, until the network is idle.

    Cached for the session, so the console, host and budget tests share one load of each page.
    """
    cache: dict[str, tuple[Visit, list[Transfer]]] = {}

    def _load(path: str):
        if path not in cache:
            context, page, visit = visit_page(browser, origin, base_url + path)
            try:
                page.wait_for_load_state("networkidle")
                transfers = []
                for response in visit.responses:
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
                        body = b""
                    transfers.append(Transfer(response.request.resource_type, response.url, len(body), gzipped_size(body)))
                cache[path] = (visit, transfers)
            finally:
                context.close()
        return cache[path]

    return _load


def gzipped_size(body: bytes) -> int:
    """Bytes on the wire if served gzip-compressed (level 9); already-compressed formats such as
    PNG or WOFF2 would be sent as they are, so a body never counts as more than its own size."""
    return min(len(body), len(gzip.compress(body, compresslevel=9, mtime=0))) if body else 0


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """screenshots/ at the repository root: <page>-phone.png and <page>-desktop.png for every page.

    Screenshots of pages that no longer exist are removed; the others are overwritten by this
    run (so parallel workers never delete each other's files).
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    current = {f"{page_id(p)}-{device}.png" for p in page_paths() for device in ("phone", "desktop")}
    for old in SCREENSHOTS.glob("*.png"):
        if old.name not in current:
            old.unlink(missing_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def node_tool():
    """Path of a file in node_modules, or a clear failure telling how to install it."""
    def _need(path: Path, what: str) -> Path:
        if not path.exists():
            pytest.fail(f"{what} is missing ({path.relative_to(ROOT)}); run `npm ci` in {ROOT}", pytrace=False)
        return path
    return _need


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("java is not installed; the Nu HTML Checker needs Java 11 or newer", pytrace=False)
    return found
