-- One row per ISO 3166-1 country (plus Kosovo), from the generated `countries` seed.
select
    iso3 as country_code,
    iso2,
    iso_numeric,
    name as country_name,
    official_name,
    region,
    subregion,
    continent_code,
    continent,
    {{ code_actor_key('iso3') }} as actor_key
from {{ ref('countries') }}
