"""How the built pages fare for a reader: Lighthouse and HTML_CodeSniffer, on the local Chromium.

Used by `make benchmark` (scripts/benchmark.py), which prints the figures, and by the browser
tests (tests/browser/test_lighthouse.py, test_htmlcs.py), which assert the deterministic ones.

    python scripts/reader_speed.py SITE_DIR [--page URL_PATH ...] [--preset mobile|desktop]

Lighthouse 12.2.3 comes from npm (package.json); version 13 needs Node 22. It drives Debian's
Chromium with the flags this machine needs, through the same local server as the tests
(scripts/serve_static.py: gzip, the site under its base path), so no request leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
HTMLCS_JS = NODE_MODULES / "html_codesniffer" / "build" / "HTMLCS.js"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-dev-shm-usage"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# HTML_CodeSniffer (WCAG 2 AA) error codes left out, each with its reason. The one place for them.
HTMLCS_EXCLUDED = {
    # "This form does not contain a submit button" (WCAG 3.2.2, On Input). The theme's two forms
    # are the colour-scheme switch and the search box: choosing a scheme changes how the page
    # looks, and typing shows results under the box. Neither is a change of context, which is
    # what 3.2.2 is about, and a submit button would have nothing to do.
    "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2": "theme forms that act on input without a change of context",
}

HTMLCS_RUN = """() => new Promise(resolve => {
  HTMLCS.process("WCAG2AA", document, () => {
    resolve(HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m => ({
      code: m.code, message: m.msg,
      element: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : String(m.element),
    })));
  });
})"""


@dataclass(frozen=True)
class Report:
    """One Lighthouse run of one page."""

    url: str
    preset: str
    scores: dict[str, int]  # category id -> 0..100
    lcp_ms: float | None
    tbt_ms: float | None
    cls: float | None
    bytes: int | None  # transferred on first load
    requests: int | None
    failed: dict[str, list[str]]  # category id -> audits that lost points

    def line(self) -> str:
        scores = "/".join(f"{self.scores.get(c, 0):>3}" for c in CATEGORIES if c in self.scores)
        parts = [scores]
        if self.lcp_ms is not None:
            parts.append(f"LCP {self.lcp_ms / 1000:.2f} s")
        if self.tbt_ms is not None:
            parts.append(f"TBT {self.tbt_ms:.0f} ms")
        if self.cls is not None:
            parts.append(f"CLS {self.cls:.3f}")
        if self.bytes is not None:
            parts.append(f"{self.bytes / 1000:.1f} KB in {self.requests} requests")
        return "  ".join(parts)


def need(path: Path, what: str) -> Path:
    if not path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} is missing: run `npm ci` for {what}, or `make benchmark`")
    return path


def lighthouse(url: str, preset: str = "mobile", categories: tuple[str, ...] = CATEGORIES) -> Report:
    """Run Lighthouse once on url: mobile (simulated slow 4G and a 4x slower CPU) or desktop."""
    need(LIGHTHOUSE, "Lighthouse")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                   f"--only-categories={','.join(categories)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
                   "--max-wait-for-load=60000"]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=str(CHROMIUM), HOME=tmp)
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0 or not out.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"Lighthouse failed on {url}: " + " | ".join(tail))
        data = json.loads(out.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {data['runtimeError'].get('message')}")
    return _report(url, preset, data)


def _numeric(audits: dict, audit_id: str) -> float | None:
    audit = audits.get(audit_id) or {}
    value = audit.get("numericValue")
    return float(value) if value is not None and audit.get("scoreDisplayMode") != "error" else None


def _report(url: str, preset: str, data: dict) -> Report:
    audits = data["audits"]
    scores, failed = {}, {}
    for cid, category in data["categories"].items():
        scores[cid] = round((category.get("score") or 0) * 100)
        lost = []
        for ref in category.get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"{ref['id']} ({audit['score']:.2f})")
        if lost:
            failed[cid] = lost
    network = (audits.get("network-requests") or {}).get("details", {}).get("items")
    return Report(url=url, preset=preset, scores=scores,
                  lcp_ms=_numeric(audits, "largest-contentful-paint"), tbt_ms=_numeric(audits, "total-blocking-time"),
                  cls=_numeric(audits, "cumulative-layout-shift"),
                  bytes=int(audits["total-byte-weight"]["numericValue"]) if "total-byte-weight" in audits else None,
                  requests=len(network) if network is not None else None, failed=failed)


def htmlcs_errors(page) -> list[dict]:
    """HTML_CodeSniffer's WCAG 2 AA errors on a Playwright page, without the listed exclusions."""
    page.add_script_tag(path=str(need(HTMLCS_JS, "HTML_CodeSniffer")))
    return [e for e in page.evaluate(HTMLCS_RUN) if not any(e["code"].startswith(code) for code in HTMLCS_EXCLUDED)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--page", action="append", help="URL path under the site, such as 'talks/' (repeatable)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import serve_static

    server, _, base_url = serve_static.start(args.site_dir.resolve(), serve_static.base_path())
    try:
        for path in args.page or [""]:
            report = lighthouse(base_url + path, args.preset)
            print(f"/{path:<40} {report.line()}")
            for category, audits in report.failed.items():
                print(f"    {category}: {', '.join(audits)}")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
