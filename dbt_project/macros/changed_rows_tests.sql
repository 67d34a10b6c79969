{#-
  Data tests of an incremental production build read only the rows that build may have written.

  With `--vars '{chancery_changed_only: true}'` (orchestration.dbt_manifest.BUILD_ARGS) every
  generic test on a table below runs on the rows whose key the change log holds
  (macros/change_log.sql: the articles, events and days of this build and of any build a model
  has not caught up with); without the var (`dbt build` by hand, tests/, CI) and in any build
  after a full rebuild (the log then holds the "everything" marker) tests read whole tables.

  What a restricted test still guarantees, given that the rows outside the log were tested when
  they were written and no build has touched them since:
  - not_null / accepted_values (column_rules): every written row;
  - unique on the logged key itself (article_key, event_key, statement_day): the filter keeps
    every row with that key value, old or new, so a new row colliding with an old one is caught;
  - unique on a key derived from the logged one (statement_key = md5(article_key, index), ...):
    within the written articles; a collision with another article's row would need an md5
    collision of two different article keys;
  - relationships: every written child row has its parent (the parent side is read in full).
  Staging views and sources are read before int_article_status logs this build's articles, so
  their tests use the watermark instead: the articles loaded or extracted after the newest stamp
  int_article_status holds (all rows when it does not exist yet).
  Tables not listed (actors, dates, countries, daily event counts, seeds) are small and always
  tested in full.
-#}

{%- macro changed_rows_units() -%}
    {%- set article = ('article', 'article_key') -%}
    {%- set staged = ('staged', 'article_key') -%}
    {%- do return({
        'int_article_status': article, 'dim_articles': article, 'int_event_mentions': article,
        'int_event_clusters': article, 'fct_statements': article, 'fct_sanctions': article,
        'fct_diplomatic_contacts': article, 'bridge_contact_participants': article,
        'fct_sanction_events': ('event', 'event_key'), 'fct_contact_events': ('event', 'event_key'),
        'bridge_contact_event_participants': ('event', 'event_key'),
        'agg_statements_daily': ('day', 'statement_day'),
        'stg_articles': staged, 'stg_article_state': staged, 'stg_sentences': staged,
        'stg_actor_mentions': staged, 'stg_statements': staged, 'stg_sanctions': staged,
        'stg_contacts': staged, 'stg_contact_participants': staged,
        'raw.articles': staged, 'extracted.article_state': staged, 'extracted.sentences': staged,
        'extracted.actor_mentions': staged, 'extracted.statements': staged, 'extracted.sanctions': staged,
        'extracted.contacts': staged, 'extracted.contact_participants': staged,
    }) -%}
{%- endmacro -%}

{#- The filter (SQL condition) restricting a test on `relation` to changed rows, or none. -#}
{% macro changed_rows_filter(relation) -%}
    {%- if not var('chancery_changed_only', false) or not execute -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- if relation.identifier is not defined -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set units = changed_rows_units() -%}
    {%- set unit = units.get(relation.identifier) or units.get(relation.schema ~ '.' ~ relation.identifier) -%}
    {%- if unit is none -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- do return(changed_rows_condition(unit[0], unit[1])) -%}
{%- endmacro %}

{#- The condition keeping the rows whose `column` holds a changed key of `name` (a change-log unit,
    or 'staged': loaded/extracted after int_article_status's watermark), or none: every row. -#}
{% macro changed_rows_condition(name, column) -%}
    {%- if not var('chancery_changed_only', false) or not execute -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- if name == 'staged' -%}
        {%- set status = adapter.get_relation(database=target.database, schema='intermediate',
                                              identifier='int_article_status') -%}
        {%- if status is none -%}
            {%- do return(none) -%}
        {%- endif -%}
        {%- set filter -%}
            {{ column }} in (
                select article_key from raw.articles
                where updated_at > (select coalesce(max(updated_at), '-infinity'::timestamp) from intermediate.int_article_status)
                union all
                select article_key from extracted.article_state
                where extracted_at > (select coalesce(max(extracted_at), '-infinity'::timestamp) from intermediate.int_article_status)
            )
        {%- endset -%}
    {%- else -%}
        {%- set marker -%}
            select count(*) from audit.dbt_change_log where unit = '{{ name }}' and key is null
        {%- endset -%}
        {%- if run_query(marker).columns[0].values()[0] > 0 -%}
            {%- do return(none) -%}  {#- a writer was rebuilt in full: test every row -#}
        {%- endif -%}
        {%- set filter -%}
            {{ column }} in (select {{ 'cast(key as date)' if name == 'day' else 'key' }}
                from audit.dbt_change_log where unit = '{{ name }}')
        {%- endset -%}
    {%- endif -%}
    {%- do return(filter) -%}
{%- endmacro %}

{#- dbt wraps the model of every generic test with this (dbt's own version applies `where`). -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set changed = changed_rows_filter(relation) -%}
    {%- if changed -%}
        {%- do conditions.append(changed) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
