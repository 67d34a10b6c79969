{#-
  Incremental event clustering re-clusters time segments, not whole groups.

  Every mention of a group has a point on the time line: its event_date, or its report day when
  it has none. All three clustering rules (dated chains, undated reports joining a dated event,
  undated chains) only ever relate mentions whose points are at most
  G = max(event_date_window_days, undated_report_window_days) days apart, directly or through a
  chain. So a group splits into segments, maximal runs of points with no gap over G between
  consecutive ones, that cluster independently: clustering a set of whole segments gives the same
  rows as clustering the whole group.
  A run re-clusters, in the groups of the logged articles' mentions, the segments (as they are
  now) that contain a changed mention's new point or overlap a segment (as stored) that held its
  old point; the other segments hold exactly the same points as before, so their rows stand.
  A pre-hook keeps those segments (and the old segments' spans) in audit.dbt_cluster_segments (a scratch table rewritten by
  every incremental run) for the model and its hooks.
-#}

{% macro cluster_gap_days() -%}
    {{ [var('event_date_window_days'), var('undated_report_window_days')] | max }}
{%- endmacro %}

{#- Segments (group_key, seg_start, seg_end) of `points_sql` (group_key, point). -#}
{% macro point_segments(points_sql) -%}
    select group_key, min(point) as seg_start, max(point) as seg_end
    from (
        select
            group_key,
            point,
            sum(case when point - prev_point > {{ cluster_gap_days() }} then 1 else 0 end) over (
                partition by group_key order by point rows between unbounded preceding and current row
            ) as segment
        from (
            select group_key, point, lag(point) over (partition by group_key order by point) as prev_point
            from (select distinct group_key, point from ({{ points_sql }}))
        )
    )
    group by group_key, segment
{%- endmacro %}

{% macro build_cluster_segments() -%}
    {%- if is_incremental() -%}
    create or replace table audit.dbt_cluster_segments as
    with changed_now as (
        select group_key, coalesce(event_date, reported_date) as point
        from {{ ref('int_event_mentions') }}
        where article_key in ({{ pending_articles() }})
    ),

    changed_before as (
        select group_key, coalesce(event_date, reported_date) as point
        from {{ this }}
        where article_key in ({{ pending_articles() }})
    ),

    touched_groups as (
        select group_key from changed_now
        union
        select group_key from changed_before
    ),

    segments_before as (
        {{ point_segments('select group_key, coalesce(event_date, reported_date) as point from ' ~ this
            ~ ' where group_key in (select group_key from touched_groups)') }}
    ),

    segments_now as (
        {{ point_segments('select group_key, coalesce(event_date, reported_date) as point from '
            ~ ref('int_event_mentions') ~ ' where group_key in (select group_key from touched_groups)') }}
    ),

    -- what changed: the old segments of old points, and the new points themselves
    seeds as (
        select s.group_key, s.seg_start as lo, s.seg_end as hi
        from segments_before as s
        inner join changed_before as c
            on c.group_key = s.group_key and c.point between s.seg_start and s.seg_end
        union
        select group_key, point, point from changed_now
    )

    -- the segments (as they are now) to re-cluster, and the old spans themselves, so rows of a
    -- span whose mentions are all gone are still found (their events are logged as changed)
    select distinct n.group_key, n.seg_start, n.seg_end
    from segments_now as n
    inner join seeds as s on s.group_key = n.group_key and s.lo <= n.seg_end and s.hi >= n.seg_start
    union
    select group_key, lo, hi from seeds
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
