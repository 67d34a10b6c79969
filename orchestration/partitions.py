"""Articles by published day: re-extract a range of days, then rebuild and publish.

`reextracted_days` is partitioned by the article's published day (UTC, from 2016-01-01). A run
over a partition range re-runs the rule extractor on exactly the articles published in that range
(whatever their extraction state), then the same downstream graph as a build — extracted_events
(which only picks up anything else that is stale), `dbt build`, publish — runs once for the whole
range (single-run backfill). That is how a change to the extraction rules is rolled out:

    chancery reextract                                  # every article, dated or not
    chancery reextract --since 2017-01-01 --until 2017-01-31

or from Dagster: `dagster job backfill -m orchestration.definitions -j reextract_job
--partitions 2017-01-01,2017-01-02` / the UI's "Materialize" on `reextracted_days` with a range.
A version bump of EXTRACTOR_VERSION needs none of this: the next build re-extracts everything.
"""


from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import dagster as dg
from pydantic import Field

from ingestion.extraction import EXTRACTOR_VERSION, extract_article
from orchestration import progress
from orchestration.assets.published import PUBLISHED_WAREHOUSE
from orchestration.assets.raw_articles import RAW_ARTICLES
from orchestration.resources import WarehouseResource, run_key
from orchestration.schedules import WRITER_TAG, WRITER_TAG_VALUE
from warehouse.loader import extract_stale

PARTITIONS_START = "2016-01-01"
EXTRACTED_EVENTS = dg.AssetKey("extracted_events")  # not imported: that module depends on this one
REEXTRACTED_DAYS = dg.AssetKey("reextracted_days")
REEXTRACT_JOB_NAME = "reextract_job"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
SINGLE_RUN_MAX_DAYS = 200  # longer ranges: re-extract run, then a dbt + publish run

article_days = dg.DailyPartitionsDefinition(start_date=PARTITIONS_START, end_offset=1)


class ReextractConfig(dg.Config):
    include_unpartitioned: bool = Field(
        default=False, description="Also re-extract articles with no date or dated before "
        f"{PARTITIONS_START} (they belong to no partition); `chancery reextract` sets it for a full "
        "roll-out.")


def _naive_utc(dt: datetime) -> datetime:
    """Warehouse timestamps are naive UTC; partition windows are tz-aware."""
    return dt if dt.tzinfo is None else dt.astimezone(UTC).replace(tzinfo=None)


def keys_published_between(con: Any, start: datetime, end: datetime,
                           include_unpartitioned: bool) -> list[str]:
    """Articles whose published_at (naive UTC) falls in [start, end), plus undated/early ones if asked."""
    extra = ("or published_at is null or published_at < cast(? as timestamp)"
             if include_unpartitioned else "")
    params: list[Any] = [start, end] + ([PARTITIONS_START] if include_unpartitioned else [])
    rows = con.execute(f"""
        select article_key from raw.articles
        where (published_at >= ? and published_at < ?) {extra}
        order by article_key
    """, params).fetchall()
    return [r[0] for r in rows]


@dg.asset(
    key=REEXTRACTED_DAYS,
    partitions_def=article_days,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="maintenance",
    kinds={"python", "duckdb"},
    pool="chancery_warehouse",
    code_version=EXTRACTOR_VERSION,
    description="Forced re-extraction of the articles published on the selected days (a rules "
    "change roll-out or a repair); downstream, dbt rebuilds and the warehouse is republished.",
)
def reextracted_days(context: dg.AssetExecutionContext, config: ReextractConfig,
                     warehouse: WarehouseResource) -> dg.MaterializeResult:
    window = context.partition_time_window
    start, end = _naive_utc(window.start), _naive_utc(window.end)
    with warehouse.connect(run_key(context)) as con:
        keys = keys_published_between(con, start, end, config.include_unpartitioned)
        progress.stage("re-extracting", total=len(keys))
        counts = extract_stale(con, extractor_version=EXTRACTOR_VERSION, extract=extract_article,
                               keys=keys, on_progress=progress.advance)
    context.log.info(f"re-extracted {counts.articles} articles published {start:%Y-%m-%d}..{end:%Y-%m-%d}")
    return dg.MaterializeResult(metadata={
        "first_day": start.date().isoformat(),
        "last_day": (end - timedelta(days=1)).date().isoformat(),
        "articles_reextracted": counts.articles,
        "articles_failed": counts.failed,
        "include_unpartitioned": config.include_unpartitioned,
        **{f"new_{t}": int(n) for t, n in counts.rows.items()},
    })


reextract_job = dg.define_asset_job(
    REEXTRACT_JOB_NAME,
    # the whole graph but the source pull: every dbt model is rebuilt, not only those downstream
    # of extraction, so the job also works on a warehouse whose marts were never built
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(RAW_ARTICLES),
    partitions_def=article_days,
    tags={WRITER_TAG: WRITER_TAG_VALUE},
    executor_def=dg.in_process_executor,
    description="Re-extract the articles of a range of published days, dbt build, publish.",
)


def range_tags(since: date | None, until: date | None) -> dict[str, str]:
    """Partition-range tags of a single run over [since, until] (defaults: every partition)."""
    first = since or date.fromisoformat(PARTITIONS_START)
    last = until or (datetime.now().date() + timedelta(days=1))
    if last < first:
        raise ValueError(f"--until {last} is before --since {first}")
    keys = article_days.get_partition_keys()
    first_key = max(first.isoformat(), keys[0])
    last_key = min(last.isoformat(), keys[-1])
    return {RANGE_START_TAG: first_key, RANGE_END_TAG: last_key}


def _days(tags: dict[str, str]) -> int:
    return (date.fromisoformat(tags[RANGE_END_TAG]) - date.fromisoformat(tags[RANGE_START_TAG])).days + 1


def run_reextract(warehouse: str | Path, since: date | None = None, until: date | None = None, *,
                  include_unpartitioned: bool | None = None, instance: dg.DagsterInstance | None = None,
                  log_level: str = "WARNING") -> list[dg.ExecuteInProcessResult]:
    """Re-extract the days [since, until] of `warehouse` and rebuild it, in-process; returns the
    runs made (stop at the first failure). With neither bound, every article is re-extracted.

    Up to SINGLE_RUN_MAX_DAYS days this is one run of reextract_job (re-extract, dbt, publish:
    atomic). Dagster plans one event per asset and partition, so over the ~200 assets of the
    whole graph a multi-year range costs minutes before the first step; longer ranges therefore
    run as two: the re-extraction alone (published), then dbt build + publish (build job
    without the source pull). Between the two publishes the marts lag the extraction.
    """
    from orchestration.dbt_manifest import ensure_manifest
    from orchestration.definitions import BUILD_JOB_NAME, defs

    ensure_manifest()
    if include_unpartitioned is None:
        include_unpartitioned = since is None and until is None
    tags = {**range_tags(since, until), "chancery/trigger": "reextract"}
    job = defs.resolve_job_def(REEXTRACT_JOB_NAME)
    run_config = {
        "ops": {"reextracted_days": {"config": {"include_unpartitioned": include_unpartitioned}}},
        "resources": {"warehouse": {"config": {"path": str(Path(warehouse).absolute())}}},
        "loggers": {"console": {"config": {"log_level": log_level}}},
    }
    with (dg.DagsterInstance.ephemeral() if instance is None else nullcontext(instance)) as inst:
        if _days(tags) <= SINGLE_RUN_MAX_DAYS:
            return [job.execute_in_process(run_config=run_config, instance=inst, raise_on_error=False,
                                           tags=tags)]
        first = job.execute_in_process(
            run_config=run_config, instance=inst, raise_on_error=False, tags=tags,
            asset_selection=[REEXTRACTED_DAYS, EXTRACTED_EVENTS, PUBLISHED_WAREHOUSE])
        if not first.success:
            return [first]
        build = defs.resolve_job_def(BUILD_JOB_NAME)
        rebuild = [k for k in build.asset_layer.executable_asset_keys if k != RAW_ARTICLES]
        second = build.execute_in_process(
            run_config={k: v for k, v in run_config.items() if k != "ops"}, instance=inst,
            raise_on_error=False, asset_selection=rebuild,
            tags={"chancery/trigger": "reextract", "chancery/reextract_run": first.run_id})
        return [first, second]
