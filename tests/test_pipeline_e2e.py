"""End to end: the real asset graph (in-process Dagster, real sources, extractor, `dbt build`) over a
copy of the bundled sample, built three times into one warehouse file.

Builds cost seconds each, so one module fixture does them all and the tests only read results:
  1. first build (in-process);
  2. the same source again, while a separate reader process keeps opening the published file
     read-only, one query per connection;
  3. one article's body edited in the source, built through the `chancery` CLI (a subprocess).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import _failure_reason
from orchestration.paths import SAMPLE_DIR
from orchestration.run import materialization_metadata, run_build
from warehouse.paths import exports_dir, wal_path, working_path

CHANCERY = Path(sys.executable).with_name("chancery")
MARTS = ("dim_articles", "dim_actors", "fct_statements", "fct_sanctions", "fct_diplomatic_contacts",
         "bridge_contact_participants")
MART_KEYS = {"dim_articles": "article_key", "dim_actors": "actor_key", "fct_statements": "statement_key",
             "fct_sanctions": "sanction_key", "fct_diplomatic_contacts": "contact_key",
             "bridge_contact_participants": "contact_key, actor_key"}
EDITED_ID = "cw-20171212-eu-russia-extend"

READER = r"""
import json, sys, time, duckdb
path, stop = sys.argv[1], sys.argv[2]
reads = errors = 0
messages = []
import os
while not os.path.exists(stop):
    try:
        con = duckdb.connect(path, read_only=True)
        try:
            con.execute("select count(*) from raw.articles").fetchone()
            reads += 1
        finally:
            con.close()
    except Exception as exc:
        errors += 1
        messages.append(str(exc)[:200])
    time.sleep(0.01)
print(json.dumps({"reads": reads, "errors": errors, "messages": messages[:5]}))
"""


def state(db: Path) -> dict:
    """Row counts and key sets of the marts and Python tables, plus the rows that must not move."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict = {}
        for t in MARTS:
            out[t] = sorted(con.execute(f"select {MART_KEYS[t]} from marts.{t}").fetchall())
        out["raw"] = con.execute("select article_key, body_hash, first_seen_at, updated_at "
                                 "from raw.articles order by 1").fetchall()
        out["state"] = con.execute("select article_key, body_hash, extractor_version, extracted_at "
                                   "from extracted.article_state order by 1").fetchall()
        out["rejects"] = con.execute("select location, reason from audit.rejected_inputs "
                                     "order by all").fetchall()
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def builds(dbt_manifest, tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE_DIR, corpus)
    wh = root / "out" / "warehouse.duckdb"

    first = run_build([corpus], wh)
    assert first.success, _failure_reason(first)
    s1 = state(wh)

    stop = root / "stop-reader"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(wh), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = run_build([corpus], wh)
    stop.touch()
    reader_out = json.loads(reader.communicate(timeout=60)[0])
    assert second.success, _failure_reason(second)
    s2 = state(wh)

    jsonl = corpus / "articles.jsonl"
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        rec = json.loads(line)
        if rec["id"] == EDITED_ID:
            rec["text"] += " Officials said the decision would be reviewed in June."
            lines[i] = json.dumps(rec)
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, PATH=f"{CHANCERY.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("DAGSTER_HOME", None)
    cli = subprocess.run([str(CHANCERY), "build", "--source", str(corpus), "--warehouse", str(wh)],
                         capture_output=True, text=True, env=env, timeout=600)
    s3 = state(wh)
    return {"wh": wh, "first": first, "second": second, "s1": s1, "s2": s2, "s3": s3,
            "reader": reader_out, "cli": cli}


def test_first_build_fills_the_marts(builds) -> None:
    s1 = builds["s1"]
    meta = materialization_metadata(builds["first"], "raw_articles")
    assert meta["new"] == len(s1["raw"]) >= 25
    assert len(s1["dim_articles"]) == len(s1["raw"])
    for t in ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts", "bridge_contact_participants",
              "dim_actors"):
        assert s1[t], f"marts.{t} is empty after building the sample"
    assert len(s1["rejects"]) >= 4  # the sample's deliberate rejects are quarantined, not fatal


def test_rebuilding_the_same_source_changes_nothing(builds) -> None:
    assert builds["s2"] == builds["s1"]
    meta = materialization_metadata(builds["second"], "raw_articles")
    assert (meta["new"], meta["updated"]) == (0, 0)
    assert meta["unchanged"] == len(builds["s1"]["raw"])
    assert materialization_metadata(builds["second"], "extracted_events")["articles_extracted"] == 0


def test_readers_are_never_blocked_by_a_build(builds) -> None:
    r = builds["reader"]
    assert r["reads"] > 10
    assert r["errors"] == 0, r["messages"]


def test_published_file_is_clean_and_exported(builds) -> None:
    wh = builds["wh"]
    assert not wal_path(wh).exists()
    assert not working_path(wh).exists()
    latest = exports_dir(wh) / "latest"
    assert (latest / "dim_articles.parquet").exists()
    con = duckdb.connect()
    n = con.execute(f"select count(*) from '{latest / 'dim_articles.parquet'}'").fetchone()[0]
    assert n == len(builds["s3"]["dim_articles"])


def test_cli_build_of_an_edited_article_updates_only_that_article(builds) -> None:
    cli = builds["cli"]
    assert cli.returncode == 0, cli.stderr
    assert re.search(r"articles\s+[\d,]+\s+\(new 0, updated 1, unchanged \d+\)", cli.stdout), cli.stdout
    s2, s3 = builds["s2"], builds["s3"]
    assert [r[0] for r in s3["raw"]] == [r[0] for r in s2["raw"]]
    changed = [(a, b) for a, b in zip(s2["raw"], s3["raw"], strict=True) if a != b]
    assert len(changed) == 1
    before, after = changed[0]
    assert before[1] != after[1]  # body hash
    assert before[2] == after[2]  # first_seen_at kept
    assert after[3] > before[3]  # updated_at bumped
    restated = {k for k, *_ in s3["state"]} ^ {k for k, *_ in s2["state"]}
    assert not restated
    re_extracted = {a[0] for a, b in zip(s2["state"], s3["state"], strict=True) if a != b}
    assert after[0] in re_extracted
    # any other article re-extracted only because the extractor itself changed meanwhile
    versions = {r[0]: r[2] for r in s2["state"]}
    assert all(versions[k] != v for k, _, v, _ in s3["state"] if k in re_extracted - {after[0]})


def test_cli_summary_reads_the_published_file(builds) -> None:
    out = subprocess.run([str(CHANCERY), "summary", "--warehouse", str(builds["wh"])],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert re.search(rf"articles\s+{len(builds['s3']['dim_articles'])}\b", out.stdout)
