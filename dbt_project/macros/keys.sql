{#- Deterministic surrogate key: md5 of the natural-key parts joined by a unit separator, so
    rebuilding from the same sources always gives the same keys (nulls hash as an empty part). -#}
{% macro surrogate_key(parts) -%}
    md5(concat_ws(chr(31), {% for p in parts %}coalesce(cast({{ p }} as varchar), ''){{ ", " if not loop.last }}{% endfor %}))
{%- endmacro %}

{#- Person names compare case-, punctuation- and honorific-insensitively ("Mr. Sergei Lavrov"). -#}
{% macro normalize_name(expr) -%}
    trim(regexp_replace(regexp_replace(regexp_replace(strip_accents(lower(coalesce({{ expr }}, ''))),
        '[^a-z0-9 ]+', ' ', 'g'), '\b(mr|mrs|ms|dr)\b', ' ', 'g'), '\s+', ' ', 'g'))
{%- endmacro %}

{#- Actor keys, shared by dim_actors and every fact that points at an actor. -#}
{% macro code_actor_key(code_expr) -%}
    {{ surrogate_key(["'code'", "trim(" ~ code_expr ~ ")"]) }}
{%- endmacro %}

{% macro person_actor_key(name_expr, country_expr) -%}
    {{ surrogate_key(["'person'", normalize_name(name_expr), "nullif(trim(" ~ country_expr ~ "), '')"]) }}
{%- endmacro %}
