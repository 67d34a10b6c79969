"""End-to-end `chancery build` throughput on the ISOT Reuters corpus (3,413 articles).

Runs the real CLI twice into a fresh temp warehouse — a first build, then the same source again
(a no-op: nothing changes) — and prints wall time, articles/s, the per-step times Dagster
recorded, row counts and the peak RSS of the largest process (the CLI or its dbt child).

Usage: python bench/bench_build.py [--shared ../shared] [--corpus FILE] [--keep]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHANCERY = Path(sys.executable).with_name("chancery")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds, peak RSS (KiB) of the largest process in the tree, and the process result."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    # the CLI and the dbt process it waits for are both reaped descendants: max RSS covers them
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def step_times(dagster_home: Path) -> list[tuple[str, dict[str, float]]]:
    """Per-step durations of every run recorded in the bench's Dagster instance, oldest first."""
    from dagster import DagsterInstance

    os.environ["DAGSTER_HOME"] = str(dagster_home)
    with DagsterInstance.get() as instance:
        runs = sorted(instance.get_runs(), key=lambda r: instance.get_run_stats(r.run_id).start_time or 0)
        out = []
        for r in runs:
            steps = {s.step_key: (s.end_time or 0) - (s.start_time or 0)
                     for s in instance.get_run_step_stats(r.run_id)}
            out.append((r.run_id[:8], steps))
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--corpus", help="source to build (default: <shared>/corpus/isot_true_reuters.jsonl)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (warehouse, logs)")
    args = ap.parse_args()
    corpus = Path(args.corpus) if args.corpus else Path(args.shared) / "corpus" / "isot_true_reuters.jsonl"
    if not corpus.exists():
        print(f"bench_build: skipped, no corpus at {corpus} (pass --shared or --corpus)")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="chancery-bench-"))
    home = tmp / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("")  # sqlite run storage here; silences the no-config notice
    wh = tmp / "warehouse.duckdb"
    env = dict(os.environ, DAGSTER_HOME=str(home),
               PATH=f"{CHANCERY.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [str(CHANCERY), "build", "--source", str(corpus), "--warehouse", str(wh)]
    try:
        t1, rss1, first = run(cmd, env)
        if first.returncode:
            print(f"bench_build: first build failed: {first.stderr.strip()}")
            return 1
        sys.path.insert(0, str(ROOT))
        from warehouse.read import summary

        after_first = summary(wh)
        t2, rss2, second = run(cmd, env)
        if second.returncode:
            print(f"bench_build: second build failed: {second.stderr.strip()}")
            return 1
        counts = summary(wh)
        n = counts["articles"] or 0
        print(f"corpus            {corpus}")
        print(f"warehouse         {wh} ({wh.stat().st_size / 2**20:.1f} MiB)")
        print("counts            " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"first build       {t1:7.1f} s   {n / t1:7.1f} articles/s (end to end, incl. start-up)")
        same = "no count changed" if counts == after_first else f"COUNTS CHANGED from {after_first}"
        print(f"second (no-op)    {t2:7.1f} s   ({same})")
        print(f"peak RSS          {max(rss1, rss2) / 1024:7.1f} MiB (largest single process)")
        for label, (_run, steps) in zip(("first", "second"), step_times(home), strict=False):
            parts = ", ".join(f"{k} {v:.1f}s" for k, v in steps.items())
            print(f"steps ({label:6s})   {parts}")
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
