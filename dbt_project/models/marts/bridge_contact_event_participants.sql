-- One participant of one contact event (the actor set is the same for every mention of an event).
select distinct
    c.event_key,
    p.actor_key,
    p.actor_code
from {{ ref('fct_diplomatic_contacts') }} as c
inner join {{ ref('bridge_contact_participants') }} as p using (contact_key)
