"""HTTP fetching for feed and page sources, defensive by default.

- Only http and https, checked on the first URL and on every redirect hop (redirects are followed
  by hand, so `Location: file:///etc/passwd` is refused, not opened), at most `max_redirects` hops.
- The body is streamed and cut at `max_bytes`.
- Connect and read timeouts, plus a wall-clock deadline for the whole fetch that is enforced on
  every socket read (a server trickling one byte a second is cut off at the deadline, not after
  hours): the network backend below shortens each read's timeout to the time left.
- Retries with exponential backoff on connect errors, 5xx and 429 (honouring a short Retry-After).
- Conditional GET: If-None-Match / If-Modified-Since; a 304 gives `not_modified=True`.
Proxy environment variables are not used (fetches go direct).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ingestion import limits

USER_AGENT = "Chancery/0.1 (news-event warehouse; +https://github.com/chancery/chancery)"
ALLOWED_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUS = (429, 500, 502, 503, 504)
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, */*;q=0.5"
)


class FetchError(Exception):
    """A fetch that produced no usable response; `str(exc)` is the rejection reason."""


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes
    url: str  # final URL after redirects
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    not_modified: bool = False


def check_scheme(url: str) -> None:
    """Refuse anything but http(s): file:, ftp:, data:, gopher: would read local or odd resources."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"refused url scheme {scheme or '(none)'!r}: only http and https are fetched")
    if not urlsplit(url).hostname:
        raise FetchError(f"url has no host: {url[:200]}")


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read/write waits no longer than the fetch's deadline allows."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _timeout(self, timeout: float | None, exc: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise exc("total time limit exceeded")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._timeout(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._timeout(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(
            ssl_context, server_hostname, self._timeout(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def __init__(self, deadline: float) -> None:
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("total time limit exceeded")
        timeout = left if timeout is None else min(timeout, left)
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built on the deadline backend."""

    def __init__(self, deadline: float, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=4,
            network_backend=_DeadlineBackend(deadline),
        )


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    connect_timeout: float = limits.HTTP_CONNECT_TIMEOUT,
    timeout: float = limits.HTTP_READ_TIMEOUT,
    total_timeout: float = limits.HTTP_TOTAL_TIMEOUT,
    max_bytes: int = limits.HTTP_MAX_BYTES,
    max_redirects: int = limits.HTTP_MAX_REDIRECTS,
    retries: int = limits.HTTP_RETRIES,
    backoff: float = limits.HTTP_BACKOFF,
    verify: ssl.SSLContext | bool = True,
) -> FetchResult:
    """GET a URL under the rules in the module doc; raises `FetchError` with a specific reason.

    4xx (other than 429) and exhausted 5xx come back as a FetchResult with that status, so the
    caller decides; the body of an error response is not kept. `verify`: certificate checking as in
    httpx (True = system CAs; an SSLContext for a private CA).
    """
    check_scheme(url)
    deadline = time.monotonic() + total_timeout
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    http_timeout = httpx.Timeout(timeout, connect=connect_timeout)
    with httpx.Client(
        transport=_DeadlineTransport(deadline, verify),
        timeout=http_timeout,
        follow_redirects=False,
        trust_env=False,
    ) as client:
        attempt = 0
        while True:
            try:
                return _follow(client, url, headers, max_bytes, max_redirects)
            except _Retryable as exc:
                attempt += 1
                wait = exc.retry_after if exc.retry_after is not None else backoff * 2 ** (attempt - 1)
                if attempt > retries or time.monotonic() + wait >= deadline:
                    if exc.result is not None:
                        return exc.result
                    raise FetchError(exc.reason) from None
                time.sleep(wait)


class _Retryable(Exception):
    def __init__(self, reason: str, result: FetchResult | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.result = result
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value.strip()), limits.HTTP_MAX_RETRY_AFTER)
    return None


def _follow(
    client: httpx.Client, url: str, headers: dict[str, str], max_bytes: int, max_redirects: int
) -> FetchResult:
    seen: list[str] = []
    current = url
    while True:
        check_scheme(current)
        seen.append(current)
        try:
            with client.stream("GET", current, headers=headers) as resp:
                if resp.status_code in _REDIRECTS:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(f"http {resp.status_code} redirect without a Location header")
                    nxt = urljoin(current, location.strip())
                    check_scheme(nxt)  # before anything else: a file: target is refused, never opened
                    if len(seen) > max_redirects:
                        raise FetchError(f"too many redirects (more than {max_redirects})")
                    if nxt in seen:
                        raise FetchError(f"redirect loop at {nxt[:200]}")
                    current = nxt
                    continue
                result = FetchResult(
                    status=resp.status_code,
                    body=b"",
                    url=current,
                    etag=resp.headers.get("etag"),
                    last_modified=resp.headers.get("last-modified"),
                    content_type=resp.headers.get("content-type"),
                    not_modified=resp.status_code == 304,
                )
                if resp.status_code in _RETRY_STATUS:
                    retry_after = _retry_after(resp.headers.get("retry-after"))
                    raise _Retryable(f"http {resp.status_code}", result, retry_after)
                if resp.status_code != 200:
                    return result
                return _with_body(result, resp, max_bytes)
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout) and "total time" not in str(exc):
                raise _Retryable(f"connect timeout: {exc}") from None
            raise FetchError(f"timed out: {exc or type(exc).__name__}") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
            raise _Retryable(f"connection failed: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"http error: {type(exc).__name__}: {exc}") from None


def _with_body(result: FetchResult, resp: httpx.Response, max_bytes: int) -> FetchResult:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response too large ({declared} bytes > {max_bytes} cap)")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response too large (more than {max_bytes} bytes)")
        chunks.append(chunk)
    return FetchResult(
        status=result.status,
        body=b"".join(chunks),
        url=result.url,
        etag=result.etag,
        last_modified=result.last_modified,
        content_type=result.content_type,
    )
