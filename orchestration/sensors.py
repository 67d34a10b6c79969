"""Landing folder: files dropped into $CHANCERY_LANDING_DIR are built once, then archived.

`landing_folder_sensor` looks at the folder's top-level files. A file is taken only once it looks
finished: its size and mtime did not change since the previous tick, or it was last modified more
than $CHANCERY_LANDING_SETTLE_SECONDS ago. Hidden files and in-progress names (`.part`, `.tmp`,
`.partial`, `.crdownload`, `.download`, `~`) are never taken, so "write to x.part, then rename"
is the safe way to drop a file. Ready files become one run of the build job (at most
$CHANCERY_LANDING_MAX_FILES per run). The cursor remembers which (name, size, mtime) were
requested, and the run key is made of them, so the same files are never requested twice while
they wait for the archive, and a file replaced by a new version is requested again.

`landing_archive_sensor` fires when such a run succeeded and moves its files to
$CHANCERY_ARCHIVE_DIR/<YYYYMMDD>/ (default: `<landing>/.archive`). A failed run leaves its files
in place (fix the cause, then `touch` them to retry); a file modified after its run started is
left for the next run instead of being archived unread.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from orchestration.run import build_run_config
from orchestration.schedules import BUILD_JOB_NAME, writer_tags

LANDING_DIR_ENV = "CHANCERY_LANDING_DIR"
ARCHIVE_DIR_ENV = "CHANCERY_ARCHIVE_DIR"
SETTLE_ENV = "CHANCERY_LANDING_SETTLE_SECONDS"
MAX_FILES_ENV = "CHANCERY_LANDING_MAX_FILES"
INTERVAL_ENV = "CHANCERY_LANDING_INTERVAL_SECONDS"
DEFAULT_SETTLE_SECONDS = 60.0
DEFAULT_MAX_FILES = 500
TRIGGER = "landing_folder_sensor"
LANDING_DIR_TAG = "chancery/landing_dir"
IN_PROGRESS_SUFFIXES = (".part", ".tmp", ".partial", ".crdownload", ".download", ".swp", "~")


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def landing_dir() -> Path | None:
    value = os.environ.get(LANDING_DIR_ENV, "").strip()
    return Path(value).expanduser().absolute() if value else None


def archive_dir(landing: Path) -> Path:
    value = os.environ.get(ARCHIVE_DIR_ENV, "").strip()
    return Path(value).expanduser().absolute() if value else landing / ".archive"


@dataclass(frozen=True)
class Seen:
    """A file as one tick saw it."""

    name: str
    size: int
    mtime_ns: int

    @property
    def stamp(self) -> list[int]:
        return [self.size, self.mtime_ns]


def candidates(folder: Path) -> list[Seen]:
    """Top-level regular files that are not hidden and not named as still being written."""
    out = []
    for entry in os.scandir(folder):
        name = entry.name
        if name.startswith(".") or name.lower().endswith(IN_PROGRESS_SUFFIXES):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:  # moved away between listing and stat
            continue
        out.append(Seen(name, st.st_size, st.st_mtime_ns))
    return sorted(out, key=lambda s: s.name)


def ready_files(seen: list[Seen], previous: dict[str, list[int]], now: float,
                settle_seconds: float) -> list[Seen]:
    """Files unchanged since the previous tick, or untouched for `settle_seconds`."""
    return [s for s in seen
            if previous.get(s.name) == s.stamp or now - s.mtime_ns / 1e9 >= settle_seconds]


def run_key_for(files: list[Seen]) -> str:
    digest = hashlib.sha256(json.dumps([[f.name, *f.stamp] for f in files]).encode()).hexdigest()
    return f"landing-{digest[:24]}"


@dg.sensor(
    name=TRIGGER,
    job_name=BUILD_JOB_NAME,
    minimum_interval_seconds=int(_env_float(INTERVAL_ENV, 30)),
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Builds files dropped into $CHANCERY_LANDING_DIR once they stopped changing; "
    "landing_archive_sensor archives them after the run succeeded.",
)
def landing_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    folder = landing_dir()
    if folder is None:
        return dg.SkipReason(f"{LANDING_DIR_ENV} is not set")
    if not folder.is_dir():
        return dg.SkipReason(f"landing folder {folder} does not exist")
    state = json.loads(context.cursor) if context.cursor else {}
    previous: dict[str, list[int]] = state.get("seen", {})
    seen = candidates(folder)
    # files already handed to a run (same size and mtime) wait for the archive, not a second run
    requested = {s.name: s.stamp for s in seen if state.get("requested", {}).get(s.name) == s.stamp}
    ready = [s for s in ready_files(seen, previous, time.time(),
                                    _env_float(SETTLE_ENV, DEFAULT_SETTLE_SECONDS))
             if s.name not in requested]
    ready = ready[: int(_env_float(MAX_FILES_ENV, DEFAULT_MAX_FILES))]
    requested.update({s.name: s.stamp for s in ready})
    cursor = json.dumps({"seen": {s.name: s.stamp for s in seen}, "requested": requested})
    if not ready:
        return dg.SensorResult(skip_reason=f"no new settled file ({len(seen)} present, "
                               f"{len(requested)} already requested)", cursor=cursor)
    request = dg.RunRequest(
        run_key=run_key_for(ready),
        run_config=build_run_config([str(folder / s.name) for s in ready], log_level="INFO"),
        tags={**writer_tags(TRIGGER), LANDING_DIR_TAG: str(folder)},
    )
    return dg.SensorResult(run_requests=[request], cursor=cursor)


def archive_files(paths: list[str], landing: Path, archive: Path, not_after: float | None) -> list[Path]:
    """Move the landing files among `paths` into `archive/<YYYYMMDD>/`; returns where they went.

    A file outside the landing folder is never touched, nor one modified after `not_after`
    (a new version landed while the run read the old one: the next run takes it)."""
    day = archive / datetime.now(UTC).strftime("%Y%m%d")
    moved = []
    for p in map(Path, paths):
        if p.parent != landing or not p.is_file():
            continue
        if not_after is not None and p.stat().st_mtime > not_after:
            continue
        day.mkdir(parents=True, exist_ok=True)
        target = day / p.name
        n = 1
        while target.exists():
            target = day / f"{p.stem}.{n}{p.suffix}"
            n += 1
        shutil.move(str(p), str(target))  # a rename when on the same filesystem
        moved.append(target)
    return moved


@dg.run_status_sensor(
    name="landing_archive_sensor",
    run_status=dg.DagsterRunStatus.SUCCESS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Moves the files of a successful landing-folder run to the archive folder.",
)
def landing_archive_sensor(context: dg.RunStatusSensorContext) -> dg.SkipReason | None:
    run = context.dagster_run
    if run.tags.get("chancery/trigger") != TRIGGER or run.job_name != BUILD_JOB_NAME:
        return dg.SkipReason("not a landing-folder run")
    landing = Path(run.tags[LANDING_DIR_TAG])
    sources = run.run_config.get("ops", {}).get("raw_articles", {}).get("config", {}).get("sources", [])
    record = context.instance.get_run_record_by_id(run.run_id)
    started = record.start_time if record is not None else None
    moved = archive_files(sources, landing, archive_dir(landing), started)
    context.log.info(f"archived {len(moved)} of {len(sources)} landing files from run {run.run_id}")
    return None
