"""Counting events, not mentions, on real copy (skipped without ../shared): the seed article and
Reuters `isot-true-11279` both report the U.S. sanctions on North Korea of 2017-12-26 and the UN
sanctions of 2017-12-22; a warehouse built from both holds each as one event reported twice."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.cli import _failure_reason
from orchestration.run import run_build

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ISOT = CORPUS / "isot_true_reuters.jsonl"
SEED = CORPUS / "seed" / "seed.jsonl"
OTHER_ID = "isot-true-11279"

pytestmark = pytest.mark.skipif(not (ISOT.exists() and SEED.exists()),
                                reason="../shared/corpus (ISOT Reuters + seed) not available")


@pytest.fixture(scope="module")
def warehouse(dbt_manifest, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pair")
    other = root / "other.jsonl"  # the one Reuters record, copied at test time (never committed)
    with open(ISOT, encoding="utf-8") as f:
        other.write_text(next(line for line in f if f'"id": "{OTHER_ID}"' in line), encoding="utf-8")
    wh = root / "warehouse.duckdb"
    result = run_build([SEED, other], wh)
    assert result.success, _failure_reason(result)
    return wh


def _rows(wh: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_both_articles_land(warehouse: Path) -> None:
    assert _rows(warehouse, "select count(*), count(*) filter (where is_duplicate) "
                            "from marts.dim_articles") == [(2, 0)]


@pytest.mark.parametrize("imposer, day", [("USA", "2017-12-26"), ("UN", "2017-12-22")])
def test_one_sanction_event_reported_by_both(warehouse: Path, imposer: str, day: str) -> None:
    events = _rows(warehouse, f"""
        select event_date::varchar, n_articles from marts.fct_sanction_events
        where imposer_code = '{imposer}' and target_code = 'PRK' and action = 'impose'""")
    assert events == [(day, 2)]
    # every mention of it in either article points at that one event
    keys = _rows(warehouse, f"""
        select count(distinct s.event_key), count(distinct s.article_key) from marts.fct_sanctions s
        where s.imposer_code = '{imposer}' and s.target_code = 'PRK' and s.action = 'impose'""")
    assert keys == [(1, 2)]
