"""DDL of the tables Python writes: `raw` (articles as parsed), `extracted` (rule output) and `audit`.

dbt reads these as sources and owns everything downstream (`staging`, `intermediate`, `marts`).
Keeping the DDL in one place is what lets the loader, the extractor and dbt agree on columns.
"""

from __future__ import annotations

import duckdb

DDL = """
create schema if not exists raw;
create schema if not exists extracted;
create schema if not exists audit;

-- one row per (source, source_id); body kept verbatim so evidence offsets point into it
create table if not exists raw.articles (
    article_key     varchar primary key,
    source          varchar not null,
    source_id       varchar not null,
    source_kind     varchar not null,
    location        varchar not null,
    title           varchar,
    body            varchar not null,
    url             varchar,
    published_raw   varchar,
    published_at    timestamp,
    body_hash       varchar not null,
    metadata        json,
    first_seen_at   timestamp not null,
    updated_at      timestamp not null
);

-- which body (hash) and which extractor version the rows in extracted.* were made from
create table if not exists extracted.article_state (
    article_key        varchar primary key,
    body_hash          varchar not null,
    extractor_version  varchar not null,
    extracted_at       timestamp not null,
    n_sentences        integer not null,
    dateline_location  varchar,
    publisher          varchar
);

create table if not exists extracted.sentences (
    article_key     varchar not null,
    sentence_index  integer not null,
    char_start      integer not null,
    char_end        integer not null,
    text            varchar not null,
    primary key (article_key, sentence_index)
);

create table if not exists extracted.actor_mentions (
    article_key     varchar not null,
    mention_index   integer not null,
    sentence_index  integer not null,
    char_start      integer not null,
    char_end        integer not null,
    surface         varchar not null,
    actor_code      varchar,
    actor_name      varchar not null,
    actor_kind      varchar not null,
    country_code    varchar,
    person_name     varchar,
    title           varchar,
    organization    varchar,
    primary key (article_key, mention_index)
);

create table if not exists extracted.statements (
    article_key           varchar not null,
    statement_index       integer not null,
    sentence_index        integer not null,
    char_start            integer not null,
    char_end              integer not null,
    speaker_name          varchar not null,
    speaker_kind          varchar not null,
    speaker_code          varchar,
    speaker_country_code  varchar,
    speaker_organization  varchar,
    speaker_title         varchar,
    reporting_verb        varchar not null,
    content               varchar,
    is_direct_quote       boolean not null,
    evidence              varchar not null,
    confidence            double not null,
    cameo_code            varchar,
    plover_code           varchar,
    event_date            date,
    date_precision        varchar not null,
    primary key (article_key, statement_index)
);

create table if not exists extracted.sanctions (
    article_key     varchar not null,
    sanction_index  integer not null,
    sentence_index  integer not null,
    char_start      integer not null,
    char_end        integer not null,
    imposer_code    varchar not null,
    imposer_name    varchar not null,
    imposer_kind    varchar not null,
    target_code     varchar not null,
    target_name     varchar not null,
    target_kind     varchar not null,
    action          varchar not null,
    sanction_type   varchar not null,
    evidence        varchar not null,
    confidence      double not null,
    cameo_code      varchar,
    plover_code     varchar,
    event_date      date,
    date_precision  varchar not null,
    primary key (article_key, sanction_index)
);

create table if not exists extracted.contacts (
    article_key     varchar not null,
    contact_index   integer not null,
    sentence_index  integer not null,
    char_start      integer not null,
    char_end        integer not null,
    mode            varchar not null,
    status          varchar not null,
    evidence        varchar not null,
    confidence      double not null,
    cameo_code      varchar,
    plover_code     varchar,
    event_date      date,
    date_precision  varchar not null,
    primary key (article_key, contact_index)
);

create table if not exists extracted.contact_participants (
    article_key    varchar not null,
    contact_index  integer not null,
    actor_code     varchar not null,
    actor_name     varchar not null,
    actor_kind     varchar not null,
    person_name    varchar,
    primary key (article_key, contact_index, actor_code)
);

-- HTTP validators per fetched URL, for conditional GET (ETag / Last-Modified) on the next poll
create table if not exists raw.fetch_state (
    url            varchar primary key,
    etag           varchar,
    last_modified  varchar,
    content_hash   varchar,
    status_code    integer,
    fetched_at     timestamp not null
);

-- one row per rejected file, record or URL; re-rejecting the same thing updates last_seen_at
create table if not exists audit.rejected_inputs (
    source         varchar not null,
    location       varchar not null,
    reason         varchar not null,
    detail         varchar,
    rejected_at    timestamp not null,
    last_seen_at   timestamp not null,
    times_seen     integer not null,
    primary key (location, reason)
);

-- the dbt project (fingerprint of its models, macros and seeds) that last built the marts here;
-- a build by a different project rebuilds them in full (orchestration/assets/dbt.py)
create table if not exists audit.dbt_project_state (
    project_fingerprint  varchar not null,
    built_at             timestamp not null
);
"""

# extracted.* tables keyed by article: the loader deletes an article's rows from each before
# inserting a fresh extraction, so re-extraction never leaves stale facts behind.
EXTRACTED_TABLES = (
    "sentences",
    "actor_mentions",
    "statements",
    "sanctions",
    "contacts",
    "contact_participants",
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the Python-owned schemas and tables if missing (idempotent)."""
    con.execute(DDL)
