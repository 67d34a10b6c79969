"""Any order of (re-)ingesting the same sources gives the same warehouse (hypothesis).

Each example loads a permutation of the four sources — some of them repeated — through the real
loader and extractor into a fresh DuckDB file, and must end with exactly the rows of the
reference order. Full builds cost seconds, so dbt is left out here; the full pipeline's
order-independence (same marts from [s3] then [s1, s2, s4] as from [s3] then [s4, s2, s1]
after four crashes) is checked in test_crash_safety.py.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability.sources import ALL_IDS, write_sources

from ingestion.extraction import EXTRACTOR_VERSION, extract_article
from ingestion.sources import iter_source
from warehouse.loader import extract_stale, load_items
from warehouse.schema import EXTRACTED_TABLES, ensure_schema

NAMES = ("s1", "s2", "s3", "s4")


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    src = write_sources(tmp_path_factory.mktemp("order_sources"))
    return {name: list(iter_source(str(path))) for name, path in src.items()}


def _state(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    out = {"raw": con.execute("select article_key, source, source_id, title, url, published_at, body_hash "
                              "from raw.articles order by all").fetchall(),
           "rejects": con.execute("select location, reason from audit.rejected_inputs "
                                  "order by all").fetchall()}
    for t in EXTRACTED_TABLES:
        out[t] = con.execute(f"select * from extracted.{t} order by all").fetchall()
    out["state"] = con.execute("select article_key, body_hash, extractor_version, n_sentences "
                               "from extracted.article_state order by all").fetchall()
    return out


def _ingest(parsed: dict[str, list], order: list[str]) -> dict[str, list]:
    con = duckdb.connect(":memory:")
    try:
        ensure_schema(con)
        for name in order:
            load_items(con, parsed[name])
            extract_stale(con, extractor_version=EXTRACTOR_VERSION, extract=extract_article)
        return _state(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(parsed: dict[str, list]) -> dict[str, list]:
    ref = _ingest(parsed, list(NAMES))
    assert len(ref["raw"]) == len(ALL_IDS)
    assert ref["statements"] and ref["sanctions"] and ref["contacts"]
    return ref


orders = st.permutations(NAMES).flatmap(
    lambda perm: st.lists(st.sampled_from(NAMES), max_size=4).flatmap(
        lambda extra: st.permutations(list(perm) + extra)))


@settings(max_examples=10, deadline=None, derandomize=True)
@given(order=orders)
def test_any_order_and_any_repeats_give_the_same_rows(parsed, reference, order) -> None:
    got = _ingest(parsed, order)
    for table in reference:
        assert got[table] == reference[table], (order, table)
