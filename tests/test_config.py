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


def test_dependencies_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("-r "):
                continue
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9A-Za-z.\-+]+", line), f"{name}: {line}"
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    assert pins["mkdocs"].startswith("1.")
    assert pins["mkdocs-material"].startswith("9.")
    assert tuple(int(x) for x in pins["mkdocs-macros-plugin"].split(".")[:2]) >= (1, 5)


UNSAFE_YAML = {"full_load", "unsafe_load", "full_load_all", "unsafe_load_all"}
UNSAFE_NAMES = {"FullLoader", "UnsafeLoader", "Loader", "CLoader", "CFullLoader", "CUnsafeLoader"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "StrictLoader"}


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
