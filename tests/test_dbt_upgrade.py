"""Upgrading Chancery over an existing warehouse: a file whose marts were built by another version
of the dbt models (older columns in an incremental table) is rebuilt in full once, then builds
incrementally again."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import _failure_reason
from orchestration.dbt_manifest import project_fingerprint
from orchestration.run import run_build

ARTICLES = [
    {"id": "up-1", "title": "EU extends sanctions on Russia", "date": "2017-12-21",
     "text": "BRUSSELS (Chancery Wire) - The European Union extended economic sanctions on Russia "
             "for six more months on Thursday, EU foreign policy chief Federica Mogherini said."},
    {"id": "up-2", "title": "Leaders speak by phone", "date": "2017-12-27",
     "text": "MOSCOW (Chancery Wire) - Russian President Vladimir Putin and U.S. President Donald "
             "Trump spoke by phone on Tuesday, the Kremlin said."},
]


def _counts(wh: Path) -> dict[str, object]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {
            "fingerprint": con.execute("select project_fingerprint from audit.dbt_project_state").fetchall(),
            "events": con.execute("select count(*) from marts.fct_sanction_events").fetchone()[0],
            "contacts": con.execute("select count(*) from marts.fct_contact_events").fetchone()[0],
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("upgrade") / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_a_warehouse_from_older_models_is_rebuilt_in_full(dbt_manifest, source: Path, tmp_path: Path) -> None:
    wh = tmp_path / "warehouse.duckdb"
    first = run_build([source], wh)
    assert first.success, _failure_reason(first)
    before = _counts(wh)
    assert before["fingerprint"] == [(project_fingerprint(),)]
    assert before["events"] >= 1 and before["contacts"] >= 1

    # what an older release left: another fingerprint, an incremental table missing a column
    con = duckdb.connect(str(wh))
    con.execute("update audit.dbt_project_state set project_fingerprint = 'older-release'")
    con.execute("alter table intermediate.int_event_clusters drop column event_date")
    con.close()

    again = run_build([source], wh)
    assert again.success, _failure_reason(again)
    assert _counts(wh) == before  # full refresh: same marts, current fingerprint recorded
