"""Multi-word lexicon lookup on token lists (first-token index, longest phrase first)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

_POS_CACHE: list = [None, None, None]
# Every word some rule looks up by position; positions() indexes only these.
REGISTERED: set[str] = {","}


def register(words) -> None:
    REGISTERED.update(words)
    _POS_CACHE[0] = _POS_CACHE[1] = None


def positions(toks: list[str]) -> dict[str, list[int]]:
    """Registered token -> its positions in the document, built once per token list
    (single-entry cache; one C-level scan, then a loop over the few hits)."""
    if _POS_CACHE[1] is toks:
        return _POS_CACHE[2]
    reg = REGISTERED
    pos: dict[str, list[int]] = {}
    for i in [i for i, t in enumerate(toks) if t in reg]:
        t = toks[i]
        lst = pos.get(t)
        if lst is None:
            pos[t] = [i]
        else:
            lst.append(i)
    _POS_CACHE[0], _POS_CACHE[1], _POS_CACHE[2] = id(toks), toks, pos
    return pos


class PhraseSet:
    def __init__(self, phrases: Iterable[str], label: str | None = None):
        self._cache = None
        self.index: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
        for p in phrases:
            parts = tuple(str(p).split())
            if parts:
                self.index.setdefault(parts[0], []).append((parts, label))
        for v in self.index.values():
            v.sort(key=lambda x: -len(x[0]))
        register(self.index)

    def add(self, other: PhraseSet) -> PhraseSet:
        self._cache = None
        for k, v in other.index.items():
            self.index.setdefault(k, []).extend(v)
            self.index[k].sort(key=lambda x: -len(x[0]))
        register(self.index)
        return self

    def at(self, toks: list[str], i: int, end: int) -> tuple[int, str | None] | None:
        """(length, label) of the longest phrase starting at token i, or None."""
        cands = self.index.get(toks[i])
        if not cands:
            return None
        for parts, label in cands:
            n = len(parts)
            if i + n <= end and (n == 1 or tuple(toks[i:i + n]) == parts):
                return n, label
        return None

    def _doc(self, toks: list[str]) -> tuple[list[int], dict[int, tuple[int, str | None]]]:
        """Where this set's first words occur in the document: computed once per token list
        (a C-level scan), so each rule's per-sentence lookup is a bisect, not a Python loop."""
        key = id(toks)
        cached = self._cache
        if cached is not None and cached[0] == key and cached[1] is toks:
            return cached[2], cached[3]
        index = self.index
        where = positions(toks)
        words = where.keys() & index.keys()
        if len(words) == 1:
            pos = where[next(iter(words))]
        else:
            pos = sorted(i for w in words for i in where[w])
        at = {}
        n = len(toks)
        for i in pos:
            h = self.at(toks, i, n)
            if h:
                at[i] = h
        pos = [i for i in pos if i in at]
        self._cache = (key, toks, pos, at)
        return pos, at

    def first_positions(self, toks: list[str]) -> list[int]:
        """Where a phrase of this set starts anywhere in the document."""
        return self._doc(toks)[0]

    def hits(self, toks: list[str], start: int, end: int) -> list[tuple[int, int, str | None]]:
        pos, at = self._doc(toks)
        out = []
        last = start
        for i in pos[bisect_left(pos, start):]:
            if i >= end:
                break
            if i < last:
                continue
            n, label = at[i]
            if i + n > end:
                h = self.at(toks, i, end)
                if not h:
                    continue
                n, label = h
            out.append((i, i + n, label))
            last = i + n
        return out

    def any_in(self, toks: list[str], start: int, end: int) -> bool:
        return bool(self.hits(toks, max(start, 0), min(end, len(toks))))
