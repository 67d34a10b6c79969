"""Map one structured record (a JSON object or a CSV row) onto a `RawArticle`, or say why not.

Shared by the .jsonl, .json and .csv readers so the three agree on field names and checks:
identity `id`|`source_id`|`guid`|`url` (then `newid`, `article_id`, `doc_id`),
title `title`|`headline`, body `text`|`body`|`content` (then `article`, `description`, `summary`),
date `date`|`published`|`published_at`|`pubDate`, optional `url`. Everything else is kept in
`metadata` (e.g. ISOT's `subject`). Field names match case-insensitively (`Title`, `TEXT`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ingestion.dates import date_fields
from ingestion.limits import MAX_BODY_CHARS
from ingestion.records import RawArticle, Rejection

# Contract names first; the extras cover common public news sets (Reuters-21578 `newid`,
# AG News `description`) so they load without a conversion step.
ID_FIELDS = ("id", "source_id", "guid", "url", "newid", "article_id", "doc_id")
TITLE_FIELDS = ("title", "headline")
BODY_FIELDS = ("text", "body", "content", "article", "description", "summary")
DATE_FIELDS = ("date", "published", "published_at", "pubdate")
_KNOWN = {*ID_FIELDS, *TITLE_FIELDS, *BODY_FIELDS, *DATE_FIELDS}
MAX_METADATA_CHARS = 10_000  # a metadata value longer than this is truncated, not stored whole


def _scalar(value: Any) -> str | None:
    """A field value as a stripped string; None for missing/empty/non-scalar values."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in record:
            value = record[name]
            if _scalar(value) is not None:
                return name, value
    return None, None


def _clip_metadata(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_METADATA_CHARS:
        return value[:MAX_METADATA_CHARS] + "…"
    return value


def body_too_large(n_chars: int) -> str:
    return f"body too large ({n_chars} chars > {MAX_BODY_CHARS} cap)"


def record_to_article(
    record: Mapping[str, Any],
    *,
    source: str,
    location: str,
    kind: str,
    fallback_id: str | None = None,
) -> RawArticle | Rejection:
    """Build an article from one record; `fallback_id` is used when no identity field is present
    (CSV without an id column: the row number)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    id_field, id_value = _first(lowered, ID_FIELDS)
    source_id = _scalar(id_value) if id_field else fallback_id
    if not source_id:
        return Rejection(source, location, "record has no identity (id, source_id, guid or url)")
    body_field, body_value = _first(lowered, BODY_FIELDS)
    if body_field is None:
        return Rejection(source, location, "record has no body")
    body = body_value if isinstance(body_value, str) else str(body_value)
    if len(body) > MAX_BODY_CHARS:
        return Rejection(source, location, body_too_large(len(body)))
    _, title_value = _first(lowered, TITLE_FIELDS)
    date_field, date_value = _first(lowered, DATE_FIELDS)
    published_raw = str(date_value) if date_field else None
    published_at, date_meta = date_fields(published_raw)
    metadata = {k: _clip_metadata(v) for k, v in lowered.items() if k not in _KNOWN and v is not None}
    metadata.update(date_meta)
    return RawArticle(
        source=source,
        source_id=source_id,
        body=body,
        title=_scalar(title_value),
        url=_scalar(lowered.get("url")),
        published_raw=published_raw,
        published_at=published_at,
        source_kind=kind,
        location=location,
        metadata=metadata,
    )
