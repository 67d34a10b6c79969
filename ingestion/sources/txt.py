""".txt reader: one article per file, identity = the file name.

The whole file is the body, kept verbatim, except for one optional title block: when the first line
is short (<= 200 chars), does not end like a sentence, and is followed by a blank line, it is taken
as the title and the body starts after the blank line. The seed (`tillerson-lavrov-2017-12-27.txt`)
starts straight with its dateline sentence, so it is all body.
A `YYYY-MM-DD` in the file name is taken as the published date (`metadata["date_from"] =
"file name"`), which is how the seed carries its date.
The body cap is checked while decoding, so a 100 MB text file is counted, never held.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator

from ingestion.dates import date_fields
from ingestion.limits import MAX_BODY_CHARS
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes, sniff_file
from ingestion.sources.fields import body_too_large

_TITLE_MAX = 200
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d-[01]\d-[0-3]\d)(?!\d)")
_CHUNK = 1024 * 1024


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body) per the title-block rule in the module doc."""
    first, sep, rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if (
        sep
        and first
        and len(first) <= _TITLE_MAX
        and not first.endswith((".", "!", "?", ":", ";", ","))
        and rest.startswith(("\n", "\r\n"))
        and rest.strip()
    ):
        return first, rest.lstrip("\r\n")
    return None, text


def _count_chars(f, encoding: str) -> int:  # noqa: ANN001 - a binary file object
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    n = 0
    while chunk := f.read(_CHUNK):
        n += len(decoder.decode(chunk))
    return n + len(decoder.decode(b"", final=True))


def iter_txt(path: str, source: str) -> Iterator[RawArticle | Rejection]:
    """Yield the one article (or rejection) of a text file."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        sniffed = sniff_file(f, source, path)
        if isinstance(sniffed, Rejection):
            yield sniffed
            return
        head, encoding, bom_len = sniffed
        if size > MAX_BODY_CHARS:  # may still fit in chars (multi-byte text): count while streaming
            f.seek(bom_len)
            n_chars = _count_chars(f, encoding)
            if n_chars > MAX_BODY_CHARS:
                yield Rejection(source, path, body_too_large(n_chars))
                return
        f.seek(0)
        data = f.read()
    try:
        text = decode_bytes(data)
    except UndecodableError as exc:
        yield Rejection(source, path, str(exc))
        return
    title, body = split_title(text.lstrip("\ufeff"))
    if not body.strip():
        yield Rejection(source, path, "record has no body")
        return
    name = os.path.basename(path)
    metadata: dict[str, object] = {}
    published_raw = published_at = None
    m = _FILE_DATE.search(name)
    if m:
        published_raw = m.group(1)
        published_at, date_meta = date_fields(published_raw)
        metadata["date_from"] = "file name"
        metadata.update(date_meta)
    yield RawArticle(
        source=source,
        source_id=name,
        body=body,
        title=title,
        published_raw=published_raw,
        published_at=published_at,
        source_kind="txt",
        location=path,
        metadata=metadata,
    )
