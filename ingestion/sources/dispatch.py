"""Placeholder until the source readers land."""

from __future__ import annotations

from collections.abc import Iterator

from ingestion.records import RawArticle, Rejection


def iter_source(spec: str) -> Iterator[RawArticle | Rejection]:
    """Yield every article (or rejection) a source spec holds: file, folder, glob or http(s) URL."""
    yield Rejection(source=spec, location=spec, reason="source readers not implemented yet")
