"""Turn a `--source` argument into articles or rejections: file, folder, glob or http(s) URL.

Conventions shared by every reader (details in each module's docstring):
- `source` is a stable name: a file's base name (moving a file keeps its keys), or the URL as given.
- `source_id`: the record's id/source_id/guid/url (JSON, CSV), `row-N` for CSV without an id column,
  the file name for .txt, the canonical URL (else the file name) for .html files, the requested URL
  for pages fetched over HTTP, guid/link/hash for feed items. Ids are opaque strings, never paths.
- `location`: absolute path plus `:line N` / `:row N` / `:item N`, or the URL (+ `:item N`).
- Duplicate ids inside one source are all yielded, in file order; the loader keeps the last.
- A bad or absurd date never rejects a record: `published_at` is None, the raw string is kept and
  `metadata["date_issue"]` says why. `metadata["published_local_date"]` is the date as written
  (the writer's calendar day), which is what relative dates in the text refer to.
- Caps (ingestion/limits.py): body chars, record bytes, file bytes for whole-file kinds, HTTP
  bytes and time. Everything beyond a cap is rejected with the measured size.
"""

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
