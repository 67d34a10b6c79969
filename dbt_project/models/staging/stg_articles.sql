-- one row per parsed article, typed; the body stays here (marts keep only its hash)
select
    article_key,
    source,
    source_id,
    source_kind,
    location,
    title,
    body,
    url,
    published_raw,
    cast(published_at as timestamp) as published_at,
    cast(published_at as date) as published_date,
    body_hash,
    metadata,
    cast(first_seen_at as timestamp) as ingested_at,
    cast(updated_at as timestamp) as updated_at
from {{ source('raw', 'articles') }}
