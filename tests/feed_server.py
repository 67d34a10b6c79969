"""A real HTTP server on 127.0.0.1 serving one RSS feed with ETag / Last-Modified support, and a
log of every request it answered (path, validators sent, status) for tests to assert on."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ITEM_BODIES = [
    "The foreign minister of Norland said on Monday that talks with Estmark would resume next week. "
    "Officials from both sides met in Vale City to prepare the agenda.",
    "Estmark imposed new sanctions on three Norland banks, the finance ministry said in a statement. "
    "The measures freeze assets held abroad.",
    "The Norland president spoke by phone with the Estmark prime minister about border trade. "
    "Both leaders agreed to meet again in the spring.",
    "A delegation from Vale arrived in Estmark for a two-day visit, the foreign ministry said. "
    "The visit focused on energy cooperation.",
]


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 document of (guid, title, body) items, dated in January 2017."""
    parts = []
    for i, (guid, title, body) in enumerate(items):
        parts.append(
            f"<item><guid>{escape(guid)}</guid><title>{escape(title)}</title>"
            f"<link>https://wire.example/{escape(guid)}</link>"
            f"<pubDate>Mon, {i + 2:02d} Jan 2017 10:00:00 GMT</pubDate>"
            f"<description>{escape(body)}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Test wire</title><link>https://wire.example/</link><description>t</description>"
            + "".join(parts) + "</channel></rss>").encode()


def sample_items(n: int) -> list[tuple[str, str, str]]:
    return [(f"wire-{i}", f"Story {i}", ITEM_BODIES[i % len(ITEM_BODIES)] + f" Reference {i}.")
            for i in range(n)]


@dataclass
class FeedServer:
    """State of the running server: the document served and the request log."""

    body: bytes = b""
    last_modified: str = field(default_factory=lambda: formatdate(usegmt=True))
    log: list[dict] = field(default_factory=list)
    url: str = ""
    base: str = ""

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    def set_items(self, items: list[tuple[str, str, str]]) -> None:
        self.body = rss(items)
        self.last_modified = formatdate(usegmt=True)

    def statuses(self) -> list[int]:
        return [r["status"] for r in self.log]


@contextmanager
def serve_feed(items: list[tuple[str, str, str]], path: str = "/feed.rss",
               extra: dict[str, bytes] | None = None) -> Iterator[FeedServer]:
    """Serve the feed of `items` at `path`, plus `extra` documents (path -> bytes, served as
    RSS/Atom without a charset, with their own ETag)."""
    state = FeedServer()
    state.set_items(items)
    extra = extra or {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if self.path in extra:
                doc = extra[self.path]
                etag = '"' + hashlib.sha256(doc).hexdigest()[:16] + '"'
                status, body = (304, b"") if inm == etag else (200, doc)
                state.log.append({"path": self.path, "if_none_match": inm, "status": status})
                self.send_response(status)
                self.send_header("ETag", etag)
                if status == 200:
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status == 200:
                    self.wfile.write(body)
                return
            if self.path != path:
                status, body = 404, b"not found"
            elif inm is not None and inm == state.etag:
                status, body = 304, b""
            elif inm is None and ims is not None and ims == state.last_modified:
                status, body = 304, b""
            else:
                status, body = 200, state.body
            state.log.append({"path": self.path, "if_none_match": inm, "if_modified_since": ims,
                              "status": status})
            self.send_response(status)
            self.send_header("ETag", state.etag)
            self.send_header("Last-Modified", state.last_modified)
            if status != 304:
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    state.url = state.base + path
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
