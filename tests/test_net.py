"""ingestion.net.fetch against a real HTTP server on 127.0.0.1: schemes, redirects, caps,
deadlines, retries and conditional GETs."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_inputs import hostile_server as hs

from ingestion import net

PAGE = b"<html><head><title>T</title></head><body><p>The minister said hello.</p></body></html>"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[hs.HostileServer]:
    root: Path = tmp_path_factory.mktemp("www")
    (root / "page.html").write_bytes(PAGE)
    srv = hs.HostileServer(root)
    srv.routes.update(
        {
            "/to-file": hs.redirect("file:///etc/passwd"),
            "/to-ftp": hs.redirect("ftp://127.0.0.1/x"),
            "/to-page": hs.redirect("/page.html", 301),
            "/loop-a": hs.redirect("/loop-b"),
            "/loop-b": hs.redirect("/loop-a"),
            "/chain": hs.chain,
            "/trickle": hs.trickle_body,
            "/trickle-headers": hs.trickle_headers,
            "/endless": hs.endless,
            "/declared-huge": hs.declared_huge,
            "/flaky": hs.flaky(2, hs.body(PAGE, "text/html")),
            "/always-503": hs.status(503),
            "/busy": hs.status(429, retry_after="0"),
            "/gone": hs.status(410),
            "/no-location": hs.status(302),
        }
    )
    yield srv
    srv.close()


def test_plain_get_with_user_agent_and_validators(server: hs.HostileServer) -> None:
    result = net.fetch(server.url("/page.html"))
    assert result.status == 200 and result.body == PAGE and not result.not_modified
    assert result.etag and result.last_modified == hs.LAST_MODIFIED
    assert result.content_type == "text/html"
    headers = server.requests[-1][1]
    assert headers["User-Agent"].startswith("Chancery/")


def test_conditional_get_gives_not_modified(server: hs.HostileServer) -> None:
    first = net.fetch(server.url("/page.html"))
    again = net.fetch(server.url("/page.html"), etag=first.etag)
    assert again.status == 304 and again.not_modified and again.body == b""
    by_date = net.fetch(server.url("/page.html"), last_modified=first.last_modified)
    assert by_date.not_modified
    assert server.requests[-1][1]["If-Modified-Since"] == hs.LAST_MODIFIED


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,hi", "gopher://x"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(net.FetchError, match="refused url scheme"):
        net.fetch(url)


def test_redirect_to_file_is_refused_not_opened(server: hs.HostileServer) -> None:
    with pytest.raises(net.FetchError, match="refused url scheme 'file'"):
        net.fetch(server.url("/to-file"))
    with pytest.raises(net.FetchError, match="refused url scheme 'ftp'"):
        net.fetch(server.url("/to-ftp"))


def test_redirects_are_followed_and_final_url_reported(server: hs.HostileServer) -> None:
    result = net.fetch(server.url("/to-page"))
    assert result.status == 200 and result.url == server.url("/page.html")


def test_redirect_loop_and_endless_chain_are_capped(server: hs.HostileServer) -> None:
    with pytest.raises(net.FetchError, match="redirect loop"):
        net.fetch(server.url("/loop-a"))
    before = server.hits("/chain")
    with pytest.raises(net.FetchError, match="too many redirects"):
        net.fetch(server.url("/chain"), max_redirects=3)
    assert server.hits("/chain") - before == 4  # the first request + 3 redirects followed
    with pytest.raises(net.FetchError, match="without a Location"):
        net.fetch(server.url("/no-location"))


def test_trickling_body_is_cut_at_the_total_deadline(server: hs.HostileServer) -> None:
    start = time.monotonic()
    with pytest.raises(net.FetchError, match="timed out"):
        net.fetch(server.url("/trickle"), timeout=5.0, total_timeout=1.0)
    assert time.monotonic() - start < 4.0  # the 1 s deadline, not the 5 s read timeout


def test_trickling_headers_are_cut_at_the_total_deadline(server: hs.HostileServer) -> None:
    start = time.monotonic()
    with pytest.raises(net.FetchError, match="timed out"):
        net.fetch(server.url("/trickle-headers"), timeout=5.0, total_timeout=1.0)
    assert time.monotonic() - start < 4.0  # the 1 s deadline, not the 5 s read timeout


def test_oversize_bodies_are_capped(server: hs.HostileServer) -> None:
    with pytest.raises(net.FetchError, match="response too large"):
        net.fetch(server.url("/endless"), max_bytes=1_000_000)
    with pytest.raises(net.FetchError, match=r"response too large \(1000000000000 bytes"):
        net.fetch(server.url("/declared-huge"), max_bytes=1_000_000)


def test_retries_with_backoff_on_5xx_and_429(server: hs.HostileServer) -> None:
    result = net.fetch(server.url("/flaky"), retries=2, backoff=0.01)
    assert result.status == 200 and result.body == PAGE
    assert server.hits("/flaky") == 3
    before = server.hits("/always-503")
    assert net.fetch(server.url("/always-503"), retries=2, backoff=0.01).status == 503
    assert server.hits("/always-503") - before == 3
    assert net.fetch(server.url("/busy"), retries=1, backoff=0.01).status == 429
    gone_before = server.hits("/gone")
    assert net.fetch(server.url("/gone"), retries=3, backoff=0.01).status == 410
    assert server.hits("/gone") - gone_before == 1  # a 4xx is final: no retry


def test_connection_refused_is_retried_then_reported() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(net.FetchError, match="connection failed"):
        net.fetch(f"http://127.0.0.1:{port}/", retries=2, backoff=0.05)
    assert time.monotonic() - start >= 0.15  # backoff 0.05 + 0.1


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[hs.HostileServer, ssl.SSLContext]]:
    """The same server behind TLS with a throwaway self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not available to make a test certificate")
    root = tmp_path_factory.mktemp("tls")
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "page.html").write_bytes(PAGE)
    srv = hs.HostileServer(root)
    srv.routes["/trickle"] = hs.trickle_body
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    srv.httpd.socket = server_ctx.wrap_socket(srv.httpd.socket, server_side=True)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    yield srv, client_ctx
    srv.close()


def test_https_fetch_and_deadline_over_tls(tls_server: tuple[hs.HostileServer, ssl.SSLContext]) -> None:
    srv, ctx = tls_server
    url = srv.url("/page.html").replace("http://", "https://")
    assert net.fetch(url, verify=ctx).body == PAGE
    with pytest.raises(net.FetchError, match="connection failed"):  # self-signed: refused by default
        net.fetch(url, retries=0)
    start = time.monotonic()
    with pytest.raises(net.FetchError, match="timed out"):
        net.fetch(url.replace("/page.html", "/trickle"), verify=ctx, timeout=5.0, total_timeout=1.0)
    assert time.monotonic() - start < 4.0  # the 1 s deadline, not the 5 s read timeout
