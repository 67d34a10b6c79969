-- Every mention belongs to exactly one event and every event counts exactly its mentions.
with sanction_counts as (
    select event_key, count(*) as n from {{ ref('fct_sanctions') }} group by event_key
),

contact_counts as (
    select event_key, count(*) as n from {{ ref('fct_diplomatic_contacts') }} group by event_key
)

select 'sanction' as event_type, e.event_key, e.n_mentions, c.n
from {{ ref('fct_sanction_events') }} as e
full outer join sanction_counts as c using (event_key)
where e.n_mentions is distinct from c.n
union all
select 'contact', e.event_key, e.n_mentions, c.n
from {{ ref('fct_contact_events') }} as e
full outer join contact_counts as c using (event_key)
where e.n_mentions is distinct from c.n
