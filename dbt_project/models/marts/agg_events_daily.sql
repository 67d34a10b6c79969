-- Events per actor pair per day per type, for BI. Sanction pairs are directed (imposer -> target);
-- contact pairs are unordered (actor_a_code < actor_b_code, one row per pair of participants).
-- Events without a known date count on the day they were first reported (date_basis says which).
with sanction_pairs as (
    select
        event_key,
        'sanction' as event_type,
        action as event_subtype,
        imposer_code as actor_a_code,
        target_code as actor_b_code,
        event_date,
        first_reported_at,
        n_articles
    from {{ ref('fct_sanction_events') }}
),

contact_pairs as (
    select
        e.event_key,
        'contact' as event_type,
        e.mode as event_subtype,
        a.actor_code as actor_a_code,
        b.actor_code as actor_b_code,
        e.event_date,
        e.first_reported_at,
        e.n_articles
    from {{ ref('fct_contact_events') }} as e
    inner join {{ ref('bridge_contact_event_participants') }} as a on a.event_key = e.event_key
    inner join {{ ref('bridge_contact_event_participants') }} as b
        on b.event_key = e.event_key and a.actor_code < b.actor_code
),

pairs as (
    select * from sanction_pairs
    union all
    select * from contact_pairs
)

select
    coalesce(event_date, cast(first_reported_at as date)) as event_day,
    case when event_date is not null then 'event_date' else 'first_reported' end as date_basis,
    event_type,
    event_subtype,
    actor_a_code,
    actor_b_code,
    count(*) as n_events,
    sum(n_articles) as n_articles
from pairs
group by all
