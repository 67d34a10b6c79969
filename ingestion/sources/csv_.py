""".csv reader: a header row naming the same fields as JSON records, then one article per row.

Streamed row by row. Layouts without an id column (the ISOT True.csv layout `title,text,subject,date`)
get the identity `row-N`, N being the 0-based data row after the header (ISOT's own row index), so
the identity is only stable while rows are not inserted or removed above it.
Rows with broken quoting or the wrong number of fields are rejected one by one (the csv module
restarts at the next line after an error); the good rows around them still load. The delimiter is
`,` unless the header has more `;` or tabs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ingestion.limits import MAX_RECORD_BYTES
from ingestion.records import RawArticle, Rejection
from ingestion.sources.decode import sniff_file
from ingestion.sources.fields import BODY_FIELDS, record_to_article

# Process-wide setting of the csv module; big enough for one body at MAX_BODY_CHARS.
csv.field_size_limit(MAX_RECORD_BYTES)


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def iter_csv(path: str, source: str) -> Iterator[RawArticle | Rejection]:
    """Yield one article or rejection per data row of a CSV file."""
    with open(path, "rb") as raw:
        sniffed = sniff_file(raw, source, path)
        if isinstance(sniffed, Rejection):
            yield sniffed
            return
        head, encoding, bom_len = sniffed
        raw.seek(bom_len)
        first_line = head[bom_len:].decode(encoding, errors="replace").split("\n", 1)[0]
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=_delimiter(first_line), strict=True)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except (csv.Error, StopIteration) as exc:
            yield Rejection(source, path, f"unreadable csv header: {exc}")
            return
        if not any(name in header for name in BODY_FIELDS):
            reason = f"csv has no body column (text, body or content) in header {header[:10]}"
            yield Rejection(source, path, reason[:300])
            return
        yield from _rows(reader, header, path, source)


def _rows(
    reader: Iterator[list[str]], header: list[str], path: str, source: str
) -> Iterator[RawArticle | Rejection]:
    row_index = -1
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_index += 1
            last = reader.line_num
            lines = f"lines {first_line}-{last}" if last > first_line else f"line {first_line}"
            if "field larger than field limit" in str(exc):
                reason = f"record too large (a csv field over {MAX_RECORD_BYTES} chars, {lines})"
            else:
                reason = f"broken csv row ({lines}): {exc}"
            yield Rejection(source, f"{path}:row {row_index}", reason)
            continue
        if not row or all(not cell.strip() for cell in row):
            continue  # blank line
        row_index += 1
        location = f"{path}:row {row_index}"
        if len(row) != len(header):
            yield Rejection(source, location, f"csv row has {len(row)} fields, header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=True))
        yield record_to_article(
            record, source=source, location=location, kind="csv", fallback_id=f"row-{row_index}"
        )
