"""Real `dbt build` over a real DuckDB file holding hand-written raw+extracted rows.

One session fixture runs dbt four times (each costs seconds): a first load without tests, a second
load built incrementally with every data test and unit test, a full refresh of the same data for
comparison, and `dbt docs generate`. The checks then only read the resulting files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.schema import ensure_schema

REPO = Path(__file__).resolve().parents[1]
DBT_DIR = REPO / "dbt_project"
TESTDATA = DBT_DIR / "testdata"
DBT = Path(sys.executable).with_name("dbt")
CONTRACT = REPO.parent / "shared" / "CONTRACT.md"
DBT_SCHEMAS = ("staging", "intermediate", "marts")

# Copy of the mart columns in CONTRACT.md, used when ../shared is not there.
CONTRACT_COLUMNS = {
    "dim_articles": "article_key, source_id, source, title, url, published_at, published_date",
    "dim_actors": "actor_key, actor_code, actor_name, actor_kind, country_code",
    "fct_statements": "statement_key, article_key, speaker_actor_key, speaker_name, speaker_kind, "
    "speaker_country_code, speaker_organization, reporting_verb, content, event_date, sentence_index",
    "fct_sanctions": "sanction_key, article_key, imposer_actor_key, imposer_code, target_actor_key, "
    "target_code, action, sanction_type, event_date, cameo_code, evidence",
    "fct_diplomatic_contacts": "contact_key, article_key, mode, status, event_date, cameo_code, evidence",
    "bridge_contact_participants": "contact_key, actor_key, actor_code, person_name",
}
# Added by this project (brief of the dbt work), checked alongside the contract.
EXTRA_COLUMNS = {
    "dim_articles": "publisher, dateline_location, is_duplicate, duplicate_of_article_key, source_kind, "
    "ingested_at, updated_at",
    "dim_countries": "country_code, country_name, region, subregion",
    "dim_date": "date_day",
    "fct_sanction_events": "event_key, n_articles, n_sources, first_reported_at, last_reported_at, "
    "event_date",
    "fct_contact_events": "event_key, n_articles, n_sources, first_reported_at, last_reported_at, "
    "event_date",
    "fct_sanctions": "event_key, sentence_index, char_start, char_end, confidence, plover_code, "
    "date_precision",
    "fct_diplomatic_contacts": "event_key, sentence_index, char_start, char_end, confidence, plover_code",
    "fct_statements": "content_search, evidence, char_start, char_end, confidence, cameo_code, "
    "date_precision",
    "agg_events_daily": "event_day, event_type, actor_a_code, actor_b_code, n_events",
}


def contract_columns() -> dict[str, set[str]]:
    """Mart columns from CONTRACT.md when present (the source of truth), else the copy above."""
    tables = {t: {c.strip() for c in cols.split(",")} for t, cols in CONTRACT_COLUMNS.items()}
    if CONTRACT.exists():
        text = CONTRACT.read_text(encoding="utf-8")
        marts = text.split("## Marts", 1)[1].split("\n## ", 1)[0]
        for table, cols in re.findall(r"^\| *(\w+) *\|[^|]*\| *([^|]+?) *\|$", marts, flags=re.M):
            if table != "table":  # "actor_kind (country, igo, ...)": drop the allowed values
                tables[table] = {c.strip() for c in re.sub(r"\([^)]*\)", "", cols).split(",")}
    return tables


def load(db: Path, *sql_files: str) -> None:
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        for name in sql_files:
            con.execute((TESTDATA / name).read_text(encoding="utf-8"))
    finally:
        con.close()


def dbt(db: Path, work: Path, *args: str) -> str:
    """Run the real dbt CLI against `db`; target/log dirs per database so runs never clash."""
    env = dict(os.environ)
    env.update(
        CHANCERY_DBT_DATABASE=str(db),
        DBT_TARGET_PATH=str(work / f"target-{db.stem}"),
        DBT_LOG_PATH=str(work / f"logs-{db.stem}"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    env["PATH"] = f"{DBT.parent}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run(
        [str(DBT), *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}"
    return proc.stdout


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Incrementally built warehouse (two loads) and a full-refresh build of the same data."""
    work = tmp_path_factory.mktemp("dbt")
    build_dir = work / "published" / ".chancery-build"
    build_dir.mkdir(parents=True)
    inc = build_dir / "warehouse.duckdb"
    load(inc, "batch1.sql")
    no_tests = ("--exclude-resource-type", "test", "--exclude-resource-type", "unit_test")
    dbt(inc, work, "build", *no_tests)
    load(inc, "batch2.sql")
    full = work / "full.duckdb"
    shutil.copyfile(inc, full)
    out = dbt(inc, work, "build")  # incremental, with every data test and unit test
    dbt(full, work, "build", "--full-refresh", *no_tests)
    dbt(inc, work, "docs", "generate")
    return {"incremental": inc, "full": full, "work": work, "build_log": out}  # type: ignore[dict-item]


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def key(source: str, source_id: str) -> str:
    from ingestion.records import article_key

    return article_key(source, source_id)


def test_build_ran_data_and_unit_tests(built):
    log = built["build_log"]
    assert "unit_test" in log and "ERROR=0" in log
    assert re.search(r"Finished running .*\d+ data tests, \d+ unit tests", log)


def test_marts_have_contract_columns(built):
    expected = contract_columns()
    for table, cols in EXTRA_COLUMNS.items():
        expected.setdefault(table, set()).update(c.strip() for c in cols.split(","))
    rows = query(built["incremental"], "select table_name, column_name from duckdb_columns() "
                 "where schema_name = 'marts'")
    have: dict[str, set[str]] = {}
    for table, column in rows:
        have.setdefault(table, set()).add(column)
    for table, cols in expected.items():
        assert table in have, f"marts.{table} missing"
        assert cols <= have[table], f"marts.{table} lacks {sorted(cols - have[table])}"


def test_two_articles_reporting_one_sanction_are_one_event(built):
    db = built["incremental"]
    events = query(db, "select event_date, n_mentions, n_articles, n_sources from marts.fct_sanction_events "
                   "where imposer_code = 'USA' and target_code = 'PRK' and action = 'impose' order by 1")
    assert [(str(d), m, a, s) for d, m, a, s in events] == [
        ("2017-12-26", 2, 2, 2),  # a1 dated, b1 undated but published two days later
        ("2018-03-10", 1, 1, 1),  # same actors and action, months later: another event
    ]
    keys = [key("wire_a.jsonl", "a1"), key("wire_b.jsonl", "b1")]
    mention_events = query(db, "select article_key, event_key from marts.fct_sanctions "
                           "where article_key in (?, ?)", keys)
    assert len(mention_events) == 2 and len({e for _, e in mention_events}) == 1


def test_contact_with_three_participants_and_event(built):
    db = built["incremental"]
    contact_key = query(db, "select contact_key from marts.fct_diplomatic_contacts where article_key = ?",
                        [key("wire_a.jsonl", "a2")])[0][0]
    parts = query(db, "select actor_code, person_name from marts.bridge_contact_participants "
                  "where contact_key = ? order by 1", [contact_key])
    assert parts == [("CHN", None), ("JPN", None), ("KOR", "moon jae-in")]
    events = query(db, "select participant_codes, mode, n_articles, event_date from marts.fct_contact_events "
                   "order by 1")
    assert [(p, m, n, str(d)) for p, m, n, d in events] == [
        ("CHN,JPN,KOR", "summit", 2, "2018-01-05"),
        ("RUS,USA", "phone", 1, "2017-12-26"),
    ]
    # the score script's join: contact -> article -> participants
    joined = query(db, "select count(*) from marts.fct_diplomatic_contacts c join marts.dim_articles a "
                   "using (article_key) join marts.bridge_contact_participants p using (contact_key)")
    assert joined == [(8,)]


def test_duplicate_bodies_are_flagged_and_not_counted(built):
    db = built["incremental"]
    dups = query(db, "select source_id, duplicate_of_article_key from marts.dim_articles where is_duplicate "
                 "order by 1")
    assert dups == [("m1", key("wire_a.jsonl", "a1")), ("m2", key("wire_a.jsonl", "a2"))]
    dup_keys = [key("mirror.jsonl", "m1"), key("mirror.jsonl", "m2")]
    facts = ("fct_statements", "fct_sanctions", "fct_diplomatic_contacts", "bridge_contact_participants")
    for table in facts:
        sql = f"select count(*) from marts.{table} where article_key in (?, ?)"
        assert query(db, sql, dup_keys) == [(0,)]
    # facts map extracted rows 1:1 for canonical articles (a1, a2, x1 and x2; see the next test)
    assert query(db, "select count(*) from marts.fct_statements") == [(4,)]


def test_edited_and_deleted_articles(built):
    db = built["incremental"]
    # x1 was edited (new body hash): its old copy x2 is canonical now and counts; x1 counts its new text
    rows = query(db, "select a.source_id, s.event_date from marts.fct_statements s join marts.dim_articles a "
                 "using (article_key) where s.speaker_name = 'vladimir putin' order by 1")
    assert [(sid, str(d) if d else None) for sid, d in rows] == [("x1", "2018-01-29"), ("x2", None)]
    # z1 was deleted from raw and extracted: nothing of it is left
    z1 = key("wire_d.jsonl", "z1")
    for table in ("dim_articles", "fct_statements"):
        assert query(db, f"select count(*) from marts.{table} where article_key = ?", [z1]) == [(0,)]
    assert query(db, "select count(*) from marts.agg_statements_daily where speaker_name = 'angela merkel'") \
        == [(0,)]


def test_reextraction_replaces_an_articles_facts(built):
    # a2 was re-extracted in the second load and lost its EU sanction; its copy m2 still has one
    rows = query(built["incremental"], "select count(*) from marts.fct_sanctions where imposer_code = 'EU'")
    assert rows == [(0,)]
    assert query(built["incremental"], "select count(*) from marts.fct_sanction_events "
                 "where imposer_code = 'EU'") == [(0,)]


def test_dims(built):
    db = built["incremental"]
    actors = set(query(db, "select actor_code, actor_kind, actor_name from marts.dim_actors"))
    # code actors are one row per code; several persons share a state (Lavrov, Putin)
    assert {(c, k, n) for c, k, n in actors if (c, k) in {("EU", "igo"), ("RUS", "country")}} == {
        ("EU", "igo", "european union"), ("RUS", "country", "russia")}
    assert ("RUS", "person", "sergei lavrov") in actors
    countries = dict((c, (n, r)) for c, n, r in query(
        db, "select country_code, country_name, region from marts.dim_countries "
        "where country_code in ('XKX', 'PSE', 'TWN')"))
    assert countries == {"XKX": ("Kosovo", "Europe"), "PSE": ("Palestine", "Asia"), "TWN": ("Taiwan", "Asia")}
    assert query(db, "select count(*) from marts.dim_articles "
                 "where published_date is distinct from cast(published_at as date)") == [(0,)]
    hits = query(db, "select speaker_name from marts.fct_statements where content_search like '%pressure%'")
    assert hits == [("heather nauert",)]


def test_incremental_build_equals_full_refresh(built):
    con = duckdb.connect()
    try:
        con.execute(f"attach '{built['incremental']}' as inc (read_only)")
        con.execute(f"attach '{built['full']}' as full_ (read_only)")
        tables = con.execute("select schema_name, table_name from duckdb_tables() "
                             "where database_name = 'inc' and schema_name in ('intermediate', 'marts') "
                             "order by 1, 2").fetchall()
        assert len(tables) >= 14
        for schema, table in tables:
            for a, b in (("inc", "full_"), ("full_", "inc")):
                diff = con.execute(f"select count(*) from (select * from {a}.{schema}.{table} "
                                   f"except all select * from {b}.{schema}.{table})").fetchone()[0]
                assert diff == 0, f"{schema}.{table}: {diff} rows of {a} not in {b}"
    finally:
        con.close()


def test_renamed_copy_still_reads_every_relation(built, tmp_path):
    renamed = tmp_path / "some_other_name.duckdb"
    shutil.copyfile(built["incremental"], renamed)
    con = duckdb.connect(str(renamed), read_only=True)
    try:
        rels = con.execute("select schema_name, table_name from duckdb_tables() where schema_name in ? "
                           "union all "
                           "select schema_name, view_name from duckdb_views() where schema_name in ?",
                           [list(DBT_SCHEMAS), list(DBT_SCHEMAS)]).fetchall()
        assert any(s == "staging" for s, _ in rels), "expected staging views"
        for schema, name in rels:
            con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
    finally:
        con.close()
    # also when attached under an alias from another database
    con = duckdb.connect()
    try:
        con.execute(f"attach '{renamed}' as elsewhere (read_only)")
        assert con.execute("select count(*) from elsewhere.staging.stg_articles").fetchone()[0] == 8
    finally:
        con.close()


def test_docs_generate_offline(built):
    target = built["work"] / f"target-{built['incremental'].stem}"
    assert (target / "catalog.json").exists() and (target / "index.html").exists()


def test_every_model_and_mart_column_is_documented_and_models_tested(built):
    """From dbt's own artifacts: every model has a description and at least one test (data or unit),
    and every column a mart actually has is described in YAML."""
    import json

    target = built["work"] / f"target-{built['incremental'].stem}"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    models = {uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    tested = {dep for n in manifest["nodes"].values() if n["resource_type"] == "test"
              for dep in n["depends_on"]["nodes"]}
    tested |= {u["depends_on"]["nodes"][0] for u in manifest.get("unit_tests", {}).values()}
    for uid, node in models.items():
        assert node["description"].strip(), f"{uid} has no description"
        assert uid in tested, f"{uid} has no test"
        if node["schema"] == "marts":
            columns = {c.lower() for c in catalog["nodes"][uid]["columns"]}
            described = {c.lower() for c, v in node["columns"].items() if v["description"].strip()}
            assert columns <= described, f"{uid}: undocumented columns {sorted(columns - described)}"
