{#-
  Generic test: the per-column rules of one model in one test (one scan, one dbt node), instead of
  one `not_null` / `accepted_values` test per column. dbt spends ~40-60 ms of its own CPU on every
  test node whatever the table size, so ~110 single-column tests cost more than the queries they run.
  A failure returns one row per broken rule: the column, the problem and the offending value with
  its row count, so the Dagster asset check still says exactly what is wrong.

    not_null: [col, ...]                   the column is never null
    accepted_values: {col: [v1, v2], ...}  non-null values are among these (compared as text, like
                                           dbt's accepted_values; nulls pass, as there)
-#}
{% test column_rules(model, not_null=[], accepted_values={}) %}
{%- set rules = [] -%}
{%- for col in not_null -%}
    {%- do rules.append({'column': col, 'problem': 'is null', 'fails': col ~ ' is null', 'value': 'cast(null as varchar)'}) -%}
{%- endfor -%}
{%- for col, values in accepted_values.items() -%}
    {%- set quoted = [] -%}
    {%- for v in values -%}{%- do quoted.append("'" ~ (v | string | replace("'", "''")) ~ "'") -%}{%- endfor -%}
    {%- do rules.append({'column': col, 'problem': 'value not accepted',
                         'fails': 'cast(' ~ col ~ ' as varchar) not in (' ~ quoted | join(', ') ~ ')',
                         'value': 'cast(' ~ col ~ ' as varchar)'}) -%}
{%- endfor %}
with failing as (
    select
        {%- for r in rules %}
        coalesce({{ r.fails }}, false) as fails_{{ loop.index }},
        {{ r.value }} as value_{{ loop.index }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
    where {% for r in rules %}({{ r.fails }}){{ " or " if not loop.last }}{% endfor %}
)
{%- for r in rules %}
select '{{ r.column }}' as column_name, '{{ r.problem }}' as problem, value_{{ loop.index }} as value, count(*) as n_rows
from failing
where fails_{{ loop.index }}
group by all
{{ "union all" if not loop.last }}
{%- endfor %}
{% endtest %}
