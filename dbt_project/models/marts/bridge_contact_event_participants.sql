-- One participant of one contact event (the actor set is the same for every mention of an event).
-- Incremental by event, like fct_contact_events: a run rebuilds the events int_event_clusters
-- logged (macros/change_log.sql) and drops the rows of those that are gone.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_key',
    on_schema_change='fail',
    post_hook=[
        "{{ delete_pending_rows_not_in('event_key', ref('fct_diplomatic_contacts'), pending_events()) }}",
        "{{ consume_changes() }}"
    ]
) }}
-- depends_on: {{ ref('int_event_clusters') }}

with contacts as (
    select event_key, contact_key
    from {{ ref('fct_diplomatic_contacts') }}
    {%- if is_incremental() %}
    where event_key in ({{ pending_events() }})
    {%- endif %}
)

select distinct
    c.event_key,
    p.actor_key,
    p.actor_code
from contacts as c
inner join {{ ref('bridge_contact_participants') }} as p using (contact_key)
