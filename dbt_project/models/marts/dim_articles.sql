-- One row per article, duplicates included and flagged (facts only count canonical articles).
with articles as (
    select * from {{ ref('stg_articles') }}
),

status as (
    select article_key, is_duplicate, duplicate_of_article_key, is_extraction_stale, reported_at, changed_at
    from {{ ref('int_article_status') }}
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
from articles as a
inner join status as s using (article_key)
left join extraction as e using (article_key)
