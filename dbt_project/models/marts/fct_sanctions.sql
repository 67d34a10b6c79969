-- One (imposer, target, action) reported in one canonical article: extracted rows 1:1, duplicate
-- articles left out. Incremental by article (macros/incremental_facts.sql).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_stale_article_rows() }}", "{{ refresh_event_keys('sanction_key') }}", "{{ consume_changes() }}"]
) }}

with articles as materialized (
    select article_key, source, published_date, reported_at, changed_at
    from {{ ref('int_article_status') }}
    where not is_duplicate
    {%- if is_incremental() %}
        and article_key in ({{ pending_articles() }})
    {%- endif %}
),

sanctions as (
    select
        {{ surrogate_key(['article_key', "'sanction'", 'sanction_index']) }} as sanction_key,
        *
    from {{ ref('stg_sanctions') }}
    where article_key in (select article_key from articles)  -- only the articles being (re)built
),

clusters as (
    select mention_key, event_key
    from {{ ref('int_event_clusters') }}
    where event_type = 'sanction'
)

select
    s.sanction_key,
    s.article_key,
    s.sanction_index,
    {{ code_actor_key('s.imposer_code') }} as imposer_actor_key,
    s.imposer_code,
    s.imposer_name,
    s.imposer_kind,
    {{ code_actor_key('s.target_code') }} as target_actor_key,
    s.target_code,
    s.target_name,
    s.target_kind,
    s.action,
    s.sanction_type,
    s.event_date,
    s.date_precision,
    c.event_key,
    s.evidence,
    s.sentence_index,
    s.char_start,
    s.char_end,
    s.confidence,
    s.cameo_code,
    s.plover_code,
    a.source,
    a.published_date,
    a.reported_at,
    a.changed_at as source_changed_at
from sanctions as s
inner join articles as a using (article_key)
left join clusters as c on c.mention_key = s.sanction_key
