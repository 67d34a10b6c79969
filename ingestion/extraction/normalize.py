"""Map any article body to one canonical lower-cased, space-tokenized form, with offsets back.

Why: bodies arrive normally cased ("North Korea’s", "(Reuters)") or already lower-cased and
tokenized ("north korea s", "( reuters )"). Every rule downstream reads only the canonical token
sequence, so both spellings give the same events; each token keeps the span it came from in the
body we were given, so evidence offsets always index into the stored original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A chunk is a run of word characters plus the inner punctuation that stays inside a token
# ("u.s.", "iran-backed", "$1.5", "bit.ly/x"); everything else is a one-char token or dropped.
_CHUNK = re.compile(r"[^\W_][\w.\-$%&/@+]*|[$€£][\w.\-]*|\.+|[,;:()?!\[\]]|[-–—]+")
# Words that keep their trailing period ("nov. 29", "mr. mueller", "trump jr."), as the corpus does.
ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr jr sr st no rep reps sen sens gov "
    "gen lt col capt sgt maj adm cmdr gov inc corp co ltd bros v vs ft mt pres supt messrs".split()
)
_DASHES = {"–": "-", "—": "-"}


_ABBREV_SHAPE = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_PUNCT1 = frozenset(",;:()?![]")


@dataclass(slots=True)
class Tokens:
    """Parallel lists (cheaper than one object per token): canonical text and original span."""

    text: list[str]
    start: list[int]
    end: list[int]

    def __len__(self) -> int:
        return len(self.text)


def _fold(s: str) -> str:
    s = s.lower()
    if s.isascii():
        return s
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return folded or s


def tokenize(body: str) -> Tokens:
    """Tokens of `body` in canonical form; quotes and apostrophes are dropped (they never carry
    a token in the lower-cased corpus form, where "north korea’s" is "north korea s")."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    ta, sa, ea = texts.append, starts.append, ends.append
    for m in _CHUNK.finditer(body):
        chunk = m.group()
        start = m.start()
        c0 = chunk[0]
        if len(chunk) == 1 and c0 in _PUNCT1:
            ta(chunk), sa(start), ea(start + 1)
            continue
        if chunk[-1] not in ".-/&+@" and c0 not in "-–—":
            ta(_fold(chunk)), sa(start), ea(m.end())
            continue
        if c0 == ".":
            for i in range(len(chunk)):
                ta("."), sa(start + i), ea(start + i + 1)
            continue
        if c0 in "-–—":
            ta("-"), sa(start), ea(m.end())
            continue
        base = chunk.rstrip(".")
        ndots = len(chunk) - len(base)
        while base and base[-1] in "-/&+@":
            base = base[:-1]
        if not base:
            continue
        keep = 0
        if ndots:
            low = base.lower()
            if low in ABBREVIATIONS or _ABBREV_SHAPE.fullmatch(low):
                keep = 1
        tok = base + "." if keep else base
        ta(_fold(tok)), sa(start), ea(start + len(tok))
        pos = start + len(base) + keep
        for i in range(ndots - keep):
            ta("."), sa(pos + i), ea(pos + i + 1)
    return Tokens(texts, starts, ends)


def canonical(body: str) -> str:
    """The canonical lower-cased tokenized text (tokens joined by single spaces)."""
    return " ".join(tokenize(body).text)
