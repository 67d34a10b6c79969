#!/usr/bin/env python3
"""Build a large warehouse (default 100,000 articles) for timing dbt, in SQL, in seconds.

Why replicate instead of extracting: extraction speed is measured elsewhere; here only the volume
and shape of raw+extracted rows matter. Rows come from a base warehouse (`--base FILE`, e.g. one
built by `chancery build` over the shared corpus) or, by default, from the hand-written sample in
dbt_project/testdata/. Copy `i` of an article gets a new source_id (`id#i`) and article key,
dates shifted by `i mod 3000` days, a body hash unique to the copy (duplicates stay duplicates of
their own copy), and state codes rotated by `i + 123 * (i div 3000)` (mod the 250 codes) so events
spread over many actor pairs. Two copies with the same rotation are >= 250 days apart within a
3000-day cycle and never within 3 days across cycles up to ~1M articles, so events keep the size
they have in the base data as the warehouse grows (with `i mod 97` every actor pair received a
copy on every day at 1M articles and chained into one event spanning the whole window: each
batch then touched every event).

usage: make_scaled_warehouse.py OUT.duckdb [--articles 100000] [--base WAREHOUSE.duckdb]
       (library) add_articles(path, n, first_copy) appends more copies, for the incremental bench.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from warehouse.schema import ensure_schema  # noqa: E402

TESTDATA = REPO / "dbt_project" / "testdata"
COUNTRIES = REPO / "dbt_project" / "seeds" / "countries.csv"


def _country_codes() -> list[str]:
    with COUNTRIES.open(encoding="utf-8") as fh:
        return [row["iso3"] for row in csv.DictReader(fh)]


def _open_with_base(out: Path, base: Path | None) -> duckdb.DuckDBPyConnection:
    """Connection whose catalog `base` holds the rows to replicate and `tgt` is the output file."""
    con = duckdb.connect()
    if base is not None:
        con.execute(f"attach '{base}' as base (read_only)")
    else:
        con.execute("attach ':memory:' as base")
        con.execute("use base")
        ensure_schema(con)
        for name in ("batch1.sql", "batch2.sql"):
            con.execute((TESTDATA / name).read_text(encoding="utf-8"))
    con.execute(f"attach '{out}' as tgt")
    con.execute("use tgt")
    ensure_schema(con)
    codes = ", ".join(f"'{c}'" for c in _country_codes())
    # same code -> same new code within one copy, so an article's rows stay consistent
    n_codes = len(codes.split(","))
    con.execute(f"""
        create or replace temp macro rot(c, i) as coalesce(
            [{codes}][((list_position([{codes}], c) - 1 + i + 123 * (i // 3000)) % {n_codes}) + 1], c)
    """)
    con.execute("create or replace temp macro nk(k, i) as md5(k || '#' || i)")
    return con


def _replicate(con: duckdb.DuckDBPyConnection, first_copy: int, n_copies: int,
               per_copy: int | None = None) -> None:
    """Insert copies [first_copy, first_copy + n_copies) of the base articles (the first `per_copy`
    of them by key, default all) and their rows."""
    con.execute(f"create or replace temp table copies as "
                f"select range as i from range({first_copy}, {first_copy + n_copies})")
    limit = f"limit {per_copy}" if per_copy else ""
    con.execute(f"create or replace temp table picked as "
                f"select article_key from base.raw.articles order by article_key {limit}")
    shift = "to_days(cast(c.i % 3000 as integer))"
    stamp = "to_seconds(cast(c.i as bigint))"
    # copy i is loaded at `last + i` seconds and extracted half a second later, after every
    # earlier copy, like the loader's now() stamps (a copy keeping a base row's own offset from
    # the base's latest stamp would be back-dated behind the previous copies' stamps)
    last = ("greatest((select max(greatest(first_seen_at, updated_at)) from base.raw.articles), "
            "(select max(extracted_at) from base.extracted.article_state))")
    con.execute(f"""
        insert into raw.articles
        select md5(a.source || chr(31) || a.source_id || '#' || c.i), a.source, a.source_id || '#' || c.i,
            a.source_kind, a.location, a.title, a.body, a.url, a.published_raw, a.published_at + {shift},
            nk(a.body_hash, c.i), a.metadata, a.first_seen_at + {stamp}, {last} + {stamp}
        from base.raw.articles as a semi join picked using (article_key) cross join copies as c
    """)
    con.execute(f"""
        create or replace temp table keymap as
        select a.article_key as old_key, c.i,
            md5(a.source || chr(31) || a.source_id || '#' || c.i) as new_key,
            {shift} as shift, {stamp} as stamp, {last} + {stamp} as loaded_at
        from base.raw.articles as a semi join picked using (article_key) cross join copies as c
    """)
    con.execute("""
        insert into extracted.article_state
        select k.new_key, nk(s.body_hash, k.i), s.extractor_version,
            k.loaded_at + interval 500 millisecond, s.n_sentences,
            s.dateline_location, s.publisher
        from base.extracted.article_state as s join keymap as k on k.old_key = s.article_key
    """)
    con.execute("""
        insert into extracted.sentences
        select k.new_key, s.sentence_index, s.char_start, s.char_end, s.text
        from base.extracted.sentences as s join keymap as k on k.old_key = s.article_key
    """)
    con.execute("""
        insert into extracted.actor_mentions
        select k.new_key, m.mention_index, m.sentence_index, m.char_start, m.char_end, m.surface,
            rot(m.actor_code, k.i), m.actor_name, m.actor_kind, rot(m.country_code, k.i), m.person_name,
            m.title, m.organization
        from base.extracted.actor_mentions as m join keymap as k on k.old_key = m.article_key
    """)
    con.execute("""
        insert into extracted.statements
        select k.new_key, s.statement_index, s.sentence_index, s.char_start, s.char_end, s.speaker_name,
            s.speaker_kind, rot(s.speaker_code, k.i), rot(s.speaker_country_code, k.i),
            s.speaker_organization,
            s.speaker_title, s.reporting_verb, s.content, s.is_direct_quote, s.evidence, s.confidence,
            s.cameo_code, s.plover_code, s.event_date + k.shift, s.date_precision
        from base.extracted.statements as s join keymap as k on k.old_key = s.article_key
    """)
    con.execute("""
        insert into extracted.sanctions
        select k.new_key, s.sanction_index, s.sentence_index, s.char_start, s.char_end,
            rot(s.imposer_code, k.i), s.imposer_name, s.imposer_kind, rot(s.target_code, k.i), s.target_name,
            s.target_kind, s.action, s.sanction_type, s.evidence, s.confidence, s.cameo_code, s.plover_code,
            s.event_date + k.shift, s.date_precision
        from base.extracted.sanctions as s join keymap as k on k.old_key = s.article_key
    """)
    con.execute("""
        insert into extracted.contacts
        select k.new_key, s.contact_index, s.sentence_index, s.char_start, s.char_end, s.mode, s.status,
            s.evidence, s.confidence, s.cameo_code, s.plover_code, s.event_date + k.shift, s.date_precision
        from base.extracted.contacts as s join keymap as k on k.old_key = s.article_key
    """)
    con.execute("""
        insert into extracted.contact_participants
        select k.new_key, p.contact_index, rot(p.actor_code, k.i), p.actor_name, p.actor_kind, p.person_name
        from base.extracted.contact_participants as p join keymap as k on k.old_key = p.article_key
    """)


def make(out: Path, articles: int = 100_000, base: Path | None = None) -> int:
    """Create `out` with about `articles` articles; returns the number of copies made."""
    if out.exists():
        out.unlink()
    con = _open_with_base(out, base)
    try:
        per_copy = con.execute("select count(*) from base.raw.articles").fetchone()[0]
        n_copies = math.ceil(articles / per_copy)
        _replicate(con, 0, n_copies)
        con.execute("checkpoint")
    finally:
        con.close()
    return n_copies


def copies_in(out: Path) -> int:
    """How many copies a warehouse made by `make` / `add_articles` holds (the next copy's number)."""
    with duckdb.connect(str(out), read_only=True) as con:
        last = con.execute("select max(cast(split_part(source_id, '#', -1) as integer)) from raw.articles "
                           "where source_id like '%#%'").fetchone()[0]
    return 0 if last is None else last + 1


def add_articles(out: Path, articles: int, first_copy: int, base: Path | None = None) -> int:
    """Append `articles` more articles (copies from `first_copy` on, the last one partial if need be);
    returns the number of copies started."""
    con = _open_with_base(out, base)
    try:
        per_copy = con.execute("select count(*) from base.raw.articles").fetchone()[0]
        full, rest = divmod(articles, per_copy)
        if full:
            _replicate(con, first_copy, full)
        if rest:
            _replicate(con, first_copy + full, 1, rest)
        n_copies = full + (1 if rest else 0)
        con.execute("checkpoint")
    finally:
        con.close()
    return n_copies


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--base", type=Path, default=None, help="warehouse to replicate (default: test sample)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    copies = make(args.out, args.articles, args.base)
    with duckdb.connect(str(args.out), read_only=True) as con:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in (
            "raw.articles", "extracted.statements", "extracted.sanctions", "extracted.contacts",
            "extracted.contact_participants", "extracted.actor_mentions")}
    print(f"{args.out}: {copies} copies in {time.perf_counter() - t0:.1f}s; "
          + ", ".join(f"{t}={n}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
