"""The feed list a schedule polls: http(s) feed and page URLs from a small YAML file.

    # config/feeds.yml (path from $CHANCERY_FEEDS_FILE)
    feeds:
      - https://example.org/world/rss.xml
      - url: https://example.org/briefing.html   # a page works too
      - url: https://example.org/paused.atom
        enabled: false

The file is read on every schedule tick, so editing it needs no restart. A missing file means
"no feeds" (the schedule skips); a malformed file or a non-http(s) entry is an error the tick
reports instead of silently polling a partial list.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from orchestration.paths import REPO_ROOT

FEEDS_FILE_ENV = "CHANCERY_FEEDS_FILE"
DEFAULT_FEEDS_FILE = Path("config") / "feeds.yml"


class FeedConfigError(ValueError):
    """The feeds file exists but cannot be used as it is."""


def feeds_file() -> Path:
    """$CHANCERY_FEEDS_FILE, else config/feeds.yml (relative to the working dir, then the repo)."""
    configured = os.environ.get(FEEDS_FILE_ENV)
    if configured:
        return Path(configured).expanduser().absolute()
    local = DEFAULT_FEEDS_FILE.absolute()
    return local if local.exists() else REPO_ROOT / DEFAULT_FEEDS_FILE


def _entry_url(entry: object, index: int) -> str | None:
    if isinstance(entry, str):
        url = entry
    elif isinstance(entry, dict):
        if entry.get("enabled", True) is False:
            return None
        url = entry.get("url")
        if not isinstance(url, str):
            raise FeedConfigError(f"feed #{index + 1}: a mapping needs a `url` string")
    else:
        raise FeedConfigError(f"feed #{index + 1}: expected a URL or a mapping with `url`")
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
        raise FeedConfigError(f"feed #{index + 1}: {url!r} is not an http(s) URL")
    return url


def load_feeds(path: str | Path | None = None) -> list[str]:
    """Enabled feed URLs in file order, without repeats; [] when the file does not exist."""
    path = Path(path) if path is not None else feeds_file()
    if not path.exists():
        return []
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FeedConfigError(f"cannot read feeds file {path}: {str(exc).splitlines()[0]}") from exc
    if doc is None:
        return []
    entries = doc.get("feeds") if isinstance(doc, dict) else doc
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise FeedConfigError(f"{path}: `feeds` must be a list")
    urls = [_entry_url(e, i) for i, e in enumerate(entries)]
    return list(dict.fromkeys(u for u in urls if u))
