"""Conditional-GET memory kept in the warehouse: the `HttpState` of ingestion/sources/web.py over
`raw.fetch_state`.

Validators live in the warehouse (not in a side file) so they travel with the data they describe:
a run that fails is never published, and with it the validators it saw are forgotten too, so the
next poll fetches those feeds again instead of skipping items that never landed. Within a run,
`put` only buffers; `flush` writes the buffer once the articles themselves are loaded.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from warehouse.loader import utcnow


class WarehouseFetchState:
    """`HttpState` reading `raw.fetch_state` on a connection and buffering writes until `flush`."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.pending: dict[str, tuple[str | None, str | None, str, int, datetime]] = {}

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        """(etag, last_modified) of the last complete fetch of `url`, or None when never fetched."""
        if url in self.pending:
            etag, last_modified, *_ = self.pending[url]
            return etag, last_modified
        row = self.con.execute(
            "select etag, last_modified from raw.fetch_state where url = ?", [url]).fetchone()
        if row is None or (row[0] is None and row[1] is None):
            return None
        return row[0], row[1]

    def put(self, url: str, etag: str | None, last_modified: str | None, content_hash: str,
            status_code: int) -> None:
        """Remember a fetch whose items were all yielded; written by `flush` after the load."""
        self.pending[url] = (etag, last_modified, content_hash, status_code, utcnow())

    def flush(self) -> int:
        """Upsert buffered validators into raw.fetch_state; returns how many URLs were written."""
        rows = [(url, *vals) for url, vals in self.pending.items()]
        if rows:
            self.con.executemany("""
                insert into raw.fetch_state (url, etag, last_modified, content_hash, status_code, fetched_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (url) do update set etag = excluded.etag,
                    last_modified = excluded.last_modified, content_hash = excluded.content_hash,
                    status_code = excluded.status_code, fetched_at = excluded.fetched_at
            """, rows)
        self.pending.clear()
        return len(rows)
