"""http(s) sources: fetch a URL (conditionally), then read it as a feed or as an article page.

Feed or page is decided by content type and by sniffing the first bytes for `<rss`, `<feed`,
`<rdf:RDF`. `source` is the URL as given (the feed URL for feed items, the page URL for a page).

Conditional GET state lives behind the small `HttpState` protocol (the orchestration layer keeps
it in `raw.fetch_state`). `put` is called only after every item of a response has been yielded,
so a run that dies half-way fetches the URL again next time instead of skipping it; an
implementation should write it in the same transaction as the articles. A response that was
rejected as a whole (unsafe XML, not a feed or page) is remembered too: the rejection is already
in the audit table, and the same bytes would only be rejected again. A 304 yields nothing and
does not call `put`; a fetch error or non-200 status does not call it either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Protocol

from ingestion import net
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes
from ingestion.sources.feeds import looks_like_feed, parse_feed
from ingestion.sources.files import reader_crash
from ingestion.sources.html import declared_html_charset, parse_page

_FEED_TYPES = ("rss", "atom", "rdf")
_XML_TYPES = ("xml",)
_HTML_TYPES = ("html",)


class HttpState(Protocol):
    """Validators remembered per URL for conditional GETs."""

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        """(etag, last_modified) from the last successful fetch of `url`, or None."""
        ...

    def put(
        self, url: str, etag: str | None, last_modified: str | None, content_hash: str, status_code: int
    ) -> None:
        """Remember a fetch of `url` whose items have all been yielded."""
        ...


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _kind(content_type: str | None, body: bytes) -> str | None:
    """'feed', 'page' or None (neither)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if any(t in mime for t in _FEED_TYPES):
        return "feed"
    sniffed_feed = looks_like_feed(body[:4096])
    if sniffed_feed and (not mime or any(t in mime for t in (*_XML_TYPES, "text/plain", "octet-stream"))):
        return "feed"
    if any(t in mime for t in _HTML_TYPES):
        return "feed" if sniffed_feed and b"<html" not in body[:4096].lower() else "page"
    if not mime or "octet-stream" in mime or "text/plain" in mime:
        return "page" if b"<html" in body[:4096].lower() else None
    return None


def iter_url(url: str, http_state: HttpState | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield the articles of a feed or page URL; nothing when the server says 304 Not Modified."""
    previous = http_state.get(url) if http_state is not None else None
    etag, last_modified = previous if previous else (None, None)
    try:
        result = net.fetch(url, etag=etag, last_modified=last_modified)
    except net.FetchError as exc:
        yield Rejection(url, url, f"fetch failed: {exc}")
        return
    if result.not_modified:
        return
    if result.status != 200:
        yield Rejection(url, url, f"http {result.status}")
        return
    if not result.body.strip():
        yield Rejection(url, url, "empty response")
        return
    try:
        yield from _parse_response(url, result)
    except Exception as exc:  # noqa: BLE001 - a parser bug on odd input must not stop the batch
        yield reader_crash(url, url, exc)
        return
    if http_state is not None:
        digest = hashlib.sha256(result.body).hexdigest()
        http_state.put(url, result.etag, result.last_modified, digest, result.status)


def _parse_response(url: str, result: net.FetchResult) -> Iterator[RawArticle | Rejection]:
    kind = _kind(result.content_type, result.body)
    if kind == "feed":
        yield from parse_feed(result.body, source=url, location=url, declared=_charset(result.content_type))
    elif kind == "page":
        declared = _charset(result.content_type) or declared_html_charset(result.body)
        try:
            page = decode_bytes(result.body, declared=declared)
        except UndecodableError as exc:
            yield Rejection(url, url, str(exc))
            return
        yield parse_page(page, source=url, location=url, source_id=url, url=result.url)
    else:
        reason = f"unsupported content type {result.content_type!r}: not a feed or html page"
        yield Rejection(url, url, reason)
