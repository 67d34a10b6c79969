-- One row per real-world sanction event: the mentions of fct_sanctions clustered across articles
-- (int_event_clusters). event_date is the date most reports give (earliest on a tie).
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
        "{{ delete_pending_rows_not_in('event_key', ref('fct_sanctions'), pending_events()) }}",
        "{{ log_changes('event_day', event_days()) if is_incremental() else 'select 1' }}",
        "{{ consume_changes() }}"
    ]
) }}
-- depends_on: {{ ref('int_event_clusters') }}

with mentions as (
    select * from {{ ref('fct_sanctions') }}
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

type_votes as (
    select
        event_key,
        sanction_type,
        row_number() over (
            partition by event_key
            order by (sanction_type = 'unspecified'), count(*) desc, sanction_type
        ) as rank_
    from mentions
    group by event_key, sanction_type
),

first_reports as (
    select
        event_key,
        sanction_key as first_sanction_key,
        article_key as first_article_key,
        evidence,
        cameo_code,
        plover_code,
        row_number() over (partition by event_key order by reported_at, sanction_key) as rank_
    from mentions
),

events as (
    select
        event_key,
        min(imposer_actor_key) as imposer_actor_key,
        min(imposer_code) as imposer_code,
        min(target_actor_key) as target_actor_key,
        min(target_code) as target_code,
        min(action) as action,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date,
        count(*) as n_mentions,
        count(distinct article_key) as n_articles,
        count(distinct source) as n_sources,
        min(reported_at) as first_reported_at,
        max(reported_at) as last_reported_at,
        max(confidence) as max_confidence,
        {{ mentions_version('sanction_key') }} as mentions_version
    from mentions
    group by event_key
)

select
    e.event_key,
    'sanction' as event_type,
    e.imposer_actor_key,
    e.imposer_code,
    e.target_actor_key,
    e.target_code,
    e.action,
    t.sanction_type,
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
    f.first_sanction_key,
    f.evidence,
    f.cameo_code,
    f.plover_code,
    e.mentions_version
from events as e
left join date_votes as d on d.event_key = e.event_key and d.rank_ = 1
left join type_votes as t on t.event_key = e.event_key and t.rank_ = 1
left join first_reports as f on f.event_key = e.event_key and f.rank_ = 1
