"""Load parsed articles, rejections and extraction output into the Python-owned tables.

Idempotency is the point of this module: loading the same articles again changes no row of
`raw.*` or `extracted.*` (an article whose fields are unchanged is left alone, its `updated_at`
kept), a changed article is updated in place and re-extracted, and a rejection seen again bumps
only its `times_seen` / `last_seen_at` audit counters. Rows go in as Arrow tables in chunks:
`executemany` is far too slow at 100k rows, and chunks keep memory flat on large sources.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import duckdb
import pyarrow as pa

from ingestion.records import RawArticle, Rejection, body_hash
from warehouse.schema import EXTRACTED_TABLES

log = logging.getLogger(__name__)

CHUNK_SIZE = 2_000

Progress = Callable[[int], None]  # called with the number of items just handled

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}

# fields of raw.articles that make an article "changed" when they differ from the stored row
_CHANGE_COLUMNS = ("body_hash", "title", "url", "published_raw", "published_at")


def utcnow() -> datetime:
    """Naive UTC, the convention of every timestamp column in the warehouse."""
    return datetime.now(UTC).replace(tzinfo=None)


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most `size` items, so a huge source never sits in memory whole."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class TableInfo:
    """Columns of one warehouse table as DuckDB has them (the DDL in schema.py is the truth)."""

    schema: pa.Schema
    not_null: tuple[str, ...]
    primary_key: tuple[str, ...]


def table_info(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> TableInfo:
    cols = con.execute(
        "select column_name, data_type, is_nullable from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    if not cols:
        raise LookupError(f"{schema}.{table} does not exist; run ensure_schema first")
    pk = con.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where schema_name = ? and table_name = ? and constraint_type = 'PRIMARY KEY'",
        [schema, table],
    ).fetchone()
    arrow = pa.schema([pa.field(name, _ARROW_TYPES.get(dtype, pa.string())) for name, dtype, _ in cols])
    return TableInfo(
        schema=arrow,
        not_null=tuple(name for name, _, nullable in cols if nullable == "NO"),
        primary_key=tuple(pk[0]) if pk else (),
    )


def _insert_rows(con: duckdb.DuckDBPyConnection, target: str, info: TableInfo, rows: list[dict]) -> int:
    """Bulk insert dict rows (missing keys -> null) through one Arrow table."""
    if not rows:
        return 0
    tbl = pa.Table.from_pylist(rows, schema=info.schema)
    con.register("_chancery_rows", tbl)
    try:
        con.execute(f"insert into {target} by name select * from _chancery_rows")
    finally:
        con.unregister("_chancery_rows")
    return len(rows)


# ---------------------------------------------------------------------------------------------
# raw.articles and audit.rejected_inputs
# ---------------------------------------------------------------------------------------------


@dataclass
class LoadCounts:
    """What one load did, per distinct article key (a key repeated in the input counts once)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0  # rejection records seen in this load
    duplicates: int = 0  # records whose key already appeared earlier in the same load

    def as_dict(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": self.rejected, "duplicates": self.duplicates}


_INCOMING_SCHEMA = pa.schema([
    ("article_key", pa.string()), ("source", pa.string()), ("source_id", pa.string()),
    ("source_kind", pa.string()), ("location", pa.string()), ("title", pa.string()),
    ("body", pa.string()), ("url", pa.string()), ("published_raw", pa.string()),
    ("published_at", pa.timestamp("us")), ("body_hash", pa.string()), ("metadata", pa.string()),
    ("ord", pa.int64()),
])


def _article_row(a: RawArticle, ord_: int) -> dict[str, Any]:
    return {
        "article_key": a.key, "source": a.source, "source_id": a.source_id, "source_kind": a.source_kind,
        "location": a.location or a.source, "title": a.title, "body": a.body, "url": a.url,
        "published_raw": a.published_raw, "published_at": a.published_at, "body_hash": body_hash(a.body),
        "metadata": json.dumps(a.metadata, default=str, ensure_ascii=False) if a.metadata else None,
        "ord": ord_,
    }


def _stage_articles(con: duckdb.DuckDBPyConnection, articles: list[RawArticle], first_ord: int) -> None:
    rows = [_article_row(a, first_ord + i) for i, a in enumerate(articles)]
    con.register("_chancery_chunk", pa.Table.from_pylist(rows, schema=_INCOMING_SCHEMA))
    try:
        con.execute("insert into _chancery_incoming select * from _chancery_chunk")
    finally:
        con.unregister("_chancery_chunk")


def _upsert_staged(con: duckdb.DuckDBPyConnection, now: datetime, counts: LoadCounts) -> None:
    """Merge the staged load into raw.articles in one transaction (last record of a key wins)."""
    con.execute("begin")
    try:
        con.execute("""
            create or replace temp table _chancery_batch as
            select * exclude (ord) from _chancery_incoming
            qualify row_number() over (partition by article_key order by ord desc) = 1
        """)
        changed = " or ".join(f"a.{c} is distinct from b.{c}" for c in _CHANGE_COLUMNS)
        con.execute(f"""
            create or replace temp table _chancery_status as
            select b.article_key,
                   case when a.article_key is null then 'new' when {changed} then 'updated'
                        else 'unchanged' end as status
            from _chancery_batch b left join raw.articles a using (article_key)
        """)
        for status, n in con.execute("select status, count(*) from _chancery_status group by 1").fetchall():
            setattr(counts, status, n)
        cols = [f.name for f in _INCOMING_SCHEMA if f.name != "ord"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "article_key")
        con.execute(f"""
            insert into raw.articles ({", ".join(cols)}, first_seen_at, updated_at)
            select {", ".join(cols)}, $now, $now from _chancery_batch
            where article_key in (select article_key from _chancery_status where status <> 'unchanged')
            on conflict (article_key) do update set {updates}, updated_at = excluded.updated_at
        """, {"now": now})
        # a changed article (its body, or the date that anchors its event dates) is re-extracted
        con.execute("delete from extracted.article_state where article_key in "
                    "(select article_key from _chancery_status where status = 'updated')")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        for t in ("_chancery_batch", "_chancery_status"):
            con.execute(f"drop table if exists {t}")


def record_rejections(con: duckdb.DuckDBPyConnection, rejections: Sequence[Rejection],
                      now: datetime | None = None) -> int:
    """Upsert rejections by (location, reason): first sighting inserts, later ones bump counters."""
    if not rejections:
        return 0
    now = now or utcnow()
    grouped: dict[tuple[str, str], tuple[Rejection, int]] = {}
    for r in rejections:
        key = (r.location or r.source, r.reason)
        prev = grouped.get(key)
        grouped[key] = (r, (prev[1] if prev else 0) + 1)
    tbl = pa.table({
        "source": [r.source for r, _ in grouped.values()],
        "location": [k[0] for k in grouped],
        "reason": [k[1] for k in grouped],
        "detail": [r.detail for r, _ in grouped.values()],
        "times_seen": pa.array([n for _, n in grouped.values()], pa.int32()),
    })
    con.register("_chancery_rej", tbl)
    try:
        con.execute("""
            insert into audit.rejected_inputs
                (source, location, reason, detail, rejected_at, last_seen_at, times_seen)
            select source, location, reason, detail, $now, $now, times_seen from _chancery_rej
            on conflict (location, reason) do update set
                times_seen = rejected_inputs.times_seen + excluded.times_seen,
                last_seen_at = excluded.last_seen_at,
                detail = excluded.detail
        """, {"now": now})
    finally:
        con.unregister("_chancery_rej")
    return len(rejections)


def load_items(con: duckdb.DuckDBPyConnection, items: Iterable[RawArticle | Rejection], *,
               chunk_size: int = CHUNK_SIZE, now: datetime | None = None,
               on_progress: Progress | None = None) -> LoadCounts:
    """Upsert a stream of articles into raw.articles and rejections into audit.rejected_inputs.

    Articles are staged chunk by chunk (memory stays flat) and merged once at the end, so the
    last record of a key wins across the whole load and a key repeated in a source never
    flip-flops. New keys are inserted; an existing key whose body (hash), title, url or date
    differ is updated (`first_seen_at` kept, `updated_at` bumped) and its extraction
    invalidated; anything else is left untouched. Anything that is neither an article nor a
    rejection is itself quarantined rather than crashing the load.
    """
    now = now or utcnow()
    counts = LoadCounts()
    n_articles = 0
    con.register("_chancery_empty", _INCOMING_SCHEMA.empty_table())
    try:
        con.execute("create or replace temp table _chancery_incoming as select * from _chancery_empty")
    finally:
        con.unregister("_chancery_empty")
    try:
        for chunk in chunked(items, chunk_size):
            articles: list[RawArticle] = []
            rejections: list[Rejection] = []
            for item in chunk:
                if isinstance(item, RawArticle):
                    if item.body and item.body.strip():
                        articles.append(item)
                    else:
                        rejections.append(Rejection(item.source, item.location or item.source,
                                                    "record has no body"))
                elif isinstance(item, Rejection):
                    rejections.append(item)
                else:
                    rejections.append(Rejection("unknown", repr(item)[:200],
                                                f"source yielded a {type(item).__name__}"))
            if articles:
                _stage_articles(con, articles, n_articles)
                n_articles += len(articles)
            counts.rejected += record_rejections(con, rejections, now)
            if on_progress:
                on_progress(len(chunk))
        _upsert_staged(con, now, counts)
    finally:
        con.execute("drop table if exists _chancery_incoming")
    counts.duplicates = n_articles - (counts.new + counts.updated + counts.unchanged)
    return counts


# ---------------------------------------------------------------------------------------------
# extracted.*
# ---------------------------------------------------------------------------------------------


@dataclass
class ExtractCounts:
    """What one extraction pass did: articles (re-)extracted, failures, rows written per table."""

    articles: int = 0
    failed: int = 0
    rows: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "failed": self.failed,
                **{t: int(self.rows.get(t, 0)) for t in EXTRACTED_TABLES}}


def stale_article_keys(con: duckdb.DuckDBPyConnection, extractor_version: str) -> list[str]:
    """Articles with no extraction, or one made from another body or another extractor version."""
    rows = con.execute("""
        select a.article_key from raw.articles a
        left join extracted.article_state s using (article_key)
        where s.article_key is null or s.body_hash <> a.body_hash or s.extractor_version <> ?
        order by a.article_key
    """, [extractor_version]).fetchall()
    return [r[0] for r in rows]


def _plain(obj: Any, columns: set[str], article_key: str) -> dict[str, Any]:
    row = {f.name: getattr(obj, f.name) for f in fields(obj) if f.name in columns}
    row["article_key"] = article_key
    return row


def extraction_rows(article_key: str, ex: Any, infos: dict[str, TableInfo]) -> dict[str, list[dict]]:
    """Flatten one ArticleExtraction into rows per extracted.* table (unknown fields dropped)."""
    cols = {t: set(infos[t].schema.names) for t in infos}
    out: dict[str, list[dict]] = {t: [] for t in EXTRACTED_TABLES}
    out["sentences"] = [_plain(s, cols["sentences"], article_key) for s in ex.sentences]
    out["actor_mentions"] = [_plain(m, cols["actor_mentions"], article_key) for m in ex.actors]
    out["statements"] = [_plain(s, cols["statements"], article_key) for s in ex.statements]
    out["sanctions"] = [_plain(s, cols["sanctions"], article_key) for s in ex.sanctions]
    out["contacts"] = [_plain(c, cols["contacts"], article_key) for c in ex.contacts]
    for c in ex.contacts:
        for p in c.participants:
            row = _plain(p, cols["contact_participants"], article_key) if is_dataclass(p) else dict(p)
            row["contact_index"] = c.contact_index
            row["article_key"] = article_key
            out["contact_participants"].append(row)
    return out


def _clean_rows(table: str, rows: list[dict], info: TableInfo) -> tuple[list[dict], str | None]:
    """Drop exact primary-key repeats (first wins); report a null in a not-null column as an error."""
    kept: list[dict] = []
    keys: set[tuple] = set()
    for row in rows:
        for col in info.not_null:
            if row.get(col) is None:
                return [], f"extracted.{table}.{col} is null"
        pk = tuple(row.get(c) for c in info.primary_key)
        if pk in keys:
            continue
        keys.add(pk)
        kept.append(row)
    return kept, None


def _extract_one(extract: Callable[..., Any], body: str, title: str | None,
                 published_at: datetime | None) -> Any:
    article_date: date | None = published_at.date() if published_at else None
    return extract(body, title, article_date)


@dataclass(frozen=True)
class _Failed:
    """An extraction that raised, carried back from a worker process as plain data."""

    kind: str
    message: str


def _extract_safely(extract: Callable[..., Any], article: tuple) -> Any:
    """Extraction of one fetched article row that never raises (runs in workers too)."""
    _key, body, title, published_at = article[:4]
    try:
        return _extract_one(extract, body, title, published_at)
    except Exception as exc:
        return _Failed(type(exc).__name__, str(exc)[:200])


# Below this, worker start-up (~2 s each: imports and gazetteers) eats the gain; measured on the
# 2-core dev machine: 1,200 articles 4.5 s in-process vs 7.5-9.7 s with 2 workers, 3,413 articles
# 15 s vs 12-19 s (noisy, shared machine). Override with CHANCERY_EXTRACT_WORKERS.
PARALLEL_MIN_ARTICLES = 5_000


def default_workers(n_articles: int) -> int:
    """Extraction processes for a batch: $CHANCERY_EXTRACT_WORKERS, else one per core (max 4)
    for batches big enough to repay the workers' start-up."""
    env = os.environ.get("CHANCERY_EXTRACT_WORKERS")
    if env:
        return max(1, int(env))
    return min(4, os.cpu_count() or 1) if n_articles >= PARALLEL_MIN_ARTICLES else 1


def _extracted_chunks(extract: Callable[..., Any], batches: Iterable[list[tuple]],
                      workers: int) -> Iterator[tuple[list[tuple], list[Any]]]:
    """(articles, results) per chunk. With workers, chunk i+1 is being extracted in the pool
    while the caller writes chunk i, so the single DuckDB writer is never idle waiting.

    If the pool breaks (a worker killed, or a host script that re-runs itself on spawn because
    it lacks a `__main__` guard), extraction falls back to this process instead of failing."""

    def serial(articles: list[tuple]) -> list[Any]:
        return [_extract_safely(extract, a) for a in articles]

    if workers <= 1:
        for articles in batches:
            yield articles, serial(articles)
        return
    broken = False

    def submit(pool: ProcessPoolExecutor, articles: list[tuple]) -> Iterator[Any] | None:
        nonlocal broken
        if broken:
            return None
        try:
            return pool.map(partial(_extract_safely, extract), articles, chunksize=16)
        except (BrokenProcessPool, RuntimeError, OSError) as exc:
            log.warning("extraction workers unavailable (%s); extracting in-process", exc)
            broken = True
            return None

    def collect(articles: list[tuple], submitted: Iterator[Any] | None) -> list[Any]:
        nonlocal broken
        if submitted is not None and not broken:
            try:
                return list(submitted)
            except BrokenProcessPool as exc:
                log.warning("extraction workers died (%s); extracting in-process", exc)
                broken = True
        return serial(articles)

    # spawn, not fork: the parent holds a DuckDB connection and Dagster's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: tuple[list[tuple], Iterator[Any] | None] | None = None
        for articles in batches:
            submitted = submit(pool, articles)
            if pending is not None:
                yield pending[0], collect(*pending)
            pending = (articles, submitted)
        if pending is not None:
            yield pending[0], collect(*pending)


def extract_stale(con: duckdb.DuckDBPyConnection, *, extractor_version: str,
                  extract: Callable[..., Any], chunk_size: int = CHUNK_SIZE,
                  keys: Sequence[str] | None = None, now: datetime | None = None,
                  on_progress: Progress | None = None, workers: int = 1) -> ExtractCounts:
    """(Re-)extract every stale article and replace its rows in every extracted.* table.

    Each chunk is one transaction: an article's old facts are deleted and its new ones inserted
    together, so a crash never leaves an article with half its facts. An article whose extraction
    raises is quarantined in audit.rejected_inputs and marked extracted (with no facts) so it is
    retried only when the extractor version changes, not on every run. `workers` > 1 extracts in
    that many processes (`extract` must then be a module-level function).
    """
    now = now or utcnow()
    keys = list(keys) if keys is not None else stale_article_keys(con, extractor_version)
    infos = {t: table_info(con, "extracted", t) for t in EXTRACTED_TABLES}
    state_info = table_info(con, "extracted", "article_state")
    counts = ExtractCounts()

    def batches() -> Iterator[list[tuple]]:
        for chunk in chunked(keys, chunk_size):
            yield con.execute("""
                select article_key, body, title, published_at, source, location, body_hash
                from raw.articles where article_key in (select unnest(?::varchar[]))
            """, [chunk]).fetchall()

    for articles, results in _extracted_chunks(extract, batches(), workers):
        rows: dict[str, list[dict]] = {t: [] for t in EXTRACTED_TABLES}
        states: list[dict] = []
        failures: list[Rejection] = []
        for (key, _body, _title, _published, source, location, bhash), ex in zip(articles, results,
                                                                                  strict=True):
            per_table: dict[str, list[dict]] = {t: [] for t in EXTRACTED_TABLES}
            if not isinstance(ex, _Failed):
                try:
                    per_table = extraction_rows(key, ex, infos)
                    for t in EXTRACTED_TABLES:
                        per_table[t], err = _clean_rows(t, per_table[t], infos[t])
                        if err:
                            raise ValueError(f"invalid extraction row: {err}")
                except Exception as exc:
                    ex = _Failed(type(exc).__name__, str(exc)[:200])
            if isinstance(ex, _Failed):  # one bad article must not sink the batch
                log.warning("extraction failed for %s: %s", location, ex.message)
                failures.append(Rejection(source, location, f"extraction failed: {ex.kind}: {ex.message}"))
                counts.failed += 1
                ex, per_table = None, {t: [] for t in EXTRACTED_TABLES}
            for t in EXTRACTED_TABLES:
                rows[t].extend(per_table[t])
            states.append({
                "article_key": key, "body_hash": bhash, "extractor_version": extractor_version,
                "extracted_at": now, "n_sentences": len(per_table["sentences"]),
                "dateline_location": getattr(ex, "dateline_location", None),
                "publisher": getattr(ex, "publisher", None),
            })
        con.execute("begin")
        try:
            con.execute("create or replace temp table _chancery_keys as "
                        "select unnest(?::varchar[]) as article_key", [[s["article_key"] for s in states]])
            for t in (*EXTRACTED_TABLES, "article_state"):
                con.execute(f"delete from extracted.{t} where article_key in "
                            "(select article_key from _chancery_keys)")
            for t in EXTRACTED_TABLES:
                counts.rows[t] += _insert_rows(con, f"extracted.{t}", infos[t], rows[t])
            _insert_rows(con, "extracted.article_state", state_info, states)
            con.execute("drop table _chancery_keys")
            record_rejections(con, failures, now)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        counts.articles += len(states)
        if on_progress:
            on_progress(len(articles))
    return counts
