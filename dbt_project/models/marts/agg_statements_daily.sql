-- Statements per speaker per day (article publication day), for BI.
-- Incremental by day: a run recounts the report days int_article_status logged (old and new days
-- of the articles it recomputed; macros/change_log.sql) and drops the rows of days left empty.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='statement_day',
    on_schema_change='fail',
    post_hook=[
        "{{ delete_empty_days() }}",
        "{{ consume_changes() }}"
    ]
) }}
-- depends_on: {{ ref('int_article_status') }}

with statements as (
    select *, cast(reported_at as date) as statement_day
    from {{ ref('fct_statements') }}
    {%- if is_incremental() %}
    where cast(reported_at as date) in ({{ pending_days() }})
    {%- endif %}
)

select
    statement_day,
    speaker_actor_key,
    speaker_kind,
    coalesce(speaker_code, speaker_country_code) as speaker_code,
    lower(speaker_name) as speaker_name,
    count(*) as n_statements,
    count(distinct article_key) as n_articles,
    count(*) filter (where is_direct_quote) as n_direct_quotes
from statements
group by all
