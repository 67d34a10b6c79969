select
    source,
    location,
    reason,
    detail,
    cast(rejected_at as timestamp) as rejected_at,
    cast(last_seen_at as timestamp) as last_seen_at,
    times_seen
from {{ source('audit', 'rejected_inputs') }}
