select
    article_key,
    contact_index,
    actor_code,
    actor_name,
    lower(actor_kind) as actor_kind,
    nullif(trim(person_name), '') as person_name
from {{ source('extracted', 'contact_participants') }}
