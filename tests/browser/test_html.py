"""The built site is valid HTML according to the Nu HTML Checker (vnu)."""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import VNU_JAR

pytestmark = pytest.mark.browser

# Errors that come from Material for MkDocs' own templates and that the site cannot avoid
# without copying those templates. Each pattern is a Java regular expression matched against the
# whole message; keep each one as narrow as possible and say where it comes from.
VNU_FILTERS: list[str] = [
    # Material's base.html (not an overridable block) writes its two hidden toggle checkboxes,
    # <input class="md-toggle" type="checkbox" id="__drawer"|"__search" autocomplete="off">, and
    # autocomplete is not allowed on checkboxes. Browsers ignore it; no other input on the site
    # is a checkbox with autocomplete.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, .*",
]


def test_html_is_valid(site_dir, node_tool, java):
    jar = node_tool(VNU_JAR, "the Nu HTML Checker (npm package vnu-jar)")
    command = [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
    if VNU_FILTERS:
        command += ["--filterpattern", "|".join(f"(?:{p})" for p in VNU_FILTERS)]
    proc = subprocess.run(command + [str(site_dir)], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for m in errors:
        where = m.get("url", "").split(str(site_dir), 1)[-1].lstrip("/") or "?"
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}  [{(m.get('extract') or '').strip()[:120]}]")
    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(lines)
    assert proc.returncode == 0, proc.stderr
