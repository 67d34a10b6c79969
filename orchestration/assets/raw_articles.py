"""raw_articles: pull every configured source into raw.articles; bad input goes to audit."""

from collections.abc import Iterator

import dagster as dg
from pydantic import Field

from ingestion.records import RawArticle, Rejection
from ingestion.sources import iter_source
from ingestion.sources.web import HttpState
from orchestration import progress
from orchestration.paths import SAMPLE_DIR
from orchestration.resources import WarehouseResource, run_key
from warehouse.fetch_state import WarehouseFetchState
from warehouse.loader import LoadCounts, load_items

RAW_ARTICLES = dg.AssetKey("raw_articles")


class RawArticlesConfig(dg.Config):
    """Sources to pull: files, folders, globs or http(s) URLs (see CONTRACT.md)."""

    sources: list[str] = Field(default_factory=lambda: [str(SAMPLE_DIR)],
                               description="Source specs; default: the bundled sample corpus.")


def _safe_iter(spec: str, http_state: HttpState | None = None) -> Iterator[RawArticle | Rejection]:
    """A reader that crashes costs the rest of its source, never the run: the crash is quarantined."""
    try:
        yield from iter_source(spec, http_state)
    except Exception as exc:
        yield Rejection(source=spec, location=spec,
                        reason=f"source reader failed: {type(exc).__name__}: {str(exc)[:200]}")


def _all_sources(specs: list[str], http_state: HttpState | None = None) -> Iterator[RawArticle | Rejection]:
    for spec in specs:
        yield from _safe_iter(spec, http_state)


@dg.asset(
    key=RAW_ARTICLES,
    group_name="ingest",
    kinds={"python", "duckdb"},
    description="Articles parsed from the configured sources, upserted into raw.articles; "
    "rejected input recorded in audit.rejected_inputs.",
)
def raw_articles(context: dg.AssetExecutionContext, config: RawArticlesConfig,
                 warehouse: WarehouseResource) -> dg.MaterializeResult:
    progress.stage("reading sources")
    with warehouse.connect(run_key(context)) as con:
        # conditional GET: validators from raw.fetch_state, written only once the load is done
        fetch_state = WarehouseFetchState(con)
        counts: LoadCounts = load_items(con, _all_sources(config.sources, fetch_state),
                                        on_progress=progress.advance)
        urls_fetched = fetch_state.flush()
        total, = con.execute("select count(*) from raw.articles").fetchone()
        rejects_total, = con.execute("select count(*) from audit.rejected_inputs").fetchone()
    context.log.info(f"loaded {config.sources}: {counts.as_dict()}")
    return dg.MaterializeResult(metadata={
        **counts.as_dict(),
        "sources": dg.MetadataValue.json(config.sources),
        "urls_fetched": urls_fetched,
        "articles_total": total,
        "rejected_inputs_total": rejects_total,
    })
