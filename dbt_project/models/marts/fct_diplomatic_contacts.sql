-- One diplomatic contact reported in one canonical article: extracted rows 1:1, duplicate
-- articles left out. Incremental by article (macros/incremental_facts.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_stale_article_rows() }}", "{{ refresh_event_keys('contact_key') }}", "{{ consume_changes() }}"]
) }}

with articles as materialized (
    select article_key, source, published_date, reported_at, changed_at
    from {{ ref('int_article_status') }}
    where not is_duplicate
    {%- if is_incremental() %}
        and article_key in ({{ pending_articles() }})
    {%- endif %}
),

contacts as (
    select
        {{ surrogate_key(['article_key', "'contact'", 'contact_index']) }} as contact_key,
        *
    from {{ ref('stg_contacts') }}
    where article_key in (select article_key from articles)  -- only the articles being (re)built
),

participant_sets as (
    select
        article_key,
        contact_index,
        string_agg(distinct actor_code, ',' order by actor_code) as participant_codes,
        count(distinct actor_code) as n_participants
    from {{ ref('stg_contact_participants') }}
    where article_key in (select article_key from articles)  -- only the articles being (re)built
    group by article_key, contact_index
),

clusters as (
    select mention_key, event_key
    from {{ ref('int_event_clusters') }}
    where event_type = 'contact'
)

select
    c.contact_key,
    c.article_key,
    c.contact_index,
    c.mode,
    c.status,
    p.participant_codes,
    coalesce(p.n_participants, 0) as n_participants,
    c.event_date,
    c.date_precision,
    k.event_key,
    c.evidence,
    c.sentence_index,
    c.char_start,
    c.char_end,
    c.confidence,
    c.cameo_code,
    c.plover_code,
    a.source,
    a.published_date,
    a.reported_at,
    a.changed_at as source_changed_at
from contacts as c
inner join articles as a using (article_key)
left join participant_sets as p using (article_key, contact_index)
left join clusters as k on k.mention_key = c.contact_key
