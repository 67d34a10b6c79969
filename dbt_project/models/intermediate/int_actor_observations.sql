-- Every shape in which an actor shows up in extraction output (mentions, sanction parties,
-- contact participants, speakers), reduced to one form and counted, so actor resolution (int_actors)
-- sees them alike. Rows are grouped to distinct shapes first: millions of mentions repeat a few
-- thousand (code, name, kind, title) combinations, and keys/normalization then run on those only.
-- Code actors (states, IGOs, organizations) are keyed by code; persons by normalized name + state.
{{ config(materialized='view') }}

with mention_rows as (
    select
        actor_code,
        actor_name,
        actor_kind,
        coalesce(country_code, case when actor_kind = 'person' then actor_code end) as country_code,
        coalesce(person_name, case when actor_kind = 'person' then actor_name end) as person_name,
        title
    from {{ ref('stg_actor_mentions') }}
),

sanction_rows as (
    select imposer_code as actor_code, imposer_name as actor_name, imposer_kind as actor_kind,
        null as country_code, null as person_name, null as title
    from {{ ref('stg_sanctions') }}
    union all
    select target_code, target_name, target_kind, null, null, null
    from {{ ref('stg_sanctions') }}
),

participant_rows as (
    select
        actor_code,
        actor_name,
        actor_kind,
        case when person_name is not null or actor_kind = 'person' then actor_code end as country_code,
        coalesce(person_name, case when actor_kind = 'person' then actor_name end) as person_name,
        null as title
    from {{ ref('stg_contact_participants') }}
),

speaker_rows as (
    select
        case when speaker_kind = 'person' then coalesce(speaker_code, speaker_country_code)
             else coalesce(speaker_code, lower(speaker_name)) end as actor_code,
        speaker_name as actor_name,
        speaker_kind as actor_kind,
        case when speaker_kind = 'person' then coalesce(speaker_country_code, speaker_code) end as country_code,
        case when speaker_kind = 'person' then speaker_name end as person_name,
        speaker_title as title
    from {{ ref('stg_statements') }}
),

observations as (
    select * from mention_rows
    union all select * from sanction_rows
    union all select * from participant_rows
    union all select * from speaker_rows
),

shapes as materialized (
    select actor_code, actor_name, actor_kind, country_code, person_name, title, count(*) as n_observations
    from observations
    group by all
),

-- a person observation also vouches for its state's code actor (name and kind unknown there)
code_observations as (
    select
        'code' as key_kind,
        trim(actor_code) as actor_code,
        case when person_name is null then actor_name end as observed_name,
        case when person_name is null and actor_kind <> 'person' then actor_kind end as observed_kind,
        null as person_name,
        null as title,
        n_observations
    from shapes
    where nullif(trim(actor_code), '') is not null
),

-- names are few and repeat a lot: normalize each distinct name once
person_names as materialized (
    select person_name, {{ normalize_name('person_name') }} as normalized_name
    from (select distinct person_name from shapes where person_name is not null)
),

person_observations as (
    select
        'person' as key_kind,
        nullif(trim(o.country_code), '') as actor_code,
        o.person_name as observed_name,
        'person' as observed_kind,
        o.person_name,
        nullif(trim(o.title), '') as title,
        o.n_observations,
        n.normalized_name
    from shapes as o
    inner join person_names as n on n.person_name = o.person_name
    where n.normalized_name <> ''
)

select
    {{ code_actor_key('actor_code') }} as actor_key,
    *
from code_observations
union all
select
    -- same key as the person_actor_key() macro used by the facts
    {{ surrogate_key(["'person'", 'normalized_name', 'actor_code']) }} as actor_key,
    * exclude (normalized_name)
from person_observations
