"""Multi-word lexicon lookup on token lists (first-token index, longest phrase first)."""

from __future__ import annotations

from collections.abc import Iterable


class PhraseSet:
    def __init__(self, phrases: Iterable[str], label: str | None = None):
        self.index: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
        for p in phrases:
            parts = tuple(str(p).split())
            if parts:
                self.index.setdefault(parts[0], []).append((parts, label))
        for v in self.index.values():
            v.sort(key=lambda x: -len(x[0]))

    def add(self, other: PhraseSet) -> PhraseSet:
        for k, v in other.index.items():
            self.index.setdefault(k, []).extend(v)
            self.index[k].sort(key=lambda x: -len(x[0]))
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

    def hits(self, toks: list[str], start: int, end: int) -> list[tuple[int, int, str | None]]:
        out = []
        i = start
        while i < end:
            h = self.at(toks, i, end) if toks[i] in self.index else None
            if h:
                out.append((i, i + h[0], h[1]))
                i += h[0]
            else:
                i += 1
        return out

    def any_in(self, toks: list[str], start: int, end: int) -> bool:
        return bool(self.hits(toks, max(start, 0), min(end, len(toks))))
