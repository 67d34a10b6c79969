-- Statements per speaker per day (article publication day), for BI.
select
    cast(reported_at as date) as statement_day,
    speaker_actor_key,
    speaker_kind,
    coalesce(speaker_code, speaker_country_code) as speaker_code,
    lower(speaker_name) as speaker_name,
    count(*) as n_statements,
    count(distinct article_key) as n_articles,
    count(*) filter (where is_direct_quote) as n_direct_quotes
from {{ ref('fct_statements') }}
group by all
