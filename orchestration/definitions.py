"""Dagster definitions: wiring only (assets, the build job, resources). Business logic lives in
`warehouse/` and `ingestion/`; schedules and sensors plug in through `extra_definitions()`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dagster as dg

from orchestration.assets.dbt import DBT_PROJECT, chancery_dbt_models
from orchestration.assets.extracted_events import EXTRACTED_EVENTS, extracted_events
from orchestration.assets.published import build_published_asset
from orchestration.assets.raw_articles import RAW_ARTICLES, raw_articles
from orchestration.automation import automation_definitions
from orchestration.resources import WarehouseResource, dbt_resource
from orchestration.schedules import WRITER_TAG, WRITER_TAG_VALUE

# `dbt parse` renders profiles.yml, which reads the database path from the environment; parsing
# never opens it, and every dbt run sets it to its working copy (assets/dbt.py). Without this,
# `dagster dev` without CHANCERY_DBT_DATABASE fails to load the code location.
os.environ.setdefault("CHANCERY_DBT_DATABASE", str(Path(tempfile.gettempdir()) / "chancery-parse.duckdb"))
DBT_PROJECT.prepare_if_dev()  # re-parses under `dagster dev`; a no-op elsewhere

published_warehouse = build_published_asset([RAW_ARTICLES, EXTRACTED_EVENTS, *chancery_dbt_models.keys])

BUILD_JOB_NAME = "build_warehouse_job"

build_warehouse_job = dg.define_asset_job(
    BUILD_JOB_NAME,
    # everything but the day-partitioned maintenance assets (they have their own job)
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("maintenance"),
    description="Pull sources -> raw -> extract -> dbt build (tests as checks) -> publish.",
    # one process holds the warehouse lock for the whole run; the tag is the run-queue limit's key
    executor_def=dg.in_process_executor,
    tags={WRITER_TAG: WRITER_TAG_VALUE},
)

# one Definitions at module scope (dagster refuses to load a module with two)
defs = dg.Definitions.merge(
    dg.Definitions(
        assets=[raw_articles, extracted_events, chancery_dbt_models, published_warehouse],
        jobs=[build_warehouse_job],
        resources={
            "warehouse": WarehouseResource(),
            "dbt": dbt_resource(DBT_PROJECT),
        },
    ),
    automation_definitions(),  # schedule, sensors, re-extraction job, asset checks
)
