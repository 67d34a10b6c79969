"""dbt models as assets (`dbt build`, so dbt tests surface as asset checks), run on the working copy.

dbt reads the Python-owned tables as sources; the translator maps each source to the Python asset
that writes it, by its schema (`raw`/`audit` -> raw_articles, `extracted` -> extracted_events), so
the graph is wired without any Dagster-specific meta in sources.yml.
"""

import os
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import progress
from orchestration.assets.extracted_events import EXTRACTED_EVENTS
from orchestration.assets.raw_articles import RAW_ARTICLES
from orchestration.dbt_manifest import BUILD_ARGS, ensure_manifest, manifest_is_stale, project_fingerprint
from orchestration.resources import WarehouseResource, dbt_project, run_key
from warehouse.dbt_state import built_by, record_built_by
from warehouse.paths import build_dir

DBT_DATABASE_ENV = "CHANCERY_DBT_DATABASE"

SOURCE_SCHEMA_ASSETS: dict[str, dg.AssetKey] = {
    "raw": RAW_ARTICLES,
    "audit": RAW_ARTICLES,
    "extracted": EXTRACTED_EVENTS,
}


class ChanceryDbtTranslator(DagsterDbtTranslator):
    """dbt sources in Python-owned schemas become deps on the Python assets that write them."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: Any) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] == "source":
            key = SOURCE_SCHEMA_ASSETS.get(props.get("schema", ""))
            if key is not None:
                return spec.replace_attributes(key=key)
        return spec

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "transform"


DBT_PROJECT = dbt_project()
if manifest_is_stale(DBT_PROJECT.project_dir):  # a bare import (dagster dev, tests) must not fail
    ensure_manifest(DBT_PROJECT.project_dir)

TRANSLATOR = ChanceryDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
)


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT, dagster_dbt_translator=TRANSLATOR)
def chancery_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                        warehouse: WarehouseResource) -> Iterator[Any]:
    """`dbt build` against this run's working copy (no Python connection is open at this point)."""
    work = warehouse.working_copy(run_key(context))
    previous = os.environ.get(DBT_DATABASE_ENV)
    os.environ[DBT_DATABASE_ENV] = str(work)  # dbt is a subprocess: its profile reads this
    # kept between runs of the same warehouse: dbt's partial parse is only valid for the same
    # database path, and a full parse costs seconds on every build
    target = build_dir(warehouse.published_path) / "dbt-target"
    total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
    progress.stage("dbt build", total=total)
    # a warehouse built by another version of the models (an upgrade, a restored file) may hold
    # incremental tables that no longer fit them: rebuild everything once (same result by design)
    fingerprint = project_fingerprint(DBT_PROJECT.project_dir)
    args = ["build", *BUILD_ARGS]
    previous_build = built_by(work)
    if previous_build != fingerprint:
        args.append("--full-refresh")
        if previous_build is not None:
            context.log.info(f"dbt project changed since this warehouse was built ({previous_build} -> "
                             f"{fingerprint}): full refresh")
    invocation = dbt.cli(args, context=context, target_path=target)
    # dbt is a child process: if this one is killed (kill -9, OOM), dbt would go on writing to a
    # working copy the next run is rebuilding; the next run stops it through this pid file
    try:
        with warehouse.child_process(invocation.process.pid):
            for event in invocation.stream():
                progress.advance(1)
                yield event
        record_built_by(work, fingerprint)  # only after a build that succeeded
    finally:  # later steps and runs in this process must not inherit this run's working path
        if previous is None:
            os.environ.pop(DBT_DATABASE_ENV, None)
        else:
            os.environ[DBT_DATABASE_ENV] = previous
