{#-
  Incremental event clustering re-clusters time segments, not whole groups.

  Every mention of a group has a point on the time line: its event_date, or its report day when
  it has none. All three clustering rules (dated chains, undated reports joining a dated event,
  undated chains) only ever relate mentions whose points are at most
  G = max(event_date_window_days, undated_report_window_days) days apart, directly or through a
  chain. So a group splits into segments, maximal runs of points with no gap over G between
  consecutive ones, that cluster independently: clustering a set of whole segments gives the same
  rows as clustering the whole group.
  Every row keeps the span of its segment (segment_start, segment_end). A run re-clusters the
  mentions lying in: the stored segments of the changed mentions' old points, the stored segments
  with a point within G of a changed mention's new point (a new point can only join or bridge
  those), and the new points themselves. That region is closed: just outside it lies either
  nothing within G, or an untouched stored segment whose points did not change. The other
  segments hold exactly the same points as before, so their rows stand. A pre-hook keeps the
  region in audit.dbt_cluster_segments (a scratch table rewritten by every incremental run) for
  the model and its hooks; finding it reads the stored rows of the changed articles and of the
  days around the new points, never whole groups.
-#}

{% macro cluster_gap_days() -%}
    {{ [var('event_date_window_days'), var('undated_report_window_days')] | max }}
{%- endmacro %}

{% macro build_cluster_segments() -%}
    {%- if is_incremental() -%}
    create or replace table audit.dbt_cluster_segments as
    with changed_now as (
        select group_key, coalesce(event_date, reported_date) as point
        from {{ ref('int_event_mentions') }}
        where article_key in ({{ pending_articles() }})
    ),

    -- the stored segment of every old point of a changed mention
    changed_before as (
        select group_key, segment_start, segment_end
        from {{ this }}
        where article_key in ({{ pending_articles() }})
    ),

    -- the stored segments a new point may join or bridge: those with a point within G of it
    near_new_points as (
        select r.group_key, r.segment_start, r.segment_end
        from {{ this }} as r
        inner join changed_now as c
            on c.group_key = r.group_key
            and coalesce(r.event_date, r.reported_date)
                between c.point - {{ cluster_gap_days() }} and c.point + {{ cluster_gap_days() }}
        where r.group_key in (select group_key from changed_now)
    )

    select group_key, segment_start as seg_start, segment_end as seg_end from changed_before
    union
    select group_key, segment_start, segment_end from near_new_points
    union
    select group_key, point, point from changed_now
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Condition: the row (alias `row_alias`, with group_key, event_date, reported_date) lies in a
    segment being re-clustered. -#}
{% macro in_cluster_segments(row_alias) -%}
    exists (
        select 1 from audit.dbt_cluster_segments as seg
        where seg.group_key = {{ row_alias }}.group_key
            and coalesce({{ row_alias }}.event_date, {{ row_alias }}.reported_date)
                between seg.seg_start and seg.seg_end
    )
{%- endmacro %}

{#- The rows of this table (int_event_clusters) in the segments being re-clustered. -#}
{% macro stored_rows_in_segments(columns) -%}
    select {{ columns }} from {{ this }} as r
    where r.group_key in (select group_key from audit.dbt_cluster_segments) and {{ in_cluster_segments('r') }}
{%- endmacro %}

{#- Post-hook: drop the rows of logged articles' mentions that are gone. -#}
{% macro delete_gone_mentions() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where article_key in ({{ pending_articles() }})
        and mention_key not in (
            select mention_key from {{ ref('int_event_mentions') }} where article_key in ({{ pending_articles() }})
        )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
