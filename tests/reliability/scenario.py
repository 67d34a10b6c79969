"""The builds shared by the crash and the readers tests (each build costs seconds, so they run once
per session, whichever test module asks first).

W_seq: [s3] -> [s1, s2, s4], two uninterrupted builds, a reader process looping on the published
file throughout the second.
W_crash: starts from a copy of W_seq's first published file ([s3]), then builds [s4, s2, s1] and is
killed with SIGKILL at four points (ingestion, extraction, mid dbt, publish after the Parquet export
and before the file swap), each run after the previous kill; after each kill the published file
is opened read-only and checked; a final uninterrupted rerun must equal W_seq.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from reliability.build import kill_at, run_build
from reliability.snapshot import snapshot
from reliability.sources import write_sources

READER = Path(__file__).with_name("reader.py")
KILL_POINTS = ("reading sources:1", "extracting events:1", "dbt build:60", "publishing:1")
_cache: dict[str, Any] = {}


def _checked(result: Any) -> Any:
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _dbt_orphans(root: Path) -> list[str]:
    """dbt processes still writing under `root` (other dbt builds on the machine are not ours)."""
    out = subprocess.run(["pgrep", "-f", "dbt build"], capture_output=True, text=True).stdout
    mine = []
    for pid in out.split():
        try:
            env = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if str(root).encode() in env:
            mine.append(pid)
    return mine


def run_scenario(root: Path) -> dict[str, Any]:
    if "result" in _cache:
        return _cache["result"]
    src = write_sources(root / "sources")
    res: dict[str, Any] = {"timings": {}}

    w_seq = root / "seq" / "warehouse.duckdb"
    t = time.monotonic()
    _checked(run_build([src["s3"]], w_seq))
    res["timings"]["build [s3]"] = time.monotonic() - t
    res["first"] = snapshot(w_seq)
    w_crash = root / "crash" / "warehouse.duckdb"
    w_crash.parent.mkdir(parents=True)
    shutil.copyfile(w_seq, w_crash)

    stop, out = root / "stop-reader", root / "reader.json"
    reader = subprocess.Popen([sys.executable, str(READER), str(w_seq), str(stop), str(out)])
    try:
        for label, sources in (("[s1, s2, s4]", [src["s1"], src["s2"], src["s4"]]),):
            t = time.monotonic()
            _checked(run_build(sources, w_seq))
            res["timings"][f"build {label}"] = time.monotonic() - t
            time.sleep(0.3)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    res["reader"] = json.loads(out.read_text())
    res["seq"] = snapshot(w_seq)
    res["w_seq"] = w_seq

    crash_sources = [src["s4"], src["s2"], src["s1"]]
    res["after_kill"] = {}
    for point in KILL_POINTS:
        seconds = kill_at(crash_sources, w_crash, point)
        res["timings"][f"killed at {point}"] = seconds
        res["after_kill"][point] = snapshot(w_crash)  # opens the published file read-only
    res["orphans_before_rerun"] = _dbt_orphans(root)
    t = time.monotonic()
    rerun = _checked(run_build(crash_sources, w_crash))
    res["timings"]["rerun after kills"] = time.monotonic() - t
    res["rerun_stdout"] = rerun.stdout
    res["crash"] = snapshot(w_crash)
    res["w_crash"] = w_crash
    res["orphans_after_rerun"] = _dbt_orphans(root)
    _cache["result"] = res
    return res
