""".json reader: an object, an array of objects, or (tolerated) several top-level values in a row.

Values are decoded one at a time with `raw_decode`, so a truncated array still yields every complete
record before the cut; the remainder becomes one rejection that says where parsing stopped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ingestion.limits import MAX_FILE_BYTES
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import UndecodableError, decode_bytes, read_file_bytes
from ingestion.sources.fields import record_to_article

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def read_text_file(path: str, source: str, cap: int) -> str | Rejection:
    """Whole-file read for the non-streamed kinds, with the size cap and decoding checks."""
    data = read_file_bytes(path, source, cap)
    if isinstance(data, Rejection):
        return data
    try:
        return decode_bytes(data)
    except UndecodableError as exc:
        return Rejection(source, path, str(exc))


def iter_json(path: str, source: str) -> Iterator[RawArticle | Rejection]:
    """Yield the records of a .json file (see module doc)."""
    text = read_text_file(path, source, MAX_FILE_BYTES)
    if isinstance(text, Rejection):
        yield text
        return
    yield from iter_json_text(text, path, source)


def _skip(text: str, pos: int, chars: str) -> int:
    n = len(text)
    while pos < n and text[pos] in chars:
        pos += 1
    return pos


def iter_json_text(text: str, path: str, source: str) -> Iterator[RawArticle | Rejection]:
    """Records of an already-decoded JSON document, one top-level value (or array item) at a time."""
    n = len(text)
    pos = _skip(text, 0, _WS)
    line, line_pos = 1, 0  # line number of offset line_pos, counted incrementally
    in_array = False
    while pos < n:
        if not in_array and text[pos] == "[":
            in_array = True
            pos = _skip(text, pos + 1, _WS)
            continue
        if in_array and text[pos] == "]":
            in_array = False
            pos = _skip(text, pos + 1, _WS)
            continue
        line += text.count("\n", line_pos, pos)
        line_pos = pos
        location = f"{path}:line {line}"
        try:
            obj, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            reason = f"invalid json: {exc.msg} at line {exc.lineno} col {exc.colno}"
            yield Rejection(source, location, f"{reason}; the remaining {n - pos} chars are not read")
            return
        items = obj if isinstance(obj, list) else [obj]  # a nested array: its objects are records too
        for record in items:
            if isinstance(record, dict):
                yield record_to_article(record, source=source, location=location, kind="json")
            else:
                yield Rejection(source, location, f"json record is a {type(record).__name__}, not an object")
        pos = _skip(text, pos, _WS + ("," if in_array else ""))
