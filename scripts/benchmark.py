"""Page weights, build times and reader speed: the real site, and synthetic data at 10x, 100x and 5,000 events.

Prints figures only; nothing here passes or fails on time. Run with `make benchmark`, or

    python scripts/benchmark.py [--runs N] [--cores N] [--scenario NAME ...] [--lighthouse all|sample|none]

The reader-speed report runs Lighthouse 12.2.3 (mobile and desktop) and HTML_CodeSniffer over
every page of the real site, and over a sample of pages of the larger builds (the index pages,
the heaviest page and the largest timeline and sources pages), through scripts/reader_speed.py.

Page weight is estimated from the built files, without a browser: each page's HTML, the
stylesheets, scripts, icons and images it references. The search worker and search/search_index.json
are shown apart: overrides/main.html loads them only when a reader first uses search. Sizes
are gzip level 9, as a server would send them; the browser tests (tests/browser/test_pages.py)
measure the first load in Chromium.

Synthetic data is written into a temporary copy of the project: events and sources are copied
with new ids (`<id>-x<n>`), copies of events cite the same copy of their sources where there is
one, and every synthetic dataset is validated with the project's own loader before it is built.
Pages are left as they are. A data file may not exceed macros/loader.py's MAX_BYTES (4 MiB), so
where a multiple would pass it, that file is scaled less and the output says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reader_speed, serve_static

from macros.dataset import load_dataset  # noqa: E402
from macros.loader import MAX_BYTES, LocatedDict, LocatedList, load_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


# Left out of the temporary project copies: outputs, environments and caches.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "node_modules", "site", ".site-build-*", "screenshots", "test-results",
    "benchmark-results", ".pytest_cache", ".ruff_cache", ".hypothesis", ".cache", "__pycache__", "tests",
)
SCENARIOS = ("real", "10x", "100x", "5000-events")
FILL = 0.97  # fill a capped data file to at most this share of MAX_BYTES


# -- page weight, from the files -------------------------------------------------------------

class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (kind, url as written)
        self.config = ""
        self.repo_source = False
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and a.get("href"):
            if "stylesheet" in rel:
                self.refs.append(("css", a["href"]))
            elif "icon" in rel or "shortcut" in rel:
                self.refs.append(("icon", a["href"]))
            elif "preload" in rel or "modulepreload" in rel:
                self.refs.append((a.get("as") or "preload", a["href"]))
        elif tag == "script":
            if a.get("src"):
                self.refs.append(("js", a["src"]))
            self._in_config = a.get("id") == "__config"
        elif tag in ("img", "source") and a.get("src"):
            self.refs.append(("img", a["src"]))
        if a.get("data-md-component") == "source":
            self.repo_source = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config += data


def gzipped_size(body: bytes) -> int:
    """Bytes on the wire with gzip level 9; already-compressed files (PNG, WOFF2) go as they are."""
    return min(len(body), len(gzip.compress(body, compresslevel=9, mtime=0))) if body else 0


def site_base(project: Path) -> str:
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    return config.get("site_url") or "http://localhost/"


def pages(site: Path) -> list[Path]:
    found = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))]
    found.sort(key=lambda p: p.relative_to(site).as_posix())
    if (site / "404.html").exists():
        found.append(site / "404.html")
    return found


def page_weight(site: Path, page: Path, site_url: str) -> dict:
    """Requests, gzip and raw bytes of one page's first load, from the files."""
    rel = page.relative_to(site).as_posix()
    page_url = urljoin(site_url, rel.removesuffix("index.html"))
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    # A data: URL (the favicon) travels inside the page: no request of its own.
    wanted = [(kind, urljoin(page_url, href)) for kind, href in parser.refs if not href.startswith("data:")]
    try:
        config = json.loads(parser.config) if parser.config.strip() else {}
    except json.JSONDecodeError:
        config = {}
    on_search = []
    if config.get("search"):
        # overrides/main.html holds Material's search worker and index back until the reader
        # first uses search, so they count apart from the first load.
        base = urljoin(page_url, (config.get("base") or ".").rstrip("/") + "/")
        on_search = [urljoin(page_url, config["search"]), urljoin(base, "search/search_index.json")]
    repo_facts = 2 if parser.repo_source else 0  # Material's repository facts: two GitHub API calls
    external = repo_facts

    seen, raw, packed, missing = set(), page.stat().st_size, gzipped_size(page.read_bytes()), []
    html_gzip = packed
    for _kind, url in wanted:
        if url in seen:
            continue
        seen.add(url)
        if not url.startswith(site_url):
            external += 1
            continue
        path = site / urlsplit(url[len(site_url):]).path
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            missing.append(url)
            continue
        body = path.read_bytes()
        raw += len(body)
        packed += gzipped_size(body)
    search_gzip = sum(gzipped_size((site / urlsplit(u[len(site_url):]).path).read_bytes())
                      for u in on_search if u.startswith(site_url) and (site / urlsplit(u[len(site_url):]).path).is_file())
    name = rel.removesuffix("index.html").rstrip("/") or "(home)"
    return {"page": name, "requests": 1 + len(seen) + repo_facts, "external": external, "gzip": packed, "raw": raw,
            "html_gzip": html_gzip, "search_gzip": search_gzip, "missing": missing}


def print_weights(site: Path, site_url: str) -> list[dict]:
    rows = [page_weight(site, p, site_url) for p in pages(site)]
    print(f"{'page':<16} {'requests':>8} {'of which external':>18} {'gzip KB':>9} {'raw KB':>9} {'HTML gzip KB':>13}"
          f" {'+ on first search KB':>21}")
    for r in rows:
        print(f"{r['page']:<16} {r['requests']:>8} {r['external']:>18} {r['gzip'] / 1000:>9.1f} {r['raw'] / 1000:>9.1f} "
              f"{r['html_gzip'] / 1000:>13.1f} {r['search_gzip'] / 1000:>21.1f}")
        for url in r["missing"]:
            print(f"{'':<16} missing: {url}")
    return rows


# -- reader speed: Lighthouse and HTML_CodeSniffer ---------------------------------------------

def _url_path(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def sample(site: Path, rows: list[dict]) -> list[Path]:
    """The pages a larger build is measured on: the home and index pages, the heaviest page,
    and the generated timeline and sources pages with the most HTML."""
    by_name = {r["page"]: p for r, p in zip(rows, pages(site), strict=True)}
    chosen = [by_name[n] for n in ("(home)", "timeline", "sources") if n in by_name]
    chosen.append(by_name[max(rows, key=lambda r: r["gzip"])["page"]])
    for folder in ("timeline/", "sources/"):
        parts = [(r, p) for r, p in zip(rows, pages(site), strict=True) if r["page"].startswith(folder)]
        if parts:
            chosen.append(max(parts, key=lambda rp: rp[0]["html_gzip"])[1])
    return list(dict.fromkeys(chosen))


def reader_report(site: Path, chosen: list[Path], presets: tuple[str, ...]) -> list[tuple[str, str, object]]:
    """Lighthouse for each page and preset, and HTML_CodeSniffer's error count for each page."""
    import reader_speed
    import serve_static
    from playwright.sync_api import sync_playwright

    results = []
    server, _, base_url = serve_static.start(site, serve_static.base_path(ROOT / "mkdocs.yml"))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(reader_speed.CHROMIUM), args=reader_speed.CHROMIUM_FLAGS[1:])
            for page in chosen:
                path = _url_path(site, page)
                for preset in presets:
                    if page.name == "404.html":
                        continue  # served with status 404, which Lighthouse does not score
                    try:
                        report = reader_speed.lighthouse(base_url + path, preset)
                        results.append((path or "/", preset, report))
                    except RuntimeError as exc:
                        results.append((path or "/", preset, str(exc)))
                tab = browser.new_page()
                tab.goto(base_url + path, wait_until="load")
                errors = reader_speed.htmlcs_errors(tab)
                tab.close()
                results.append((path or "/", "htmlcs", errors))
            browser.close()
    finally:
        server.shutdown()
    return results


def print_reader_report(results: list[tuple[str, str, object]]) -> None:
    print(f"   {'page':<34} {'run':<8} perf/a11y/best/SEO  LCP, TBT, CLS, first load")
    for path, kind, value in results:
        if kind == "htmlcs":
            detail = ", ".join(sorted({e["code"].rsplit(".", 2)[-2] + "." + e["code"].rsplit(".", 1)[-1] for e in value}))
            print(f"   {path:<34} {'HTMLCS':<8} {len(value)} error(s){': ' + detail if value else ''}")
        elif isinstance(value, str):
            print(f"   {path:<34} {kind:<8} {value}")
        else:
            print(f"   {path:<34} {kind:<8} {value.line()}")
            for category, audits in value.failed.items():
                if category != "performance":
                    print(f"   {'':<34} {'':<8} {category} lost points on: {', '.join(audits)}")
    reports = [v for _, k, v in results if k in ("mobile", "desktop") and not isinstance(v, str)]
    if reports:
        worst = {c: min(r.scores.get(c, 0) for r in reports) for c in ("performance", "accessibility", "best-practices", "seo")}
        mobile = [r for r in reports if r.preset == "mobile"]
        print(f"   lowest scores: {worst}; mobile LCP max {max(r.lcp_ms for r in mobile) / 1000:.2f} s, "
              f"TBT max {max(r.tbt_ms for r in mobile):.0f} ms" if mobile else f"   lowest scores: {worst}")


# -- builds ----------------------------------------------------------------------------------

def _pin(cores: int):
    if cores and hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        if len(available) > cores:
            return lambda: os.sched_setaffinity(0, set(available[:cores]))
    return None


def timed_build(project: Path, site: Path, runs: int, cores: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), str(site)], cwd=project,
                              env=env, capture_output=True, text=True, preexec_fn=_pin(cores))
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"the build of {project} failed:\n{proc.stdout}{proc.stderr}")
        times.append(elapsed)
    return times


REFERENCE_LOOP = 3_000_000


def host_speed() -> float:
    """Seconds this machine takes right now for a fixed piece of pure-Python work (the best of
    three; lower is faster). On a shared machine the speed drifts, at times by a factor of two
    within a minute, so build times are printed beside it, measured just before and after them."""
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(REFERENCE_LOOP):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


# -- synthetic data --------------------------------------------------------------------------

class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Never writes anchors or aliases, which the project's loader refuses."""

    def ignore_aliases(self, data):
        return True


def plain(value):
    if isinstance(value, (LocatedDict, dict)):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (LocatedList, list)):
        return [plain(v) for v in value]
    return value


def dump(records: list[dict]) -> bytes:
    return yaml.dump(records, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=10_000).encode("utf-8")


def copy_id(rid: str, n: int) -> str:
    suffix = f"-x{n}"
    return rid[: 80 - len(suffix)].rstrip("-") + suffix


def grow(records: list[dict], count: int, copy) -> list[dict]:
    """The originals followed by copies (copy(record, n) for n = 1, 2, ...) up to count records."""
    out = list(records)
    for k in range(max(count - len(records), 0)):
        out.append(copy(records[k % len(records)], k // len(records) + 1))
    return out


def fitting(records: list[dict], wanted: int, copy) -> list[dict]:
    """grow() to `wanted` records, or to as many as fit in MAX_BYTES * FILL."""
    count = wanted
    while True:
        grown = grow(records, count, copy)
        size = len(dump(grown))
        if size <= MAX_BYTES * FILL:
            return grown
        count = min(count - 1, math.floor(count * MAX_BYTES * FILL / size))


def earlier(date: str, days: int) -> str:
    """A full date moved back by days; a month or a year stays as it is."""
    if len(date) != 10:
        return date
    return (dt.date.fromisoformat(date) - dt.timedelta(days=days)).isoformat()


def number_same_days(events: list[dict]) -> list[dict]:
    """Copies share their original's day; events of one day need an order (1 = first)."""
    days: dict[str, list[dict]] = {}
    for event in events:
        if len(event["date"]) == 10:
            days.setdefault(event["date"], []).append(event)
    for same in days.values():
        if len(same) > 1:
            for n, event in enumerate(sorted(same, key=lambda e: (e.get("order") or 0, e["id"])), 1):
                event["order"] = n
    return events


def synthesize(data: Path, events_wanted: int, sources_wanted: int) -> dict:
    events = plain(load_file(data / "events.yaml", "data/events.yaml", data.parent))
    sources = plain(load_file(data / "sources.yaml", "data/sources.yaml", data.parent))

    def copy_source(s: dict, n: int) -> dict:
        return {**s, "id": copy_id(s["id"], n), "url": f"{s['url'].split('#')[0]}#synthetic-{n}",
                "title": f"{s['title']} (synthetic copy {n})"}

    new_sources = fitting(sources, sources_wanted, copy_source)
    source_ids = {s["id"] for s in new_sources}

    def copy_event(e: dict, n: int) -> dict:
        refs = [copy_id(r, n) if copy_id(r, n) in source_ids else r for r in e["sources"]]
        # Copy n happens n days earlier, so that copies spread over the calendar as real events do.
        moved = {k: earlier(e[k], n) for k in ("date", "end") if e.get(k)}
        return {**e, **moved, "id": copy_id(e["id"], n), "title": f"{e['title']} (synthetic copy {n})", "sources": refs}

    new_events = number_same_days(fitting(events, events_wanted, copy_event))
    for name, records in (("events", new_events), ("sources", new_sources)):
        ids = [r["id"] for r in records]
        if len(ids) != len(set(ids)):
            raise SystemExit(f"synthetic {name} have duplicate ids")
        body = dump(records)
        if len(body) > MAX_BYTES:
            raise SystemExit(f"synthetic {name}.yaml is {len(body)} bytes, over MAX_BYTES ({MAX_BYTES})")
        (data / f"{name}.yaml").write_bytes(body)
    dataset = load_dataset(data)  # raises DataError if any synthetic record is invalid
    return {"events": len(dataset.events), "sources": len(dataset.sources),
            "events_wanted": events_wanted, "sources_wanted": sources_wanted,
            "events_bytes": (data / "events.yaml").stat().st_size, "sources_bytes": (data / "sources.yaml").stat().st_size}


# -- main ------------------------------------------------------------------------------------

def describe_times(times: list[float]) -> str:
    """The first build of a scenario starts with an empty .cache/ (share images, parsed pages,
    compiled templates); the later ones find what it kept, as a rebuild after an edit does."""
    if len(times) == 1:
        return f"{times[0]:.2f} s (empty cache)"
    return (f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs;"
            f" the first, with an empty cache, {times[0]:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="builds per scenario (default 1)")
    parser.add_argument("--cores", type=int, default=2, help="pin builds to this many CPU cores where possible (0: all)")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="run only these (repeatable)")
    parser.add_argument("--lighthouse", choices=("all", "sample", "none"), default="all",
                        help="reader-speed report: every page of the real site and a sample of the others (all), "
                             "a sample everywhere, or none")
    args = parser.parse_args(argv)
    chosen = args.scenario or list(SCENARIOS)

    real = load_dataset(ROOT / "data")
    base_events, base_sources = len(real.events), len(real.sources)
    site_url = site_base(ROOT)
    pinned = _pin(args.cores) is not None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Python {sys.version.split()[0]}; {cpus} CPU cores available; builds "
          + (f"pinned to {args.cores} cores" if pinned else "on all of them"))
    print(f"Real data: {base_events} events, {base_sources} sources. Data file cap: {MAX_BYTES} bytes (macros/loader.py).")

    summary = []
    with tempfile.TemporaryDirectory(prefix="explainer-benchmark-") as tmp:
        tmp = Path(tmp)
        for name in chosen:
            project = tmp / name / "project"
            shutil.copytree(ROOT, project, ignore=NOT_COPIED)
            note = ""
            if name == "real":
                counts = {"events": base_events, "sources": base_sources}
            else:
                if name == "5000-events":
                    ev, so = 5000, 1000
                else:
                    factor = int(name.removesuffix("x"))
                    ev, so = base_events * factor, base_sources * factor
                counts = synthesize(project / "data", ev, so)
                capped = [f"{k} {counts[k]} instead of {counts[k + '_wanted']} ({counts[k + '_bytes'] / 2**20:.2f} MiB file)"
                          for k in ("events", "sources") if counts[k] < counts[k + "_wanted"]]
                if capped:
                    note = "scaled less to stay under the 4 MiB file cap: " + "; ".join(capped)
            site = tmp / name / "site"
            before = host_speed()
            times = timed_build(project, site, args.runs, args.cores)
            speed = (before, host_speed())
            print()
            print(f"== {name}: {counts['events']} events, {counts['sources']} sources; build {describe_times(times)}")
            print(f"   machine speed: the reference work took {speed[0]:.2f} s before these builds and {speed[1]:.2f} s after")
            if note:
                print(f"   {note}")
            rows = print_weights(site, site_url) if name == "real" else [page_weight(site, p, site_url) for p in pages(site)]
            heaviest = max(rows, key=lambda r: r["gzip"])
            print(f"   site {site_size(site) / 1e6:.1f} MB on disk; heaviest page: {heaviest['page']} "
                  f"{heaviest['gzip'] / 1000:.1f} KB gzip in {heaviest['requests']} requests")
            if args.lighthouse != "none":
                every = name == "real" and args.lighthouse == "all"
                checked = pages(site) if every else sample(site, rows)
                presets = ("mobile", "desktop") if every else ("mobile",)
                print(f"   reader speed ({'every page' if every else 'sample of ' + str(len(checked)) + ' pages'}; "
                      f"Lighthouse {', '.join(presets)}; HTML_CodeSniffer WCAG 2 AA):")
                print_reader_report(reader_report(site, checked, presets))
            summary.append((name, counts["events"], counts["sources"], times, heaviest, speed))

    print()
    print(f"{'scenario':<12} {'events':>7} {'sources':>8} {'build s':>8} {'reference s':>12} {'heaviest page':>24}")
    for name, ev, so, times, heaviest, speed in summary:
        print(f"{name:<12} {ev:>7} {so:>8} {statistics.median(times):>8.2f} {f'{speed[0]:.2f}/{speed[1]:.2f}':>12} "
              f"{heaviest['page'] + ' ' + format(heaviest['gzip'] / 1000, '.1f') + ' KB':>24}")
    print("Targets (not checked here): the real site under 2 s and 5000-events under 10 s on 2 cores, median of 3 runs;"
          " every page 90 KB gzip or less today and 100 KB or less at 10x.")
    print(f"Reference s: the machine's speed before/after each scenario's builds ({REFERENCE_LOOP:,} additions in a"
          " Python loop, best of 3); build times taken while it was high are not comparable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
