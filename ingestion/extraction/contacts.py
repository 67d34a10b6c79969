"""Diplomatic contacts: calls, meetings, visits, talks, summits and letters between two or more
distinct actors named around a contact word in one sentence."""

from __future__ import annotations

import functools

from ingestion.extraction import resources
from ingestion.extraction.actors import Actors, Mention
from ingestion.extraction.phrases import PhraseSet
from ingestion.extraction.sanctions import actor_code

_MODE_ORDER = ("phone", "letter", "visit", "summit", "meeting", "talks")
_TOPIC_PREPS = frozenset(("on", "over", "about", "regarding", "concerning", "against", "toward",
                          "towards", "into", "by"))
_PARTICIPANT_TYPES = frozenset(("country", "seat", "body", "igo", "org", "person", "demonym", "title"))


@functools.cache
def triggers() -> PhraseSet:
    ps = PhraseSet([])
    for mode, words in resources.lexicons()["contact_triggers"].items():
        ps.add(PhraseSet(words, mode))
    return ps


@functools.cache
def planned() -> PhraseSet:
    return PhraseSet(resources.lexicons()["planned_cues"], "planned")


@functools.cache
def cancelled() -> PhraseSet:
    return PhraseSet(resources.lexicons()["cancelled_cues"], "cancelled")


class ContactHit:
    __slots__ = ("start", "end", "mode", "status", "participants")

    def __init__(self, start, end, mode, status, participants):
        self.start, self.end, self.mode, self.status, self.participants = (
            start, end, mode, status, participants)


def find(actors: Actors, s: int, e: int) -> list[ContactHit]:
    toks = actors.toks
    hits = triggers().hits(toks, s, e)
    if not hits:
        return []
    # one contact per sentence: the strongest mode word decides
    hits.sort(key=lambda h: _MODE_ORDER.index(h[2]))
    ts, te, mode = hits[0]
    lo, hi = max(s, ts - 18), min(e, te + 14)
    parts: list[Mention] = []
    for m in actors.mentions:
        if not (lo <= m.start < hi) or m.etype not in _PARTICIPANT_TYPES:
            continue
        if m.etype == "org" and m.code in ("wikileaks",):
            continue
        prev = toks[m.start - 1] if m.start > s else ""
        prev2 = toks[m.start - 2] if m.start - 1 > s else ""
        if prev in _TOPIC_PREPS or (prev in ("the", "its", "their") and prev2 in _TOPIC_PREPS):
            continue
        nxt = toks[m.end] if m.end < e else ""
        if nxt == "s" and m.etype in ("country", "seat", "demonym"):
            nm = actors.by_start.get(m.end + 1)
            if nm is None or nm.etype not in ("title", "body", "person"):
                continue
        code = actor_code(m)
        if code:
            parts.append(m)
    codes = {actor_code(m) for m in parts}
    if len(codes) < 2:
        return []
    status = "occurred"
    if cancelled().any_in(toks, max(s, ts - 8), min(e, te + 4)):
        status = "cancelled"
    elif planned().any_in(toks, max(s, ts - 8), min(e, te + 3)):
        status = "planned"
    return [ContactHit(ts, te, mode, status, parts)]
