"""JSON Lines reader: one object per line, streamed so a file of any size costs one line of memory.

A line longer than `MAX_RECORD_BYTES` is skipped in chunks (never held whole) and rejected; a line
that is not valid JSON (e.g. truncated by a crashed writer) is rejected; the other lines still load.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from ingestion.limits import MAX_RECORD_BYTES
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes, sniff_file
from ingestion.sources.fields import record_to_article

_CHUNK = 1024 * 1024


def _skip_rest_of_line(f: BinaryIO) -> int:
    """Consume up to and including the next newline; returns bytes skipped."""
    skipped = 0
    while True:
        chunk = f.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(line: bytes) -> object:
    try:
        return json.loads(line)
    except UnicodeDecodeError:
        return json.loads(decode_bytes(line))


def iter_jsonl(path: str, source: str, kind: str = "jsonl") -> Iterator[RawArticle | Rejection]:
    """Yield one article or rejection per non-blank line of a JSON Lines file."""
    with open(path, "rb") as f:
        sniffed = sniff_file(f, source, path)
        if isinstance(sniffed, Rejection):
            yield sniffed
            return
        head, encoding, bom_len = sniffed
        f.seek(bom_len)
        if codecs.lookup(encoding).name in ("utf-8", "ascii"):
            lines = _byte_lines(f)
        else:  # UTF-16/32 or a legacy codec: newline bytes are not b"\n" in every codec
            lines = _text_lines(f, encoding)
        for lineno, line, oversize in lines:
            location = f"{path}:line {lineno}"
            if oversize:
                reason = f"record too large ({oversize} bytes > {MAX_RECORD_BYTES} cap)"
                yield Rejection(source, location, reason)
                continue
            if not line.strip():
                continue
            try:
                obj = _parse_line(line)
            except (ValueError, UndecodableError) as exc:
                yield Rejection(source, location, f"invalid json: {exc}"[:300])
                continue
            if not isinstance(obj, dict):
                yield Rejection(source, location, f"json record is a {type(obj).__name__}, not an object")
                continue
            yield record_to_article(obj, source=source, location=location, kind=kind)


def _byte_lines(f: BinaryIO) -> Iterator[tuple[int, bytes, int]]:
    """(line number, line bytes, 0) or (line number, b"", size) for a line over the cap."""
    lineno = 0
    while True:
        line = f.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            size = len(line) + _skip_rest_of_line(f)
            del line
            yield lineno, b"", size
            continue
        yield lineno, line, 0


def _text_lines(f: BinaryIO, encoding: str) -> Iterator[tuple[int, bytes, int]]:
    import io

    text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline=None)
    lineno = 0
    while True:
        line = text.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith("\n"):
            size = len(line)
            while True:
                more = text.readline(_CHUNK)
                size += len(more)
                if not more or more.endswith("\n"):
                    break
            yield lineno, b"", size
            continue
        yield lineno, line.encode("utf-8"), 0
