"""HTML: one article page -> main text, title, date and canonical URL (trafilatura over lxml),
plus the small HTML-to-text helper the feed reader uses for item summaries.

Identity of a page file: its canonical URL when the page declares one, else the file name (many
saved pages share a name like `source.html`, the canonical URL keeps them apart). A page fetched
over HTTP is identified by the URL it was requested with.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ingestion.dates import date_fields
from ingestion.limits import MAX_BODY_CHARS, MAX_PAGE_BYTES
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes, read_file_bytes
from ingestion.sources.fields import body_too_large

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre")
_TAG = re.compile(r"<[^>]*>")


def declared_html_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block element, scripts and styles dropped."""
    if "<" not in fragment:
        return _tidy(html_lib.unescape(fragment))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(html_lib.unescape(_TAG.sub(" ", fragment)))
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def parse_page(
    page: str,
    *,
    source: str,
    location: str,
    source_id: str | None,
    fallback_id: str = "",
    url: str | None = None,
) -> RawArticle | Rejection:
    """Extract the article of one HTML page; `source_id` None means "canonical URL, else
    `fallback_id`"."""
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input: quarantine it
        return Rejection(source, location, f"html extraction failed: {type(exc).__name__}: {exc}"[:300])
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        return Rejection(source, location, "no article text found")
    if len(text) > MAX_BODY_CHARS:
        return Rejection(source, location, body_too_large(len(text)))
    canonical = doc.url or url
    published_at, date_meta = date_fields(doc.date)
    metadata = {
        k: v
        for k, v in {
            "author": doc.author,
            "sitename": doc.sitename,
            "description": doc.description,
            "language": doc.language,
            "hostname": doc.hostname,
        }.items()
        if v
    }
    metadata.update(date_meta)
    return RawArticle(
        source=source,
        source_id=source_id or canonical or fallback_id or location,
        body=text,
        title=doc.title or None,
        url=canonical,
        published_raw=doc.date or None,
        published_at=published_at,
        source_kind="html",
        location=location,
        metadata=metadata,
    )


def iter_html_file(path: str, source: str, name: str) -> Iterator[RawArticle | Rejection]:
    """Yield the article (or rejection) of a saved HTML page."""
    data = read_file_bytes(path, source, MAX_PAGE_BYTES)
    if isinstance(data, Rejection):
        yield data
        return
    try:
        page = decode_bytes(data, declared=declared_html_charset(data))
    except UndecodableError as exc:
        yield Rejection(source, path, str(exc))
        return
    yield parse_page(page, source=source, location=path, source_id=None, fallback_id=name)
