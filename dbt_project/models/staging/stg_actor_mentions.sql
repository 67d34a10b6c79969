select
    article_key,
    mention_index,
    sentence_index,
    char_start,
    char_end,
    surface,
    actor_code,
    actor_name,
    lower(actor_kind) as actor_kind,
    country_code,
    person_name,
    title,
    organization
from {{ source('extracted', 'actor_mentions') }}
