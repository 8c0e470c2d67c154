"""Validate a data folder without building the site: python scripts/check_data.py [DIR]."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.dataset import load_dataset
from macros.errors import DataError


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else Path("data")
    try:
        dataset = load_dataset(data_dir, display_root=str(data_dir).rstrip("/"))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(v)} {k}" for k, v in dataset.records.items())
    print(f"{data_dir}: valid ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
