"""A reader process opening the published file read-only, once per query round, while builds add
sources: no error, no inconsistent snapshot (builds shared with test_crash_safety.py)."""

from __future__ import annotations

import pytest
from reliability.scenario import run_scenario


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory, dbt_manifest) -> dict:
    return run_scenario(tmp_path_factory.mktemp("crash_and_readers"))


def test_reader_sees_no_error_and_only_consistent_snapshots(scenario: dict) -> None:
    r = scenario["reader"]
    print(f"\nreader: {r['reads']} reads, {r['errors']} errors, {r['inconsistent']} inconsistent, "
          f"{r['distinct_snapshots']} distinct snapshots in {r['seconds']:.0f} s")
    assert r["errors"] == 0, r["messages"]
    assert r["inconsistent"] == 0, r["messages"]
    assert r["reads"] > 20
    assert r["distinct_snapshots"] >= 2  # it did see the builds' results appear


def test_each_build_added_its_sources(scenario: dict) -> None:
    first, final = scenario["first"], scenario["seq"]
    assert set(first["keys"]["dim_articles"]) < set(final["keys"]["dim_articles"])
    assert final["inconsistent"] == {}
