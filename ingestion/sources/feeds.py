"""RSS 0.9x / 1.0 (RDF) / 2.0 and Atom feeds, from a file or an HTTP response, parsed safely.

Untrusted XML is screened before feedparser sees it: any entity declaration (`<!ENTITY`, the
vehicle of billion-laughs bombs and of external entities like SYSTEM "file:///etc/passwd") rejects
the whole feed, then defusedxml parses it with entities and external references forbidden as a
second check. Real feeds do not declare entities, so nothing legitimate is lost.
The document is decoded by us (BOM, XML declaration, UTF-8, charset-normalizer: latin-1 feeds
without a declaration exist) and handed to feedparser as UTF-8 with the declaration rewritten.

Item identity: guid (`id`), else link, else a hash of title + date. Body: the longest of the item's
content blocks and its summary, HTML stripped to text.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET

from ingestion.dates import date_fields
from ingestion.limits import MAX_BODY_CHARS, MAX_FILE_BYTES
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes, read_file_bytes
from ingestion.sources.fields import body_too_large
from ingestion.sources.html import html_to_text

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
UNSAFE_ENTITIES = "unsafe xml: entity declarations"
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


def looks_like_feed(head: bytes) -> bool:
    """Sniff the first bytes of a document for an RSS/RDF/Atom root element."""
    low = head[:4096].lower().replace(b"\x00", b"")  # also catches UTF-16 text
    return any(marker in low for marker in FEED_MARKERS)


def declared_xml_encoding(data: bytes) -> str | None:
    m = _XML_DECL_ENCODING.match(data[:1024])
    return m.group(1).decode("ascii") if m else None


def as_utf8_xml(text: str) -> bytes:
    """The decoded document as UTF-8 bytes whose XML declaration says so."""
    body = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    return ('<?xml version="1.0" encoding="utf-8"?>' + body).encode("utf-8")


def unsafe_xml_reason(text: str) -> str | None:
    """Why this XML must not be parsed, or None when it is safe for feedparser."""
    if _ENTITY_DECL.search(text):
        return UNSAFE_ENTITIES
    try:
        DefusedET.fromstring(as_utf8_xml(text), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"unsafe xml: {type(exc).__name__}"
    except (ParseError, ValueError):
        return None  # not well-formed: feedparser's tolerant parser copes, no entities were declared
    return None


def _item_body(entry: feedparser.FeedParserDict) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len) if texts else ""


def parse_feed(
    data: bytes, *, source: str, location: str, declared: str | None = None
) -> Iterator[RawArticle | Rejection]:
    """Yield the items of a feed document (bytes as read or fetched)."""
    try:
        text = decode_bytes(data, declared=declared or declared_xml_encoding(data))
    except UndecodableError as exc:
        yield Rejection(source, location, str(exc))
        return
    reason = unsafe_xml_reason(text)
    if reason:
        yield Rejection(source, location, reason)
        return
    parsed = feedparser.parse(
        io.BytesIO(as_utf8_xml(text)),  # a stream: feedparser treats str/bytes as a URL or file name to open
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        yield Rejection(source, location, f"not an RSS or Atom feed{': ' + str(why) if why else ''}"[:300])
        return
    feed_title = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(
            entry,
            index,
            source=source,
            location=location,
            feed_title=feed_title,
            feed_version=parsed.get("version") or "unknown",
        )


def _entry_article(
    entry: feedparser.FeedParserDict,
    index: int,
    *,
    source: str,
    location: str,
    feed_title: str | None,
    feed_version: str,
) -> RawArticle | Rejection:
    item_location = f"{location}:item {index}"
    title = html_to_text(entry.get("title", "") or "") or None
    published_raw = (entry.get("published") or entry.get("updated") or "").strip() or None
    link = (entry.get("link") or "").strip() or None
    source_id = (entry.get("id") or "").strip() or link
    if not source_id:
        if not (title or published_raw):
            return Rejection(source, item_location, "feed item has no guid, link, title or date")
        digest = hashlib.sha1(f"{title or ''}\x1f{published_raw or ''}".encode()).hexdigest()
        source_id = f"sha1:{digest}"
    body = _item_body(entry)
    if not body.strip():
        return Rejection(source, item_location, "record has no body")
    if len(body) > MAX_BODY_CHARS:
        return Rejection(source, item_location, body_too_large(len(body)))
    published_at, date_meta = date_fields(published_raw)
    metadata: dict[str, object] = {"feed_version": feed_version}
    if feed_title:
        metadata["feed_title"] = feed_title
    if entry.get("author"):
        metadata["author"] = entry["author"]
    tags = [t.get("term") for t in entry.get("tags", []) or [] if t.get("term")]
    if tags:
        metadata["tags"] = tags
    metadata.update(date_meta)
    return RawArticle(
        source=source,
        source_id=source_id,
        body=body,
        title=title,
        url=link,
        published_raw=published_raw,
        published_at=published_at,
        source_kind="feed",
        location=item_location,
        metadata=metadata,
    )


def iter_feed_file(path: str, source: str) -> Iterator[RawArticle | Rejection]:
    """Yield the items of a feed file (.xml/.rss/.atom)."""
    data = read_file_bytes(path, source, MAX_FILE_BYTES)
    if isinstance(data, Rejection):
        yield data
        return
    yield from parse_feed(data, source=source, location=path)
