"""Locations inside the repository that the orchestration layer needs (dbt project, sample)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE = Path("data") / "warehouse.duckdb"


def default_warehouse() -> Path:
    """The published warehouse when none is given: $CHANCERY_WAREHOUSE, else data/warehouse.duckdb."""
    return Path(os.environ.get("CHANCERY_WAREHOUSE") or DEFAULT_WAREHOUSE).absolute()
