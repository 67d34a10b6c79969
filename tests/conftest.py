"""Shared fixtures: the dbt manifest (made once per session) and the venv's bin on PATH.

dagster-dbt reads `dbt_project/target/manifest.json` when the definitions are imported and
`prepare_if_dev()` does nothing under pytest, so the session starts by running `dbt parse` when
the manifest is missing or stale (the same function the CLI uses).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# dbt runs as a subprocess: the venv's dbt must be the one found
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """`dbt parse` once per session (only when the manifest is missing or older than the project)."""
    from orchestration.dbt_manifest import ensure_manifest

    return ensure_manifest()
