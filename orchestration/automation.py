"""Everything that runs the warehouse unattended, as one Definitions object merged into `defs`:
the feed schedule, the landing-folder sensors, the re-extraction job over day partitions and the
asset checks. Kept apart from the core graph so the core stays a plain build."""

from __future__ import annotations

import dagster as dg

from orchestration.checks import CHECKS
from orchestration.partitions import reextract_job, reextracted_days
from orchestration.schedules import feed_poll_schedule
from orchestration.sensors import landing_archive_sensor, landing_folder_sensor


def automation_definitions() -> dg.Definitions:
    return dg.Definitions(
        assets=[reextracted_days],
        jobs=[reextract_job],
        asset_checks=CHECKS,
        schedules=[feed_poll_schedule],
        sensors=[landing_folder_sensor, landing_archive_sensor],
    )
