"""Feed polling against a real HTTP server on 127.0.0.1: conditional GET through raw.fetch_state,
new items only, the feeds file and the schedule (`build_schedule_context`).

Most runs select raw_articles + published_warehouse only (the ingestion half of the graph, no
dbt: seconds instead of tens of seconds); one test goes through the `chancery` CLI end to end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from feed_server import sample_items, serve_feed

from orchestration.feeds import FEEDS_FILE_ENV, FeedConfigError, load_feeds
from orchestration.run import build_run_config, materialization_metadata

CHANCERY = Path(sys.executable).with_name("chancery")
SHARED_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "other" / "feeds"


def ingest(sources: list[str], warehouse: Path) -> dict:
    """Run the build job's ingestion half (raw_articles -> published) in-process."""
    from orchestration.assets.published import PUBLISHED_WAREHOUSE
    from orchestration.assets.raw_articles import RAW_ARTICLES
    from orchestration.definitions import BUILD_JOB_NAME, defs

    job = defs.resolve_job_def(BUILD_JOB_NAME)
    result = job.execute_in_process(
        run_config={**build_run_config(sources),
                    "resources": {"warehouse": {"config": {"path": str(warehouse)}}}},
        asset_selection=[RAW_ARTICLES, PUBLISHED_WAREHOUSE],
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    return materialization_metadata(result, "raw_articles")


def test_unchanged_feed_is_not_refetched_and_changed_feed_adds_only_new_items(
        tmp_path: Path, dbt_manifest: Path) -> None:
    wh = tmp_path / "wh.duckdb"
    with serve_feed(sample_items(3)) as srv:
        first = ingest([srv.url], wh)
        assert (first["new"], first["urls_fetched"]) == (3, 1)
        assert srv.log[-1]["if_none_match"] is None

        second = ingest([srv.url], wh)
        assert srv.log[-1]["if_none_match"] == srv.etag and srv.statuses() == [200, 304]
        assert (second["new"], second["updated"], second["unchanged"], second["urls_fetched"]) == (0, 0, 0, 0)

        with duckdb.connect(str(wh), read_only=True) as con:
            before = dict(con.execute("select article_key, updated_at from raw.articles").fetchall())
        srv.set_items(sample_items(5))  # two items appended
        third = ingest([srv.url], wh)
        assert srv.statuses() == [200, 304, 200]
        assert (third["new"], third["updated"], third["unchanged"]) == (2, 0, 3)
        with duckdb.connect(str(wh), read_only=True) as con:
            after = dict(con.execute("select article_key, updated_at from raw.articles").fetchall())
            etag, = con.execute("select etag from raw.fetch_state where url = ?", [srv.url]).fetchone()
        assert len(after) == 5 and all(after[k] == v for k, v in before.items())
        assert etag == srv.etag


def test_failed_run_forgets_validators(tmp_path: Path, dbt_manifest: Path) -> None:
    """Validators live in the working copy: a run that is not published leaves no trace, so the
    next poll fetches the feed in full again instead of answering 304 for items never landed."""
    from warehouse.fetch_state import WarehouseFetchState
    from warehouse.schema import ensure_schema

    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        ensure_schema(con)
        state = WarehouseFetchState(con)
        state.put("http://x/feed", '"a"', None, "h", 200)
        assert state.get("http://x/feed") == ('"a"', None)  # visible within the run
        assert con.execute("select count(*) from raw.fetch_state").fetchone() == (0,)  # not yet written
        assert state.flush() == 1
        assert WarehouseFetchState(con).get("http://x/feed") == ('"a"', None)


def test_cli_build_from_feed_url_sends_validators(tmp_path: Path, dbt_manifest: Path) -> None:
    """The issue's check through the CLI: after a first poll of the feed (the same job, run
    in-process to save a dbt build), `chancery build --source URL` sends the ETag, gets 304
    and adds nothing, and exits 0."""
    wh = tmp_path / "wh.duckdb"
    env = dict(os.environ, PATH=f"{CHANCERY.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("DAGSTER_HOME", None)
    with serve_feed(sample_items(3)) as srv:
        assert ingest([srv.url], wh)["new"] == 3
        proc = subprocess.run([str(CHANCERY), "build", "--source", srv.url, "--warehouse", str(wh)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert srv.statuses() == [200, 304]
        assert srv.log[1]["if_none_match"] == srv.etag
        assert "new 0, updated 0, unchanged 0" in proc.stdout
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_articles").fetchone() == (3,)


def test_feeds_file(tmp_path: Path) -> None:
    f = tmp_path / "feeds.yml"
    assert load_feeds(f) == []  # missing file: no feeds
    f.write_text("feeds:\n  - https://a.example/rss\n  - url: http://b.example/x.atom\n"
                 "  - url: https://c.example/off\n    enabled: false\n  - https://a.example/rss\n")
    assert load_feeds(f) == ["https://a.example/rss", "http://b.example/x.atom"]
    f.write_text("feeds:\n  - file:///etc/passwd\n")
    with pytest.raises(FeedConfigError, match="not an http"):
        load_feeds(f)
    f.write_text("feeds: [unclosed\n")
    with pytest.raises(FeedConfigError):
        load_feeds(f)


def test_schedule_requests_a_build_of_the_configured_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          dbt_manifest: Path) -> None:
    from orchestration.definitions import BUILD_JOB_NAME, defs
    from orchestration.schedules import WRITER_TAG, feed_poll_schedule

    schedule = defs.get_schedule_def("feed_poll_schedule")
    assert schedule.cron_schedule == "*/15 * * * *" and schedule.job_name == BUILD_JOB_NAME
    monkeypatch.setenv(FEEDS_FILE_ENV, str(tmp_path / "missing.yml"))
    with dg.build_schedule_context() as ctx:
        assert isinstance(feed_poll_schedule(ctx), dg.SkipReason)
    with serve_feed(sample_items(2)) as srv:
        (tmp_path / "feeds.yml").write_text(f"feeds:\n  - {srv.url}\n")
        monkeypatch.setenv(FEEDS_FILE_ENV, str(tmp_path / "feeds.yml"))
        with dg.build_schedule_context() as ctx:
            request = feed_poll_schedule(ctx)
        assert isinstance(request, dg.RunRequest) and request.tags[WRITER_TAG] == "warehouse"
        assert request.run_config["ops"]["raw_articles"]["config"]["sources"] == [srv.url]
        # the requested run config is valid for the job and ingests the feed
        meta = ingest(request.run_config["ops"]["raw_articles"]["config"]["sources"], tmp_path / "w.duckdb")
        assert meta["new"] == 2 and srv.statuses() == [200]


@pytest.mark.skipif(not SHARED_FEEDS.is_dir(), reason="../shared/corpus/other/feeds not present")
def test_shared_feed_files_over_http(tmp_path: Path, dbt_manifest: Path) -> None:
    """Real feeds (RSS 1.0/2.0, Atom, a latin-1 feed without XML declaration) served from
    127.0.0.1 without a charset: all ingested, and on the next poll every one answers 304."""
    docs = {f"/{p.name}": p.read_bytes() for p in sorted(SHARED_FEEDS.iterdir()) if p.is_file()}
    wh = tmp_path / "wh.duckdb"
    with serve_feed(sample_items(1), extra=docs) as srv:
        urls = [srv.base + path for path in docs]
        first = ingest(urls, wh)
        assert first["urls_fetched"] == len(docs) and first["new"] > 10 * len(docs)
        with duckdb.connect(str(wh), read_only=True) as con:
            per_url = dict(con.execute("select source, count(*) from raw.articles group by 1").fetchall())
            rejected = con.execute("select location, reason from audit.rejected_inputs").fetchall()
        # title-only items (the RSS 1.0 feed has empty descriptions) are quarantined, nothing else
        assert {reason for _, reason in rejected} <= {"record has no body"}, rejected
        assert len(per_url) >= len(urls) - 1 and first["new"] == sum(per_url.values())
        second = ingest(urls, wh)
        assert (second["new"], second["updated"], second["unchanged"]) == (0, 0, 0)
        assert [r["status"] for r in srv.log[len(docs):]] == [304] * len(docs)
