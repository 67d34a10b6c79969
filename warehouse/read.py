"""Reading the published warehouse the way every reader should: read-only, one connection per use.

A read-only connection never blocks a build (builds replace the file, they don't write into it),
and closing it after each use means a reader never pins an old, already replaced file for long.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# (label, preferred relation, fallback relation when dbt has not built the marts yet)
SUMMARY_COUNTS = (
    ("articles", "marts.dim_articles", "raw.articles"),
    ("statements", "marts.fct_statements", "extracted.statements"),
    ("sanctions", "marts.fct_sanctions", "extracted.sanctions"),
    ("contacts", "marts.fct_diplomatic_contacts", "extracted.contacts"),
    ("rejects", "audit.rejected_inputs", None),
)


def connect_readonly(path: str | Path, *, external_access: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse read-only; external access (files, URLs) is off unless asked for."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}")
    return duckdb.connect(str(path), read_only=True,
                          config={"enable_external_access": external_access})


@contextmanager
def readonly(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with readonly(path) as con:` — the connection is closed when the block ends."""
    con = connect_readonly(path)
    try:
        yield con
    finally:
        con.close()


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {f"{s}.{t}" for s, t in con.execute(
        "select table_schema, table_name from information_schema.tables").fetchall()}


def count_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int | None]:
    """Headline counts from an open connection (marts when built, else the Python-owned tables)."""
    have = _relations(con)
    out: dict[str, int | None] = {}
    for label, preferred, fallback in SUMMARY_COUNTS:
        rel = preferred if preferred in have else fallback if fallback in have else None
        out[label] = con.execute(f"select count(*) from {rel}").fetchone()[0] if rel else None
    return out


def summary(path: str | Path) -> dict[str, int | None]:
    """Headline counts of a published warehouse: articles, statements, sanctions, contacts, rejects."""
    with readonly(path) as con:
        return count_rows(con)
