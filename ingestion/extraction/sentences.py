"""Sentence boundaries on the canonical token sequence.

Why on tokens: abbreviations ("u.s.", "nov. 29", "sen.", "jr.") already keep their period inside
the token (see normalize.ABBREVIATIONS), so a sentence ends exactly at a standalone ".", "?" or
"!" token, identically for cased and lower-cased input.
"""

from __future__ import annotations

_ENDERS = frozenset((".", "?", "!"))


def split(tokens: list[str], enders: list[int] | None = None) -> list[tuple[int, int]]:
    """(first_token, end_token_exclusive) of each sentence; trailing punctuation runs stay attached.
    `enders`: positions of ".", "?", "!" when the caller already has them."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    start = 0
    if enders is None:
        enders = [i for i, t in enumerate(tokens) if t in _ENDERS]  # one C-level scan
    for i in enders:
        if i < start:
            continue  # part of a run already consumed ("?!", ". . .")
        j = i + 1
        while j < n and tokens[j] in _ENDERS:
            j += 1
        if j < n and tokens[j] == ")":
            j += 1
        out.append((start, j))
        start = j
    if start < n:
        out.append((start, n))
    return out
