#!/usr/bin/env python3
"""Time `dbt build` over a 100,000-article warehouse, then an incremental build after 1,000 more.

Prints the figures (not an assertion): wall time of a full build, of an incremental build after
adding articles, of a build with nothing new (dbt's fixed cost: start-up, ~200 nodes, tests over
whole tables), and per-node execution times from run_results.json for the incremental models.
With --verify it also full-refreshes a copy and checks both give identical tables.

usage: bench_dbt_scale.py [--articles 100000] [--add 1000] [--base WAREHOUSE] [--workdir DIR] [--verify]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import make_scaled_warehouse  # noqa: E402

DBT_DIR = REPO / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
INCREMENTAL_MODELS = ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts",
                      "bridge_contact_participants")


CPU: dict[str, float] = {}  # CPU seconds of each dbt command (less disturbed by other load than wall)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def dbt(db: Path, work: Path, *args: str) -> tuple[float, dict]:
    """Run dbt against `db`; returns wall seconds and run_results.json (empty for parse)."""
    target = work / f"target-{db.stem}"
    env = dict(os.environ, CHANCERY_DBT_DATABASE=str(db), DBT_TARGET_PATH=str(target),
               DBT_LOG_PATH=str(work / "logs"), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    env["PATH"] = f"{DBT.parent}{os.pathsep}{env.get('PATH', '')}"
    t0, cpu0 = time.perf_counter(), _child_cpu()
    proc = subprocess.run([str(DBT), *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    CPU[" ".join(args)] = _child_cpu() - cpu0
    if proc.returncode != 0:
        sys.exit(f"dbt {' '.join(args)} failed:\n{proc.stdout[-4000:]}")
    results = target / "run_results.json"
    return wall, (json.loads(results.read_text()) if args[0] != "parse" and results.exists() else {})


def summarize(results: dict) -> dict[str, float]:
    """Seconds spent executing models+seeds, tests, and each incremental model."""
    out = {"models": 0.0, "tests": 0.0}
    for r in results.get("results", []):
        uid, t = r["unique_id"], r["execution_time"]
        out["models" if uid.startswith(("model.", "seed.")) else "tests"] += t
        name = uid.split(".")[-1]
        if uid.startswith("model.") and name in INCREMENTAL_MODELS:
            out[name] = t
    out["elapsed"] = results.get("elapsed_time", 0.0)
    return out


def compare(a: Path, b: Path) -> list[str]:
    """Tables of intermediate/marts whose contents differ between two warehouses."""
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    diffs = []
    tables = con.execute("select schema_name, table_name from duckdb_tables() where database_name = 'a' "
                         "and schema_name in ('intermediate', 'marts')").fetchall()
    for schema, table in tables:
        n = con.execute(f"select (select count(*) from (select * from a.{schema}.{table} except all "
                        f"select * from b.{schema}.{table})) + (select count(*) from (select * from "
                        f"b.{schema}.{table} except all select * from a.{schema}.{table}))").fetchone()[0]
        if n:
            diffs.append(f"{schema}.{table} ({n} rows)")
    con.close()
    return diffs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--add", type=int, default=1_000)
    ap.add_argument("--base", type=Path, default=None, help="warehouse whose rows are replicated")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--verify", action="store_true", help="also full-refresh a copy and compare")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chancery-dbt-bench-"))
    build_dir = work / ".chancery-build"
    build_dir.mkdir(parents=True, exist_ok=True)
    db = build_dir / "bench.duckdb"

    t0 = time.perf_counter()
    copies = make_scaled_warehouse.make(db, args.articles, args.base)
    with duckdb.connect(str(db), read_only=True) as con:
        n_articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    made_s = time.perf_counter() - t0
    print(f"warehouse: {n_articles} articles ({copies} copies) made in {made_s:.1f}s at {db}")

    parse_s, _ = dbt(db, work, "parse")
    full_s, full_res = dbt(db, work, "build", "--full-refresh")
    noop_s, noop_res = dbt(db, work, "build")
    CPU["build#noop"] = CPU.pop("build")

    t0 = time.perf_counter()
    make_scaled_warehouse.add_articles(db, args.add, copies, args.base)
    with duckdb.connect(str(db), read_only=True) as con:
        added = con.execute("select count(*) from raw.articles").fetchone()[0] - n_articles
    add_s = time.perf_counter() - t0
    inc_s, inc_res = dbt(db, work, "build")

    full, noop, inc = summarize(full_res), summarize(noop_res), summarize(inc_res)
    cpu_full, cpu_noop, cpu_inc = CPU["build --full-refresh"], CPU["build#noop"], CPU["build"]
    print(f"dbt parse (once, cached afterwards):       {parse_s:6.1f} s")
    print(f"full build (--full-refresh, {n_articles} articles): {full_s:6.1f} s wall  "
          f"(models {full['models']:.1f} s, tests {full['tests']:.1f} s summed over 2 threads)")
    print(f"build with nothing new (fixed cost):      {noop_s:6.1f} s wall  "
          f"(models {noop['models']:.1f} s, tests {noop['tests']:.1f} s)")
    print(f"incremental build after +{added} articles (loaded in {add_s:.1f} s): {inc_s:6.1f} s wall  "
          f"(models {inc['models']:.1f} s, tests {inc['tests']:.1f} s)")
    print(f"incremental / full wall: {inc_s / full_s:.0%}; above the fixed cost: "
          f"{max(inc_s - noop_s, 0):.1f} s = {max(inc_s - noop_s, 0) / full_s:.1%} of the full build")
    print(f"CPU seconds (dbt + DuckDB, all threads): full {cpu_full:.1f}, nothing new {cpu_noop:.1f}, "
          f"incremental {cpu_inc:.1f} ({cpu_inc / cpu_full:.0%} of full; above nothing-new "
          f"{max(cpu_inc - cpu_noop, 0) / cpu_full:.1%})")
    for name in INCREMENTAL_MODELS:
        print(f"  {name:30s} full {full.get(name, 0):5.2f} s   incremental {inc.get(name, 0):5.2f} s")

    if args.verify:
        copy = work / "fullcopy.duckdb"
        shutil.copyfile(db, copy)
        verify_s, _ = dbt(copy, work, "build", "--full-refresh", "--exclude-resource-type", "test",
                          "--exclude-resource-type", "unit_test")
        diffs = compare(db, copy)
        print(f"verify: full refresh of the same data ({verify_s:.1f} s) "
              + ("gives identical tables" if not diffs else f"DIFFERS: {', '.join(diffs)}"))
    print(f"work dir: {work}")


if __name__ == "__main__":
    main()
