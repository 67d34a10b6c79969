-- One row per article: duplicate flag and the version stamp incremental facts compare against.
-- The earliest-seen article of a body hash is canonical; later copies are duplicates whose facts
-- stay out of the mention facts. `changed_at` is the newest load/extraction time within the body
-- hash group, so a change to any copy re-evaluates the whole (small) group.
-- Incremental by body-hash group: a pre-hook finds the articles loaded or extracted since the last
-- build (watermarks, macros/changed_articles.sql) with every member of their groups and logs them
-- (macros/change_log.sql); a run recomputes only those groups, so the window functions below see
-- only them, and every downstream incremental model revisits the logged articles only.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    pre_hook=[
        "{{ trim_change_log() }}",
        "{{ log_changes('article', changed_articles()) if is_incremental() else log_everything('article') }}",
        "{{ log_changes('day', changed_report_days()) if is_incremental() else log_everything('day') }}"
    ],
    post_hook=[
        "{{ delete_pending_rows_not_in('article_key', ref('stg_articles'), pending_articles()) }}",
        "{{ consume_changes() }}"
    ]
) }}

with
{%- if is_incremental() %}
-- the logged articles are whole body-hash groups; both sides are filtered before the join
loaded as (
    select * from {{ ref('stg_articles') }} where article_key in ({{ pending_articles() }})
),

extracted as (
    select * from {{ ref('stg_article_state') }} where article_key in ({{ pending_articles() }})
),
{%- else %}
loaded as (
    select * from {{ ref('stg_articles') }}
),

extracted as (
    select * from {{ ref('stg_article_state') }}
),
{%- endif %}

in_scope as (
    select
        a.article_key,
        a.source,
        a.body_hash,
        a.published_at,
        a.published_date,
        a.ingested_at,
        a.updated_at,
        e.extracted_at,
        e.extracted_body_hash is not null and e.extracted_body_hash <> a.body_hash as is_extraction_stale
    from loaded as a
    left join extracted as e using (article_key)
),

versioned as (
    select
        *,
        greatest(updated_at, coalesce(extracted_at, updated_at)) as article_changed_at,
        first_value(article_key) over (
            partition by body_hash order by ingested_at, article_key
        ) as canonical_article_key
    from in_scope
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
