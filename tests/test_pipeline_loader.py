"""The loader on a real DuckDB file: upsert semantics, quarantine, and re-extraction rules."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion.extraction.model import (
    ArticleExtraction,
    Contact,
    ContactParticipant,
    Sentence,
    Statement,
)
from ingestion.records import RawArticle, Rejection, article_key
from warehouse.loader import extract_stale, load_items, stale_article_keys
from warehouse.schema import EXTRACTED_TABLES, ensure_schema


@pytest.fixture()
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(c)
    yield c
    c.close()


def art(source_id: str, body: str, **kw) -> RawArticle:
    return RawArticle(source="s.jsonl", source_id=source_id, body=body, location=f"s.jsonl:{source_id}", **kw)


def fake_extract(body: str, title: str | None = None, article_date: date | None = None) -> ArticleExtraction:
    """A deterministic stand-in extractor: one sentence, one statement, one contact per article."""
    if "explode" in body:
        raise RuntimeError("rule crashed")
    return ArticleExtraction(
        sentences=[Sentence(0, 0, len(body), body)],
        statements=[Statement(0, 0, 0, len(body), "someone", "person", None, None, None, None, "said",
                              body[:20], False, body[:20], 0.5, event_date=article_date)],
        contacts=[Contact(0, 0, 0, 4, "phone", "occurred", body[:4], 0.9, "040", "CONSULT", participants=[
            ContactParticipant("USA", "united states", "country"),
            ContactParticipant("USA", "united states", "country"),  # repeated: must not break the PK
            ContactParticipant("RUS", "russia", "country"),
        ])],
    )


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    out = {"raw.articles": con.execute("select * from raw.articles order by article_key").fetchall()}
    for t in EXTRACTED_TABLES:
        out[t] = con.execute(f"select * from extracted.{t} order by all").fetchall()
    out["state"] = con.execute("select article_key, body_hash, extractor_version, n_sentences "
                               "from extracted.article_state order by 1").fetchall()
    out["rejects"] = con.execute("select source, location, reason from audit.rejected_inputs "
                                 "order by all").fetchall()
    return out


def test_new_then_unchanged_then_updated(con) -> None:
    c1 = load_items(con, [art("1", "alpha text"), art("2", "beta text")])
    assert (c1.new, c1.updated, c1.unchanged) == (2, 0, 0)
    first = con.execute("select article_key, first_seen_at, updated_at from raw.articles "
                        "order by 1").fetchall()

    c2 = load_items(con, [art("1", "alpha text"), art("2", "beta text")])
    assert (c2.new, c2.updated, c2.unchanged) == (0, 0, 2)
    assert con.execute("select article_key, first_seen_at, updated_at from raw.articles "
                       "order by 1").fetchall() == first

    c3 = load_items(con, [art("1", "alpha text, corrected"), art("2", "beta text")])
    assert (c3.new, c3.updated, c3.unchanged) == (0, 1, 1)
    key = article_key("s.jsonl", "1")
    body, seen, updated = con.execute("select body, first_seen_at, updated_at from raw.articles "
                                      "where article_key = ?", [key]).fetchone()
    assert body == "alpha text, corrected"
    before = {k: (f, u) for k, f, u in first}[key]
    assert seen == before[0] and updated > before[1]


def test_last_record_of_a_key_wins_within_one_load(con) -> None:
    counts = load_items(con, [art("1", "old body"), art("2", "x"), art("1", "new body")], chunk_size=2)
    assert counts.new == 2 and counts.duplicates == 1
    assert con.execute("select body from raw.articles where source_id = '1'").fetchone()[0] == "new body"


def test_rejections_are_upserted_and_counted(con) -> None:
    bad = Rejection("s.jsonl", "s.jsonl:line 3", "invalid json")
    load_items(con, [bad, bad, art("1", "ok")])
    load_items(con, [bad])
    rows = con.execute("select location, reason, times_seen from audit.rejected_inputs").fetchall()
    assert rows == [("s.jsonl:line 3", "invalid json", 3)]


def test_empty_body_and_foreign_objects_are_quarantined_not_fatal(con) -> None:
    counts = load_items(con, [art("1", "   "), object(), art("2", "fine")])  # type: ignore[list-item]
    assert counts.new == 1 and counts.rejected == 2
    reasons = {r[0] for r in con.execute("select reason from audit.rejected_inputs").fetchall()}
    assert "record has no body" in reasons


def test_extraction_runs_once_per_body_and_version(con) -> None:
    load_items(con, [art("1", "alpha", published_at=datetime(2017, 12, 27, 9)), art("2", "beta")])
    first = extract_stale(con, extractor_version="v1", extract=fake_extract)
    assert first.articles == 2 and first.rows["contact_participants"] == 4  # repeats dropped
    assert con.execute("select event_date from extracted.statements s join raw.articles a "
                       "using (article_key) where a.source_id = '1'").fetchone()[0] == date(2017, 12, 27)
    assert extract_stale(con, extractor_version="v1", extract=fake_extract).articles == 0

    load_items(con, [art("1", "alpha changed")])
    assert stale_article_keys(con, "v1") == [article_key("s.jsonl", "1")]
    again = extract_stale(con, extractor_version="v1", extract=fake_extract)
    assert again.articles == 1
    assert con.execute("select count(*) from extracted.statements").fetchone()[0] == 2  # replaced, not added
    assert extract_stale(con, extractor_version="v2", extract=fake_extract).articles == 2


def test_a_crashing_article_is_quarantined_and_the_rest_lands(con) -> None:
    load_items(con, [art("1", "fine"), art("2", "this will explode"), art("3", "also fine")])
    counts = extract_stale(con, extractor_version="v1", extract=fake_extract)
    assert counts.failed == 1 and counts.articles == 3
    assert con.execute("select count(*) from extracted.statements").fetchone()[0] == 2
    reasons = [r[0] for r in con.execute("select reason from audit.rejected_inputs").fetchall()]
    assert reasons == ["extraction failed: RuntimeError: rule crashed"]
    # marked as extracted: not retried (and not re-quarantined) until the extractor changes
    assert extract_stale(con, extractor_version="v1", extract=fake_extract).articles == 0


def test_an_invalid_extraction_row_is_quarantined(con) -> None:
    def bad(body, title=None, article_date=None):
        ex = fake_extract(body)
        ex.statements[0].speaker_name = None  # not null in the schema
        return ex

    load_items(con, [art("1", "text")])
    counts = extract_stale(con, extractor_version="v1", extract=bad)
    assert counts.failed == 1
    assert con.execute("select count(*) from extracted.sentences").fetchone()[0] == 0


items = st.lists(
    st.tuples(st.sampled_from("abcdef"), st.sampled_from(["one", "two", "three", "two "])),
    max_size=25,
)


@settings(max_examples=10, deadline=None)
@given(batch=items, chunk=st.integers(min_value=1, max_value=7))
def test_loading_is_idempotent_and_chunking_does_not_matter(batch, chunk) -> None:
    """Any batch loaded twice leaves the same rows; any chunk size gives the same final state."""
    records = [art(k, body) for k, body in batch]
    states = []
    for size in (chunk, 1000):
        con = duckdb.connect()  # in memory: same engine, fast enough for many examples
        try:
            ensure_schema(con)
            load_items(con, records, chunk_size=size)
            extract_stale(con, extractor_version="v1", extract=fake_extract)
            first = snapshot(con)
            again = load_items(con, records, chunk_size=size)
            extract_stale(con, extractor_version="v1", extract=fake_extract)
            assert snapshot(con) == first
            assert again.new == 0 and again.updated == 0
            states.append(first["raw.articles"])
        finally:
            con.close()
    strip = [[(r[0], r[6]) for r in rows] for rows in states]  # key, body (timestamps differ)
    assert strip[0] == strip[1]
    last = {}
    for k, body in batch:
        last[article_key("s.jsonl", k)] = body
    assert dict(strip[0]) == last


def test_worker_processes_give_the_same_rows_as_one_process(tmp_path: Path) -> None:
    records = [art(str(i), f"article number {i}" + (" explode" if i == 7 else "")) for i in range(40)]
    snaps = []
    for workers in (1, 2):
        c = duckdb.connect(str(tmp_path / f"w{workers}.duckdb"))
        try:
            ensure_schema(c)
            load_items(c, records)
            counts = extract_stale(c, extractor_version="v1", extract=fake_extract, chunk_size=16,
                                   workers=workers)
            assert (counts.articles, counts.failed) == (40, 1)
            snap = snapshot(c)
            snap.pop("raw.articles")  # timestamps differ between the two databases
            snaps.append(snap)
        finally:
            c.close()
    assert snaps[0] == snaps[1]
