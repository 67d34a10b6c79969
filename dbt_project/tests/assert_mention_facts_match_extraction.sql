-- Mention facts map the extracted rows of canonical articles 1:1: nothing missing, nothing stale.
-- Guards the incremental bookkeeping on every build (a row here names the fact table and key).
-- In a production incremental build, the articles of the change log only (macros/changed_rows_tests.sql).
{%- set changed = changed_rows_condition('article', 'article_key') or 'true' %}
with canonical as (
    select article_key from {{ ref('int_article_status') }} where not is_duplicate and {{ changed }}
),

expected as (
    select 'fct_sanctions' as fact, article_key, sanction_index as item_index
    from {{ ref('stg_sanctions') }} semi join canonical using (article_key)
    union all
    select 'fct_diplomatic_contacts', article_key, contact_index
    from {{ ref('stg_contacts') }} semi join canonical using (article_key)
    union all
    select 'fct_statements', article_key, statement_index
    from {{ ref('stg_statements') }} semi join canonical using (article_key)
),

actual as (
    select 'fct_sanctions' as fact, article_key, sanction_index as item_index from {{ ref('fct_sanctions') }} where {{ changed }}
    union all
    select 'fct_diplomatic_contacts', article_key, contact_index from {{ ref('fct_diplomatic_contacts') }} where {{ changed }}
    union all
    select 'fct_statements', article_key, statement_index from {{ ref('fct_statements') }} where {{ changed }}
),

missing as (
    select 'missing' as problem, * from (select * from expected except select * from actual)
),

stale as (
    select 'stale' as problem, * from (select * from actual except select * from expected)
)

select * from missing
union all
select * from stale
