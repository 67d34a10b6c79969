{#-
  DuckDB views keep the text of the relations they read. The catalog name of a DuckDB file is its
  file name, and the published file is built under one name and may be opened under another, so a
  view that said "warehouse"."staging"."x" would break after a rename. ref() and source() therefore
  render schema.identifier only; the catalog is whatever file is open.
-#}
{% macro ref() %}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if (varargs | length) == 1 -%}
        {%- set rel = builtins.ref(varargs[0], version=version) -%}
    {%- else -%}
        {%- set rel = builtins.ref(varargs[0], varargs[1], version=version) -%}
    {%- endif -%}
    {%- if rel is string -%}
        {%- do return(rel) -%}
    {%- endif -%}
    {%- do return(rel.include(database=False)) -%}
{% endmacro %}

{% macro source(source_name, table_name) %}
    {%- set rel = builtins.source(source_name, table_name) -%}
    {%- if rel is string -%}
        {%- do return(rel) -%}
    {%- endif -%}
    {%- do return(rel.include(database=False)) -%}
{% endmacro %}
