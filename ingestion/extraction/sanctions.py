"""Sanctions: (imposer, target, action, type) around a sanction word in one sentence.

Imposer: a modifier right before the noun ("u.s. sanctions", "u.n. security council sanctions"),
else the agent after "by", else the nearest actor before the trigger that is not the target.
Target: the first actor after on/against/targeting (people, firms, ships of a state -> the state).
Action: cue words in a window around the trigger; no cue at all = a background mention (skipped).
"""

from __future__ import annotations

import functools

from ingestion.extraction import resources
from ingestion.extraction.actors import Actors, Mention
from ingestion.extraction.phrases import PhraseSet

_ACTOR_TYPES = frozenset(("country", "seat", "demonym", "body", "igo", "org", "person"))
_TARGET_PREPS = frozenset(("on", "against", "targeting", "targeted", "target", "targets", "upon",
                           "blacklisted", "blacklisting", "sanctioned", "sanctioning", "of"))
_NP_SKIP = frozenset(("new", "fresh", "additional", "tougher", "tough", "economic", "financial",
                      "trade", "further", "more", "unilateral", "international", "broad", "sweeping",
                      "targeted", "s", "its", "their", "stricter", "strict", "existing", "current",
                      "punishing", "harsh", "harsher", "crippling", "stringent", "latest", "u.s.-led",
                      "western", "the", "oil", "banking", "sectoral", "personal", "travel", "arms"))
_ACTION_ORDER = ("lift", "extend", "threaten", "enforce", "impose")


@functools.cache
def triggers() -> PhraseSet:
    lex = resources.lexicons()
    return PhraseSet(lex["sanction_nouns"], "noun").add(PhraseSet(lex["sanction_verbs"], "verb"))


@functools.cache
def cues() -> dict[str, PhraseSet]:
    return {a: PhraseSet(ws, a) for a, ws in resources.lexicons()["action_cues"].items()}


@functools.cache
def background() -> PhraseSet:
    return PhraseSet(resources.lexicons()["sanction_background"], "bg")


@functools.cache
def type_words() -> dict[str, PhraseSet]:
    return {t: PhraseSet(ws, t) for t, ws in resources.lexicons()["sanction_types"].items()}


class SanctionHit:
    __slots__ = ("start", "end", "imposer", "target", "action", "stype")

    def __init__(self, start, end, imposer, target, action, stype):
        self.start, self.end, self.imposer, self.target = start, end, imposer, target
        self.action, self.stype = action, stype


def actor_code(m: Mention) -> str | None:
    if m.etype in ("country", "seat", "demonym"):
        return m.code
    if m.etype == "igo":
        return m.code
    if m.etype == "body":
        return m.code or m.country
    if m.etype == "org":
        return m.code
    if m.etype == "person":
        return m.code or m.country
    if m.etype == "title":
        c = m.code if m.code and m.code.isupper() else m.country
        return c
    return None


def _action(toks: list[str], s: int, e: int, ts: int, te: int) -> str | None:
    lo, hi = max(s, ts - 10), min(e, te + 5)
    found = {}
    for a, ps in cues().items():
        for hs, _he, _ in ps.hits(toks, lo, hi):
            d = ts - hs if hs < ts else hs - te + 1
            if a not in found or d < found[a]:
                found[a] = d
    if not found:
        return None
    for a in _ACTION_ORDER:
        if a in found and found[a] <= 6:
            return a
    return min(found, key=found.get)


def _stype(toks: list[str], s: int, e: int) -> str:
    lo, hi = s, e
    for t in ("arms", "travel", "financial", "trade", "economic"):
        if type_words()[t].any_in(toks, lo, hi):
            return t
    return "unspecified"


def find(actors: Actors, s: int, e: int) -> list[SanctionHit]:
    toks = actors.toks
    hits = triggers().hits(toks, s, e)
    if not hits:
        return []
    ments = [m for m in actors.mentions if s <= m.start < e and m.etype in _ACTOR_TYPES
             and actor_code(m)]
    bg = background().hits(toks, s, e)
    out: list[SanctionHit] = []
    for ts, te, kind in hits:
        if any(bs <= ts < be for bs, be, _ in bg):
            continue
        action = _action(toks, s, e, ts, te)
        if action is None:
            if kind == "verb":
                action = "impose"
            else:
                continue
        # target: first actor after a target preposition following the trigger
        target = None
        k = te
        while k < min(e, te + 3) and toks[k] not in _TARGET_PREPS:
            k += 1
        if kind == "verb":
            k = te - 1
        if k < e and toks[k] in _TARGET_PREPS:
            for m in ments:
                if k < m.start <= k + 9:
                    target = m
                    break
        # imposer: modifier right before the trigger
        imposer = None
        j = ts
        while j > s and toks[j - 1] in _NP_SKIP:
            j -= 1
        mod = actors.by_end.get(j)
        if mod is not None and mod.start >= s and actor_code(mod):
            imposer = mod
        if imposer is None:
            for i in range(te, min(e, te + 12)):
                if toks[i] == "by":
                    for m in ments:
                        if m.start in (i + 1, i + 2):
                            imposer = m
                            break
                    break
        if target is None and kind == "verb":
            # passive: "<target> was blacklisted by <imposer>"
            for m in reversed(ments):
                if m.end <= ts and m is not imposer:
                    target = m
                    break
        if imposer is None:
            for m in reversed(ments):
                if m.end <= ts and m is not target and (target is None or actor_code(m) !=
                                                         actor_code(target)):
                    prev = toks[m.start - 1] if m.start > s else ""
                    if prev in ("on", "against", "with", "to", "from", "in", "for", "of"):
                        continue
                    imposer = m
                    break
        if imposer is None or target is None:
            continue
        ic, tc = actor_code(imposer), actor_code(target)
        if not ic or not tc or ic == tc:
            continue
        out.append(SanctionHit(ts, te, imposer, target, action, _stype(toks, s, e)))
    return out
