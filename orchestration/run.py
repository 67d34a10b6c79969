"""Run the build job in-process: the one entry point shared by the CLI, the tests and the benchmark.

It runs `build_warehouse_job` from `definitions.defs` — the same asset graph a schedule runs — with
the sources as run config and the warehouse path as the resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import dagster as dg

from orchestration.dbt_manifest import ensure_manifest


def build_run_config(sources: Sequence[str], log_level: str = "WARNING") -> dict[str, Any]:
    return {
        "ops": {"raw_articles": {"config": {"sources": [str(s) for s in sources]}}},
        "loggers": {"console": {"config": {"log_level": log_level}}},
    }


def run_build(sources: Sequence[str | Path], warehouse: str | Path, *,
              instance: dg.DagsterInstance | None = None,
              log_level: str = "WARNING") -> dg.ExecuteInProcessResult:
    """Build `sources` into the published `warehouse`; returns the result (never raises on a
    failed step: check `.success`). Uses an in-memory Dagster instance unless one is given."""
    ensure_manifest()
    from orchestration.definitions import BUILD_JOB_NAME, defs
    from orchestration.resources import WarehouseResource

    job = defs.resolve_job_def(BUILD_JOB_NAME)
    with (dg.DagsterInstance.ephemeral() if instance is None else nullcontext(instance)) as inst:
        return job.execute_in_process(
            run_config=build_run_config([str(s) for s in sources], log_level),
            instance=inst,
            raise_on_error=False,
            resources={"warehouse": WarehouseResource(path=str(Path(warehouse).absolute()))},
        )


def materialization_metadata(result: dg.ExecuteInProcessResult, node: str) -> dict[str, Any]:
    """Plain values of the metadata the asset `node` reported in this run."""
    meta: dict[str, Any] = {}
    for mat in result.asset_materializations_for_node(node):
        meta.update({k: getattr(v, "value", v) for k, v in mat.metadata.items()})
    return meta
