-- One row per calendar day covering every article and event date (at least 1990-2040).
with bounds as (
    select
        least(date '1990-01-01', min(d)) as first_day,
        greatest(date '2040-12-31', max(d)) as last_day
    from (
        select published_date as d from {{ ref('stg_articles') }}
        union all select event_date from {{ ref('stg_sanctions') }}
        union all select event_date from {{ ref('stg_contacts') }}
        union all select event_date from {{ ref('stg_statements') }}
    ) as dates
),

days as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
)

select
    date_day,
    year(date_day) as year,
    quarter(date_day) as quarter,
    month(date_day) as month,
    monthname(date_day) as month_name,
    day(date_day) as day_of_month,
    isodow(date_day) as iso_day_of_week,
    dayname(date_day) as day_name,
    weekofyear(date_day) as iso_week,
    date_trunc('week', date_day)::date as week_start,
    date_trunc('month', date_day)::date as month_start,
    isodow(date_day) >= 6 as is_weekend
from days
