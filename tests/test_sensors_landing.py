"""The landing-folder sensor over a real folder (`build_sensor_context`), the run it requests
executed in-process, and the run-status sensor that archives the files after that run succeeded."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.sensors import (
    ARCHIVE_DIR_ENV,
    LANDING_DIR_ENV,
    SETTLE_ENV,
    landing_archive_sensor,
    landing_folder_sensor,
)


def article(i: int) -> str:
    return json.dumps({"id": f"land-{i}", "title": f"Landing {i}", "date": f"2017-03-0{i % 9 + 1}",
                       "text": f"The Norland foreign minister met his Estmark counterpart in Vale City. "
                               f"They discussed trade, item {i}."}) + "\n"


def tick(cursor: str | None, instance: dg.DagsterInstance) -> dg.SensorResult:
    with dg.build_sensor_context(instance=instance, cursor=cursor) as ctx:
        result = landing_folder_sensor(ctx)
    if isinstance(result, dg.SkipReason):
        return dg.SensorResult(skip_reason=result.skip_message, cursor=cursor)
    return result


def age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_skips_without_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(LANDING_DIR_ENV, raising=False)
    with dg.build_sensor_context() as ctx:
        assert isinstance(landing_folder_sensor(ctx), dg.SkipReason)
    monkeypatch.setenv(LANDING_DIR_ENV, str(tmp_path / "nope"))
    with dg.build_sensor_context() as ctx:
        assert "does not exist" in landing_folder_sensor(ctx).skip_message


def test_landing_files_are_ingested_once_then_archived(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       dbt_manifest: Path) -> None:
    from orchestration.assets.published import PUBLISHED_WAREHOUSE
    from orchestration.assets.raw_articles import RAW_ARTICLES
    from orchestration.definitions import BUILD_JOB_NAME, defs

    landing, archive, wh = tmp_path / "landing", tmp_path / "archive", tmp_path / "wh.duckdb"
    landing.mkdir()
    monkeypatch.setenv(LANDING_DIR_ENV, str(landing))
    monkeypatch.setenv(ARCHIVE_DIR_ENV, str(archive))
    monkeypatch.setenv(SETTLE_ENV, "600")
    done = landing / "done.jsonl"
    done.write_text(article(1) + article(2))
    age(done, 3600)  # long untouched: ready at once
    growing = landing / "growing.jsonl"
    growing.write_text(article(3))  # just written: must be seen unchanged on a second tick
    (landing / "upload.jsonl.part").write_text(article(4))
    (landing / ".hidden.jsonl").write_text(article(5))
    (landing / "sub").mkdir()

    instance = dg.DagsterInstance.ephemeral()
    first = tick(None, instance)
    [req] = first.run_requests
    assert req.run_config["ops"]["raw_articles"]["config"]["sources"] == [str(done)]

    with growing.open("a") as fh:  # still being written between the ticks
        fh.write(article(6))
    second = tick(first.cursor, instance)
    assert not second.run_requests  # done.jsonl already requested; growing.jsonl changed

    third = tick(second.cursor, instance)
    [req3] = third.run_requests
    assert req3.run_config["ops"]["raw_articles"]["config"]["sources"] == [str(growing)]
    assert req3.run_key != req.run_key
    assert not tick(third.cursor, instance).run_requests  # nothing is requested twice

    # the requested runs, executed for real (ingestion half of the job), then archived
    job = defs.resolve_job_def(BUILD_JOB_NAME)
    for request in (req, req3):
        result = job.execute_in_process(
            run_config={**request.run_config,
                        "resources": {"warehouse": {"config": {"path": str(wh)}}}},
            asset_selection=[RAW_ARTICLES, PUBLISHED_WAREHOUSE], tags=request.tags, instance=instance)
        assert result.success
        ctx = dg.build_run_status_sensor_context(
            sensor_name="landing_archive_sensor", dagster_event=result.get_run_success_event(),
            dagster_instance=instance, dagster_run=result.dagster_run)
        landing_archive_sensor(ctx)

    left = sorted(p.name for p in landing.iterdir())
    assert left == [".hidden.jsonl", "sub", "upload.jsonl.part"]
    archived = sorted(p.name for p in archive.rglob("*.jsonl"))
    assert archived == ["done.jsonl", "growing.jsonl"]
    with duckdb.connect(str(wh), read_only=True) as con:
        ids = sorted(r[0] for r in con.execute("select source_id from raw.articles").fetchall())
    assert ids == ["land-1", "land-2", "land-3", "land-6"]
    assert not tick(third.cursor, instance).run_requests


def test_archive_skips_runs_it_does_not_own_and_files_changed_during_the_run(tmp_path: Path) -> None:
    from orchestration.sensors import archive_files

    landing, archive = tmp_path / "landing", tmp_path / "archive"
    landing.mkdir()
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text(article(1))
    changed = landing / "changed.jsonl"
    changed.write_text(article(2))
    same = landing / "same.jsonl"
    same.write_text(article(3))
    age(same, 100)
    moved = archive_files([str(outside), str(changed), str(same)], landing, archive,
                          not_after=time.time() - 50)
    assert [p.name for p in moved] == ["same.jsonl"]
    assert outside.exists() and changed.exists() and not same.exists()
    same.write_text(article(3))  # the same name lands again later: kept apart, not overwritten
    age(same, 100)
    moved = archive_files([str(same)], landing, archive, not_after=None)
    assert moved[0].name == "same.1.jsonl"
