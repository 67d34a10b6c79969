-- One participant (actor code) of one contact mention; persons also point at their person actor.
-- Incremental by article like fct_diplomatic_contacts.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='article_key',
    on_schema_change='fail',
    post_hook=["{{ delete_stale_article_rows() }}", "{{ consume_changes() }}"]
) }}

with articles as materialized (
    select article_key, changed_at
    from {{ ref('int_article_status') }}
    where not is_duplicate
    {%- if is_incremental() %}
        and article_key in ({{ pending_articles() }})
    {%- endif %}
)

select
    {{ surrogate_key(['p.article_key', "'contact'", 'p.contact_index']) }} as contact_key,
    {{ code_actor_key('p.actor_code') }} as actor_key,
    p.actor_code,
    p.actor_name,
    p.actor_kind,
    p.person_name,
    case when p.person_name is not null
        then {{ person_actor_key('p.person_name', 'p.actor_code') }}
    end as person_actor_key,
    p.article_key,
    p.contact_index,
    a.changed_at as source_changed_at
from {{ ref('stg_contact_participants') }} as p
inner join articles as a using (article_key)
