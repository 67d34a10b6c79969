# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The ASCII token grammar of normalize.py as one C loop over the characters (optional speed-up).

Why: tokenizing was the largest single stage of extraction (about a fifth of the time per
article), spent in a regex split, running sums of lengths and a Python pass over the tokens that
end in a period. This loop does the same in one pass. normalize.tokenize uses it when it is
compiled and keeps its regex path as the reference: tests compare the two on generated and real
text, and `bench/extraction_fingerprint.py` compares whole corpus runs. Two smaller scans of the
article text live here for the same reason: ascii_lower (the fold before the token scan) and
alnum_count (the letters statements' quote test weighs).

Grammar (lower-cased ASCII text only; the caller checks), the same as normalize._SPLIT_ASCII:
- [a-z0-9] then any of [a-z0-9_.-$%&/@+]; "$" then any of [a-z0-9_.-];
- a run of "." or of "-"; one of , ; : ( ) ? ! [ ]; every other character separates tokens.
A word closed by a sentence period ("talks.") is split here, as normalize's first rule does;
initials and known abbreviations ("u.s.", "nov.") stay whole, as normalize's rules keep them;
every other token ending in . - / & + @ is left for those rules, listed in `special`.
"""

from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.unicode cimport PyUnicode_1BYTE_KIND, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.stdlib cimport free, malloc
from libc.string cimport memcmp, memcpy


cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    bint PyUnicode_IS_ASCII(object o)
    object PyUnicode_FromStringAndSize(const char* u, Py_ssize_t size)

# character classes: 0 separator, 1 letter or digit, 2 "$", 3 ".", 4 "-", 5 one-character token
cdef unsigned char START[256]
# characters that continue a token opened by a letter or digit / by "$"
cdef unsigned char WORD[256]
cdef unsigned char MONEY[256]
# last characters that ask for a decision
cdef unsigned char SPECIAL_END[256]


cdef void _tables():
    cdef int c
    for c in range(256):
        START[c] = 0
        WORD[c] = 0
        MONEY[c] = 0
        SPECIAL_END[c] = 0
    for c in range(ord("a"), ord("z") + 1):
        START[c] = 1
        WORD[c] = 1
        MONEY[c] = 1
    for c in range(ord("0"), ord("9") + 1):
        START[c] = 1
        WORD[c] = 1
        MONEY[c] = 1
    START[ord("$")] = 2
    START[ord(".")] = 3
    START[ord("-")] = 4
    for ch in ",;:()?![]":
        START[ord(ch)] = 5
    for ch in "_.-$%&/@+":
        WORD[ord(ch)] = 1
    for ch in "_.-":
        MONEY[ord(ch)] = 1
    for ch in "./&+@-":
        SPECIAL_END[ord(ch)] = 1


_tables()

# Allocation was most of the scan's time (a new str and two new ints per token), so tokens and
# offsets come from caches. Both hold immutable objects, so sharing them changes nothing a caller
# can see, and a token met again keeps its cached hash for the dictionary lookups downstream.
# - the ints 0..n for the offsets of texts up to _INT_CACHE_MAX characters (grown on demand);
# - a direct-mapped table of recent short tokens, keyed by a hash of their bytes.
cdef list _INTS = list(range(8192))
cdef Py_ssize_t _INT_CACHE_MAX = 1 << 18
cdef enum:
    _SLOT_BITS = 15
    _TOKEN_CACHE_LEN = 24  # longer tokens are rarely repeated: always new strings

cdef struct _Slot:
    Py_ssize_t n
    PyObject* s

cdef _Slot _SLOTS[1 << _SLOT_BITS]


cdef inline str _token(str src, const unsigned char* p, Py_ssize_t i, Py_ssize_t j):
    """src[i:j], the cached object when the same short token was met recently."""
    cdef Py_ssize_t n = j - i, k
    cdef unsigned int h = 2166136261u
    cdef _Slot* slot
    cdef str tok
    if n > _TOKEN_CACHE_LEN:
        return src[i:j]
    for k in range(i, j):
        h = (h ^ p[k]) * 16777619u
    slot = &_SLOTS[h & ((1 << _SLOT_BITS) - 1)]
    if slot.s != NULL and slot.n == n and \
            memcmp(PyUnicode_DATA(<object>slot.s), p + i, n) == 0:
        return <str>slot.s
    tok = src[i:j]
    Py_INCREF(tok)
    Py_XDECREF(slot.s)
    slot.s = <PyObject*>tok
    slot.n = n
    return tok


def alnum_count(str body, Py_ssize_t a, Py_ssize_t b):
    """How many characters of body[a:b] are str.isalnum (statements' quote test weighs the
    letters inside quote marks against all of them)."""
    cdef Py_ssize_t i, n = 0
    cdef int kind = PyUnicode_KIND(body)
    cdef void* data = PyUnicode_DATA(body)
    a = max(a, 0)
    b = min(b, len(body))
    for i in range(a, b):
        if Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i)):
            n += 1
    return n


def ascii_lower(str body):
    """body.lower() with the quote marks ’ “ ” ‘ and no-break spaces blanked, as ASCII text (the
    same length, so offsets hold), or None when `body` holds any other non-ASCII character.

    Why: most cased articles are ASCII but for curly quotes, and lower() then four replace()
    passes over a two-byte string cost more than the token scan itself."""
    if PyUnicode_IS_ASCII(body):
        return body.lower()
    cdef Py_ssize_t n = len(body), i
    cdef int kind = PyUnicode_KIND(body)
    cdef void* data = PyUnicode_DATA(body)
    cdef unsigned int c  # (not Py_UCS4, which Cython treats as a character)
    out = PyUnicode_New(n, 127)
    cdef unsigned char* o = <unsigned char*>PyUnicode_DATA(out)
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c < 128:
            o[i] = c + 32 if 65 <= c <= 90 else c
        elif c == 0x2019 or c == 0x201C or c == 0x201D or c == 0x2018 or c == 0xA0:
            o[i] = 32
        else:
            return None
    return out


def scan_ascii(str src, abbreviations):
    """Tokens of lower-cased ASCII `src` as (texts, starts, ends, special, joined): `special` the
    indices of tokens left for normalize's end rules, `joined` the texts joined by single spaces
    (`src` itself when it is exactly that)."""
    if PyUnicode_KIND(src) != PyUnicode_1BYTE_KIND or not src.isascii():
        raise ValueError("scan_ascii takes ASCII text")
    cdef const unsigned char* p = <const unsigned char*>PyUnicode_DATA(src)
    cdef Py_ssize_t n = len(src)
    cdef bint spaced = True
    cdef list texts = [], starts = [], ends = [], special = []
    cdef list ints = _INTS
    if n >= len(ints) and n < _INT_CACHE_MAX:
        ints.extend(range(len(ints), n + 1))
    if n >= len(ints):  # (a huge text: its own ints, the cache stays small)
        ints = list(range(n + 1))
    # the joined text, built as the tokens are found (a split period adds one space per token)
    cdef char* jb = <char*>malloc(2 * n + 1)
    cdef Py_ssize_t jn = 0
    if jb == NULL:
        raise MemoryError()
    try:
        _scan(src, p, n, abbreviations, texts, starts, ends, special, jb, &jn, &spaced, ints)
        joined = src if spaced else PyUnicode_FromStringAndSize(jb, jn)
    finally:
        free(jb)
    return texts, starts, ends, special, joined


cdef inline bint _initials(const unsigned char* p, Py_ssize_t i, Py_ssize_t j):
    """p[i:j] is letters each followed by one period ("u.s.", "w."), which normalize's end rules
    keep unchanged (the abbreviation shape, with its single final period)."""
    cdef Py_ssize_t k
    if (j - i) % 2:
        return False
    for k in range(i, j, 2):
        if not (97 <= p[k] <= 122) or p[k + 1] != 46:
            return False
    return True


cdef inline void _join(char* jb, Py_ssize_t* jn, const unsigned char* p, Py_ssize_t i, Py_ssize_t j):
    """Append token p[i:j] to the joined text, after a space unless it is the first."""
    if jn[0]:
        jb[jn[0]] = 32
        jn[0] += 1
    memcpy(jb + jn[0], p + i, j - i)
    jn[0] += j - i


cdef int _scan(str src, const unsigned char* p, Py_ssize_t n, abbreviations, list texts, list starts,
               list ends, list special, char* jb, Py_ssize_t* jn, bint* spaced_out,
               list ints) except -1:
    cdef Py_ssize_t i = 0, j, k, gap = 0, ntok = 0
    cdef unsigned char cls
    cdef bint spaced = True, dotted, kept
    while i < n:
        cls = START[p[i]]
        if cls == 0:
            i += 1
            continue
        # the separator run [gap, i) before this token: "spaced" text has one space between
        # tokens and none at either end
        if spaced and (i - gap != (1 if ntok else 0) or (ntok and p[gap] != 32)):
            spaced = False
        j = i + 1
        if cls == 1:
            while j < n and WORD[p[j]]:
                j += 1
        elif cls == 2:
            while j < n and MONEY[p[j]]:
                j += 1
        elif cls == 3:
            while j < n and p[j] == 46:
                j += 1
        elif cls == 4:
            while j < n and p[j] == 45:
                j += 1
        if j - i >= 2 and SPECIAL_END[p[j - 1]]:
            kept = False  # the token is final as it is
            if p[j - 1] == 46 and not SPECIAL_END[p[j - 2]] and j - 1 - i > 1:
                dotted = False
                for k in range(i, j - 1):
                    if p[k] == 46:
                        dotted = True
                        break
                if not dotted:
                    base = _token(src, p, i, j - 1)
                    if base not in abbreviations:
                        # a word and its sentence period
                        texts.append(base)
                        starts.append(ints[i])
                        ends.append(ints[j - 1])
                        texts.append(".")
                        starts.append(ints[j - 1])
                        ends.append(ints[j])
                        _join(jb, jn, p, i, j - 1)
                        _join(jb, jn, p, j - 1, j)
                        spaced = False  # (src lacks the space the split puts in the joined text)
                        ntok += 2
                        gap = i = j
                        continue
                    kept = True  # "nov.": normalize's rules keep it as it is
            if not kept and not _initials(p, i, j):  # ("u.s.", "w.": kept as they are too)
                special.append(len(texts))
        texts.append(_token(src, p, i, j))
        starts.append(ints[i])
        ends.append(ints[j])
        _join(jb, jn, p, i, j)
        ntok += 1
        gap = i = j
    if n - gap != 0:
        spaced = False
    spaced_out[0] = spaced
    return 0
