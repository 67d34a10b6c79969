"""Rule- and gazetteer-based event extraction (no model weights, works on cased and lower-cased text).

Public entry point: `extract_article`. Bump `EXTRACTOR_VERSION` whenever rules or dictionaries
change, so the pipeline knows which stored extractions are stale and re-extracts them.

The modules may run compiled (setup.py builds them with Cython when it can); `COMPILED` says
whether they do. The Python sources are the reference and win whenever they differ.
"""

from ingestion.extraction._build import use_sources_if_stale

use_sources_if_stale(__path__)  # before any rule module is imported

from ingestion.extraction import pipeline as _pipeline  # noqa: E402
from ingestion.extraction.model import ArticleExtraction  # noqa: E402
from ingestion.extraction.pipeline import EXTRACTOR_VERSION, extract_article  # noqa: E402

COMPILED: bool = not str(_pipeline.__file__).endswith(".py")

__all__ = ["COMPILED", "EXTRACTOR_VERSION", "ArticleExtraction", "extract_article"]
