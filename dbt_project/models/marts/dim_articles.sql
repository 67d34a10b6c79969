-- One row per article, duplicates included and flagged (facts only count canonical articles).
-- Incremental by article: a run rewrites the articles whose status row (version stamp, duplicate
-- flags, load and extraction times) differs from the stored one; every column here comes from
-- the article's raw row (changes bump updated_at), its extraction state (changes bump
-- extracted_at) or its status, so that comparison finds every changed row.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_missing_rows('article_key', ref('int_article_status')) }}"]
) }}

with status as (
    select article_key, is_duplicate, duplicate_of_article_key, is_extraction_stale, reported_at, changed_at
    from {{ ref('int_article_status') }}
    {%- if is_incremental() %}
    where article_key in (
        select article_key from (
            select article_key, changed_at, is_duplicate, duplicate_of_article_key, is_extraction_stale,
                reported_at, updated_at, extracted_at
            from {{ ref('int_article_status') }}
            except
            select article_key, source_changed_at, is_duplicate, duplicate_of_article_key, is_extraction_stale,
                reported_at, updated_at, extracted_at
            from {{ this }}
        )
    )
    {%- endif %}
),

articles as (
    select * from {{ ref('stg_articles') }}
),

extraction as (
    select * from {{ ref('stg_article_state') }}
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
