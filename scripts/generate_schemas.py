"""Write JSON Schemas for every data file from the pydantic models.

Editors use them (each data file names its schema in its first line). Run with
--check to fail when the committed schemas differ from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import TypeAdapter

from macros.dataset import RECORD_FILES, SITE_FILE
from macros.models import Site

ROOT = Path(__file__).resolve().parent.parent


SCHEMA_DIR = ROOT / "schemas"


def schemas() -> dict[str, str]:
    out = {}
    for spec in RECORD_FILES:
        schema = TypeAdapter(list[spec.model]).json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.filename,
                  "description": spec.description, **schema}
        out[f"{spec.name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    site = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": SITE_FILE, **Site.model_json_schema()}
    out["site.schema.json"] = json.dumps(site, indent=2, ensure_ascii=False) + "\n"
    return out


def main(argv: list[str]) -> int:
    wanted = schemas()
    if "--check" in argv:
        stale = [name for name, text in wanted.items()
                 if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text]
        extra = [p.name for p in SCHEMA_DIR.glob("*.json") if p.name not in wanted]
        if stale or extra:
            print("schemas/ is out of date with macros/models.py: " + ", ".join(stale + extra)
                  + ". Run: python scripts/generate_schemas.py", file=sys.stderr)
            return 1
        return 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in wanted.items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
