-- Events per actor pair per day per type, for BI. Sanction pairs are directed (imposer -> target);
-- contact pairs are unordered (actor_a_code < actor_b_code, one row per pair of participants).
-- Events without a known date count on the day they were first reported (date_basis says which).
-- Incremental by day: a run recounts the days the event facts logged (the days of the events they
-- rebuilt, before and after; macros/change_log.sql): a pre-hook drops those days' rows (in the
-- model's transaction), the model inserts their new counts.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_day',
    on_schema_change='fail',
    pre_hook=["{{ delete_pending_event_days() }}"],
    post_hook=["{{ consume_changes() }}"]
) }}

with sanction_events as (
    select *, coalesce(event_date, cast(first_reported_at as date)) as event_day
    from {{ ref('fct_sanction_events') }}
    {%- if is_incremental() %}
    where coalesce(event_date, cast(first_reported_at as date)) in ({{ pending_event_days() }})
    {%- endif %}
),

contact_events as (
    select *, coalesce(event_date, cast(first_reported_at as date)) as event_day
    from {{ ref('fct_contact_events') }}
    {%- if is_incremental() %}
    where coalesce(event_date, cast(first_reported_at as date)) in ({{ pending_event_days() }})
    {%- endif %}
),

sanction_pairs as (
    select
        event_key,
        'sanction' as event_type,
        action as event_subtype,
        imposer_code as actor_a_code,
        target_code as actor_b_code,
        event_date,
        event_day,
        n_articles
    from sanction_events
),

contact_participants as (
    select event_key, actor_code
    from {{ ref('bridge_contact_event_participants') }}
    where event_key in (select event_key from contact_events)
),

contact_pairs as (
    select
        e.event_key,
        'contact' as event_type,
        e.mode as event_subtype,
        a.actor_code as actor_a_code,
        b.actor_code as actor_b_code,
        e.event_date,
        e.event_day,
        e.n_articles
    from contact_events as e
    inner join contact_participants as a on a.event_key = e.event_key
    inner join contact_participants as b on b.event_key = e.event_key and a.actor_code < b.actor_code
),

pairs as (
    select * from sanction_pairs
    union all
    select * from contact_pairs
)

select
    event_day,
    case when event_date is not null then 'event_date' else 'first_reported' end as date_basis,
    event_type,
    event_subtype,
    actor_a_code,
    actor_b_code,
    count(*) as n_events,
    sum(n_articles) as n_articles
from pairs
group by all
