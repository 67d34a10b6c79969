{#-
  Change log: how an incremental build finds what changed without comparing whole tables.

  `audit.dbt_change_log(batch, unit, key)` holds the keys a build must revisit, in numbered batches:
    unit 'article': articles whose status may have changed (int_article_status writes them: the
                    articles loaded or extracted after its watermark, with every member of their
                    body-hash groups, old and new);
    unit 'mention': mentions int_event_clusters re-clustered (macros/cluster_segments.sql);
    unit 'event':   their events, before and after re-clustering (int_event_clusters);
    unit 'day':     report days of those articles, before and after (int_article_status);
    unit 'event_day': days (agg_events_daily.event_day) of those events, before and after (the
                    event facts).
  A null key is a marker for "everything" (written when the writer was rebuilt in full).
  `audit.dbt_change_position(consumer, batch)` holds the last batch each incremental model consumed:
  a model reads the batches after its own position and moves it in its last post-hook, so a model
  that failed or was skipped (or not selected) reads the same keys again on the next build. Reading
  more keys than changed is always safe: every model rebuilds the keys it reads from current data.
  Batches every consumer has read are deleted when int_article_status writes the next one.

  Both tables are dbt's bookkeeping, created by `on-run-start` (so older warehouses get them too),
  and kept out of the `intermediate`/`marts` schemas whose contents must equal a full refresh.
-#}

{% macro create_change_log() -%}
    create schema if not exists audit;
    create table if not exists audit.dbt_change_log (batch bigint not null, unit varchar not null, key varchar);
    create table if not exists audit.dbt_change_position (consumer varchar primary key, batch bigint not null)
{%- endmacro %}

{#- The position of a consumer: the last batch it has read (0: none). -#}
{% macro change_position(consumer=none) -%}
    (select coalesce(max(batch), 0) from audit.dbt_change_position
     where consumer = '{{ consumer or this.identifier }}')
{%- endmacro %}

{#- The keys of `unit` a consumer has not read yet. `all_keys` is the query whose keys stand for
    "everything" when a null-key marker is among them (a writer rebuilt in full); whether one is
    there is looked up when the SQL is rendered, so the usual case reads the log only. -#}
{% macro pending_keys(unit, all_keys, consumer=none) -%}
    {%- set everything = false -%}
    {%- if execute -%}
        {%- set marker -%}
            select count(*) from audit.dbt_change_log
            where unit = '{{ unit }}' and key is null and batch > {{ change_position(consumer) }}
        {%- endset -%}
        {%- set everything = run_query(marker).columns[0].values()[0] > 0 -%}
    {%- endif -%}
    {%- if everything -%}
    select key from ({{ all_keys }}) as everything(key)
    {%- else -%}
    select key from audit.dbt_change_log
    where unit = '{{ unit }}' and key is not null and batch > {{ change_position(consumer) }}
    {%- endif -%}
{%- endmacro %}

{#- Append `keys_sql` (one column) to the log as the next batch of `unit`. -#}
{% macro log_changes(unit, keys_sql) -%}
    insert into audit.dbt_change_log (batch, unit, key)
    select b.batch, '{{ unit }}', k.key
    from (select distinct * from ({{ keys_sql }})) as k(key)
    cross join (
        select greatest(
            coalesce((select max(batch) from audit.dbt_change_log), 0),
            coalesce((select max(batch) from audit.dbt_change_position), 0)
        ) + 1 as batch
    ) as b
{%- endmacro %}

{#- A "everything changed" marker for `unit` (a writer rebuilt in full). -#}
{% macro log_everything(unit) -%}
    {{ log_changes(unit, "select cast(null as varchar)") }}
{%- endmacro %}

{#- Last post-hook of every consumer: it has read every batch written so far. -#}
{% macro consume_changes() -%}
    insert or replace into audit.dbt_change_position (consumer, batch)
    select '{{ this.identifier }}', greatest(
        coalesce((select max(batch) from audit.dbt_change_log), 0),
        {{ change_position() }}
    )
{%- endmacro %}

{#- Drop the batches every consumer has read (kept while any consumer still needs them). -#}
{% macro trim_change_log() -%}
    delete from audit.dbt_change_log
    where batch <= (select coalesce(min(batch), 0) from audit.dbt_change_position)
{%- endmacro %}

{#- Shorthands: the articles, groups and events a consumer must revisit. -#}
{% macro pending_articles(consumer=none) -%}
    {%- set status = ref('stg_articles') if this.identifier == 'int_article_status' else ref('int_article_status') -%}
    {{ pending_keys('article', 'select article_key from ' ~ status
        ~ (' union select article_key from ' ~ this if is_incremental() else ''), consumer) }}
{%- endmacro %}

{#- Mentions int_event_clusters re-clustered (their event_key may have changed). -#}
{% macro pending_mentions(consumer=none) -%}
    {{ pending_keys('mention', 'select mention_key from ' ~ ref('int_event_clusters'), consumer) }}
{%- endmacro %}

{% macro pending_events(consumer=none) -%}
    {{ pending_keys('event', 'select event_key from ' ~ ref('int_event_clusters')
        ~ (' union select event_key from ' ~ this if is_incremental() else ''), consumer) }}
{%- endmacro %}

{#- agg_statements_daily: the report days logged since its last build, as dates. -#}
{% macro pending_days() -%}
    select cast(key as date) from ({{ pending_keys('day',
        'select cast(cast(reported_at as date) as varchar) from ' ~ ref('fct_statements')
        ~ (' union select cast(statement_day as varchar) from ' ~ this if is_incremental() else '')) }})
{%- endmacro %}

{#- agg_statements_daily post-hook: drop the logged days that have no statement any more. -#}
{% macro delete_empty_days() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where statement_day in ({{ pending_days() }})
        and statement_day not in (
            select cast(reported_at as date) from {{ ref('fct_statements') }}
            where cast(reported_at as date) in ({{ pending_days() }})
        )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Event facts: the days (agg_events_daily.event_day) of the logged events, as stored. -#}
{% macro event_days() -%}
    select cast(coalesce(event_date, cast(first_reported_at as date)) as varchar) from {{ this }}
    where event_key in ({{ pending_events() }})
{%- endmacro %}

{#- agg_events_daily: the event days logged since its last build, as dates. -#}
{% macro pending_event_days() -%}
    {%- set day = 'cast(coalesce(event_date, cast(first_reported_at as date)) as varchar)' -%}
    {%- set all_days = 'select ' ~ day ~ ' from ' ~ ref('fct_sanction_events') ~ ' union select ' ~ day
        ~ ' from ' ~ ref('fct_contact_events')
        ~ (' union select cast(event_day as varchar) from ' ~ this if is_incremental() else '') -%}
    select cast(key as date) from ({{ pending_keys('event_day', all_days) }})
{%- endmacro %}

{#- agg_events_daily pre-hook: drop the rows of the logged days (the model inserts them anew; a
    day whose events give no actor pair any more must not keep its old rows). -#}
{% macro delete_pending_event_days() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where event_day in ({{ pending_event_days() }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
