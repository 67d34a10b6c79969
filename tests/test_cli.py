"""The `chancery` command as a user runs it (a subprocess): exit codes and one-line errors.

These cases fail before any dbt build, so they cost only the interpreter start-up; the successful
build through the CLI is exercised by tests/test_pipeline_e2e.py.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.paths import build_dir

CHANCERY = Path(sys.executable).with_name("chancery")


def chancery(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{CHANCERY.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("DAGSTER_HOME", None)
    return subprocess.run([str(CHANCERY), *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("chancery: ")
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_unwritable_warehouse_location_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a folder should be")
    proc = chancery("build", "--source", str(tmp_path), "--warehouse", str(blocker / "w.duckdb"))
    assert_one_line_error(proc, "cannot create warehouse folder")


def test_warehouse_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "w.duckdb").mkdir()
    proc = chancery("build", "--warehouse", str(tmp_path / "w.duckdb"))
    assert_one_line_error(proc, "is not a file")


def test_a_build_already_running_on_the_warehouse_is_refused(tmp_path: Path, dbt_manifest: Path) -> None:
    wh = tmp_path / "w.duckdb"
    build_dir(wh).mkdir(parents=True)
    with open(build_dir(wh) / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        proc = chancery("build", "--source", str(tmp_path), "--warehouse", str(wh))
    assert_one_line_error(proc, "another build", "is running")
    assert not wh.exists()


def test_summary_of_a_missing_warehouse_is_one_line(tmp_path: Path) -> None:
    proc = chancery("summary", "--warehouse", str(tmp_path / "nope.duckdb"))
    assert_one_line_error(proc, "no warehouse at")


@pytest.mark.parametrize("args", [["frobnicate"], ["build", "--bogus"]])
def test_usage_errors_exit_non_zero(args: list[str]) -> None:
    proc = chancery(*args)
    assert proc.returncode == 2
    assert "usage:" in proc.stderr
