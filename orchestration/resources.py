"""Resources: the warehouse (published file + the run's working copy) and the dbt CLI.

Every asset of a run writes to the same working copy; the first step that asks for it makes it
(a fresh copy of the published file), later steps of the same run — or of a re-execution of that
run — reuse it. A new run always starts over from what was published, so a failed run's
half-built copy is never continued by another run, and never published.
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import os
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject
from packaging.version import Version
from pydantic import Field

from orchestration.dbt_manifest import dbt_executable
from orchestration.paths import DBT_PROJECT_DIR, default_warehouse
from warehouse.paths import build_dir, working_path
from warehouse.publish import prepare_working_copy

_RUN_MARKER = "RUN"
_LOCK = "lock"
_CHILD_PID = "child.pid"


def _start_time(pid: int) -> str | None:
    """The kernel's start time of `pid` (field 22 of /proc/pid/stat), to tell a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def stop_orphan(folder: Path, wait: float = 30.0) -> int | None:
    """Kill the child process (dbt) a killed run left behind, if it is still running; its pid."""
    pid_file = folder / _CHILD_PID
    try:
        pid_s, started = pid_file.read_text().split()
        pid = int(pid_s)
    except (OSError, ValueError):
        pid_file.unlink(missing_ok=True)
        return None
    killed = None
    if _start_time(pid) == started:
        try:
            os.kill(pid, signal.SIGKILL)
            killed = pid
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + wait
        while _start_time(pid) == started and time.monotonic() < deadline:
            time.sleep(0.05)
    pid_file.unlink(missing_ok=True)
    return killed


class WarehouseBusyError(RuntimeError):
    """Another run is building the same warehouse right now."""


class WarehouseResource(dg.ConfigurableResource):
    """The published DuckDB warehouse file and the working copy a run builds next to it."""

    path: str = Field(default_factory=lambda: str(default_warehouse()),
                      description="Published warehouse file; builds replace it atomically.")

    @property
    def published_path(self) -> Path:
        return Path(self.path).absolute()

    @property
    def working_path(self) -> Path:
        return working_path(self.published_path)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WarehouseResource]:
        """Hold an exclusive lock on the build folder while a run (or step process) uses it."""
        folder = build_dir(self.published_path)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / _LOCK, "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WarehouseBusyError(
                    f"another build of {self.published_path} is running (lock {folder / _LOCK})"
                ) from None
            # the lock is ours, so a child still writing in the folder belongs to a killed run
            stop_orphan(folder)
            try:
                yield self
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def working_copy(self, run_id: str) -> Path:
        """The run's working copy, made from the published file on the run's first use."""
        marker = build_dir(self.published_path) / _RUN_MARKER
        work = self.working_path
        if not (work.exists() and marker.exists() and marker.read_text().strip() == run_id):
            prepare_working_copy(self.published_path)
            marker.write_text(run_id)
        return work

    @contextmanager
    def child_process(self, pid: int) -> Iterator[None]:
        """Record a child process writing to the working copy while it runs (see stop_orphan)."""
        pid_file = build_dir(self.published_path) / _CHILD_PID
        started = _start_time(pid)
        if started is not None:
            pid_file.write_text(f"{pid} {started}\n")
        try:
            yield
        finally:
            pid_file.unlink(missing_ok=True)

    def forget_run(self) -> None:
        """After publishing, the working copy is gone: the next step must not expect it."""
        (build_dir(self.published_path) / _RUN_MARKER).unlink(missing_ok=True)

    @contextmanager
    def connect(self, run_id: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the run's working copy, always closed on exit (DuckDB
        allows one writer: dbt and publish can only run once it is closed)."""
        con = duckdb.connect(str(self.working_copy(run_id)))
        try:
            yield con
        finally:
            con.close()


def run_key(context: dg.AssetExecutionContext) -> str:
    """Identity of a run's working copy: the root run, so a re-execution continues its parent."""
    run = context.run
    return run.root_run_id or run.run_id


def dbt_project() -> DbtProject:
    """The dbt project; profiles.yml lives in the project folder and reads CHANCERY_DBT_DATABASE."""
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path="target")


class ChanceryDbtCliResource(DbtCliResource):
    """DbtCliResource without two start-up costs this project never uses (together ~5-15 s per
    build on 2 cores): an in-process dbt adapter, which dagster-dbt only needs for
    `fetch_row_counts()` / column metadata, and a `dbt --version` subprocess to learn the
    version of the dbt-core package installed right here."""

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None

    @cached_property
    def _cli_version(self) -> Version:
        return Version(importlib.metadata.version("dbt-core"))


def dbt_resource(project: DbtProject) -> DbtCliResource:
    return ChanceryDbtCliResource(project_dir=project, dbt_executable=dbt_executable())
