#!/usr/bin/env python3
"""Time `dbt build` over a large warehouse: full, nothing new, and incremental after +1,000 articles.

Prints the figures (not an assertion). Every build runs with the arguments of the production build
(`orchestration.dbt_manifest.BUILD_ARGS`: no unit tests, no JSON artifacts, warnings-only dbt.log),
so the numbers are what `chancery build` pays for its dbt step. For each command: wall seconds, CPU
seconds of dbt + DuckDB (steadier than wall time on a shared machine) and the 1-minute load average.
Per-node times come from dbt's own log lines. Runs:
  - full build (`--full-refresh`) of the N-article warehouse;
  - `--rounds` builds with nothing new (dbt's fixed cost plus whatever still scales with the warehouse);
  - `--rounds` incremental builds, each after appending `--add` articles;
  - with --fixed, a build with nothing new of the 8-article sample (dbt's fixed cost alone);
  - with --verify, a full refresh of a copy, compared table by table with the incremental result.

usage: bench_dbt_scale.py [--articles 100000] [--add 1000] [--rounds 2] [--base WAREHOUSE]
                          [--workdir DIR] [--from RAW.duckdb] [--fixed] [--verify]
(--from copies a warehouse made earlier by make_scaled_warehouse.py instead of making one: a 1M
warehouse takes ~1 min to make.)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

import make_scaled_warehouse  # noqa: E402

from orchestration.dbt_manifest import BUILD_ARGS  # noqa: E402

DBT_DIR = REPO / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
BUILD_VARS = BUILD_ARGS[BUILD_ARGS.index("--vars"):][:2] if "--vars" in BUILD_ARGS else ()
INCREMENTAL_MODELS = ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts",
                      "bridge_contact_participants")
# "12 of 111 OK created sql incremental model marts.fct_sanctions ..... [OK in 0.37s]"
NODE_LINE = re.compile(r"\d+ of \d+ (?:OK|PASS) (.*?) \.+ \[\w+ in ([\d.]+)s\]")


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


class Run:
    """One dbt command: wall and CPU seconds, load average at its start, per-node seconds."""

    def __init__(self, wall: float, cpu: float, load: float, nodes: dict[str, float]):
        self.wall, self.cpu, self.load, self.nodes = wall, cpu, load, nodes

    @property
    def models(self) -> float:
        return sum(t for k, t in self.nodes.items() if k.startswith(("model", "seed")))

    @property
    def tests(self) -> float:
        return sum(t for k, t in self.nodes.items() if k.startswith("test"))

    def node(self, name: str) -> float:
        return next((t for k, t in self.nodes.items() if k.endswith("." + name)), 0.0)


def dbt(db: Path, work: Path, *args: str) -> Run:
    """Run dbt against `db` with the production build arguments."""
    env = dict(os.environ, CHANCERY_DBT_DATABASE=str(db), DBT_TARGET_PATH=str(work / f"target-{db.stem}"),
               DBT_LOG_PATH=str(work / "logs"), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    env["PATH"] = f"{DBT.parent}{os.pathsep}{env.get('PATH', '')}"
    # parse with the build's vars: dbt drops its partial parse when they change
    extra = list(BUILD_ARGS) if args[0] == "build" else list(BUILD_VARS)
    load = _load()
    t0, cpu0 = time.perf_counter(), _child_cpu()
    proc = subprocess.run([str(DBT), *args, *extra, "--project-dir", str(DBT_DIR), "--profiles-dir",
                           str(DBT_DIR)], env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    if proc.returncode != 0:
        sys.exit(f"dbt {' '.join(args)} failed:\n{proc.stdout[-4000:]}")
    nodes = {}
    for what, secs in NODE_LINE.findall(proc.stdout):
        kind = "test" if not what.startswith(("created", "loaded")) else (
            "seed" if what.startswith("loaded") else "model")
        nodes[f"{kind}.{what.split()[-1]}"] = float(secs)
    return Run(wall, cpu, load, nodes)


def _fmt(run: Run) -> str:
    return (f"{run.wall:6.1f} s wall {run.cpu:6.1f} s CPU  load {run.load:4.1f}  "
            f"(models {run.models:.1f} s, tests {run.tests:.1f} s summed over threads)")


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
    ap.add_argument("--rounds", type=int, default=2, help="builds with nothing new / incremental builds")
    ap.add_argument("--base", type=Path, default=None, help="warehouse whose rows are replicated")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--from", dest="from_", type=Path, default=None,
                    help="copy this warehouse (made by make_scaled_warehouse.py) instead of making one")
    ap.add_argument("--fixed", action="store_true", help="also time a build of the 8-article sample")
    ap.add_argument("--verify", action="store_true", help="also full-refresh a copy and compare")
    ap.add_argument("--shared", help="ignored (bench/run_all.py passes it to every bench)")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chancery-dbt-bench-"))
    build_dir = work / ".chancery-build"
    build_dir.mkdir(parents=True, exist_ok=True)
    db = build_dir / "bench.duckdb"
    print(f"dbt build arguments: {' '.join(BUILD_ARGS)}; {os.cpu_count()} CPUs")

    if args.fixed:
        sample = build_dir / "sample.duckdb"
        make_scaled_warehouse.make(sample, 8)
        dbt(sample, work, "parse")
        dbt(sample, work, "build", "--full-refresh")
        fixed = [dbt(sample, work, "build") for _ in range(args.rounds)]
        for r in fixed:
            print(f"8-article sample, nothing new (dbt's fixed cost): {_fmt(r)}")

    t0 = time.perf_counter()
    if args.from_:
        shutil.copyfile(args.from_, db)
        copies = make_scaled_warehouse.copies_in(db)
    else:
        copies = make_scaled_warehouse.make(db, args.articles, args.base)
    with duckdb.connect(str(db), read_only=True) as con:
        n_articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    made_s = time.perf_counter() - t0
    print(f"warehouse: {n_articles} articles ({copies} copies) made in {made_s:.1f}s at {db}")

    parse = dbt(db, work, "parse")
    print(f"dbt parse (once, cached afterwards):       {parse.wall:6.1f} s wall")
    full = dbt(db, work, "build", "--full-refresh")
    print(f"full build (--full-refresh, {n_articles} articles): {_fmt(full)}")
    noops = []
    for _ in range(args.rounds):
        noops.append(dbt(db, work, "build"))
        print(f"build with nothing new:                   {_fmt(noops[-1])}")
    incs = []
    for _ in range(args.rounds):
        before = n_articles
        t0 = time.perf_counter()
        copies += make_scaled_warehouse.add_articles(db, args.add, copies, args.base)
        with duckdb.connect(str(db), read_only=True) as con:
            n_articles = con.execute("select count(*) from raw.articles").fetchone()[0]
        add_s = time.perf_counter() - t0
        incs.append(dbt(db, work, "build"))
        print(f"incremental build after +{n_articles - before} articles (loaded in {add_s:.1f} s): "
              f"{_fmt(incs[-1])}")

    def med(runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in runs)

    inc_w, inc_c, noop_w, noop_c = med(incs, "wall"), med(incs, "cpu"), med(noops, "wall"), med(noops, "cpu")
    print(f"medians: incremental {inc_w:.1f} s wall / {inc_c:.1f} s CPU = {inc_w / full.wall:.0%} / "
          f"{inc_c / full.cpu:.0%} of the full build; nothing new {noop_w:.1f} s / {noop_c:.1f} s CPU; "
          f"the {args.add} articles add {inc_c - noop_c:+.1f} s CPU "
          f"({(inc_c - noop_c) / full.cpu:+.1%} of the full build)")
    for name in INCREMENTAL_MODELS:
        print(f"  {name:30s} full {full.node(name):5.2f} s   incremental "
              + ", ".join(f"{r.node(name):5.2f}" for r in incs) + " s")
    for what, run in (("full build", full), ("last build with nothing new", noops[-1]),
                      ("last incremental build", incs[-1])):
        slow = sorted(run.nodes.items(), key=lambda kv: -kv[1])[:10]
        print(f"  slowest nodes of the {what}: "
              + ", ".join(f"{k.split('.', 1)[1]} {t:.2f}" for k, t in slow))

    if args.verify:
        copy = work / "fullcopy.duckdb"
        shutil.copyfile(db, copy)
        verify = dbt(copy, work, "build", "--full-refresh", "--exclude-resource-type", "test")
        diffs = compare(db, copy)
        print(f"verify: full refresh of the same data ({verify.wall:.1f} s) "
              + ("gives identical tables" if not diffs else f"DIFFERS: {', '.join(diffs)}"))
    print(f"work dir: {work}")


if __name__ == "__main__":
    main()
