"""The BI reader settings documented in docs/bi.md, on a real published warehouse (the session's
crash/readers builds): marts are readable; local files, writes and extensions are not."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from reliability.scenario import run_scenario


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, dbt_manifest) -> Path:
    return run_scenario(tmp_path_factory.mktemp("crash_and_readers"))["w_seq"]


def _bi_connect(path: Path) -> duckdb.DuckDBPyConnection:
    # exactly what docs/bi.md tells notebooks (and Superset's connect_args) to use
    return duckdb.connect(str(path), read_only=True, config={"enable_external_access": False})


def test_bi_reader_queries_marts(published: Path) -> None:
    con = _bi_connect(published)
    try:
        n = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
        rows = con.execute("select s.sanction_key, a.title from marts.fct_sanctions s "
                           "join marts.dim_articles a using (article_key)").fetchall()
    finally:
        con.close()
    assert n > 0 and rows


def test_bi_reader_cannot_read_local_files_or_write(published: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    con = _bi_connect(published)
    try:
        for sql in (f"select * from read_csv('{secret}')", "select * from read_text('/etc/passwd')",
                    f"attach '{tmp_path / 'other.duckdb'}' as other",
                    f"copy (select 1) to '{tmp_path / 'out.csv'}'"):
            with pytest.raises(duckdb.Error):
                con.execute(sql).fetchall()
        with pytest.raises(duckdb.Error):
            con.execute("create table marts.x as select 1")
        with pytest.raises(duckdb.Error):
            con.execute("set enable_external_access = true")
    finally:
        con.close()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_superset_connect_args_are_what_duckdb_engine_passes(published: Path) -> None:
    """duckdb-engine hands `connect_args` to duckdb.connect(database, **connect_args)."""
    connect_args = {"read_only": True, "config": {"enable_external_access": False}}
    con = duckdb.connect(str(published), **connect_args)
    try:
        assert con.execute("select current_setting('enable_external_access')").fetchone()[0] is False
        with pytest.raises(duckdb.Error):
            con.execute("select * from read_csv('/etc/hostname')").fetchall()
    finally:
        con.close()
