-- One row per article: duplicate flag and the version stamp incremental facts compare against.
-- The earliest-seen article of a body hash is canonical; later copies are duplicates whose facts
-- stay out of the mention facts. `changed_at` is the newest load/extraction time within the body
-- hash group, so a change to any copy re-evaluates the whole (small) group.
with articles as (
    select
        article_key,
        source,
        body_hash,
        published_at,
        published_date,
        ingested_at,
        updated_at
    from {{ ref('stg_articles') }}
),

extraction as (
    select article_key, extracted_at, extracted_body_hash
    from {{ ref('stg_article_state') }}
),

versioned as (
    select
        a.*,
        e.extracted_at,
        e.extracted_body_hash is not null and e.extracted_body_hash <> a.body_hash as is_extraction_stale,
        greatest(a.updated_at, coalesce(e.extracted_at, a.updated_at)) as article_changed_at,
        first_value(a.article_key) over (
            partition by a.body_hash order by a.ingested_at, a.article_key
        ) as canonical_article_key
    from articles as a
    left join extraction as e using (article_key)
)

select
    article_key,
    source,
    body_hash,
    published_at,
    published_date,
    ingested_at,
    updated_at,
    extracted_at,
    is_extraction_stale,
    coalesce(published_at, ingested_at) as reported_at,
    cast(coalesce(published_at, ingested_at) as date) as reported_date,
    article_key <> canonical_article_key as is_duplicate,
    case when article_key <> canonical_article_key then canonical_article_key end as duplicate_of_article_key,
    max(article_changed_at) over (partition by body_hash) as changed_at
from versioned
