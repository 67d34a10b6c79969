-- Assigns every event mention to one real-world event (event_key).
-- Within a group key (type + actor set + action/mode):
--   1. mentions with a known event_date chain into one event while consecutive dates are at most
--      `event_date_window_days` apart;
--   2. a mention without a date joins the dated event of its key whose dates lie within
--      `undated_report_window_days` of the article's publication (the nearest one);
--   3. the remaining undated mentions chain by publication date with the same window.
-- Keys are md5(group key, first date), so a rebuild over the same input gives the same keys.
-- Incremental by time segment (macros/cluster_segments.sql): a run re-clusters, in the groups of
-- the mentions of the articles int_article_status logged, only the runs of mentions (segments)
-- around the changed ones (found from the segment spans kept on every row), writes the rows that differ from the stored ones, and logs the
-- re-clustered mentions and their events before and after (macros/change_log.sql) for the facts.
-- Rows are replaced by mention_key; a post-hook drops the rows of mentions that are gone.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='mention_key',
    on_schema_change='fail',
    pre_hook=[
        "{{ build_cluster_segments() }}",
        "{{ log_changes('event', stored_rows_in_segments('event_key')) if is_incremental() else log_everything('event') }}",
        "{{ 'select 1' if is_incremental() else log_everything('mention') }}"
    ],
    post_hook=[
        "{{ delete_gone_mentions() }}",
        "{{ log_changes('event', stored_rows_in_segments('event_key')) if is_incremental() else 'select 1' }}",
        "{{ log_changes('mention', stored_rows_in_segments('mention_key')) if is_incremental() else 'select 1' }}",
        "{{ consume_changes() }}"
    ]
) }}
-- depends_on: {{ ref('int_article_status') }}
{%- set window_days = var('event_date_window_days') %}
{%- set report_days = var('undated_report_window_days') %}

with mentions as materialized (
    select m.mention_key, m.event_type, m.group_key, m.article_key, m.event_date, m.reported_date
    from {{ ref('int_event_mentions') }} as m
    {%- if is_incremental() %}
    where m.group_key in (select group_key from audit.dbt_cluster_segments) and {{ in_cluster_segments('m') }}
    {%- endif %}
),

dated as (
    select
        *,
        case
            when lag(event_date) over by_date is null
                or event_date - lag(event_date) over by_date > {{ window_days }} then 1
            else 0
        end as starts_event
    from mentions
    where event_date is not null
    window by_date as (partition by group_key order by event_date, mention_key)
),

dated_numbered as (
    select
        *,
        sum(starts_event) over (
            partition by group_key order by event_date, mention_key
            rows between unbounded preceding and current row
        ) as event_seq
    from dated
),

dated_events as (
    select
        group_key,
        event_seq,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date,
        {{ surrogate_key(['group_key', "'dated'", 'min(event_date)']) }} as event_key
    from dated_numbered
    group by group_key, event_seq
),

dated_members as (
    select d.mention_key, d.event_type, d.group_key, d.article_key, e.event_key, 'event_date' as clustered_by,
        d.event_date, d.reported_date
    from dated_numbered as d
    inner join dated_events as e using (group_key, event_seq)
),

undated as (
    select mention_key, event_type, group_key, article_key, event_date, reported_date
    from mentions
    where event_date is null
),

undated_candidates as (
    select
        u.mention_key,
        e.event_key,
        row_number() over (
            partition by u.mention_key
            order by
                case
                    when u.reported_date < e.first_event_date then e.first_event_date - u.reported_date
                    when u.reported_date > e.last_event_date then u.reported_date - e.last_event_date
                    else 0
                end,
                e.first_event_date
        ) as preference
    from undated as u
    inner join dated_events as e
        on e.group_key = u.group_key
        and u.reported_date between e.first_event_date - {{ report_days }}
                                and e.last_event_date + {{ report_days }}
),

undated_attached as (
    select u.mention_key, u.event_type, u.group_key, u.article_key, c.event_key, 'reported_near_event' as clustered_by,
        u.event_date, u.reported_date
    from undated as u
    inner join undated_candidates as c on c.mention_key = u.mention_key and c.preference = 1
),

undated_alone as (
    select
        u.*,
        case
            when lag(reported_date) over by_report is null
                or reported_date - lag(reported_date) over by_report > {{ report_days }} then 1
            else 0
        end as starts_event
    from undated as u
    anti join undated_attached as a using (mention_key)
    window by_report as (partition by group_key order by reported_date, mention_key)
),

undated_numbered as (
    select
        *,
        sum(starts_event) over (
            partition by group_key order by reported_date, mention_key
            rows between unbounded preceding and current row
        ) as event_seq
    from undated_alone
),

undated_events as (
    select
        group_key,
        event_seq,
        {{ surrogate_key(['group_key', "'reported'", 'min(reported_date)']) }} as event_key
    from undated_numbered
    group by group_key, event_seq
),

undated_members as (
    select n.mention_key, n.event_type, n.group_key, n.article_key, e.event_key, 'reported_date' as clustered_by,
        n.event_date, n.reported_date
    from undated_numbered as n
    inner join undated_events as e using (group_key, event_seq)
),

assignments as (
    select * from dated_members
    union all
    select * from undated_attached
    union all
    select * from undated_members
),

-- segments: runs of points (event date, else report day) with no gap over the clustering windows
-- (macros/cluster_segments.sql); each row keeps its segment's span for later incremental runs
points as (
    select
        mention_key,
        group_key,
        coalesce(event_date, reported_date) as point,
        case
            when coalesce(event_date, reported_date) - lag(coalesce(event_date, reported_date)) over by_point
                > {{ cluster_gap_days() }} then 1
            else 0
        end as starts_segment
    from mentions
    window by_point as (partition by group_key order by coalesce(event_date, reported_date), mention_key)
),

numbered_points as (
    select
        *,
        sum(starts_segment) over (
            partition by group_key order by point, mention_key rows between unbounded preceding and current row
        ) as segment_seq
    from points
),

segment_spans as (
    select
        mention_key,
        min(point) over (partition by group_key, segment_seq) as segment_start,
        max(point) over (partition by group_key, segment_seq) as segment_end
    from numbered_points
),

clustered as (
    select a.*, s.segment_start, s.segment_end
    from assignments as a
    inner join segment_spans as s using (mention_key)
)

{% if is_incremental() -%}
-- only the rows that differ from the stored ones are written
select * from clustered
except
{{ stored_rows_in_segments('mention_key, event_type, group_key, article_key, event_key, clustered_by, '
    ~ 'event_date, reported_date, segment_start, segment_end') }}
{%- else -%}
select * from clustered
{%- endif %}
