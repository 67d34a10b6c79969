"""Placeholder until the extraction engine lands: returns no events (keeps the graph runnable)."""

from __future__ import annotations

from datetime import date

from ingestion.extraction.model import ArticleExtraction

EXTRACTOR_VERSION = "0.0.0"


def extract_article(body: str, title: str | None = None, article_date: date | None = None) -> ArticleExtraction:
    """Extract sentences, actors, statements, sanctions and contacts from one article body."""
    return ArticleExtraction()
