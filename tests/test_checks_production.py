"""The production asset checks (orchestration/checks.py): freshness of configured feeds, reject
rate of the latest load, extraction yield of the latest batch — over real DuckDB tables, and
evaluated inside a real in-process run (a WARN never fails the run)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.checks import extraction_yield_result, feed_freshness_result, reject_rate_result
from warehouse.schema import ensure_schema

NOW = datetime(2026, 11, 1, 12, 0)


@pytest.fixture()
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "c.duckdb"))
    ensure_schema(c)
    yield c
    c.close()


def add_article(con, key: str, source: str, first_seen: datetime) -> None:
    con.execute("""insert into raw.articles (article_key, source, source_id, source_kind, location, body,
                   body_hash, first_seen_at, updated_at) values (?, ?, ?, 'feed', ?, 'b', 'h', ?, ?)""",
                [key, source, key, source, first_seen, first_seen])


def test_feed_freshness(con) -> None:
    fresh, stale, silent = "http://a/rss", "http://b/rss", "http://c/rss"
    add_article(con, "1", fresh, NOW - timedelta(hours=2))
    add_article(con, "2", stale, NOW - timedelta(hours=30))
    add_article(con, "3", stale, NOW - timedelta(hours=50))
    add_article(con, "4", "some-file.jsonl", NOW - timedelta(hours=99))  # not a feed: ignored
    r = feed_freshness_result(con, [fresh, stale, silent], NOW, 24)
    assert not r.passed and r.severity == dg.AssetCheckSeverity.WARN
    assert r.metadata["stale_feeds"].value == [stale, silent]
    assert r.metadata["hours_since_new"].value[stale] == 30.0
    assert feed_freshness_result(con, [fresh], NOW, 24).passed
    assert feed_freshness_result(con, [], NOW, 24).passed


def test_reject_rate() -> None:
    assert reject_rate_result({"new": 8, "updated": 0, "unchanged": 0, "rejected": 2}, 0.2).passed
    r = reject_rate_result({"new": 2, "updated": 1, "unchanged": 0, "rejected": 3}, 0.2)
    assert not r.passed and r.metadata["reject_rate"].value == 0.5
    assert reject_rate_result({"new": 0, "updated": 0, "unchanged": 0, "rejected": 0}, 0.2).passed
    assert reject_rate_result(None, 0.2).passed


def _state(con, key: str, at: datetime, statements: int) -> None:
    con.execute("insert into extracted.article_state values (?, 'h', 'v', ?, 1, null, null)", [key, at])
    for i in range(statements):
        con.execute("""insert into extracted.statements (article_key, statement_index, sentence_index,
                       char_start, char_end, speaker_name, speaker_kind, reporting_verb, is_direct_quote,
                       evidence, confidence, date_precision) values (?, ?, 0, 0, 1, 's', 'person', 'said',
                       false, 'e', 1.0, 'unknown')""", [key, i])


def test_extraction_yield(con) -> None:
    for i in range(30):
        _state(con, f"old{i}", NOW - timedelta(days=1), 3)
    for i in range(25):
        _state(con, f"new{i}", NOW, 1 if i < 10 else 0)  # 0.4 events/article vs 3.0
    r = extraction_yield_result(con, 0.5, 20)
    assert not r.passed and r.severity == dg.AssetCheckSeverity.WARN
    assert r.metadata["baseline_events_per_article"].value == 3.0
    assert r.metadata["batch_events_per_article"].value == 0.4
    assert extraction_yield_result(con, 0.1, 20).passed  # under a looser threshold
    assert extraction_yield_result(con, 0.5, 26).passed  # batch too small to judge


def test_checks_run_inside_a_build_and_only_warn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 dbt_manifest: Path) -> None:
    from orchestration.assets.extracted_events import EXTRACTED_EVENTS
    from orchestration.assets.published import PUBLISHED_WAREHOUSE
    from orchestration.assets.raw_articles import RAW_ARTICLES
    from orchestration.definitions import BUILD_JOB_NAME, defs

    monkeypatch.setenv("CHANCERY_FEEDS_FILE", str(tmp_path / "feeds.yml"))
    (tmp_path / "feeds.yml").write_text("feeds:\n  - http://127.0.0.1:9/never-polled.rss\n")
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps({"id": "ok", "title": "t", "text": "Estmark said talks would resume."})
                   + "\n{not json\n[1, 2]\n")
    result = defs.resolve_job_def(BUILD_JOB_NAME).execute_in_process(
        run_config={"ops": {"raw_articles": {"config": {"sources": [str(src)]}}},
                    "resources": {"warehouse": {"config": {"path": str(tmp_path / "w.duckdb")}}}},
        asset_selection=[RAW_ARTICLES, EXTRACTED_EVENTS, PUBLISHED_WAREHOUSE],
        instance=dg.DagsterInstance.ephemeral())
    assert result.success
    evals = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert {"feed_freshness", "reject_rate", "extraction_yield"} <= set(evals)
    assert not evals["reject_rate"].passed and evals["reject_rate"].severity == dg.AssetCheckSeverity.WARN
    assert not evals["feed_freshness"].passed  # configured, never delivered anything
    assert evals["extraction_yield"].passed  # first batch: nothing to compare with
