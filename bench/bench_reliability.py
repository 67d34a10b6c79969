"""Fault campaign: kill -9 `chancery build` at random moments and at every phase, rerun, and check
that nothing is lost; hostile input; readers during builds. Prints the README "Reliability" table.

    .venv/bin/python bench/bench_reliability.py [--rounds N] [--random N]

Each fault is repeated; after every kill the published file must open read-only and equal the
last published state (consistency rules hold), and the final rerun must equal an uninterrupted
build of the same sources (same counts of every marts table, same key sets). A figure is printed,
nothing is asserted: "lost" counts the rounds where that did not hold.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from bad_inputs.make_bad_inputs import make_bad_inputs  # noqa: E402
from reliability.build import kill_after, kill_at, run_build  # noqa: E402
from reliability.snapshot import diff, snapshot  # noqa: E402
from reliability.sources import write_sources  # noqa: E402

PHASES = {"ingestion": "reading sources:1", "extraction": "extracting events:1",
          "dbt (mid-run)": "dbt build:60", "publish (exported, not swapped)": "publishing:1",
          "publish (swapped, export not linked)": "publishing:2"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=2, help="kills per phase")
    ap.add_argument("--random", type=int, default=5, help="kills at random moments")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", help="ignored (bench/run_all.py passes it to every bench)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows: list[tuple[str, int, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="chancery-rel-") as tmp:
        root = Path(tmp)
        src = write_sources(root / "sources")
        base_sources, add_sources = [src["s3"]], [src["s4"], src["s2"], src["s1"]]
        base = root / "base" / "warehouse.duckdb"
        t = time.monotonic()
        assert run_build(base_sources, base).returncode == 0
        ref = root / "ref" / "warehouse.duckdb"
        ref.parent.mkdir()
        shutil.copyfile(base, ref)
        assert run_build(add_sources, ref).returncode == 0
        build_s = time.monotonic() - t
        first, final = snapshot(base), snapshot(ref)
        print(f"reference builds: {build_s:.0f} s; marts {final['counts']}", file=sys.stderr)

        def campaign(label: str, n: int, kill) -> None:
            lost = 0
            for i in range(n):
                wh = root / f"{label[:12].replace(' ', '_')}-{i}" / "warehouse.duckdb"
                wh.parent.mkdir(parents=True)
                shutil.copyfile(base, wh)
                desc = kill(wh)
                after = snapshot(wh)
                ok_after = (not after["inconsistent"]
                            and (diff(after, first) == [] or diff(after, final) == []))
                rerun = run_build(add_sources, wh)
                ok = ok_after and rerun.returncode == 0 and diff(snapshot(wh), final) == []
                lost += not ok
                print(f"  {label} #{i + 1}: {desc}; {'ok' if ok else 'LOST'}", file=sys.stderr)
            rows.append((f"kill -9 during {label}, then rerun", n, "nothing" if lost == 0 else
                         f"{lost} run(s) differ", "bench/bench_reliability.py"))

        for label, point in PHASES.items():
            campaign(label, args.rounds, lambda wh, p=point: f"killed at {p} after "
                     f"{kill_at(add_sources, wh, p):.1f} s")
        if args.random:
            def random_kill(wh: Path) -> str:
                delay = rng.uniform(1.0, build_s / 2)
                alive, s = kill_after(add_sources, wh, delay)
                return f"killed after {s:.1f} s" if alive else f"finished before the kill at {delay:.1f} s"
            campaign("a build, at a random moment", args.random, random_kill)

        # hostile input, end to end
        data = root / "hostile"
        expected = make_bad_inputs(data, big=True)
        wh = root / "hostile-wh" / "warehouse.duckdb"
        r = run_build([data], wh, measure=True)
        snap = snapshot(wh)
        n_bad = sum(len(e["rejections"]) for e in expected.values())
        rows.append((f"hostile corpus ({len(expected)} files, {n_bad} bad items, 100 MB record)", 1,
                     "nothing" if r.returncode == 0 and not snap["inconsistent"] else "FAILED",
                     f"tests/test_reliability_bad_inputs.py (exit {r.returncode}, "
                     f"{len(snap['rejects'])} rejection rows, peak RSS {r.maxrss_mb:.0f} MB)"))

        # readers during builds
        stop, out = root / "stop", root / "reader.json"
        wh = root / "readers" / "warehouse.duckdb"
        wh.parent.mkdir()
        shutil.copyfile(base, wh)
        reader = subprocess.Popen([sys.executable, str(REPO / "tests" / "reliability" / "reader.py"),
                                   str(wh), str(stop), str(out)])
        for s in add_sources:
            run_build([s], wh)
        stop.touch()
        reader.wait()
        rd = json.loads(out.read_text())
        rows.append((f"reader process during {len(add_sources)} builds", rd["reads"],
                     f"{rd['errors']} errors, {rd['inconsistent']} inconsistent snapshots",
                     "tests/test_readers_during_build.py"))

    print("| fault | times | lost | reproduce / details |")
    print("|---|---|---|---|")
    for fault, n, lost, how in rows:
        print(f"| {fault} | {n} | {lost} | {how} |")


if __name__ == "__main__":
    main()
