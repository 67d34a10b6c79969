"""Asset checks beyond dbt's tests: signals an unattended deployment needs to notice on its own.

- feed_freshness (raw_articles): a configured feed gave no new article for
  $CHANCERY_FRESHNESS_HOURS hours (default 24) — dead feed, moved URL, or a parser that broke.
- reject_rate (raw_articles): the share of quarantined input in the latest load is above
  $CHANCERY_MAX_REJECT_RATE (default 0.2) — a source changed format.
- extraction_yield (extracted_events): events (statements + sanctions + contacts) per article in
  the latest extraction batch fell below $CHANCERY_MIN_YIELD_RATIO (default 0.5) times the rest of
  the warehouse's average, for batches of at least $CHANCERY_YIELD_MIN_ARTICLES articles (default
  20) — a rules regression or a source whose bodies stopped parsing.

All three warn (severity WARN, non-blocking): the run still publishes, the UI shows the warning.
They run after publish and read the published file read-only, like every other reader, so they
never contend with the run's writer for the DuckDB lock.
"""

import os
from datetime import datetime
from typing import Any

import dagster as dg

from orchestration.assets.extracted_events import EXTRACTED_EVENTS
from orchestration.assets.published import PUBLISHED_WAREHOUSE
from orchestration.assets.raw_articles import RAW_ARTICLES
from orchestration.feeds import FeedConfigError, load_feeds
from orchestration.resources import WarehouseResource
from warehouse.loader import utcnow
from warehouse.read import readonly

FRESHNESS_HOURS_ENV = "CHANCERY_FRESHNESS_HOURS"
MAX_REJECT_RATE_ENV = "CHANCERY_MAX_REJECT_RATE"
MIN_YIELD_RATIO_ENV = "CHANCERY_MIN_YIELD_RATIO"
YIELD_MIN_ARTICLES_ENV = "CHANCERY_YIELD_MIN_ARTICLES"
WARN = dg.AssetCheckSeverity.WARN


def _env(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def feed_freshness_result(con: Any, feeds: list[str], now: datetime, max_hours: float) -> dg.AssetCheckResult:
    """Hours since each feed's newest article first landed; stale feeds fail the check (WARN)."""
    if not feeds:
        return dg.AssetCheckResult(passed=True, metadata={"feeds": 0, "note": "no feeds configured"})
    rows = dict(con.execute(
        "select source, max(first_seen_at) from raw.articles where source in (select unnest(?::varchar[])) "
        "group by 1", [feeds]).fetchall())
    ages = {f: (now - rows[f]).total_seconds() / 3600 if rows.get(f) else None for f in feeds}
    stale = sorted(f for f, h in ages.items() if h is None or h > max_hours)
    return dg.AssetCheckResult(
        passed=not stale, severity=WARN,
        description=(f"{len(stale)} feed(s) without a new article for {max_hours:g} h" if stale else None),
        metadata={"feeds": len(feeds), "stale_feeds": dg.MetadataValue.json(stale),
                  "max_hours": max_hours,
                  "hours_since_new": dg.MetadataValue.json(
                      {f: (round(h, 2) if h is not None else None) for f, h in ages.items()})})


def reject_rate_result(counts: dict[str, Any] | None, max_rate: float) -> dg.AssetCheckResult:
    """Rejected share of the latest load's records (new + updated + unchanged + rejected)."""
    if not counts:
        return dg.AssetCheckResult(passed=True, metadata={"note": "no load recorded yet"})
    rejected = int(counts.get("rejected", 0))
    total = rejected + sum(int(counts.get(k, 0)) for k in ("new", "updated", "unchanged"))
    rate = rejected / total if total else 0.0
    return dg.AssetCheckResult(
        passed=rate <= max_rate, severity=WARN,
        description=(f"{rate:.0%} of the latest load was rejected (threshold {max_rate:.0%})"
                     if rate > max_rate else None),
        metadata={"rejected": rejected, "records": total, "reject_rate": round(rate, 4),
                  "max_reject_rate": max_rate})


def extraction_yield_result(con: Any, min_ratio: float, min_articles: int) -> dg.AssetCheckResult:
    """Events per article of the latest extraction batch against the rest of the warehouse."""
    batch_n, batch_yield, rest_n, rest_yield = con.execute("""
        with events as (
            select article_key, count(*) as n from (
                select article_key from extracted.statements
                union all select article_key from extracted.sanctions
                union all select article_key from extracted.contacts
            ) group by 1
        ),
        per_article as (
            select s.extracted_at, coalesce(e.n, 0) as n
            from extracted.article_state s left join events e using (article_key)
        ),
        latest as (select max(extracted_at) as t from per_article)
        select count(*) filter (where extracted_at = t), avg(n) filter (where extracted_at = t),
               count(*) filter (where extracted_at < t), avg(n) filter (where extracted_at < t)
        from per_article, latest
    """).fetchone()
    meta: dict[str, Any] = {
        "batch_articles": batch_n, "batch_events_per_article": round(batch_yield or 0, 3),
        "baseline_articles": rest_n, "baseline_events_per_article": round(rest_yield or 0, 3),
        "min_ratio": min_ratio}
    if batch_n < min_articles or not rest_n or not rest_yield:
        return dg.AssetCheckResult(passed=True, metadata={
            **meta, "note": f"not compared: batch < {min_articles} articles or no baseline"})
    ratio = (batch_yield or 0) / rest_yield
    return dg.AssetCheckResult(
        passed=ratio >= min_ratio, severity=WARN,
        description=(f"latest batch yields {ratio:.0%} of the usual events per article"
                     if ratio < min_ratio else None),
        metadata={**meta, "ratio": round(ratio, 3)})


def _latest_load_counts(instance: dg.DagsterInstance) -> dict[str, Any] | None:
    event = instance.get_latest_materialization_event(RAW_ARTICLES)
    mat = event.asset_materialization if event is not None else None
    if mat is None:
        return None
    return {k: getattr(v, "value", v) for k, v in mat.metadata.items()}


@dg.asset_check(asset=RAW_ARTICLES, name="feed_freshness", additional_deps=[PUBLISHED_WAREHOUSE],
                description="Warns when a configured feed gave no new article for "
                "$CHANCERY_FRESHNESS_HOURS hours (default 24).")
def feed_freshness(context: dg.AssetCheckExecutionContext,
                   warehouse: WarehouseResource) -> dg.AssetCheckResult:
    try:
        feeds = load_feeds()
    except FeedConfigError as exc:
        return dg.AssetCheckResult(passed=False, severity=WARN, description=str(exc))
    with readonly(warehouse.published_path) as con:
        return feed_freshness_result(con, feeds, utcnow(), _env(FRESHNESS_HOURS_ENV, 24))


@dg.asset_check(asset=RAW_ARTICLES, name="reject_rate", additional_deps=[PUBLISHED_WAREHOUSE],
                description="Warns when the rejected share of the latest load exceeds "
                "$CHANCERY_MAX_REJECT_RATE (default 0.2).")
def reject_rate(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    return reject_rate_result(_latest_load_counts(context.instance), _env(MAX_REJECT_RATE_ENV, 0.2))


@dg.asset_check(asset=EXTRACTED_EVENTS, name="extraction_yield", additional_deps=[PUBLISHED_WAREHOUSE],
                description="Warns when events per article of the latest extraction batch drop below "
                "$CHANCERY_MIN_YIELD_RATIO (default 0.5) of the warehouse average.")
def extraction_yield(context: dg.AssetCheckExecutionContext,
                     warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with readonly(warehouse.published_path) as con:
        return extraction_yield_result(con, _env(MIN_YIELD_RATIO_ENV, 0.5),
                                       int(_env(YIELD_MIN_ARTICLES_ENV, 20)))


CHECKS = [feed_freshness, reject_rate, extraction_yield]
