"""iter_source over http(s) URLs served by a real local server: feeds, pages, conditional GET via
the HttpState protocol, content sniffing, and hostile XML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_inputs import hostile_server as hs
from bad_inputs.make_bad_inputs import CANARY, make_bad_inputs

from ingestion.records import RawArticle, Rejection
from ingestion.sources import iter_source

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Envoys meet in Bern</title>"
    "<link rel='canonical' href='https://example.org/envoys'></head>"
    "<body><article><h1>Envoys meet in Bern</h1>"
    + "".join(
        f"<p>BERN (Chancery Wire) - Envoys from both countries met on Monday, a Swiss official said. "
        f"Paragraph {i} gives more background on the talks and what the officials said.</p>"
        for i in range(4)
    )
    + "</article></body></html>"
).encode()


class MemoryState:
    """The simplest HttpState: validators in a dict (orchestration keeps them in raw.fetch_state)."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str | None, str | None, str, int]] = {}

    def get(self, url: str) -> tuple[str | None, str | None] | None:
        row = self.rows.get(url)
        return (row[0], row[1]) if row else None

    def put(
        self, url: str, etag: str | None, last_modified: str | None, content_hash: str, status_code: int
    ) -> None:
        self.rows[url] = (etag, last_modified, content_hash, status_code)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[hs.HostileServer]:
    root: Path = tmp_path_factory.mktemp("www")
    make_bad_inputs(root, big=False)
    (root / "page.html").write_bytes(PAGE)
    srv = hs.HostileServer(root)
    srv.content_types.update(
        {"/good.rss": "application/rss+xml", "/latin1_no_decl.rss": "application/rss+xml"}
    )
    srv.routes.update(
        {
            "/feed-as-html": hs.body((root / "good.rss").read_bytes(), "text/html; charset=utf-8"),
            "/feed-no-type": hs.body((root / "good.rss").read_bytes(), ""),
            "/pdf": hs.body(b"%PDF-1.4 binary", "application/pdf"),
            "/to-file": hs.redirect("file:///etc/passwd"),
            "/gone": hs.status(404),
            "/empty": hs.body(b"", "text/html"),
        }
    )
    xxe_http = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "' + srv.url("/canary") + '">]>'
        "<rss version='2.0'><channel><title>t</title><item><guid>1</guid><title>&x;</title>"
        "<description>&x;</description></item></channel></rss>"
    ).encode()
    srv.routes["/xxe-http.rss"] = hs.body(xxe_http, "application/rss+xml")
    srv.routes["/canary"] = hs.body(CANARY.encode(), "text/plain")
    yield srv
    srv.close()


def _split(items: list) -> tuple[list[RawArticle], list[Rejection]]:
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Rejection)]


def test_feed_url_items_and_conditional_get(server: hs.HostileServer) -> None:
    url = server.url("/good.rss")
    state = MemoryState()
    arts, rejs = _split(list(iter_source(url, http_state=state)))
    assert not rejs and [a.source_id for a in arts] == ["good-09", "good-10"]
    assert all(a.source == url and a.source_kind == "feed" for a in arts)
    assert arts[0].location == url + ":item 1"
    etag, last_modified, content_hash, code = state.rows[url]
    assert etag and last_modified == hs.LAST_MODIFIED and len(content_hash) == 64 and code == 200
    # second run: the server answers 304, nothing is yielded, If-None-Match was sent
    assert list(iter_source(url, http_state=state)) == []
    assert server.requests[-1][1].get("If-None-Match") == etag
    # without state there is no conditional request
    assert len(list(iter_source(url))) == 2


def test_state_is_not_stored_when_the_consumer_stops_early(server: hs.HostileServer) -> None:
    url = server.url("/good.rss")
    state = MemoryState()
    it = iter_source(url, http_state=state)
    next(it)
    it.close()
    assert url not in state.rows  # a crashed run refetches next time instead of skipping


def test_page_url_gives_one_article(server: hs.HostileServer) -> None:
    url = server.url("/page.html")
    arts, rejs = _split(list(iter_source(url)))
    assert not rejs and len(arts) == 1
    page = arts[0]
    assert page.source == url and page.source_id == url and page.source_kind == "html"
    assert page.title == "Envoys meet in Bern" and page.url == "https://example.org/envoys"
    assert "a Swiss official said" in page.body and "<p>" not in page.body


def test_feed_is_sniffed_whatever_the_content_type(server: hs.HostileServer) -> None:
    for path in ("/feed-as-html", "/feed-no-type"):
        arts, rejs = _split(list(iter_source(server.url(path))))
        assert not rejs and len(arts) == 2, path


def test_latin1_feed_over_http(server: hs.HostileServer) -> None:
    arts, _ = _split(list(iter_source(server.url("/latin1_no_decl.rss"))))
    assert arts[0].title == "Ministro fala à imprensa"
    assert "negociações continuarão" in arts[0].body


def test_hostile_urls_become_rejections(server: hs.HostileServer) -> None:
    cases = {
        "/bomb.rss": "unsafe xml: entity declarations",
        "/xxe.rss": "unsafe xml: entity declarations",
        "/xxe-http.rss": "unsafe xml: entity declarations",
        "/scripts_only.html": "no article text found",
        "/pdf": "unsupported content type",
        "/to-file": "fetch failed: refused url scheme 'file'",
        "/gone": "http 404",
        "/empty": "empty response",
    }
    for path, reason in cases.items():
        items = list(iter_source(server.url(path)))
        assert len(items) == 1 and isinstance(items[0], Rejection), (path, items)
        assert items[0].reason.startswith(reason), (path, items[0].reason)
        assert items[0].source == server.url(path) and items[0].location == server.url(path)
    assert server.hits("/canary") == 0  # the external entity was never fetched


def test_other_schemes_and_missing_paths_are_rejected(tmp_path: Path) -> None:
    for spec in ("file:///etc/passwd", "ftp://example.org/feed.xml", "data:text/plain,hello"):
        (rej,) = list(iter_source(spec))
        assert isinstance(rej, Rejection) and rej.reason.startswith("unsupported source scheme"), spec
    (rej,) = list(iter_source(str(tmp_path / "nope.jsonl")))
    assert rej.reason == "source not found"
    (rej,) = list(iter_source(str(tmp_path / "*.nothing")))
    assert rej.reason == "no files match the pattern"
