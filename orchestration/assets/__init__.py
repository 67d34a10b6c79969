"""The asset graph: raw_articles -> extracted_events -> dbt models (tests run with them) ->
published_warehouse."""
