"""Day partitions: a single-run backfill over two partitions re-extracts exactly the articles
published on those days (extracted.article_state.extracted_at moves for them only), then the
downstream graph (extracted_events, dbt build, publish) rebuilds the warehouse once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.partitions import RANGE_END_TAG, RANGE_START_TAG, article_days, range_tags

DAYS = {"d1": "2017-01-02T09:00:00Z", "d2": "2017-01-03T23:30:00Z", "d3": "2017-01-04T00:10:00Z",
        "d0": "2015-06-01T12:00:00Z", "nodate": None}


def write_source(folder: Path) -> Path:
    src = folder / "days.jsonl"
    with src.open("w") as fh:
        for key, when in DAYS.items():
            rec = {"id": key, "title": f"Article {key}",
                   "text": f"Estmark imposed sanctions on Norland, the ministry said. Note {key}."}
            if when:
                rec["date"] = when
            fh.write(json.dumps(rec) + "\n")
    return src


def extracted_at(wh: Path) -> dict[str, object]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return dict(con.execute("""
            select a.source_id, s.extracted_at from raw.articles a join extracted.article_state s
            using (article_key)""").fetchall())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Path) -> Path:
    """A warehouse holding the articles, extracted once (ingestion half of the build job)."""
    from orchestration.assets.extracted_events import EXTRACTED_EVENTS
    from orchestration.assets.published import PUBLISHED_WAREHOUSE
    from orchestration.assets.raw_articles import RAW_ARTICLES
    from orchestration.definitions import BUILD_JOB_NAME, defs

    tmp = tmp_path_factory.mktemp("backfill")
    wh = tmp / "wh.duckdb"
    result = defs.resolve_job_def(BUILD_JOB_NAME).execute_in_process(
        run_config={"ops": {"raw_articles": {"config": {"sources": [str(write_source(tmp))]}}},
                    "resources": {"warehouse": {"config": {"path": str(wh)}}}},
        asset_selection=[RAW_ARTICLES, EXTRACTED_EVENTS, PUBLISHED_WAREHOUSE],
        instance=dg.DagsterInstance.ephemeral())
    assert result.success
    return wh


def test_backfill_over_two_partitions_reextracts_only_those_days(built: Path) -> None:
    from orchestration.partitions import run_reextract

    before = extracted_at(built)
    assert set(before) == set(DAYS)
    with dg.DagsterInstance.ephemeral() as instance:
        [result] = run_reextract(built, date(2017, 1, 2), date(2017, 1, 3), instance=instance)
        assert result.success
        mats = result.asset_materializations_for_node("reextracted_days")
        assert sorted(m.partition for m in mats) == ["2017-01-02", "2017-01-03"]  # one per day
        assert {m.metadata["articles_reextracted"].value for m in mats} == {2}  # counted per run
        # one run for the whole range, and both partitions recorded as materialized
        assert result.dagster_run.tags[RANGE_START_TAG] == "2017-01-02"
        status = instance.get_materialized_partitions(dg.AssetKey("reextracted_days"))
        assert {"2017-01-02", "2017-01-03"} <= status
        assert "2017-01-04" not in status
        assert result.asset_materializations_for_node("published_warehouse")
    after = extracted_at(built)
    moved = sorted(k for k in DAYS if after[k] != before[k])
    assert moved == ["d1", "d2"]  # d2 is 23:30 UTC on the 3rd: its UTC day decides
    with duckdb.connect(str(built), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == len(DAYS)


def test_include_unpartitioned_takes_undated_and_early_articles(built: Path) -> None:
    """What `chancery reextract` (no range) adds to the partitions: articles that fit none."""
    from orchestration.assets.extracted_events import EXTRACTED_EVENTS
    from orchestration.definitions import defs
    from orchestration.partitions import REEXTRACT_JOB_NAME, REEXTRACTED_DAYS

    before = extracted_at(built)
    result = defs.resolve_job_def(REEXTRACT_JOB_NAME).execute_in_process(
        run_config={"ops": {"reextracted_days": {"config": {"include_unpartitioned": True}}},
                    "resources": {"warehouse": {"config": {"path": str(built)}}}},
        asset_selection=[REEXTRACTED_DAYS, EXTRACTED_EVENTS, dg.AssetKey("published_warehouse")],
        tags=range_tags(date(2017, 1, 4), date(2017, 1, 4)), instance=dg.DagsterInstance.ephemeral())
    assert result.success
    after = extracted_at(built)
    assert sorted(k for k in DAYS if after[k] != before[k]) == ["d0", "d3", "nodate"]


def test_range_tags() -> None:
    tags = range_tags(date(2017, 1, 2), date(2017, 1, 3))
    assert (tags[RANGE_START_TAG], tags[RANGE_END_TAG]) == ("2017-01-02", "2017-01-03")
    whole = range_tags(None, None)
    keys = article_days.get_partition_keys()
    assert (whole[RANGE_START_TAG], whole[RANGE_END_TAG]) == (keys[0], keys[-1]) == ("2016-01-01", keys[-1])
    with pytest.raises(ValueError):
        range_tags(date(2017, 2, 1), date(2017, 1, 1))
