-- One row per article, duplicates included and flagged (facts only count canonical articles).
-- Incremental by article: a run rewrites the articles int_article_status logged since this model's
-- last build (macros/change_log.sql: loaded, re-extracted or deleted articles and the other
-- members of their body-hash groups); every column here comes from the article's raw row (changes
-- bump updated_at), its extraction state (changes bump extracted_at) or its status.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=[
        "{{ delete_pending_rows_not_in('article_key', ref('int_article_status'), pending_articles()) }}",
        "{{ consume_changes() }}"
    ]
) }}

with status as (
    select article_key, is_duplicate, duplicate_of_article_key, is_extraction_stale, reported_at, changed_at
    from {{ ref('int_article_status') }}
    {%- if is_incremental() %}
    where article_key in ({{ pending_articles() }})
    {%- endif %}
),

articles as (
    select * from {{ ref('stg_articles') }}
    {%- if is_incremental() %}
    where article_key in ({{ pending_articles() }})
    {%- endif %}
),

extraction as (
    select * from {{ ref('stg_article_state') }}
    {%- if is_incremental() %}
    where article_key in ({{ pending_articles() }})
    {%- endif %}
)

select
    a.article_key,
    a.source_id,
    a.source,
    a.source_kind,
    a.location,
    a.title,
    a.url,
    a.published_raw,
    a.published_at,
    a.published_date,
    s.reported_at,
    e.publisher,
    e.dateline_location,
    a.body_hash,
    s.is_duplicate,
    s.duplicate_of_article_key,
    e.article_key is not null as is_extracted,
    s.is_extraction_stale,
    e.extractor_version,
    e.n_sentences,
    a.ingested_at,
    a.updated_at,
    e.extracted_at,
    s.changed_at as source_changed_at
from status as s
inner join articles as a using (article_key)
left join extraction as e using (article_key)
