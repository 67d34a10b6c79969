{#-
  Incremental mention facts are keyed by article. Every row carries `source_changed_at`, the
  version stamp of its article (int_article_status.changed_at: newest load or extraction time of
  the article's body-hash group). An incremental run
    1. rebuilds the canonical articles among those int_article_status logged since this model's
       last build (macros/change_log.sql: new, re-loaded, re-extracted, deleted articles and every
       member of their body-hash groups);
    2. delete+insert replaces those articles' rows (dbt's delete+insert on article_key);
    3. post-hook: drops the rows of logged articles that are gone, became duplicates, or have a
       newer version with no rows of this kind any more (re-extraction found nothing);
    4. post-hook: re-points event_key where event clustering moved a mention (logged mentions only);
    5. post-hook: records that this model has read the log.
  Each step reads the logged keys and probes them into the tables: no step compares whole tables.
-#}
{% macro delete_stale_article_rows() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where article_key in ({{ pending_articles() }})
        and not exists (
            select 1
            from {{ ref('int_article_status') }} as s
            where s.article_key = {{ this }}.article_key
                and s.changed_at = {{ this }}.source_changed_at
                and not s.is_duplicate
        )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro refresh_event_keys(key_column) -%}
    {%- if is_incremental() -%}
    update {{ this }}
    set event_key = c.event_key
    from {{ ref('int_event_clusters') }} as c
    where c.mention_key in ({{ pending_mentions() }})
        and c.mention_key = {{ this }}.{{ key_column }}
        and {{ this }}.event_key is distinct from c.event_key
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of an incremental model keyed by `key_column`: drop the rows of logged keys
    (`pending_sql`) that are gone from `source_relation` (a deleted article, mention, event). -#}
{% macro delete_pending_rows_not_in(key_column, source_relation, pending_sql) -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ key_column }} in ({{ pending_sql }})
        and {{ key_column }} not in (
            select {{ key_column }} from {{ source_relation }} where {{ key_column }} in ({{ pending_sql }})
        )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Version of an event (or any group of mention rows): an order-independent hash of its mention
    keys and their article versions (xor of 64-bit hashes), so a group whose mentions were added,
    removed, re-pointed or rebuilt from a newer article version gets a different value. -#}
{% macro mentions_version(key_column) -%}
    bit_xor(hash({{ key_column }}, source_changed_at))
{%- endmacro %}
