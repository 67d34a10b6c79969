-- One row per resolved actor (see int_actors for the resolution rules).
select
    actor_key,
    actor_code,
    actor_name,
    actor_kind,
    country_code,
    person_name,
    titles,
    array_to_string(titles, '; ') as titles_seen,
    n_observations
from {{ ref('int_actors') }}
