select
    article_key,
    sentence_index,
    char_start,
    char_end,
    text as sentence_text
from {{ source('extracted', 'sentences') }}
