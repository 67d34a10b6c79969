"""Statements: who said something, with which verb, in both orders.

Patterns on the canonical tokens of one sentence (no quotes needed, as the lower-cased form has
none): "<speaker> [has|also|...] said", "<speaker> , <apposition> , said", ", said <speaker>",
"according to <speaker>". The speaker must be a named person, a state (or its capital), a
government body, an IGO or a named organization; anonymous sources, outlets and bare roles
("the official") are not speakers.
"""

from __future__ import annotations

import functools

from ingestion.extraction import resources
from ingestion.extraction.actors import Actors, Mention
from ingestion.extraction.phrases import PhraseSet

_AUX = frozenset(("has", "have", "had", "also", "later", "previously", "again", "earlier",
                  "repeatedly", "would", "will", "could", "did", "does", "not", "then", "quickly",
                  "publicly", "separately", "recently", "himself", "herself", "itself", "has also",
                  "had also", "last", "week", "on", "monday", "tuesday", "wednesday", "thursday",
                  "friday", "saturday", "sunday", "repeatedly", "previously", "privately", "once",
                  "subsequently", "further", "immediately", "already", "originally", "initially"))
_SPEAKER_TYPES = frozenset(("person", "country", "seat", "body", "igo", "org"))


@functools.cache
def verbs() -> PhraseSet:
    return PhraseSet(resources.lexicons()["reporting_verbs"], "verb")


class StatementHit:
    __slots__ = ("verb_start", "verb_end", "speaker", "content_start", "content_end")

    def __init__(self, vs: int, ve: int, speaker: Mention, cs: int, ce: int):
        self.verb_start, self.verb_end, self.speaker = vs, ve, speaker
        self.content_start, self.content_end = cs, ce


def _speaker_ok(m: Mention | None) -> bool:
    if m is None or m.etype not in _SPEAKER_TYPES:
        return False
    if m.etype == "body" and m.code is None and m.country is None:
        return False
    return True


def _speaker_from(m: Mention, actors: Actors) -> Mention:
    """A title immediately followed by its person is handled by the person mention."""
    return m


def find(actors: Actors, s: int, e: int) -> list[StatementHit]:
    toks = actors.toks
    out: list[StatementHit] = []
    by_end, by_start = actors.by_end, actors.by_start
    for vs, ve, _ in verbs().hits(toks, s, e):
        if actors.covered[vs]:
            continue
        speaker = None
        cs, ce = ve, e
        # "<speaker> [aux...] said"
        j = vs
        while j > s and toks[j - 1] in _AUX:
            j -= 1
        m = by_end.get(j)
        if m is not None and m.start >= s:
            if m.etype == "title" and m.start - 1 >= s:
                m = None  # "a state department official said": a bare role
            speaker = m
        elif j - 1 > s and toks[j - 1] == ",":
            # "<speaker> , <apposition> , said"
            k = j - 2
            while k > s and toks[k] != "," and j - k < 16:
                k -= 1
            if k > s and toks[k] == ",":
                m2 = by_end.get(k)
                if m2 is not None and m2.etype == "person":
                    speaker = m2
        if speaker is None and vs > s and toks[vs - 1] in (",", ":") or (speaker is None and vs == s):
            # ", said <speaker>"
            m = by_start.get(ve)
            k = ve
            while m is None and k < e and k - ve < 6 and toks[k] in ("the", "a", "an"):
                k += 1
                m = by_start.get(k)
            if m is not None and m.etype in ("title", "demonym", "country", "body", "igo") \
                    and m.end < e:
                # walk over modifiers/titles to the head: "said russian foreign minister sergei lavrov"
                k = m.end
                head = m
                while k < e and k - ve < 10:
                    nm = by_start.get(k)
                    if nm is None:
                        break
                    head = nm
                    k = nm.end
                m = head if head.etype == "person" or head is m else head
            speaker = m
            cs, ce = s, vs
        if not _speaker_ok(speaker):
            continue
        if speaker is not None:
            out.append(StatementHit(vs, ve, speaker, cs, ce))
    # "according to <speaker>"
    for i in range(s, e - 2):
        if toks[i] == "according" and toks[i + 1] == "to":
            m = actors.by_start.get(i + 2)
            if m is not None and m.etype in ("title", "demonym", "country", "body", "igo"):
                k = m.end
                while k < e:
                    nm = actors.by_start.get(k)
                    if nm is None:
                        break
                    m = nm
                    k = nm.end
            if _speaker_ok(m):
                out.append(StatementHit(i, i + 2, m, s, i))
    return out


def speaker_fields(m: Mention) -> tuple[str, str, str | None, str | None, str | None]:
    """(name, kind, code, country_code, organization) as the marts hold them."""
    if m.etype == "person":
        return m.name, "person", m.code, m.country, None if m.org == "private" else m.org
    if m.etype in ("country", "seat"):
        return m.name, "country", m.code, m.code, None
    if m.etype == "igo":
        return m.name, "organization", m.code, None, m.name
    if m.etype == "body":
        return m.name, "organization", m.code, m.country, m.org or m.name
    return m.name, "organization", m.code, m.country, m.name
