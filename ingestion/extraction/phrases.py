"""Multi-word lexicon lookup on token lists (first-token index, longest phrase first)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress, count

try:  # the C loop, when the build compiled it (setup.py); the function below is the reference
    from ingestion.extraction.tokindex import positions as _c_positions
except ImportError:
    _c_positions = None

# (id, token list, registered token -> positions, word set -> sorted positions) of the last document
_POS_CACHE: list = [None, None, None, None]
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
    pos = _c_positions(toks, REGISTERED) if _c_positions is not None else positions_py(toks)
    _POS_CACHE[0], _POS_CACHE[1], _POS_CACHE[2], _POS_CACHE[3] = id(toks), toks, pos, {}
    return pos


def positions_py(toks: list[str]) -> dict[str, list[int]]:
    """positions() without the cache, in Python (the reference for the compiled loop)."""
    pos: dict[str, list[int]] = {}
    get = pos.get
    for i in compress(count(), map(REGISTERED.__contains__, toks)):
        t = toks[i]
        lst = get(t)
        if lst is None:
            pos[t] = [i]
        else:
            lst.append(i)
    return pos


def sorted_positions(toks: list[str], words: frozenset[str]) -> list[int]:
    """Sorted positions of any of `words` (all registered) in the document, computed once per
    document and word set. The list is shared: do not modify it."""
    where = positions(toks)
    cache = _POS_CACHE[3]
    out = cache.get(words)
    if out is None:
        found = words.intersection(where)  # iterates the document's few words
        if len(found) == 1:
            out = where[next(iter(found))]
        else:
            out = sorted(i for w in found for i in where[w])
        cache[words] = out
    return out


class PhraseSet:
    __slots__ = ("_cache", "index", "_single", "_multi")  # (read by every rule, per sentence)

    def __init__(self, phrases: Iterable[str], label: str | None = None):
        self._cache = None
        self.index: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
        for p in phrases:
            parts = tuple(str(p).split())
            if parts:
                self.index.setdefault(parts[0], []).append((parts, label))
        self._sort()
        register(self.index)

    def _sort(self) -> None:
        for v in self.index.values():
            v.sort(key=lambda x: -len(x[0]))
        # first words whose every phrase is that one word: at() is (1, first label) wherever
        # they occur, so a document's hits need no per-position check
        self._single = {w: (1, v[0][1]) for w, v in self.index.items() if len(v[0][0]) == 1}
        # the other first words: the second words of their longer phrases, and at() where the
        # next token is none of those (the first one-word phrase, or None)
        self._multi = {w: (frozenset(p[1] for p, _ in v if len(p) > 1),
                           next(((1, lab) for p, lab in v if len(p) == 1), None))
                       for w, v in self.index.items() if len(v[0][0]) > 1}

    def add(self, other: PhraseSet) -> PhraseSet:
        self._cache = None
        for k, v in other.index.items():
            self.index.setdefault(k, []).extend(v)
        self._sort()
        register(self.index)
        return self

    def at(self, toks: list[str], i: int, end: int) -> tuple[int, str | None] | None:
        """(length, label) of the longest phrase starting at token i, or None."""
        cands = self.index.get(toks[i])
        if not cands:
            return None
        for parts, label in cands:
            n = len(parts)
            if i + n <= end and (n == 1 or (toks[i + 1] == parts[1] and tuple(toks[i:i + n]) == parts)):
                return n, label
        return None

    def _doc(self, toks: list[str]) -> tuple[list[int], dict[int, tuple[int, str | None]]]:
        """Where this set's phrases start in the document, with (length, label) of the longest
        one there: computed once per token list (per-sentence lookups are then bisects)."""
        cached = self._cache
        if cached is not None and cached[0] is toks:
            return cached[1], cached[2]
        where = positions(toks)
        at: dict[int, tuple[int, str | None]] = {}
        single, multi = self._single, self._multi
        n = len(toks)
        for w in where.keys() & self.index.keys():
            h = single.get(w)
            if h is not None:
                at.update(dict.fromkeys(where[w], h))
            else:
                seconds, alone = multi[w]
                for i in where[w]:
                    # only a listed second word can start a longer phrase here
                    h = self.at(toks, i, n) if i + 1 < n and toks[i + 1] in seconds else alone
                    if h:
                        at[i] = h
        pos = sorted(at)
        self._cache = (toks, pos, at)
        return pos, at

    def first_positions(self, toks: list[str]) -> list[int]:
        """Where a phrase of this set starts anywhere in the document."""
        return self._doc(toks)[0]

    def hits(self, toks: list[str], start: int, end: int) -> list[tuple[int, int, str | None]]:
        """Leftmost-longest phrases in toks[start:end] as (start, end, label).

        Speed: bisects the document index when first_positions() built it (the rule triggers);
        any other set scans just the window, as building its index would cost more than the
        few windows it is asked about (the same hits either way)."""
        cached = self._cache
        if cached is None or cached[0] is not toks:
            return self._scan(toks, start, end, False)
        pos, at = cached[1], cached[2]
        k = bisect_left(pos, start)
        if k == len(pos) or pos[k] >= end:
            return []
        out = []
        last = start
        for i in pos[k:]:
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

    def _scan(self, toks: list[str], start: int, end: int, first: bool):
        """hits() (or, with `first`, whether there is one) by a walk over the window only."""
        start = max(start, 0)
        end = min(end, len(toks))
        if start >= end:
            return False if first else []
        index = self.index
        window = toks[start:end]
        if index.keys().isdisjoint(window):
            return False if first else []
        at = self.at
        out = []
        i = start
        for t in window:
            if i >= start and t in index:
                h = at(toks, i, end)
                if h:
                    if first:
                        return True
                    out.append((i, i + h[0], h[1]))
                    start = i + h[0]  # the next phrase starts after this one
            i += 1
        return False if first else out

    def any_in(self, toks: list[str], start: int, end: int) -> bool:
        """Whether hits(toks, start, end) would find anything (stops at the first)."""
        start = max(start, 0)
        end = min(end, len(toks))
        cached = self._cache
        if cached is None or cached[0] is not toks:
            return self._scan(toks, start, end, True)
        pos, at = cached[1], cached[2]
        for i in pos[bisect_left(pos, start):]:
            if i >= end:
                return False
            if i + at[i][0] <= end or self.at(toks, i, end):
                return True
        return False
