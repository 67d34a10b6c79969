"""Configuration files shipped for deployments: every env var the code reads is documented in
.env.example, the example feeds file loads, and the schedule's cron comes from the environment."""

from __future__ import annotations

import re
from pathlib import Path

from orchestration.feeds import load_feeds

REPO = Path(__file__).resolve().parents[1]
CODE_DIRS = ("orchestration", "warehouse", "ingestion", "dbt_project")


def _env_vars_in_code() -> set[str]:
    found: set[str] = set()
    for folder in CODE_DIRS:
        for path in (REPO / folder).rglob("*"):
            if path.suffix in (".py", ".yml", ".sql") and "target" not in path.parts:
                found |= set(re.findall(r"\b(CHANCERY_[A-Z_]+)\b", path.read_text(encoding="utf-8")))
    return found


def test_env_example_documents_every_variable() -> None:
    documented = set(re.findall(r"^#?(CHANCERY_[A-Z_]+|DAGSTER_HOME)=", (REPO / ".env.example").read_text(),
                                re.MULTILINE))
    missing = _env_vars_in_code() - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_example_feeds_file_loads() -> None:
    assert load_feeds(REPO / "config" / "feeds.example.yml") == [
        "https://feeds.example.org/world/rss.xml", "https://news.example.net/diplomacy.atom"]


def test_feed_cron_from_env(monkeypatch) -> None:
    from orchestration.schedules import DEFAULT_FEED_CRON, FEED_SCHEDULE_ENV, feed_cron

    monkeypatch.delenv(FEED_SCHEDULE_ENV, raising=False)
    assert feed_cron() == DEFAULT_FEED_CRON == "*/15 * * * *"
    monkeypatch.setenv(FEED_SCHEDULE_ENV, "0 * * * *")
    assert feed_cron() == "0 * * * *"


def test_one_writer_at_a_time_config(tmp_path: Path, monkeypatch, dbt_manifest: Path) -> None:
    """config/dagster.yaml is a valid instance config limiting writer runs to one, and every
    writing job carries what that config keys on (the pool asset and the writer tag)."""
    import shutil

    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.schedules import WRITER_TAG, WRITER_TAG_VALUE

    shutil.copy(REPO / "config" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        config = instance.get_concurrency_config()
    assert config.pool_config.default_pool_limit == 1
    assert config.pool_config.pool_granularity.value == "run"
    assert {"key": WRITER_TAG, "value": WRITER_TAG_VALUE, "limit": 1} in \
        config.run_queue_config.tag_concurrency_limits
    published = defs.get_assets_def("published_warehouse")
    assert published.op.pool == "chancery_warehouse"
    for name in ("build_warehouse_job", "reextract_job"):
        job = defs.resolve_job_def(name)
        assert job.tags[WRITER_TAG] == WRITER_TAG_VALUE
        assert dg.AssetKey("published_warehouse") in job.asset_layer.executable_asset_keys
