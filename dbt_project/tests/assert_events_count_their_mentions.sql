-- Every mention belongs to exactly one event and every event counts exactly its mentions.
-- In a production incremental build, the events of the change log only (macros/changed_rows_tests.sql).
{%- set changed = changed_rows_condition('event', 'event_key') or 'true' %}
with sanction_counts as (
    select event_key, count(*) as n from {{ ref('fct_sanctions') }} where {{ changed }} group by event_key
),

contact_counts as (
    select event_key, count(*) as n from {{ ref('fct_diplomatic_contacts') }} where {{ changed }} group by event_key
),

sanction_events as (
    select event_key, n_mentions from {{ ref('fct_sanction_events') }} where {{ changed }}
),

contact_events as (
    select event_key, n_mentions from {{ ref('fct_contact_events') }} where {{ changed }}
)

select 'sanction' as event_type, e.event_key, e.n_mentions, c.n
from sanction_events as e
full outer join sanction_counts as c using (event_key)
where e.n_mentions is distinct from c.n
union all
select 'contact', e.event_key, e.n_mentions, c.n
from contact_events as e
full outer join contact_counts as c using (event_key)
where e.n_mentions is distinct from c.n
