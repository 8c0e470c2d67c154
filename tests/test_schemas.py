"""Committed JSON Schemas match the models, and every data file points at its schema."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from macros.dataset import RECORD_FILES


def test_schemas_are_current():
    result = subprocess.run([sys.executable, "scripts/generate_schemas.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_data_file_names_its_schema():
    for name in [spec.name for spec in RECORD_FILES] + ["site"]:
        first = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json", name
