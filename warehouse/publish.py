"""Working copy in, published file out: the only code that touches the published warehouse file.

Readers open the published file read-only per query. DuckDB lets read-only openers coexist but a
read-write connection locks everyone else out, so a build never opens the published file for
writing: it copies it to a working file, writes there, closes it, and `os.replace`s it over the
published one. A crash at any point leaves either the old or the new file published, never a mix.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.paths import build_dir, exports_dir, wal_path, working_path
from warehouse.schema import ensure_schema

LATEST = "latest"
KEEP_EXPORTS = 3
_TMP_PREFIX = ".tmp-"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _fsync_dir(path: Path) -> None:
    """Persist a rename: the directory entry must reach the disk, not only the file data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prepare_working_copy(published: str | Path) -> Path:
    """Start a build: a fresh working copy of the published file (or a new empty warehouse).

    Anything left in the build folder by a crashed run (working file, `.wal`, half exports) is
    removed first, so a build never continues from a state nobody published.
    """
    published = Path(published).absolute()
    published.parent.mkdir(parents=True, exist_ok=True)
    work = working_path(published)
    folder = build_dir(published)
    if folder.exists():
        for stale in (work, wal_path(work)):
            _remove(stale)
    clean_stale_exports(published)
    folder.mkdir(parents=True, exist_ok=True)
    if published.exists():
        shutil.copyfile(published, work)
        # a published file is always checkpointed; a .wal beside it means someone wrote to it
        # directly, and its changes belong to the file's content
        if wal_path(published).exists():
            shutil.copyfile(wal_path(published), wal_path(work))
    con = duckdb.connect(str(work))
    try:
        ensure_schema(con)
        con.execute("checkpoint")
    finally:
        con.close()
    return work


def checkpoint_and_close(db: str | Path) -> None:
    """Fold the WAL into the file so the file alone is the whole database."""
    con = duckdb.connect(str(db))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(db).exists():
        raise RuntimeError(f"{wal_path(db)} still exists after checkpoint; is another process writing?")


def publish(working: str | Path, published: str | Path) -> Path:
    """Atomically replace `published` with `working` (checkpointed, fsynced), and return it."""
    working, published = Path(working).absolute(), Path(published).absolute()
    if working.parent != build_dir(published):
        raise ValueError(f"{working} is not the working copy of {published}")
    checkpoint_and_close(working)
    with open(working, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(working, published)
    _remove(wal_path(published))  # a WAL of the previous file must never be replayed on the new one
    _fsync_dir(published.parent)
    return published


def _export_tables(con: duckdb.DuckDBPyConnection, schemas: Sequence[str]) -> list[tuple[str, str]]:
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in (select unnest(?::varchar[])) order by 1, 2",
        [list(schemas)],
    ).fetchall()
    return [(s, t) for s, t in rows]


def export_parquet(working: str | Path, published: str | Path, schemas: Sequence[str] = ("marts",)) -> Path:
    """Write every table of `schemas` to `X/exports/.tmp-<stamp>/` and return that folder.

    The folder only becomes visible (renamed, linked as `latest`) by `finish_export` after the
    database itself was published, so exports never describe a warehouse that was not published.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    root = exports_dir(published)
    tmp = root / f"{_TMP_PREFIX}{stamp}"
    tmp.mkdir(parents=True, exist_ok=False)
    con = duckdb.connect(str(working), read_only=True)
    try:
        for schema, table in _export_tables(con, schemas):
            name = table if schema == schemas[0] else f"{schema}.{table}"
            target = str(tmp / f"{name}.parquet").replace("'", "''")
            con.execute(f'copy (select * from "{schema}"."{table}") to \'{target}\' (format parquet)')
    finally:
        con.close()
    return tmp


def finish_export(tmp: Path, keep: int = KEEP_EXPORTS) -> Path:
    """Make an export visible: rename it, swap `latest` to it atomically, keep the last `keep`."""
    root = tmp.parent
    final = root / tmp.name[len(_TMP_PREFIX):]
    os.replace(tmp, final)
    link_tmp = root / f"{_TMP_PREFIX}{LATEST}"
    _remove(link_tmp)
    os.symlink(final.name, link_tmp)  # relative, so the folder can be moved as a whole
    os.replace(link_tmp, root / LATEST)
    _fsync_dir(root)
    prune_exports(root, keep)
    return final


def prune_exports(root: Path, keep: int = KEEP_EXPORTS) -> None:
    """Delete all but the newest `keep` exports (never the one `latest` points to), and stale tmps."""
    latest = (root / LATEST).resolve() if (root / LATEST).is_symlink() else None
    stamps = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()
                    and not p.name.startswith(_TMP_PREFIX) and p.name != LATEST)
    for old in stamps[:-keep] if keep > 0 else stamps:
        if old.resolve() != latest:
            shutil.rmtree(old, ignore_errors=True)


def clean_stale_exports(published: str | Path) -> None:
    """Remove half-written export folders a crashed run left behind."""
    root = exports_dir(published)
    if root.exists():
        for p in root.iterdir():
            if p.name.startswith(_TMP_PREFIX):
                _remove(p)
