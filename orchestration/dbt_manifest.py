"""Make sure `dbt_project/target/manifest.json` exists and is current before assets are built.

`@dbt_assets` reads the manifest when the definitions are imported, and `DbtProject.prepare_if_dev`
only acts under `dagster dev`, so the CLI, the tests and a plain import all come through here: run
`dbt parse` when the manifest is missing or older than any file that shapes it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from orchestration.paths import DBT_PROJECT_DIR

_PARTIAL = "partial_parse.msgpack"

# Arguments of every production `dbt build` (the Dagster/CLI build; bench/bench_dbt_scale.py times
# the same). dbt's own cost per build is mostly fixed (start-up, ~110 nodes), so these cut it:
# - unit tests check model logic, not data: they run in tests/test_dbt_marts.py and `dbt build`
#   by hand, not on every production build (dbt's own advice); each creates fixture tables (~0.5 s);
# - nothing reads manifest.json / run_results.json of a production build (dagster-dbt streams the
#   JSON log from stdout and takes the manifest from dbt_project/target), and writing them costs
#   ~1.5 s of CPU per build; partial_parse.msgpack is still written;
# - the debug-level dbt.log is formatted line by line for every node; warnings and errors still
#   go there, and the stdout log (Dagster's compute log) keeps every node's result;
# - data tests read only the rows this build may have written (`chancery_changed_only`,
#   dbt_project/macros/changed_rows_tests.sql); after a full refresh they read whole tables.
BUILD_ARGS = ("--exclude-resource-type", "unit_test", "--no-write-json", "--log-level-file", "warn",
              "--vars", '{"chancery_changed_only": true}')

# files and folders whose change changes the manifest
_INPUTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "snapshots",
           "analyses")


def dbt_executable() -> str:
    """The dbt of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def _files(project_dir: Path, names: tuple[str, ...]) -> Iterator[Path]:
    """The files under `names` (files or folders) of the project, in a stable order."""
    for name in names:
        p = project_dir / name
        if p.is_file():
            yield p
        elif p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts)


def _newest_input(project_dir: Path) -> float:
    newest = max((f.stat().st_mtime for f in _files(project_dir, _INPUTS)), default=0.0)
    # a deleted file changes its folder's mtime
    folders = (project_dir / name for name in _INPUTS)
    return max([newest, *(d.stat().st_mtime for d in folders if d.is_dir())])


# files whose change changes what the models build (tests and profiles do not)
_TABLE_INPUTS = ("dbt_project.yml", "models", "macros", "seeds")


def project_fingerprint(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """A hash of the files that decide the tables dbt builds: when it differs from the one that
    built a warehouse, its incremental tables may not fit the models any more (full refresh)."""
    project_dir = Path(project_dir)
    digest = hashlib.sha256()
    for f in _files(project_dir, _TABLE_INPUTS):
        digest.update(str(f.relative_to(project_dir)).encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def manifest_is_stale(project_dir: Path = DBT_PROJECT_DIR) -> bool:
    manifest = project_dir / "target" / "manifest.json"
    return not manifest.exists() or manifest.stat().st_mtime < _newest_input(project_dir)


def ensure_manifest(project_dir: Path = DBT_PROJECT_DIR) -> Path:
    """Return the manifest path, running `dbt parse` first if it is missing or stale.

    A lock file serializes concurrent parsers (tests and CLI runs), and the new manifest replaces
    the old one atomically.
    """
    project_dir = Path(project_dir)
    target = project_dir / "target"
    manifest = target / "manifest.json"
    if not manifest_is_stale(project_dir):
        return manifest
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".parse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not manifest_is_stale(project_dir):  # someone else parsed while we waited
            return manifest
        env = dict(os.environ)
        # the profile needs a database path to render (parsing never opens it); always the same
        # one, because dbt discards its partial-parse state whenever the profile changes
        env["CHANCERY_DBT_DATABASE"] = str(Path(tempfile.gettempdir()) / "chancery-parse.duckdb")
        env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        # parse into a scratch folder and swap the results in, so a process importing the
        # definitions meanwhile never reads a half-written manifest.json
        scratch = target / ".parse-tmp"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        if (target / _PARTIAL).exists():
            shutil.copy2(target / _PARTIAL, scratch / _PARTIAL)
        try:
            proc = subprocess.run(
                [dbt_executable(), "parse", "--project-dir", str(project_dir), "--profiles-dir",
                 str(project_dir), "--target-path", str(scratch), "--quiet"],
                cwd=project_dir, env=env, capture_output=True, text=True,
            )
            if proc.returncode != 0 or not (scratch / "manifest.json").exists():
                tail = (proc.stdout + proc.stderr).strip().splitlines()[-20:]
                raise RuntimeError("dbt parse failed:\n" + "\n".join(tail))
            (scratch / "manifest.json").touch()  # parse may keep an unchanged manifest's old mtime
            for name in (_PARTIAL, "manifest.json"):
                if (scratch / name).exists():
                    os.replace(scratch / name, target / name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return manifest
