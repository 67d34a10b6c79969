"""The publish protocol on real DuckDB files: working copy, atomic replace, Parquet exports."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from warehouse.paths import build_dir, exports_dir, wal_path, working_path
from warehouse.publish import (
    KEEP_EXPORTS,
    export_parquet,
    finish_export,
    prepare_working_copy,
    publish,
)
from warehouse.read import connect_readonly, summary


def _write(db: Path, sql: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql)
    finally:
        con.close()


def _build(published: Path, n: int) -> Path:
    """One build: working copy, a marts table with n rows, publish."""
    work = prepare_working_copy(published)
    _write(work, f"create schema if not exists marts; create or replace table marts.t as select range as i "
                 f"from range({n})")
    tmp = export_parquet(work, published)
    publish(work, published)
    finish_export(tmp)
    return published


def test_working_path_keeps_the_file_name(tmp_path: Path) -> None:
    pub = tmp_path / "w.duckdb"
    assert working_path(pub) == tmp_path / ".chancery-build" / "w.duckdb"
    assert build_dir(pub) == tmp_path / ".chancery-build"


def test_fresh_working_copy_has_the_python_schema(tmp_path: Path) -> None:
    work = prepare_working_copy(tmp_path / "w.duckdb")
    con = duckdb.connect(str(work), read_only=True)
    try:
        tables = {r[0] for r in con.execute("select table_schema || '.' || table_name "
                                            "from information_schema.tables").fetchall()}
    finally:
        con.close()
    assert {"raw.articles", "extracted.statements", "audit.rejected_inputs"} <= tables
    assert not wal_path(work).exists()
    assert not (tmp_path / "w.duckdb").exists()  # nothing is published by preparing


def test_working_copy_starts_from_the_published_file(tmp_path: Path) -> None:
    pub = _build(tmp_path / "w.duckdb", 5)
    work = prepare_working_copy(pub)
    con = duckdb.connect(str(work), read_only=True)
    try:
        assert con.execute("select count(*) from marts.t").fetchone()[0] == 5
    finally:
        con.close()


def test_stale_working_files_of_a_crashed_run_are_discarded(tmp_path: Path) -> None:
    pub = _build(tmp_path / "w.duckdb", 3)
    work = working_path(pub)
    work.write_bytes(b"half written garbage")
    wal_path(work).write_bytes(b"stale wal")
    (exports_dir(pub) / ".tmp-20990101T000000.000000Z").mkdir()
    work = prepare_working_copy(pub)
    con = duckdb.connect(str(work), read_only=True)
    try:
        assert con.execute("select count(*) from marts.t").fetchone()[0] == 3
    finally:
        con.close()
    assert not any(p.name.startswith(".tmp-") for p in exports_dir(pub).iterdir())


def test_publish_replaces_atomically_and_leaves_no_wal(tmp_path: Path) -> None:
    pub = _build(tmp_path / "w.duckdb", 2)
    reader = connect_readonly(pub)  # a reader holding the old file open
    try:
        _build(pub, 7)
        # the open reader keeps reading the file it opened, without errors
        assert reader.execute("select count(*) from marts.t").fetchone()[0] == 2
    finally:
        reader.close()
    assert summary(pub)["articles"] == 0
    with duckdb.connect(str(pub), read_only=True) as con:
        assert con.execute("select count(*) from marts.t").fetchone()[0] == 7
    assert not wal_path(pub).exists()
    assert not working_path(pub).exists()


def test_publish_refuses_a_file_that_is_not_the_working_copy(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    _write(other, "create table x as select 1")
    with pytest.raises(ValueError):
        publish(other, tmp_path / "w.duckdb")
    assert not (tmp_path / "w.duckdb").exists()


def test_exports_keep_the_last_three_and_latest_points_at_the_newest(tmp_path: Path) -> None:
    pub = tmp_path / "w.duckdb"
    for n in range(1, 6):
        _build(pub, n)
    root = exports_dir(pub)
    stamps = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    assert len(stamps) == KEEP_EXPORTS
    latest = root / "latest"
    assert latest.is_symlink() and os.readlink(latest) == stamps[-1]
    con = duckdb.connect()
    assert con.execute(f"select count(*) from '{latest / 't.parquet'}'").fetchone()[0] == 5


def test_readonly_connection_cannot_read_local_files(tmp_path: Path) -> None:
    pub = _build(tmp_path / "w.duckdb", 1)
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    con = connect_readonly(pub)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(f"select * from read_csv('{secret}')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute("create table x as select 1")
    finally:
        con.close()
