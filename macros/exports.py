"""Writes every dataset as JSON and CSV into the built site.

The files come from the same validated records the pages show, so a download
can never disagree with the page.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .dataset import RECORD_FILES, Dataset

LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def records_as_json(dataset: Dataset, name: str) -> list[dict]:
    return [record.model_dump(mode="json") for record in dataset.records[name]]


def _flat(value) -> str:
    """One CSV cell. Text that a spreadsheet would run as a formula gets a leading apostrophe,
    which spreadsheets show as text; numbers are numbers and are never changed."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(_flat(v).removeprefix(FORMULA_GUARD) for v in value)
        return FORMULA_GUARD + text if text.startswith(FORMULA_START) else text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return FORMULA_GUARD + value
    return str(value)


def csv_rows(records: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Flat rows; a list of mappings (seats' parties) becomes one row per item."""
    if not records:
        return ["id"], []
    nested = [k for k, v in records[0].items() if isinstance(v, list) and v and isinstance(v[0], dict)]
    plain = [k for k in records[0] if k not in nested]
    if not nested:
        return plain, [[_flat(r[k]) for k in plain] for r in records]
    child = nested[0]
    child_keys = list(records[0][child][0].keys())
    header = plain + [f"{child}.{k}" for k in child_keys]
    rows = []
    for r in records:
        for item in r[child]:
            rows.append([_flat(r[k]) for k in plain] + [_flat(item[k]) for k in child_keys])
    return header, rows


def csv_text(records: list[dict]) -> str:
    header, rows = csv_rows(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_downloads(dataset: Dataset, site_dir: Path) -> list[Path]:
    out_dir = site_dir / "data"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in RECORD_FILES:
        records = records_as_json(dataset, spec.name)
        document = {
            "dataset": spec.name,
            "description": spec.description,
            "as_of": dataset.site.as_of,
            "licence": dataset.site.licence,
            "records": records,
        }
        json_path = out_dir / f"{spec.name}.json"
        json_path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        csv_path = out_dir / f"{spec.name}.csv"
        csv_path.write_text(csv_text(records), encoding="utf-8")
        written += [json_path, csv_path]
    return written
