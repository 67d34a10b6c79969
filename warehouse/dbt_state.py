"""Which dbt project last built the marts of a warehouse file.

Incremental models build on their previous tables. A warehouse built by an older release holds
tables whose columns or logic the current models no longer match, so the first build after an
upgrade must be a full refresh; this records what the marts were built with, inside the file (a
copied or restored warehouse carries its own state).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema


def built_by(db: str | Path) -> str | None:
    """The fingerprint of the dbt project that last built this file's marts (None: never)."""
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        row = con.execute("select project_fingerprint from audit.dbt_project_state").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def record_built_by(db: str | Path, fingerprint: str) -> None:
    """Remember the project that just built the marts (unchanged rows when it is the same one, so
    rebuilding with nothing new changes nothing)."""
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        row = con.execute("select project_fingerprint from audit.dbt_project_state").fetchone()
        if row and row[0] == fingerprint:
            return
        con.execute("begin")
        con.execute("delete from audit.dbt_project_state")
        con.execute("insert into audit.dbt_project_state values (?, now()::timestamp)", [fingerprint])
        con.execute("commit")
    finally:
        con.close()
