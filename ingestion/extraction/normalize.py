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
from itertools import accumulate
from operator import add, sub

# A chunk is a run of word characters plus the inner punctuation that stays inside a token
# ("u.s.", "iran-backed", "$1.5", "bit.ly/x"); everything else is a one-char token or dropped.
_CHUNK = re.compile(r"[^\W_][\w.\-$%&/@+]*|[$€£][\w.\-]*|\.+|[,;:()?!\[\]]|[-–—]+")
# Words that keep their trailing period ("nov. 29", "mr. mueller", "trump jr."), as the corpus does.
ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr jr sr st no rep reps sen sens gov "
    "gen lt col capt sgt maj adm cmdr gov inc corp co ltd bros v vs ft mt pres supt messrs".split()
)
_DASHES = {"–": "-", "—": "-"}


# The same chunk grammar restricted to lower-case ASCII (much faster than the unicode classes).
_CHUNK_ASCII = re.compile(r"[a-z0-9][a-z0-9_.\-$%&/@+]*|\$[a-z0-9_.\-]*|\.+|[,;:()?!\[\]]|-+")
# The same, also capturing the run of characters before each token (they start no token), so
# offsets come from lengths without a Python-level loop.
_GAP_CHUNK_ASCII = re.compile(r"([^a-z0-9$.,;:()?!\[\]\-]*)(" + _CHUNK_ASCII.pattern + ")")
# Quote marks never belong to a token in either grammar: blanking them keeps offsets and
# lets most cased articles take the ASCII path.
_QUOTES = str.maketrans({c: " " for c in "“”‘’«»„‚‹›′″"})
_QUOTE_RE = re.compile("[“”‘’«»„‚‹›′″]")
_SEPARATORS = re.compile("[\u00a0\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\u2026\u00bf\u00a1]")
_SPACED_DASH = re.compile("(?<= )[–—]+(?= )")
_LATIN = re.compile("[\u00c0-\u024f]")


def _latin_base(m: re.Match) -> str:
    """An accented Latin letter as its base letter, when that is one ASCII letter (what _fold
    would make of it), else unchanged (the slower Unicode grammar then handles the text)."""
    c = m.group()
    b = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return b if len(b) == 1 and b.isascii() and b.isalpha() else c
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


_SPECIAL_END = frozenset(".-/&+@")
_DASH = frozenset("-–—")


def tokenize(body: str) -> Tokens:
    """Tokens of `body` in canonical form; quotes and apostrophes are dropped (they never carry
    a token in the lower-cased corpus form, where "north korea’s" is "north korea s").

    Speed: spans and texts come from C-level comprehensions; only the few tokens that need a
    decision (trailing periods, dashes) go through Python code."""
    low = body.lower()
    same_len = len(low) == len(body)
    src = low if same_len else body  # lower-casing changed lengths (rare): fold per token
    ascii_ = same_len and src.isascii()
    if same_len and not ascii_:
        # quote marks never belong to a token: blank them (same length, offsets kept), which
        # lets most cased articles (curly quotes, otherwise ASCII) take the fast ASCII grammar
        src = src.replace("’", " ").replace("“", " ").replace("”", " ").replace("‘", " ")
        ascii_ = src.isascii()
        if not ascii_:
            src = _QUOTE_RE.sub(" ", src)
            # separators that are not ASCII (no-break spaces, ellipses) and spaced dashes mean
            # the same in both grammars: rewrite them (same length) to stay on the fast one
            src = _SPACED_DASH.sub(lambda m: "-" * len(m.group()), _SEPARATORS.sub(" ", src))
            if not src.isascii():
                src = _LATIN.sub(_latin_base, src)
            ascii_ = src.isascii()
    if ascii_:
        # (gap, token) pairs in one C-level pass; offsets are running sums of their lengths
        pairs = _GAP_CHUNK_ASCII.findall(src)
        if not pairs:
            return Tokens([], [], [])
        gaps, tup = zip(*pairs, strict=True)
        texts = list(tup)
        tlen = list(map(len, texts))
        ends = list(accumulate(map(add, map(len, gaps), tlen)))
        starts = list(map(sub, ends, tlen))
    else:
        spans = [m.span() for m in _CHUNK.finditer(src)]
        texts = [src[a:b] for a, b in spans]
        if not same_len:
            texts = [_fold(t) for t in texts]
        else:
            texts = [t if t.isascii() else _fold(t) for t in texts]
        if spans:
            starts, ends = (list(x) for x in zip(*spans, strict=True))
        else:
            starts, ends = [], []
    # tokens that need a decision; a lone "." or "-" (most sentence ends) is already final
    special = [i for i, t in enumerate(texts)
               if (t[-1] in _SPECIAL_END or t[0] in _DASH) and t != "." and t != "-"]
    if not special:
        return Tokens(texts, starts, ends)
    ot: list[str] = []
    os_: list[int] = []
    oe: list[int] = []
    prev = 0
    for i in special:
        ot.extend(texts[prev:i])
        os_.extend(starts[prev:i])
        oe.extend(ends[prev:i])
        prev = i + 1
        chunk, start = texts[i], starts[i]
        c0 = chunk[0]
        if c0 == ".":
            for k in range(len(chunk)):
                ot.append(".")
                os_.append(start + k)
                oe.append(start + k + 1)
            continue
        if c0 in _DASH:
            ot.append("-")
            os_.append(start)
            oe.append(ends[i])
            continue
        base = chunk.rstrip(".")
        ndots = len(chunk) - len(base)
        while base and base[-1] in "-/&+@":
            base = base[:-1]
        if not base:
            continue
        keep = 1 if ndots and (base in ABBREVIATIONS or _ABBREV_SHAPE.fullmatch(base)) else 0
        tok = base + "." if keep else base
        ot.append(tok)
        os_.append(start)
        oe.append(start + len(tok))
        pos = start + len(base) + keep
        for k in range(ndots - keep):
            ot.append(".")
            os_.append(pos + k)
            oe.append(pos + k + 1)
    ot.extend(texts[prev:])
    os_.extend(starts[prev:])
    oe.extend(ends[prev:])
    return Tokens(ot, os_, oe)


def canonical(body: str) -> str:
    """The canonical lower-cased tokenized text (tokens joined by single spaces)."""
    return " ".join(tokenize(body).text)
