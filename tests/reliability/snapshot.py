"""What a warehouse holds, compared across builds: per mart table its row count and key set, the
Python-owned tables' keys, and consistency checks a reader can run on any published snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

# key columns of the contract's marts; every other marts table is compared by row count
MART_KEYS = {
    "dim_articles": "article_key",
    "dim_actors": "actor_key",
    "fct_statements": "statement_key",
    "fct_sanctions": "sanction_key",
    "fct_diplomatic_contacts": "contact_key",
    "bridge_contact_participants": "contact_key, actor_key",
}
FACTS = ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts")

# every query returns one number: how many rows break a rule that must hold in any published file
CONSISTENCY = {
    "facts without their article": " union all ".join(
        f"select article_key from marts.{t} except select article_key from marts.dim_articles"
        for t in FACTS),
    "participants without their contact": "select contact_key from marts.bridge_contact_participants "
        "except select contact_key from marts.fct_diplomatic_contacts",
    "articles not in raw": "select article_key from marts.dim_articles except "
        "select article_key from raw.articles",
    "raw articles missing from marts": "select article_key from raw.articles except "
        "select article_key from marts.dim_articles",
    "raw articles never extracted": "select article_key from raw.articles except "
        "select article_key from extracted.article_state",
}  # fmt: skip


def connect(db: str | Path) -> duckdb.DuckDBPyConnection:
    """How every reader opens the published file: read-only, no file or network access."""
    return duckdb.connect(str(db), read_only=True, config={"enable_external_access": False})


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select table_name from information_schema.tables "
                                      "where table_schema = 'marts' order by 1").fetchall()]


def inconsistencies(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rule -> rows breaking it (only the rules broken)."""
    out = {}
    for name, sql in CONSISTENCY.items():
        n = con.execute(f"select count(*) from ({sql})").fetchone()[0]
        if n:
            out[name] = n
    return out


def snapshot(db: str | Path) -> dict[str, Any]:
    """Counts of every marts table, key sets of the contract marts and of raw/extracted/audit."""
    con = connect(db)
    try:
        out: dict[str, Any] = {"counts": {}, "keys": {}}
        for t in mart_tables(con):
            out["counts"][t] = con.execute(f"select count(*) from marts.{t}").fetchone()[0]
        for t, key in MART_KEYS.items():
            out["keys"][t] = sorted(con.execute(f"select {key} from marts.{t}").fetchall())
        out["raw"] = sorted(con.execute("select article_key, body_hash from raw.articles").fetchall())
        out["extracted"] = {t: con.execute(f"select count(*) from extracted.{t}").fetchone()[0]
                            for t in ("sentences", "statements", "sanctions", "contacts")}
        out["rejects"] = sorted(con.execute("select location, reason from audit.rejected_inputs").fetchall())
        out["inconsistent"] = inconsistencies(con)
        return out
    finally:
        con.close()


def diff(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Human-readable differences between two snapshots (empty when equal)."""
    out = []
    for section in ("counts", "keys"):
        for t in sorted(set(a[section]) | set(b[section])):
            if a[section].get(t) != b[section].get(t):
                va, vb = a[section].get(t), b[section].get(t)
                if section == "keys" and va is not None and vb is not None:
                    out.append(f"{t}: only first {sorted(set(va) - set(vb))[:3]}, "
                               f"only second {sorted(set(vb) - set(va))[:3]}")
                else:
                    out.append(f"{section} {t}: {va} != {vb}")
    for section in ("raw", "extracted", "rejects", "inconsistent"):
        if a[section] != b[section]:
            out.append(f"{section}: {str(a[section])[:300]} != {str(b[section])[:300]}")
    return out
