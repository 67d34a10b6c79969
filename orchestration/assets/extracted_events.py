"""extracted_events: run the rule extractor over articles whose body or extractor changed."""

import dagster as dg

from ingestion.extraction import EXTRACTOR_VERSION, extract_article
from orchestration import progress
from orchestration.assets.raw_articles import RAW_ARTICLES
from orchestration.partitions import REEXTRACTED_DAYS
from orchestration.resources import WarehouseResource, run_key
from warehouse.loader import default_workers, extract_stale, stale_article_keys
from warehouse.schema import EXTRACTED_TABLES

EXTRACTED_EVENTS = dg.AssetKey("extracted_events")


@dg.asset(
    key=EXTRACTED_EVENTS,
    # after a day-range re-extraction (reextract_job), so only what is still stale is left here
    deps=[RAW_ARTICLES, REEXTRACTED_DAYS],
    group_name="ingest",
    kinds={"python", "duckdb"},
    code_version=EXTRACTOR_VERSION,
    description="Sentences, actor mentions, statements, sanctions and contacts per article "
    "(extracted.*), re-extracted only when the body hash or EXTRACTOR_VERSION changed.",
)
def extracted_events(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect(run_key(context)) as con:
        stale = stale_article_keys(con, EXTRACTOR_VERSION)
        progress.stage("extracting events", total=len(stale))
        counts = extract_stale(con, extractor_version=EXTRACTOR_VERSION, extract=extract_article,
                               keys=stale, on_progress=progress.advance,
                               workers=default_workers(len(stale)))
        totals = {t: con.execute(f"select count(*) from extracted.{t}").fetchone()[0]
                  for t in EXTRACTED_TABLES}
    context.log.info(f"extracted {counts.articles} articles ({counts.failed} failed)")
    return dg.MaterializeResult(metadata={
        "extractor_version": EXTRACTOR_VERSION,
        "articles_extracted": counts.articles,
        "articles_failed": counts.failed,
        **{f"new_{t}": int(counts.rows.get(t, 0)) for t in EXTRACTED_TABLES},
        **{f"total_{t}": n for t, n in totals.items()},
    })
