"""The hostile corpus: every bad item gives a specific rejection, the ten good articles come
through intact, nothing is read outside the folder, and memory stays bounded on a 100 MB record."""

from __future__ import annotations

import os
import tracemalloc
from collections import defaultdict

import pytest
from bad_inputs.make_bad_inputs import CANARY, GOOD, make_bad_inputs

from ingestion.records import RawArticle, Rejection
from ingestion.sources import iter_source


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    folder = tmp_path_factory.mktemp("bad_inputs")
    expected = make_bad_inputs(folder)
    return str(folder), expected


@pytest.fixture(scope="module")
def results(corpus: tuple[str, dict]) -> list[RawArticle | Rejection]:
    return list(iter_source(corpus[0]))


def test_every_file_gives_its_expected_outcome(corpus: tuple[str, dict], results: list) -> None:
    _, expected = corpus
    articles: dict[str, int] = defaultdict(int)
    rejections: dict[str, list[str]] = defaultdict(list)
    for item in results:
        if isinstance(item, RawArticle):
            articles[item.source] += 1
        else:
            rejections[item.source].append(item.reason)
    assert set(articles) | set(rejections) == set(expected), "every file is accounted for, no extras"
    for name, exp in expected.items():
        assert articles[name] == exp["articles"], name
        got = rejections[name]
        assert len(got) == len(exp["rejections"]), (name, got)
        for reason, prefix in zip(got, exp["rejections"], strict=True):
            assert reason.startswith(prefix), (name, reason, prefix)


def test_the_ten_good_articles_come_through(results: list) -> None:
    by_title = {a.title: a for a in results if isinstance(a, RawArticle) and a.title}
    for _gid, title, date, text in GOOD:
        article = by_title[title]
        first_sentence = text.split(" - ", 1)[1].split(",")[0]
        assert first_sentence in article.body
        assert " said" in article.body
        if date:
            assert article.published_at is not None, (title, date)
    ids = {a.source_id for a in results if isinstance(a, RawArticle)}
    for gid in ("good-01", "good-04", "good-05", "good-06", "good-09", "good-10"):
        assert gid in ids
    assert "good-07.txt" in ids  # a .txt's identity is its file name
    assert "https://example.org/news/good-08" in ids  # a page's identity is its canonical URL


def test_rejections_are_specific_and_located(results: list) -> None:
    for item in results:
        if isinstance(item, Rejection):
            assert item.reason and item.location and item.source
            assert item.reason not in ("error", "invalid", "failed")
    huge = [r for r in results if isinstance(r, Rejection) and r.source == "huge_article.jsonl"]
    assert huge[0].location.endswith(":line 2")
    assert "104857" in huge[0].reason  # the real size, counted while skipping


def test_hostile_strings_are_kept_verbatim_and_never_used_as_paths(results: list) -> None:
    ids = {a.source_id for a in results if isinstance(a, RawArticle)}
    assert "../../etc/passwd" in ids
    assert "'; drop table raw.articles; --" in ids
    assert "quote\"semi;colon's" in ids
    inj = next(a for a in results if isinstance(a, RawArticle) and a.title and "DROP TABLE" in a.title)
    assert "'; delete from audit.rejected_inputs; --" in inj.body


def test_nothing_outside_the_folder_leaks_in(results: list) -> None:
    for item in results:
        text = repr(item)
        assert CANARY not in text
        assert "root:x:0:0" not in text  # /etc/passwd content
    hostname = open("/etc/hostname").read().strip() if os.path.exists("/etc/hostname") else None
    if hostname:
        assert not any(isinstance(a, RawArticle) and a.body.strip() == hostname for a in results)


def test_duplicates_bad_dates_and_encodings(results: list) -> None:
    arts = [a for a in results if isinstance(a, RawArticle)]
    dups = [a for a in arts if a.source_id == "dup-1"]
    assert [d.body.split(":")[0] for d in dups] == ["First version", "Second version"]  # both, in order
    dated = {a.source_id: a for a in arts if a.source == "bad_dates.jsonl"}
    assert all(a.published_at is None for a in dated.values())
    assert dated["date-0"].published_raw == "31/31/2017"
    assert dated["date-1"].metadata["date_issue"] == "date before 1900"
    assert dated["date-2"].metadata["date_issue"] == "date in the future"
    assert dated["date-3"].metadata["date_issue"] == "unparsed date"
    for name in ("utf16.txt", "latin1.txt"):
        body = next(a.body for a in arts if a.source == name)
        assert "ZÜRICH" in body and "déclaré" in body and "négociations" in body
    feed = next(a for a in arts if a.source == "latin1_no_decl.rss")
    assert "negociações continuarão" in feed.body


def test_memory_stays_bounded_on_the_100mb_record(corpus: tuple[str, dict]) -> None:
    folder, _ = corpus
    tracemalloc.start()
    try:
        items = list(iter_source(os.path.join(folder, "huge_article.jsonl")))
        items += list(iter_source(os.path.join(folder, "one_long_line.txt")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["RawArticle", "Rejection", "RawArticle", "Rejection"]
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB: the big record was held in memory"
