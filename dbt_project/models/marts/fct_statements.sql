-- One speaker's statement in one sentence of a canonical article: extracted rows 1:1, duplicate
-- articles left out. `content_search` is the lower-cased content for LIKE/ILIKE search.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_stale_article_rows() }}", "{{ consume_changes() }}"]
) }}

with articles as materialized (
    select article_key, source, published_date, reported_at, changed_at
    from {{ ref('int_article_status') }}
    where not is_duplicate
    {%- if is_incremental() %}
        and article_key in ({{ pending_articles() }})
    {%- endif %}
)

select
    {{ surrogate_key(['s.article_key', "'statement'", 's.statement_index']) }} as statement_key,
    s.article_key,
    s.statement_index,
    case when s.speaker_kind = 'person'
        then {{ person_actor_key('s.speaker_name', 'coalesce(s.speaker_country_code, s.speaker_code)') }}
        else {{ code_actor_key('coalesce(s.speaker_code, lower(s.speaker_name))') }}
    end as speaker_actor_key,
    s.speaker_name,
    s.speaker_kind,
    s.speaker_code,
    s.speaker_country_code,
    s.speaker_organization,
    s.speaker_title,
    s.reporting_verb,
    s.content,
    lower(coalesce(s.content, '')) as content_search,
    s.is_direct_quote,
    s.event_date,
    s.date_precision,
    s.evidence,
    s.sentence_index,
    s.char_start,
    s.char_end,
    s.confidence,
    s.cameo_code,
    s.plover_code,
    a.source,
    a.published_date,
    a.reported_at,
    a.changed_at as source_changed_at
from {{ ref('stg_statements') }} as s
inner join articles as a using (article_key)
