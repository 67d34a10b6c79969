-- Every sanction and contact mention of a canonical (non-duplicate) article, with the key that
-- decides which mentions may be the same real-world event: same type, same actor set, same
-- action (sanctions) or mode (contacts).
-- Incremental by article like the mention facts (macros/incremental_facts.sql), so event clustering
-- can tell which groups gained, lost or changed a mention without recomputing every key.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_stale_article_rows() }}", "{{ consume_changes() }}"]
) }}

with articles as materialized (
    select article_key, source, reported_at, reported_date, changed_at
    from {{ ref('int_article_status') }}
    where not is_duplicate
    {%- if is_incremental() %}
        and article_key in ({{ pending_articles() }})
    {%- endif %}
),

sanction_mentions as (
    select
        {{ surrogate_key(['s.article_key', "'sanction'", 's.sanction_index']) }} as mention_key,
        'sanction' as event_type,
        {{ surrogate_key(["'sanction'", 's.imposer_code', 's.target_code', 's.action']) }} as group_key,
        s.article_key,
        s.event_date
    from {{ ref('stg_sanctions') }} as s
    where s.article_key in (select article_key from articles)  -- only the articles being (re)built
),

contact_sets as (
    select
        article_key,
        contact_index,
        string_agg(distinct actor_code, ',' order by actor_code) as participant_codes
    from {{ ref('stg_contact_participants') }}
    where article_key in (select article_key from articles)  -- only the articles being (re)built
    group by article_key, contact_index
),

contact_mentions as (
    select
        {{ surrogate_key(['c.article_key', "'contact'", 'c.contact_index']) }} as mention_key,
        'contact' as event_type,
        {{ surrogate_key(["'contact'", 'c.mode', 'p.participant_codes']) }} as group_key,
        c.article_key,
        c.event_date
    from {{ ref('stg_contacts') }} as c
    left join contact_sets as p using (article_key, contact_index)
    where c.article_key in (select article_key from articles)
),

mentions as (
    select * from sanction_mentions
    union all
    select * from contact_mentions
)

select
    m.mention_key,
    m.event_type,
    m.group_key,
    m.article_key,
    a.source,
    m.event_date,
    a.reported_at,
    a.reported_date,
    a.changed_at as source_changed_at
from mentions as m
inner join articles as a using (article_key)
