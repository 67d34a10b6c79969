{#-
  Incremental mention facts are keyed by article. Every row carries `source_changed_at`, the
  version stamp of its article (int_article_status.changed_at: newest load or extraction time of
  the article's body-hash group). An incremental run
    1. rebuilds the canonical articles that have rows in `fact_source` and whose current version
       is not yet in the table (new, re-loaded, re-extracted, or newly canonical) -- this is the
       updated_at/extracted_at watermark, compared per article so late commits are not missed;
    2. delete+insert replaces those articles' rows (dbt's delete+insert on article_key);
    3. post-hook: drops rows whose article is gone, became a duplicate, or has a newer version
       with no rows of this kind any more (re-extraction found nothing);
    4. post-hook: re-points event_key where event clustering moved a mention to another event.
  Each step is a hash join against per-article keys: cost grows with the number of changed
  articles plus one scan of the key columns, not with a re-computation of the facts.
-#}
{% macro articles_to_refresh(fact_source) -%}
    select s.article_key
    from {{ ref('int_article_status') }} as s
    semi join (select distinct article_key from {{ fact_source }}) as f
        on f.article_key = s.article_key
    anti join (select distinct article_key, source_changed_at from {{ this }}) as t
        on t.article_key = s.article_key and t.source_changed_at = s.changed_at
    where not s.is_duplicate
{%- endmacro %}

{% macro delete_stale_article_rows() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where not exists (
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
    where c.mention_key = {{ this }}.{{ key_column }}
        and {{ this }}.event_key is distinct from c.event_key
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of an incremental model keyed by `key_column`: drop rows whose key is gone from
    `source_relation` (a deleted article, mention, ...). One anti-join over the key columns. -#}
{% macro delete_missing_rows(key_column, source_relation) -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where not exists (
        select 1 from {{ source_relation }} as s where s.{{ key_column }} = {{ this }}.{{ key_column }}
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


{# The events of an event fact whose mentions (keys, article versions) are not the ones its stored
   row was built from: the only events an incremental run of fct_sanction_events /
   fct_contact_events rebuilds. #}
{% macro changed_events(mention_model, key_column) -%}
    select event_key from (
        select event_key, {{ mentions_version(key_column) }} as mentions_version
        from {{ mention_model }}
        group by event_key
        except
        select event_key, mentions_version from {{ this }}
    )
{%- endmacro %}
