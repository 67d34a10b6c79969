"""Run `chancery build` as a real subprocess: plain, with peak memory, or killed with SIGKILL at a
fault-injection pause point (orchestration/progress.py, CHANCERY_PAUSE_AT)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHANCERY = BIN / "chancery"
PAUSE_ENV = "CHANCERY_PAUSE_AT"
PAUSED_LINE = "chancery: paused for fault injection at"

# runs `chancery build ...` as its child and reports the peak RSS of the largest process of the
# tree (RUSAGE_CHILDREN counts descendants their parents waited for: chancery and its dbt)
_MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.run(sys.argv[2:])
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"rc": p.returncode, "maxrss_kb": ru.ru_maxrss, "seconds": time.monotonic() - t}, f)
sys.exit(p.returncode)
"""


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float | None = None


def build_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("DAGSTER_HOME", None)  # ephemeral instance: nothing written under ~/.dagster
    env.pop(PAUSE_ENV, None)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


def build_cmd(sources: Sequence[str | Path], warehouse: Path) -> list[str]:
    cmd = [str(CHANCERY), "build", "--warehouse", str(warehouse)]
    for s in sources:
        cmd += ["--source", str(s)]
    return cmd


def run_build(sources: Sequence[str | Path], warehouse: Path, *, cwd: Path | None = None,
              env: dict[str, str] | None = None, measure: bool = False,
              timeout: float = 900) -> BuildResult:
    """One `chancery build` to completion."""
    cmd = build_cmd(sources, warehouse)
    stats = None
    if measure:
        stats = Path(warehouse).parent / f".measure-{os.getpid()}-{time.monotonic_ns()}.json"
        cmd = [sys.executable, "-c", _MEASURE, str(stats), *cmd]
    t = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=build_env(env), timeout=timeout)
    out = BuildResult(p.returncode, p.stdout, p.stderr, time.monotonic() - t)
    if stats is not None:
        import json

        data = json.loads(stats.read_text())
        stats.unlink()
        out.maxrss_mb = data["maxrss_kb"] / 1024
    return out


def start_build(sources: Sequence[str | Path], warehouse: Path, *, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> subprocess.Popen:
    """A `chancery build` in the background (its own session, so it can be killed as a group)."""
    return subprocess.Popen(build_cmd(sources, warehouse), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=cwd, env=build_env(env), start_new_session=True)


def kill_at(sources: Sequence[str | Path], warehouse: Path, pause_at: str, *,
            timeout: float = 600) -> float:
    """Start a build, wait until it pauses at `pause_at` ("<stage>:<n>"), SIGKILL the chancery
    process only (its dbt child, if any, is orphaned as after a real crash). Returns the seconds
    the build ran. Raises if the build ended without reaching the pause point."""
    t = time.monotonic()
    p = subprocess.Popen(build_cmd(sources, warehouse), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env=build_env({PAUSE_ENV: pause_at}))
    assert p.stderr is not None
    seen = []
    try:
        for line in p.stderr:
            seen.append(line)
            if line.startswith(PAUSED_LINE):
                os.kill(p.pid, signal.SIGKILL)
                p.wait(timeout=30)
                return time.monotonic() - t
            if time.monotonic() - t > timeout:
                break
        raise AssertionError(f"build never paused at {pause_at!r}: rc={p.poll()} {''.join(seen)[-2000:]}")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        p.stderr.close()


def kill_after(sources: Sequence[str | Path], warehouse: Path, delay: float) -> tuple[bool, float]:
    """Start a build and SIGKILL it after `delay` seconds; True if it was still running."""
    t = time.monotonic()
    p = subprocess.Popen(build_cmd(sources, warehouse), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=build_env())
    try:
        p.wait(timeout=delay)
        return False, time.monotonic() - t
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        return True, time.monotonic() - t
