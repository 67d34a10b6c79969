{#-
  The articles int_article_status must recompute (pre-hook of its incremental runs), found from
  watermarks instead of a comparison of every article:
    1. candidates: articles loaded (`updated_at`) or extracted (`extracted_at`) after the newest
       load / extraction the table already holds; the loader stamps every new or changed article
       and every extraction, and deletes an edited article's extraction state in the same
       transaction that stamps it;
    2. a count check: the articles (and extraction states) outside the candidates must be exactly
       as many as the stored rows outside them. A deleted article or state, or a new one stamped
       before the watermark, breaks the count, and the run then falls back to comparing every
       article's inputs with its stored row (`except`, both ways: the pre-change-log logic, linear
       in the warehouse). Not caught: an existing article rewritten with a stamp at or before the
       watermark (a clock set back between two loads, rows edited by hand without a new stamp);
       `dbt build --full-refresh` repairs that;
    3. the result is every member, old and new, of the body-hash groups of the candidates (a change
       to one copy can move the canonical article of its group).
  Each step is a scan of a key/stamp column probed against the (small) candidate set.
-#}
{% macro changed_articles() -%}
{%- set articles = ref('stg_articles') -%}
{%- set state = ref('stg_article_state') -%}
{%- set candidates_sql -%}
    with marks as (
        select
            coalesce(max(updated_at), '-infinity'::timestamp) as loaded,
            coalesce(max(extracted_at), '-infinity'::timestamp) as extracted
        from {{ this }}
    )
    select article_key from {{ articles }} where updated_at > (select loaded from marks)
    union
    select article_key from {{ state }} where extracted_at > (select extracted from marks)
{%- endset -%}
{%- set watermark_holds = true -%}
{%- if execute -%}
    {%- set check -%}
        with candidates as materialized ({{ candidates_sql }})
        select
            (select count(*) from {{ articles }} where article_key not in (select article_key from candidates))
                = (select count(*) from {{ this }} where article_key not in (select article_key from candidates))
            and (select count(*) from {{ state }} where article_key not in (select article_key from candidates))
                = (select count(*) from {{ this }}
                   where extracted_at is not null and article_key not in (select article_key from candidates))
    {%- endset -%}
    {%- set watermark_holds = run_query(check).columns[0].values()[0] -%}
    {%- if not watermark_holds -%}
        {{ log("int_article_status: rows changed outside the load/extraction watermark (deleted or "
               "back-dated); comparing every article", info=true) }}
    {%- endif -%}
{%- endif %}
with
{%- if watermark_holds %}
candidates as materialized (
    {{ candidates_sql }}
),
{%- else %}
current_inputs as (
    select a.article_key, a.source, a.body_hash, a.published_at, a.published_date, a.ingested_at, a.updated_at,
        e.extracted_at,
        e.extracted_body_hash is not null and e.extracted_body_hash <> a.body_hash as is_extraction_stale
    from {{ articles }} as a
    left join {{ state }} as e using (article_key)
),

stored_inputs as (
    select article_key, source, body_hash, published_at, published_date, ingested_at, updated_at,
        extracted_at, is_extraction_stale
    from {{ this }}
),

candidates as materialized (
    select article_key from (select * from current_inputs except select * from stored_inputs)
    union
    select article_key from (select * from stored_inputs except select * from current_inputs)
),
{%- endif %}

affected_groups as materialized (
    select body_hash from {{ articles }} where article_key in (select article_key from candidates)
    union
    select body_hash from {{ this }} where article_key in (select article_key from candidates)
)

select article_key from {{ articles }} where body_hash in (select body_hash from affected_groups)
union
select article_key from {{ this }} where body_hash in (select body_hash from affected_groups)
{%- endmacro %}

{#- The report days (old and new) of the articles int_article_status is recomputing: the days whose
    statement counts (agg_statements_daily) may change. -#}
{% macro changed_report_days() -%}
    select cast(reported_date as varchar) from {{ this }}
    where article_key in ({{ pending_articles() }})
    union
    select cast(cast(coalesce(published_at, ingested_at) as date) as varchar) from {{ ref('stg_articles') }}
    where article_key in ({{ pending_articles() }})
{%- endmacro %}
