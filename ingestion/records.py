"""The two things a source yields: an article that parsed, or a rejection that says why not.

Every source reader (files, feeds, pages) speaks only these types, so the loader downstream never
needs to know where an article came from, and nothing bad vanishes: it becomes a `Rejection`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Key separator that cannot appear in a source name or id typed by a person.
_KEY_SEP = "\x1f"


def article_key(source: str, source_id: str) -> str:
    """Stable article identity: the same (source, source id) always gives the same key."""
    return hashlib.md5(f"{source}{_KEY_SEP}{source_id}".encode()).hexdigest()


def body_hash(body: str) -> str:
    """Hash of the body with case and spacing folded, so a re-cased or re-spaced copy of the same
    text is recognised as the same article body (duplicate flag), while real edits are not."""
    folded = re.sub(r"[^\w]+", " ", body.lower()).strip()
    return hashlib.sha256(folded.encode()).hexdigest()


@dataclass(frozen=True)
class RawArticle:
    """One parsed article as a source gave it; `body` is stored verbatim (offsets point into it)."""

    source: str  # stable name of where it came from: file name for files, feed/page URL for web
    source_id: str  # identity inside the source (id, guid, url, file name)
    body: str
    title: str | None = None
    url: str | None = None
    published_raw: str | None = None  # the date string exactly as given
    published_at: datetime | None = None  # parsed, naive UTC; None when absent or invalid
    source_kind: str = "unknown"  # jsonl | json | csv | txt | html | feed
    location: str = ""  # file path (+ line/row) or URL the record was read from
    metadata: dict[str, Any] = field(default_factory=dict)  # anything else worth keeping (subject…)

    @property
    def key(self) -> str:
        return article_key(self.source, self.source_id)


@dataclass(frozen=True)
class Rejection:
    """A file, record or URL that could not become an article, with a reason a person can act on."""

    source: str
    location: str
    reason: str  # short, specific: "invalid json: Expecting ',' at col 41", "record has no body"
    detail: str | None = None
