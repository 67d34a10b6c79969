"""A real HTTP server on 127.0.0.1 (http.server in a thread) for the fetch and URL-source tests.

Files under `root` are served with ETag/Last-Modified and honour conditional GETs; `routes` maps a
path to a function that writes a custom (often hostile) response: redirects to file:, loops,
trickling bodies and headers, oversize bodies, flaky 5xx. Every request is logged in `requests`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

LAST_MODIFIED = "Wed, 10 Mar 2021 12:00:00 GMT"
Route = Callable[[BaseHTTPRequestHandler], None]


class HostileServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.content_types: dict[str, str] = {}  # path -> content type override for files
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                path = urlsplit(self.path).path
                server.requests.append((self.path, dict(self.headers.items())))
                try:
                    route = server.routes.get(path)
                    if route:
                        route(self)
                    else:
                        server.serve_file(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if urlsplit(p).path == path)

    def serve_file(self, h: BaseHTTPRequestHandler, path: str) -> None:
        file = (self.root / path.lstrip("/")).resolve()
        if not file.is_file() or self.root.resolve() not in file.parents:
            h.send_error(404)
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == LAST_MODIFIED:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        ctype = (
            self.content_types.get(path) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        )
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        h.send_header("ETag", etag)
        h.send_header("Last-Modified", LAST_MODIFIED)
        h.end_headers()
        h.wfile.write(data)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- route helpers ------------------------------------------------------------------------------


def redirect(location: str, status: int = 302) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def chain(h: BaseHTTPRequestHandler) -> None:
    """/chain?n=N redirects to /chain?n=N+1, forever."""
    n = int(urlsplit(h.path).query.partition("=")[2] or 0)
    redirect(f"/chain?n={n + 1}")(h)


def trickle_body(h: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every 0.1 s for up to 30 s."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "300")
    h.end_headers()
    for _ in range(300):
        h.wfile.write(b"<")
        h.wfile.flush()
        time.sleep(0.1)


def trickle_headers(h: BaseHTTPRequestHandler) -> None:
    """The status line and headers themselves arrive one byte every 0.1 s."""
    raw = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"a" * 300 + b"\r\n\r\n"
    for i in range(len(raw)):
        h.wfile.write(raw[i : i + 1])
        h.wfile.flush()
        time.sleep(0.1)


def endless(h: BaseHTTPRequestHandler) -> None:
    """A body with no Content-Length that never ends (64 KB blocks, as fast as the client reads)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    block = b"<p>" + b"x" * 65_530 + b"</p>"
    for _ in range(10_000):
        h.wfile.write(block)


def declared_huge(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(10**12))
    h.end_headers()
    h.wfile.write(b"<html>")


def status(code: int, retry_after: str | None = None) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(code)
        if retry_after is not None:
            h.send_header("Retry-After", retry_after)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def flaky(failures: int, then: Route) -> Route:
    """Fail with 503 `failures` times, then behave like `then`."""
    state = {"n": 0}

    def route(h: BaseHTTPRequestHandler) -> None:
        state["n"] += 1
        if state["n"] <= failures:
            status(503)(h)
        else:
            then(h)

    return route


def body(content: bytes, content_type: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(content)))
        h.end_headers()
        h.wfile.write(content)

    return route
