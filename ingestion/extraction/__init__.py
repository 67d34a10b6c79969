"""Rule- and gazetteer-based event extraction (no model weights, works on cased and lower-cased text).

Public entry point: `extract_article`. Bump `EXTRACTOR_VERSION` whenever rules or dictionaries
change, so the pipeline knows which stored extractions are stale and re-extracts them.
"""

from ingestion.extraction.model import ArticleExtraction
from ingestion.extraction.pipeline import EXTRACTOR_VERSION, extract_article

__all__ = ["EXTRACTOR_VERSION", "ArticleExtraction", "extract_article"]
