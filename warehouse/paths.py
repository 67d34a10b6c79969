"""Where a build writes: the working copy sits beside the published file, never on top of it.

The working copy keeps the published file's name (inside `.chancery-build/`) so DuckDB's catalog
name — derived from the file name — is the same in both, and `os.replace` between them stays on
one filesystem (atomic).
"""

from __future__ import annotations

from pathlib import Path

BUILD_DIR_NAME = ".chancery-build"
EXPORTS_DIR_NAME = "exports"


def build_dir(published: str | Path) -> Path:
    """`X/.chancery-build` for a published file `X/name.duckdb`."""
    return Path(published).absolute().parent / BUILD_DIR_NAME


def working_path(published: str | Path) -> Path:
    """`X/.chancery-build/name.duckdb`: the file a build writes before it is published."""
    published = Path(published).absolute()
    return build_dir(published) / published.name


def wal_path(db: str | Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    db = Path(db)
    return db.with_name(db.name + ".wal")


def exports_dir(published: str | Path) -> Path:
    """`X/exports`: one timestamped Parquet folder per publish plus the `latest` link."""
    return Path(published).absolute().parent / EXPORTS_DIR_NAME
