"""published_warehouse: atomically replace the published file with the built working copy."""

from collections.abc import Sequence

import dagster as dg

from orchestration import progress
from orchestration.resources import WarehouseResource, run_key
from warehouse.publish import export_parquet, finish_export, publish
from warehouse.read import summary

PUBLISHED_WAREHOUSE = dg.AssetKey("published_warehouse")


def build_published_asset(upstream: Sequence[dg.AssetKey]) -> dg.AssetsDefinition:
    """The publish asset, downstream of everything the build makes (`upstream`)."""

    @dg.asset(
        key=PUBLISHED_WAREHOUSE,
        deps=list(upstream),
        group_name="publish",
        kinds={"duckdb", "parquet"},
        # every warehouse-writing job contains this asset: with `concurrency.pools.granularity: run`
        # and a limit of 1 (see docs/orchestration.md) only one such run is in progress at a time
        pool="chancery_warehouse",
        description="The published DuckDB file (replaced atomically) and a Parquet export of the "
        "marts under exports/<timestamp>/, with exports/latest pointing at the newest.",
    )
    def published_warehouse(context: dg.AssetExecutionContext,
                            warehouse: WarehouseResource) -> dg.MaterializeResult:
        progress.stage("publishing", total=3)
        work = warehouse.working_copy(run_key(context))
        export_tmp = export_parquet(work, warehouse.published_path)
        progress.advance()  # exported, not yet published
        published = publish(work, warehouse.published_path)
        warehouse.forget_run()
        progress.advance()  # published, export not yet visible
        export = finish_export(export_tmp)
        progress.advance()
        counts = summary(published)
        context.log.info(f"published {published}: {counts}")
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(published)),
            "export": dg.MetadataValue.path(str(export)),
            **{k: v for k, v in counts.items() if v is not None},
        })

    return published_warehouse
