select
    article_key,
    body_hash as extracted_body_hash,
    extractor_version,
    cast(extracted_at as timestamp) as extracted_at,
    n_sentences,
    nullif(trim(dateline_location), '') as dateline_location,
    nullif(trim(publisher), '') as publisher
from {{ source('extracted', 'article_state') }}
