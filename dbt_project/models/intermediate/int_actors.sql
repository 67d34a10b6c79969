-- Actor resolution: one row per actor. Code actors (states, IGOs, organizations) get one row per
-- code; persons one row per normalized name + state. Kind and name are decided by reference data
-- first (ISO countries, contract IGO list), then by what extraction said most often.
with observations as materialized (
    select * from {{ ref('int_actor_observations') }}
),

countries as (
    select iso3, lower(name) as country_name from {{ ref('countries') }}
),

igos as (
    select igo_code, igo_name from {{ ref('igo_codes') }}
),

name_votes as (
    select
        actor_key,
        lower(observed_name) as observed_name,
        row_number() over (
            partition by actor_key order by sum(n_observations) desc, lower(observed_name)
        ) as rank_
    from observations
    where observed_name is not null
    group by actor_key, lower(observed_name)
),

kind_votes as (
    select
        actor_key,
        observed_kind,
        row_number() over (partition by actor_key order by sum(n_observations) desc, observed_kind) as rank_
    from observations
    where observed_kind in ('country', 'igo', 'organization')
    group by actor_key, observed_kind
),

actors as (
    select
        actor_key,
        min(key_kind) as key_kind,
        min(actor_code) as actor_code,
        sum(n_observations) as n_observations,
        list_sort(list_distinct(list(title) filter (where title is not null))) as titles
    from observations
    group by actor_key
)

select
    a.actor_key,
    a.actor_code,
    case
        when a.key_kind = 'person' then 'person'
        when c.iso3 is not null then 'country'
        when i.igo_code is not null then 'igo'
        when k.observed_kind is not null then k.observed_kind
        else 'organization'
    end as actor_kind,
    coalesce(n.observed_name, c.country_name, i.igo_name, lower(a.actor_code)) as actor_name,
    case
        when a.key_kind = 'person' then a.actor_code
        when c.iso3 is not null then a.actor_code
    end as country_code,
    case when a.key_kind = 'person' then coalesce(n.observed_name, '') end as person_name,
    case when a.key_kind = 'person' then a.titles end as titles,
    a.n_observations
from actors as a
left join countries as c on a.key_kind = 'code' and c.iso3 = upper(a.actor_code) and a.actor_code = upper(a.actor_code)
left join igos as i on a.key_kind = 'code' and i.igo_code = a.actor_code
left join name_votes as n on n.actor_key = a.actor_key and n.rank_ = 1
left join kind_votes as k on k.actor_key = a.actor_key and k.rank_ = 1
