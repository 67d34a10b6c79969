-- One row per real-world diplomatic contact: the mentions of fct_diplomatic_contacts clustered
-- across articles (int_event_clusters). status is what the latest report says (a planned meeting
-- later reported as held is `occurred`); event_date is the date most reports give.
-- Incremental by event: a run rebuilds the events int_event_clusters logged (the events of the
-- re-clustered segments, before and after; macros/change_log.sql), drops those that are gone
-- and logs their days (before and after) for agg_events_daily.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_key',
    on_schema_change='fail',
    pre_hook=["{{ log_changes('event_day', event_days()) if is_incremental() else log_everything('event_day') }}"],
    post_hook=[
        "{{ delete_pending_rows_not_in('event_key', ref('fct_diplomatic_contacts'), pending_events()) }}",
        "{{ log_changes('event_day', event_days()) if is_incremental() else 'select 1' }}",
        "{{ consume_changes() }}"
    ]
) }}
-- depends_on: {{ ref('int_event_clusters') }}

with mentions as (
    select * from {{ ref('fct_diplomatic_contacts') }}
    {%- if is_incremental() %}
    where event_key in ({{ pending_events() }})
    {%- endif %}
),

date_votes as (
    select
        event_key,
        event_date,
        row_number() over (partition by event_key order by count(*) desc, event_date) as rank_
    from mentions
    where event_date is not null
    group by event_key, event_date
),

latest_reports as (
    select
        event_key,
        status,
        row_number() over (
            partition by event_key
            order by reported_at desc,
                case status when 'occurred' then 0 when 'cancelled' then 1 else 2 end,
                contact_key
        ) as rank_
    from mentions
),

first_reports as (
    select
        event_key,
        contact_key as first_contact_key,
        article_key as first_article_key,
        evidence,
        cameo_code,
        plover_code,
        row_number() over (partition by event_key order by reported_at, contact_key) as rank_
    from mentions
),

events as (
    select
        event_key,
        min(mode) as mode,
        min(participant_codes) as participant_codes,
        min(n_participants) as n_participants,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date,
        count(*) as n_mentions,
        count(distinct article_key) as n_articles,
        count(distinct source) as n_sources,
        min(reported_at) as first_reported_at,
        max(reported_at) as last_reported_at,
        max(confidence) as max_confidence,
        {{ mentions_version('contact_key') }} as mentions_version
    from mentions
    group by event_key
)

select
    e.event_key,
    'contact' as event_type,
    e.mode,
    l.status,
    e.participant_codes,
    e.n_participants,
    d.event_date,
    case when d.event_date is not null then 'day' else 'unknown' end as date_precision,
    e.first_event_date,
    e.last_event_date,
    e.n_mentions,
    e.n_articles,
    e.n_sources,
    e.first_reported_at,
    e.last_reported_at,
    e.max_confidence,
    f.first_article_key,
    f.first_contact_key,
    f.evidence,
    f.cameo_code,
    f.plover_code,
    e.mentions_version
from events as e
left join date_votes as d on d.event_key = e.event_key and d.rank_ = 1
left join latest_reports as l on l.event_key = e.event_key and l.rank_ = 1
left join first_reports as f on f.event_key = e.event_key and f.rank_ = 1
