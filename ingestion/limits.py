"""Size and time caps for everything read from outside.

One place for the numbers, so a reviewer can see at a glance how much hostile input can cost us:
no single record, file or HTTP response can make a run use unbounded memory or time.
"""

from __future__ import annotations

# Longest article body we keep (characters). Real news articles are < 100k chars; anything far
# beyond is a dump, a mistake or an attack, and would dominate extraction time.
MAX_BODY_CHARS = 2_000_000

# Files read whole (.json, .xml/.rss/.atom) are refused above this size. Streamed kinds (.jsonl,
# .csv) have no file cap: they are read record by record with a per-record cap instead.
MAX_FILE_BYTES = 200 * 1024 * 1024

# One-page files (.html) are parsed whole by lxml; real pages are < 5 MB.
MAX_PAGE_BYTES = 20 * 1024 * 1024

# One JSON line / CSV field: a body at the cap, fully \u-escaped, still fits.
MAX_RECORD_BYTES = 6 * MAX_BODY_CHARS + 1024 * 1024

# How much of a file's head is sniffed for encoding / binary content.
SNIFF_BYTES = 64 * 1024

# HTTP: per-response body cap, timeouts (seconds), redirects and retries.
HTTP_MAX_BYTES = 20 * 1024 * 1024
HTTP_CONNECT_TIMEOUT = 10.0
HTTP_READ_TIMEOUT = 20.0
HTTP_TOTAL_TIMEOUT = 60.0  # wall-clock deadline for one fetch, so a trickling server is cut off
HTTP_MAX_REDIRECTS = 5
HTTP_RETRIES = 2  # extra attempts after a connect error, 5xx or 429
HTTP_BACKOFF = 0.5  # first retry waits this long, then doubles
HTTP_MAX_RETRY_AFTER = 30.0  # a server's Retry-After is honoured up to this many seconds
