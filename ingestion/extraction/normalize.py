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
from itertools import accumulate, repeat
from operator import add

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
# Splitting on the (captured) grammar gives [gap, token, gap, ..., gap] in one flat list, so
# offsets come from lengths without a Python-level loop.
# The same grammar written to open with one character class (the regex engine then skips the
# gaps with a fast class scan), each token's first character choosing how it goes on.
_SPLIT_ASCII = re.compile(r"([a-z0-9$.,;:()?!\[\]\-](?:(?<=[a-z0-9])[a-z0-9_.\-$%&/@+]*|(?<=\$)[a-z0-9_.\-]*"
                          r"|(?<=\.)\.*|(?<=-)-*|))")
# Text that is already ASCII tokens joined by single spaces, each space-free run one whole token
# (no class here holds a space, so a run must match one token whole). Such text tokenizes to
# exactly its space-separated parts. No possessive quantifiers: CPython 3.11.2 (Debian 12's)
# lets "0 " fullmatch a possessive repeat of this group, which 3.11.7 rightly does not.
_TOK_ASCII = r"(?:[a-z0-9][a-z0-9_.\-$%&/@+]*|\$[a-z0-9_.\-]*|\.+|[,;:()?!\[\]]|-+)"
_SPACED_TOKENS = re.compile(rf"{_TOK_ASCII}(?: {_TOK_ASCII})*")
# In the space-joined ASCII tokens: the last character of a token that needs a decision. In that
# grammar a token starting with a dash is a run of dashes, so it ends with one too.
# (It opens with the class, so the engine finds candidates by a fast class scan.)
_SPECIAL_JOINED = re.compile(r"[./&+@-](?<=[^ ][./&+@-])(?= |\Z)")
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
    # " ".join(text) when the tokenizer had it at hand (saves the gazetteer a join), else None
    joined: str | None = None

    def __len__(self) -> int:
        return len(self.text)


def _fold(s: str) -> str:
    s = s.lower()
    if s.isascii():
        return s
    folded = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return folded or s


try:  # the C scan of the ASCII grammar, when the build compiled it (setup.py)
    from ingestion.extraction.tokscan import ascii_lower, scan_ascii
except ImportError:
    ascii_lower = scan_ascii = None

_SPECIAL_END = frozenset(".-/&+@")
_DASH = frozenset("-–—")


def tokenize(body: str) -> Tokens:
    """Tokens of `body` in canonical form; quotes and apostrophes are dropped (they never carry
    a token in the lower-cased corpus form, where "north korea’s" is "north korea s")."""
    return tokenize_with(body, scan_ascii)


def tokenize_with(body: str, scan) -> Tokens:
    """tokenize() with a chosen scanner for ASCII text: tokscan.scan_ascii (compiled) or None,
    the regex path, which is the reference (tests compare the two).

    Speed: spans and texts come from C-level splits and running sums; only the few tokens that
    need a decision (trailing periods, dashes) go through Python code, rewritten in place."""
    if scan is not None and (src := ascii_lower(body)) is not None:
        # (what the lines below make of text that is ASCII but for quote marks and no-break
        # spaces, in one C pass)
        same_len = ascii_ = True
    else:
        low = body.lower()
        same_len = len(low) == len(body)
        src = low if same_len else body  # lower-casing changed lengths (rare): fold per token
        ascii_ = same_len and src.isascii()
    if same_len and not ascii_:
        # quote marks never belong to a token: blank them (same length, offsets kept), which
        # lets most cased articles (curly quotes, otherwise ASCII) take the fast ASCII grammar
        src = src.replace("’", " ").replace("“", " ").replace("”", " ").replace("‘", " ")
        if "\xa0" in src:  # (a no-break space, as _SEPARATORS does: the most common one left)
            src = src.replace("\xa0", " ")
        ascii_ = src.isascii()
        if not ascii_:
            src = _QUOTE_RE.sub(" ", src)
            # separators that are not ASCII (no-break spaces, ellipses) and spaced dashes mean
            # the same in both grammars: rewrite them (same length) to stay on the fast one
            src = _SPACED_DASH.sub(lambda m: "-" * len(m.group()), _SEPARATORS.sub(" ", src))
            if not src.isascii():
                src = _LATIN.sub(_latin_base, src)
            ascii_ = src.isascii()
    changed = False  # (the joined text stays valid while no token changes)
    if ascii_ and scan is not None:
        texts, starts, ends, special, joined = scan(src, ABBREVIATIONS)
        if not texts:
            return Tokens([], [], [])
    elif ascii_:
        # [gap, token, gap, token, ..., gap] in one C-level split; each part's start offset is
        # the running sum of the lengths before it
        if _SPACED_TOKENS.fullmatch(src):
            # already tokens joined by single spaces (the lower-cased corpus form): split on them
            texts = src.split(" ")
            lens = list(map(len, texts))
            starts = list(accumulate(map(add, lens, repeat(1)), initial=0))
            starts.pop()
            ends = list(map(add, starts, lens))
            joined = src
        else:
            parts = _SPLIT_ASCII.split(src)
            if len(parts) == 1:
                return Tokens([], [], [])
            texts = parts[1::2]
            offs = list(accumulate(map(len, parts), initial=0))
            starts = offs[1:-1:2]
            ends = offs[2::2]
            joined = " ".join(texts)
        # tokens that need a decision (a trailing . - / & + @ after another character; a lone
        # "." or "-" is final), found by one regex pass over the space-joined tokens
        special = []
        idx = prev = 0
        for p in _SPECIAL_JOINED.finditer(joined):
            p = p.start()
            idx += joined.count(" ", prev, p)
            prev = p
            special.append(idx)
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
        joined = None
    # rewrite those tokens in place, last first, so earlier indices stay valid
    for i in reversed(special):
        chunk = texts[i]
        if chunk[-1] == "." and chunk[-2] not in _SPECIAL_END:
            # the common case, a word closing a sentence ("tuesday."): one period, split off
            # unless the word is an abbreviation (the general rule below, taken for the rest)
            base = chunk[:-1]
            if len(base) > 1 and "." not in base and base not in ABBREVIATIONS:
                # (in-place inserts: [base, "."] at [start, e) and [e, e + 1))
                e = starts[i] + len(base)
                texts[i] = base
                texts.insert(i + 1, ".")
                starts.insert(i + 1, e)
                ends[i] = e + 1
                ends.insert(i, e)
                changed = True
                continue
        c0 = chunk[0]
        if c0 == ".":  # a run of periods: one "." token each
            start = starts[i]
            k = len(chunk)
            texts[i:i + 1] = ["."] * k
            starts[i:i + 1] = range(start, start + k)
            ends[i:i + 1] = range(start + 1, start + k + 1)
            changed = True
            continue
        if c0 in _DASH:  # a run of dashes: one "-" over the whole run
            texts[i] = "-"
            changed = True
            continue
        base = chunk.rstrip(".")
        ndots = len(chunk) - len(base)
        base = base.rstrip("-/&+@")
        if not base:
            del texts[i], starts[i], ends[i]
            changed = True
            continue
        # (the abbreviation shape is single letters joined by periods: without a period, one letter)
        keep = 1 if ndots and (base in ABBREVIATIONS or (("." in base or len(base) == 1)
                                                         and _ABBREV_SHAPE.fullmatch(base))) else 0
        tok = base + "." if keep else base
        start = starts[i]
        rest = ndots - keep
        if not rest:  # (most often the token as it was: "u.s.", "dec.")
            if tok != chunk:
                changed = True
            texts[i] = tok
            ends[i] = start + len(tok)
            continue
        pos = start + len(base) + keep
        texts[i:i + 1] = [tok] + ["."] * rest
        starts[i:i + 1] = [start, *range(pos, pos + rest)]
        ends[i:i + 1] = [start + len(tok), *range(pos + 1, pos + rest + 1)]
        changed = True
    return Tokens(texts, starts, ends, None if changed else joined)


def canonical(body: str) -> str:
    """The canonical lower-cased tokenized text (tokens joined by single spaces)."""
    return " ".join(tokenize(body).text)
