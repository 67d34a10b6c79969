select
    article_key,
    contact_index,
    sentence_index,
    char_start,
    char_end,
    lower(mode) as mode,
    lower(status) as status,
    evidence,
    confidence,
    cameo_code,
    plover_code,
    event_date,
    lower(date_precision) as date_precision
from {{ source('extracted', 'contacts') }}
