"""ingestion.dates: the formats of CONTRACT.md, absurd dates refused, never an exception."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingestion.dates import date_fields, parse_published, parse_published_checked, published_local_date

NOW = datetime(2026, 11, 25, 12, 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017-12-31", datetime(2017, 12, 31)),
        ("2017-12-31T10:00:00Z", datetime(2017, 12, 31, 10)),
        ("2017-12-31 10:00:00+02:00", datetime(2017, 12, 31, 8)),
        ("2016-06-03T07:38:00.000-07:00", datetime(2016, 6, 3, 14, 38)),
        ("Tue, 30 Jan 2018 12:29:57 -0500", datetime(2018, 1, 30, 17, 29, 57)),
        ("Wed, 31 Jan 2018 07:26:05 GMT", datetime(2018, 1, 31, 7, 26, 5)),
        ("30 Jan 2018 12:29:57 +0000", datetime(2018, 1, 30, 12, 29, 57)),
        ("December 31, 2017 ", datetime(2017, 12, 31)),
        ("December 31, 2017", datetime(2017, 12, 31)),
        ("  December 5th, 2017  ", datetime(2017, 12, 5)),
        ("Dec 31, 2017", datetime(2017, 12, 31)),
        ("Dec. 31, 2017", datetime(2017, 12, 31)),
        ("Sept 3, 2017", datetime(2017, 9, 3)),
        ("Tuesday, December 26, 2017", datetime(2017, 12, 26)),
        ("31 December 2017", datetime(2017, 12, 31)),
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1)),
        ("2017/12/31", datetime(2017, 12, 31)),
    ],
)
def test_supported_formats(raw: str, expected: datetime) -> None:
    assert parse_published(raw, now=NOW) == expected


@pytest.mark.parametrize(
    ("raw", "issue"),
    [
        ("not a date", "unparsed date"),
        ("February 30, 2017", "unparsed date"),
        ("31/31/2017", "unparsed date"),
        ("03/04/2017", "unparsed date"),  # ambiguous order: deliberately not guessed
        ("Seg, 24 Set 2018 19:42:40 -0300", "unparsed date"),  # Portuguese names
        ("1850-01-01", "date before 1900"),
        ("0001-01-01T00:00:00Z", "date before 1900"),
        ("2999-01-01", "date in the future"),
        ((NOW + timedelta(days=3)).isoformat(), "date in the future"),
        ("x" * 10_000, "unparsed date"),
    ],
)
def test_invalid_or_absurd_dates_give_none_and_an_issue(raw: str, issue: str) -> None:
    assert parse_published_checked(raw, now=NOW) == (None, issue)


def test_near_future_is_tolerated_and_empty_is_not_an_issue() -> None:
    assert parse_published((NOW + timedelta(days=1)).isoformat(), now=NOW) is not None
    assert parse_published_checked("   ", now=NOW) == (None, None)
    assert parse_published_checked(None, now=NOW) == (None, None)


def test_local_date_is_the_date_as_written() -> None:
    published_at, meta = date_fields("2018-05-24T08:12:00+09:00", now=NOW)
    assert published_at == datetime(2018, 5, 23, 23, 12)
    assert meta == {"published_local_date": "2018-05-24"}
    assert published_local_date("Mon, 15 Oct 2018 23:00:00 -0200").isoformat() == "2018-10-15"
    assert date_fields("2999-01-01", now=NOW) == (None, {"date_issue": "date in the future"})


@given(st.text(max_size=100))
def test_never_raises_and_stays_in_bounds(raw: str) -> None:
    dt, issue = parse_published_checked(raw, now=NOW)
    if dt is not None:
        assert dt.tzinfo is None and issue is None
        assert datetime(1900, 1, 1) <= dt <= NOW + timedelta(days=2)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2026, 11, 1)))
def test_round_trips_iso_and_rfc2822(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    assert parse_published(dt.isoformat(), now=NOW) == dt
    assert parse_published(dt.strftime("%a, %d %b %Y %H:%M:%S +0000"), now=NOW) == dt
    assert parse_published(dt.strftime("%B %d, %Y "), now=NOW) == dt.replace(hour=0, minute=0, second=0)
