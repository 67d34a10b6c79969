"""Source readers: turn a `--source` argument (file, folder, glob, URL) into articles or rejections."""

from ingestion.sources.dispatch import iter_source

__all__ = ["iter_source"]
