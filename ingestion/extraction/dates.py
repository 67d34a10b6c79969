"""Resolve an event's day from date words near it, against the article date, tense-aware.

Rules (gold GUIDELINES): "on tuesday" in a past report = the most recent tuesday on or before the
article date; for a planned event = the next tuesday after it. "today"/"yesterday"/"tomorrow"
shift from the article date; "nov. 29" takes the article's year (the previous year when that
would put a past event after the article). "last month", "in may", "next week" name no day:
the date stays null with precision month/week/year.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from ingestion.extraction.phrases import register, sorted_positions

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {
    "jan.": 1,
    "january": 1,
    "feb.": 2,
    "february": 2,
    "mar.": 3,
    "march": 3,
    "apr.": 4,
    "april": 4,
    "may": 5,
    "jun.": 6,
    "june": 6,
    "jul.": 7,
    "july": 7,
    "aug.": 8,
    "august": 8,
    "sep.": 9,
    "sept.": 9,
    "september": 9,
    "oct.": 10,
    "october": 10,
    "nov.": 11,
    "november": 11,
    "dec.": 12,
    "december": 12,
}
FUTURE_CUES = frozenset(
    (
        "will",
        "next",
        "scheduled",
        "due",
        "expected",
        "plans",
        "planned",
        "later",
        "upcoming",
        "tomorrow",
        "would",
        "shall",
    )
)


class DateExpr:
    __slots__ = ("pos", "day", "precision", "weak", "reported")

    def __init__(self, pos: int, day: date | None, precision: str, weak: bool = False,
                 reported: bool = False):
        self.pos, self.day, self.precision = pos, day, precision
        self.weak = weak  # "from tuesday" (until friday): the day the event no longer has
        # "x said on tuesday", "x on tuesday said": the day of the report (never a planned
        # event's day: "they will meet , x was quoted as saying on tuesday")
        self.reported = reported


def _weekday(anchor: date, wd: int, future: bool) -> date:
    if future:
        delta = (wd - anchor.weekday()) % 7 or 7
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def find(toks: list[str], start: int, end: int, article_date: date | None, future: bool) -> list[DateExpr]:
    """Date expressions in toks[start:end] (only the positions of date words are visited)."""
    out: list[DateExpr] = []
    cands = _date_positions(toks)
    for i in cands[bisect_left(cands, start):bisect_left(cands, end)]:
        t = toks[i]
        prev = toks[i - 1] if i > start else ""
        if t in WEEKDAYS:
            if prev in ("last", "next", "this") and prev != "this":
                day = None
                if article_date:
                    day = _weekday(article_date, WEEKDAYS[t], prev == "next")
                out.append(DateExpr(i, day, "day" if day else "unknown"))
            else:
                # "will vote on thursday": the tense next to the day decides, whatever the event;
                # "said on monday they would ...": a past verb right before the day dates the past
                fut = (future and not _past_verb_before(toks, start, i)) or any(
                    x in ("will", "shall", "would") for x in toks[max(start, i - 4):i]) or any(
                    x in _DUE for x in toks[max(start, i - 5):i])
                day = _weekday(article_date, WEEKDAYS[t], fut) if article_date else None
                out.append(DateExpr(i, day, "day" if day else "unknown",
                                    reported=_of_a_report(toks, start, end, i)))
        elif t in ("today", "yesterday", "tomorrow", "tonight"):
            day = None
            if article_date:
                day = article_date + timedelta(
                    days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[t]
                )
            out.append(DateExpr(i, day, "day" if day else "unknown"))
        elif t in MONTHS and not (t == "may" and not (i + 1 < end and toks[i + 1].isdigit())):
            nxt = toks[i + 1] if i + 1 < end else ""
            d = int(nxt) if nxt.isdigit() and len(nxt) <= 2 else None
            if d is None and prev.isdigit() and len(prev) <= 2:
                d = int(prev)
            if d and 1 <= d <= 31 and article_date:
                year = article_date.year
                if (
                    i + 2 < end
                    and toks[i + 2] == ","
                    and i + 3 < end
                    and toks[i + 3].isdigit()
                    and len(toks[i + 3]) == 4
                ):
                    year = int(toks[i + 3])
                    explicit = True
                elif i + 2 < end and toks[i + 2].isdigit() and len(toks[i + 2]) == 4:
                    year = int(toks[i + 2])
                    explicit = True
                else:
                    explicit = False
                try:
                    day = date(year, MONTHS[t], d)
                    if not explicit:
                        if not future and day > article_date + timedelta(days=1):
                            day = date(year - 1, MONTHS[t], d)
                        elif future and day < article_date - timedelta(days=1):
                            day = date(year + 1, MONTHS[t], d)
                    out.append(DateExpr(i, day, "day"))
                except ValueError:
                    out.append(DateExpr(i, None, "month"))
            else:
                out.append(DateExpr(i, None, "month"))
        elif t in ("week", "month", "year") and prev in ("last", "next", "this", "earlier", "later"):
            out.append(DateExpr(i, None, {"week": "week", "month": "month", "year": "year"}[t]))
        elif t in ("we", "i"):
            if not future and article_date and i + 1 < end and toks[i + 1] in (
                    "will", "ll", "shall", "would"):
                # "we will widen the list": a first-person promise is made when it is reported
                out.append(DateExpr(i, article_date, "day", weak=True))
        elif t in PRESENT_NEWS:
            if not future and article_date:
                # "the bill imposes sanctions", "..., mnuchin says": news in the present tense is
                # today's; weak, so any real date expression in the clause wins
                out.append(DateExpr(i, article_date, "day", weak=True))
        elif t in ("recently", "previously", "ago") or (t == "days" and prev in ("recent", "coming")):
            out.append(DateExpr(i, None, "unknown"))  # vague: no day, and blocks a farther one
    return out


# present-tense report and action verbs: with no other date in the clause, the article's day
PRESENT_NEWS = frozenset(("says", "imposes", "announces", "adopts", "approves", "extends", "lifts",
                          "eases", "renews", "blacklists",
                          "threatens", "warns"))
_PAST_IRREGULAR = frozenset(("said", "told", "met", "spoke", "held", "sent", "made", "took", "gave",
                             "wrote", "agreed", "voted", "announced", "imposed", "signed", "began"))


def _past_verb_before(toks: list[str], start: int, i: int) -> bool:
    """"said on monday", "voted late on tuesday": a past-tense verb just before the day."""
    j = i - 1
    while j >= start and i - j <= 6 and toks[j] in _REPORT_FILL:
        j -= 1  # "said in a statement on wednesday", "told reporters on monday"
    return j >= start and j < i - 1 and (toks[j] in _PAST_IRREGULAR or (
        toks[j].endswith("ed") and len(toks[j]) > 4))


_REPORT_VERBS = frozenset(("said", "says", "saying", "told", "tells", "telling", "added", "adding",
                           "stated", "wrote", "tweeted"))


def _of_a_report(toks: list[str], start: int, end: int, i: int) -> bool:
    """The weekday at i dates a reporting verb: "said on monday", "as saying on tuesday",
    "told reporters on friday", "lavrov on sunday said"."""
    j = i - 1
    while j >= start and i - j <= 6 and toks[j] in _REPORT_FILL:
        j -= 1
    if j >= start and j < i - 1 and toks[j] in _REPORT_VERBS:
        return True
    return i + 1 < end and toks[i + 1] in _REPORT_VERBS


# "is due to vote on friday", "is scheduled to meet on monday": a plan, whatever the event
_DUE = frozenset(("due", "scheduled", "set", "expected", "slated", "planned", "plans", "plan"))
_REPORT_FILL = frozenset(("on", "late", "early", "last", "in", "a", "an", "the", "statement",
                          "interview", "to", "reporters", "briefing", "news", "conference", "at"))


_DATE_WORDS = frozenset((*PRESENT_NEWS, "we", "i", *WEEKDAYS, *MONTHS, "today", "yesterday", "tomorrow",
                         "tonight", "week", "month", "year", "recently", "previously", "ago", "days"))
register(_DATE_WORDS)


def _date_positions(toks: list[str]) -> list[int]:
    return sorted_positions(toks, _DATE_WORDS)  # once per document


def is_future(toks: list[str], start: int, end: int) -> bool:
    """A future cue near the event; a first-person "we will" is a declaration made today, not a
    future event ("we will widen the list", a threat dated when it is reported)."""
    return any(toks[i] in FUTURE_CUES and not (i > 0 and toks[i - 1] in ("we", "i"))
               for i in range(start, end))


def nearest(exprs: list[DateExpr], pos: int, max_dist: int = 15) -> tuple[date | None, str]:
    """The date expression closest to token `pos` (ties: the later one, as in "met on tuesday");
    "pushed back from tuesday until friday" takes friday."""
    best = None
    strong = [e for e in exprs if not e.weak]
    for e in strong or exprs:
        d = abs(e.pos - pos)
        if d <= max_dist and (best is None or d < best[0] or (d == best[0] and e.pos > best[1].pos)):
            best = (d, e)
    if best is None:
        return None, "unknown"
    return best[1].day, best[1].precision


def mark_weak(toks: list[str], exprs: list[DateExpr]) -> list[DateExpr]:
    for e in exprs:
        p = e.pos - 1
        if p >= 0 and toks[p] == "on":
            p -= 1
        if p >= 0 and toks[p] in ("from", "s"):
            e.weak = True  # "from tuesday (until friday)", "north korea s nov. 29 test"
    return exprs
