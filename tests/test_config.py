"""The configuration keeps the build strict, offline and reproducible."""

from __future__ import annotations

import ast
import re

import yaml

from conftest import ROOT


def mkdocs_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_strict_and_every_validation_level_warns():
    config = mkdocs_config()
    assert config["strict"] is True
    validation = config["validation"]
    assert validation["nav"] == {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"}
    assert validation["links"] == {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"}


def test_macros_fail_loudly():
    plugins = mkdocs_config()["plugins"]
    macros = next(p["macros"] for p in plugins if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"
    assert macros["module_name"] == "macros"
    assert "modules" not in macros  # pluglets are installed from PyPI at build time


def test_offline_theme():
    config = mkdocs_config()
    assert config["theme"]["font"] is False
    names = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert not names & {"social", "privacy", "optimize"}, "these plugins download at build time"
    for asset in config.get("extra_css", []) + config.get("extra_javascript", []):
        assert not re.match(r"https?://", asset), asset


# Loaded by MkDocs builds only: the macros adapter and MkDocs' own hooks with what they put in
# place (scripts/build.py lists the hooks in MkDocs builds' configs alone).
MKDOCS_ONLY = {"adapter_mkdocs.py", "mkdocs_hooks.py", "mkdocs_cache.py"}
MAY_IMPORT = {"mkdocs": MKDOCS_ONLY, "material": MKDOCS_ONLY, "mkdocs_macros": MKDOCS_ONLY, "zensical": {"adapter_zensical.py"}}


def test_only_the_adapters_and_mkdocs_hooks_import_a_generator():
    """macros/ is generator-free except for one small adapter per generator and MkDocs' hooks."""
    for path in sorted(ROOT.glob("macros/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
        for generator, files in MAY_IMPORT.items():
            if generator in imported:
                assert path.name in files, f"{path.name} imports {generator}"
        # Nor through a sibling: MkDocs' hooks bring MkDocs in (the adapters are chosen in __init__.py).
        siblings = {f"{node.module}.py" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level and node.module}
        siblings |= {f"{alias.name}.py" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level and not node.module
                     for alias in node.names}
        hooks = MKDOCS_ONLY - {"adapter_mkdocs.py"}
        if path.name not in MKDOCS_ONLY:
            assert not siblings & hooks, f"{path.name} imports {siblings & hooks}"


def test_markdown_extension_for_the_rendering_boundary():
    assert "macros.boundary" in mkdocs_config()["markdown_extensions"]


UNSAFE_YAML = {"full_load", "unsafe_load", "full_load_all", "unsafe_load_all"}
UNSAFE_NAMES = {"FullLoader", "UnsafeLoader", "Loader", "CLoader", "CFullLoader", "CUnsafeLoader"}
# SafeLoader subclasses: _TolerantLoader (macros/config.py) reads any tag as the plain value under it;
# _Lines (scripts/shellcheck_runs.py) records the line of each run: script.
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "StrictLoader", "_TolerantLoader", "_Lines"}


def test_project_code_never_loads_yaml_unsafely():
    for path in [*ROOT.glob("macros/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
                assert node.attr not in UNSAFE_YAML | UNSAFE_NAMES, f"{path.name}:{node.lineno}: yaml.{node.attr}"
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("load", "load_all")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml"):
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), node.args[1] if len(node.args) > 1 else None)
                name = getattr(loader, "attr", getattr(loader, "id", None))
                assert name in SAFE_LOADERS, f"{path.name}:{node.lineno}: yaml.{node.func.attr} with Loader={name}"


def test_macros_never_render_data_as_a_template():
    for path in ROOT.glob("macros/*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from_string" not in text, path.name
        assert "Template(" not in text, path.name


def test_init_only_registers():
    tree = ast.parse((ROOT / "macros" / "__init__.py").read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert set(functions) <= {"define_env", "on_post_build", "_page_url"}


def test_the_script_written_into_every_page_is_plain_javascript():
    # overrides/main.html includes it as a template, inside <script>: a Jinja delimiter would be
    # read as template code, and a closing tag would end the script early.
    text = (ROOT / "overrides" / "partials" / "explainer.js").read_text(encoding="utf-8")
    for delimiter in ("{{", "}}", "{%", "%}", "{#", "#}", "</", "<!--"):
        assert delimiter not in text, delimiter
