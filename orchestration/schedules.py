"""The feed-polling schedule: every tick runs the build job with the configured feed URLs as sources.

The run is the same asset graph `chancery build` runs. Polling often is cheap because fetches are
conditional (validators in raw.fetch_state): an unchanged feed answers 304 and costs one request,
and a changed feed's known items are counted `unchanged` by the loader, so only new items are
extracted. Cron from $CHANCERY_FEED_SCHEDULE (default every 15 minutes), timezone from
$CHANCERY_SCHEDULE_TIMEZONE (default UTC).
"""

from __future__ import annotations

import os

import dagster as dg

from orchestration.feeds import load_feeds
from orchestration.run import build_run_config

BUILD_JOB_NAME = "build_warehouse_job"  # the job in orchestration/definitions.py
FEED_SCHEDULE_ENV = "CHANCERY_FEED_SCHEDULE"
TIMEZONE_ENV = "CHANCERY_SCHEDULE_TIMEZONE"
DEFAULT_FEED_CRON = "*/15 * * * *"
# every run that writes the warehouse carries this tag; dagster.yaml limits it to one run at a time
WRITER_TAG = "chancery/writer"
WRITER_TAG_VALUE = "warehouse"


def writer_tags(trigger: str) -> dict[str, str]:
    """Tags of a warehouse-writing run: the concurrency key plus what launched it."""
    return {WRITER_TAG: WRITER_TAG_VALUE, "chancery/trigger": trigger}


def feed_cron() -> str:
    return os.environ.get(FEED_SCHEDULE_ENV, "").strip() or DEFAULT_FEED_CRON


@dg.schedule(
    name="feed_poll_schedule",
    cron_schedule=feed_cron(),
    execution_timezone=os.environ.get(TIMEZONE_ENV, "").strip() or "UTC",
    job_name=BUILD_JOB_NAME,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Polls the feeds listed in $CHANCERY_FEEDS_FILE (default config/feeds.yml) with "
    "conditional GET and builds what is new. Skips when no feed is configured.",
)
def feed_poll_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    feeds = load_feeds()  # a malformed file raises: the tick fails visibly instead of polling less
    if not feeds:
        return dg.SkipReason("no feeds configured (set CHANCERY_FEEDS_FILE or write config/feeds.yml)")
    return dg.RunRequest(
        run_config=build_run_config(feeds, log_level="INFO"),
        tags=writer_tags("feed_poll_schedule"),
    )
