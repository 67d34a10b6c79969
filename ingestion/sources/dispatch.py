"""Turn a `--source` argument into articles or rejections: file, folder, glob or http(s) URL."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

from ingestion.records import RawArticle, Rejection
from ingestion.sources.files import iter_file, iter_folder, iter_glob
from ingestion.sources.web import HttpState, iter_url

_REFUSED_SCHEMES = ("file", "ftp", "ftps", "sftp", "data", "gopher", "javascript")


def iter_source(spec: str, http_state: HttpState | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield every article (or rejection) a source spec holds: file, folder, glob or http(s) URL.

    Never raises for bad input: unreadable, unsafe or malformed input becomes a `Rejection`.
    """
    scheme = urlsplit(spec).scheme.lower()
    if scheme in ("http", "https"):
        yield from iter_url(spec, http_state)
    elif scheme in _REFUSED_SCHEMES or (len(scheme) > 1 and "://" in spec):  # not C:\ paths
        yield Rejection(spec, spec, f"unsupported source scheme {scheme!r}: give a path or an http(s) URL")
    elif os.path.isdir(spec):
        yield from iter_folder(spec)
    elif os.path.isfile(spec):
        yield from iter_file(spec)
    elif glob.has_magic(spec):
        yield from iter_glob(spec)
    else:
        yield Rejection(os.path.basename(spec) or spec, spec, "source not found")
