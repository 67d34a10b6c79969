"""Published-date parsing for source records.

Formats seen in real input: ISO 8601 (`2017-12-31`, `2017-12-31T10:00:00Z`), RFC 2822
(`Tue, 30 Jan 2018 12:29:57 -0500`), `Month D, YYYY` with trailing spaces (ISOT: `December 31, 2017 `),
`Mon D, YYYY` / `Mon. D, YYYY`, `D Month YYYY`, and Reuters-21578 `26-FEB-1987 15:01:01.79`.
Slash dates like `03/04/2017` are ambiguous (US vs European order) and deliberately not parsed.

A bad date never rejects an article: the caller keeps the raw string and records the issue
(`metadata["date_issue"]`), because the article text is still worth having.

`published_at` is naive UTC, but "on Tuesday" in an article is meant in the writer's calendar:
`2018-05-24T08:12:00+09:00` is 23 May in UTC and 24 May where it was written. `date_fields` therefore
also returns `published_local_date` (the calendar date as written) for resolving relative dates.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

MIN_YEAR = 1900
FUTURE_SLACK = timedelta(days=2)  # time zones and early publication; beyond this it is an error

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_TIME = r"(?:[ T,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?"
_TAIL = _TIME + r"\s*(?:(?P<tz>UTC|GMT|Z)|(?P<off>[+-]\d{2}:?\d{2}))?\s*$"
_PATTERNS = [
    # December 31, 2017 / Dec 31 2017 / Dec. 31, 2017 10:00
    re.compile(r"^(?:[A-Za-z]+,?\s+)??" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
               + _TAIL),
    # 31 December 2017 / 26-FEB-1987 15:01:01.79 / Tuesday 31 Dec 2017
    re.compile(r"^(?:[A-Za-z]+,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s-]+" + _MONTH
               + r"[\s,-]+(?P<year>\d{4})" + _TAIL),
    # 2017/12/31
    re.compile(r"^(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})" + _TAIL),
]  # fmt: skip


def parse_published(raw: str | None, *, now: datetime | None = None) -> datetime | None:
    """Parse a published-date string to naive UTC; None when absent, unparseable or absurd."""
    return parse_published_checked(raw, now=now)[0]


def date_fields(raw: str | None, *, now: datetime | None = None) -> tuple[datetime | None, dict[str, Any]]:
    """(published_at, metadata to add) for a record: `published_local_date` (ISO date as written)
    when the date parsed, `date_issue` when it did not."""
    published_at, issue = parse_published_checked(raw, now=now)
    if issue:
        return None, {"date_issue": issue}
    local = published_local_date(raw) if published_at else None
    return published_at, ({"published_local_date": local.isoformat()} if local else {})


def published_local_date(raw: str | None) -> date | None:
    """The calendar date as written, before any conversion to UTC (no sanity checks)."""
    if raw is None or not str(raw).strip():
        return None
    dt = _parse(str(raw).strip(), to_utc=False)
    return dt.date() if dt else None


def parse_published_checked(
    raw: str | None, *, now: datetime | None = None
) -> tuple[datetime | None, str | None]:
    """Parse a date and say what is wrong with it: (datetime, None) or (None, issue | None).

    The issue is None when there was no date at all (nothing to report), otherwise a short
    phrase for `metadata["date_issue"]`: "unparsed date", "date before 1900", "date in the future".
    """
    if raw is None:
        return None, None
    s = str(raw).strip()
    if not s:
        return None, None
    dt = _parse(s)
    if dt is None:
        return None, "unparsed date"
    if dt.year < MIN_YEAR:
        return None, f"date before {MIN_YEAR}"
    current = now or datetime.now(UTC).replace(tzinfo=None)
    if dt > current + FUTURE_SLACK:
        return None, "date in the future"
    return dt, None


def _to_naive_utc(dt: datetime) -> datetime:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def _parse(s: str, *, to_utc: bool = True) -> datetime | None:
    if len(s) > 80:  # no real date string is this long; don't feed megabytes to regexes
        return None
    if s[:4].isdigit() and len(s) >= 10 and s[4] == "-":
        iso = s.replace(" ", "T", 1) if len(s) > 10 and s[10] == " " else s
        try:
            dt = datetime.fromisoformat(iso)
            return _to_naive_utc(dt) if to_utc else dt
        except ValueError:
            pass
    for pattern in _PATTERNS:
        m = pattern.match(s)
        if m and (dt := _from_match(m, to_utc)) is not None:
            return dt
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt is None:
        return None
    return _to_naive_utc(dt) if to_utc else dt


def _from_match(m: re.Match[str], to_utc: bool = True) -> datetime | None:
    g = m.groupdict()
    if g.get("mnum"):
        month = int(g["mnum"])
    else:
        month = _MONTHS.get(g["month"].lower(), 0)
    try:
        dt = datetime(
            int(g["year"]), month, int(g["day"]), int(g["h"] or 0), int(g["mi"] or 0), int(g["s"] or 0)
        )
    except ValueError:
        return None
    off = g.get("off")
    if off and to_utc:
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        dt -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return dt
