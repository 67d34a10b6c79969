"""kill -9 of `chancery build` during ingestion, extraction, dbt and publish, then a rerun: the
published file is never half-built, and the final warehouse equals an uninterrupted build.

The kill points are reached through the fault-injection pause in orchestration/progress.py
(CHANCERY_PAUSE_AT); only the chancery process is killed, so a running dbt is orphaned exactly as
after a real crash. The builds are shared with test_readers_during_build.py (reliability/scenario.py).
"""

from __future__ import annotations

import pytest
from reliability.scenario import KILL_POINTS, run_scenario
from reliability.snapshot import diff

from warehouse.paths import wal_path


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory, dbt_manifest) -> dict:
    return run_scenario(tmp_path_factory.mktemp("crash_and_readers"))


@pytest.mark.parametrize("point", KILL_POINTS)
def test_published_file_after_a_kill_is_the_last_published_one(scenario: dict, point: str) -> None:
    after = scenario["after_kill"][point]
    assert after["inconsistent"] == {}
    assert diff(after, scenario["first"]) == [], "a killed build changed what readers see"


def test_rerun_after_kills_equals_an_uninterrupted_build(scenario: dict) -> None:
    assert diff(scenario["crash"], scenario["seq"]) == []
    assert scenario["crash"]["counts"]["dim_articles"] == len(scenario["crash"]["raw"]) > 0
    for t in ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts"):
        assert scenario["crash"]["counts"][t] > 0, t


def test_no_wal_and_no_orphan_left(scenario: dict) -> None:
    assert not wal_path(scenario["w_crash"]).exists()
    assert scenario["orphans_after_rerun"] == []
    print("\ntimings:", {k: round(v, 1) for k, v in scenario["timings"].items()})
