# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Per-document indexes over the token list, as C loops (optional speed-up).

Why: two indexes are built once per article and read by every rule: where each registered word
occurs (phrases.positions) and which gazetteer entries cover which tokens (gazetteer.match_tokens).
In compiled Python both spent most of their time boxing ints, building tuples and comparing them
in a sort (about a tenth of extraction's instructions together). Actors looks up the positions of
surnames first seen in the article the same way (indices_in, indices_of). These loops give the
same results as the Python code they replace, which stays the reference: tests and
`bench/extraction_fingerprint.py` compare the two.
"""

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.list cimport PyList_Append, PyList_GET_ITEM, PyList_GET_SIZE
from cpython.object cimport PyObject
from cpython.set cimport PySet_Contains
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.stdlib cimport free, malloc, qsort


def positions(list toks, set registered):
    """Registered token -> the list of its positions in `toks`, in order."""
    cdef dict pos = {}
    cdef Py_ssize_t i, n = PyList_GET_SIZE(toks)
    cdef object t
    cdef PyObject* lst
    for i in range(n):
        t = <object>PyList_GET_ITEM(toks, i)
        if PySet_Contains(registered, t):
            lst = PyDict_GetItem(pos, t)
            if lst == NULL:
                PyDict_SetItem(pos, t, [i])
            else:
                PyList_Append(<object>lst, i)
    return pos


def indices_in(list toks, keys, Py_ssize_t end):
    """Positions before `end` whose token is in the set or frozenset `keys`."""
    cdef list out = []
    cdef Py_ssize_t i
    end = min(end, PyList_GET_SIZE(toks))
    for i in range(end):
        if PySet_Contains(keys, <object>PyList_GET_ITEM(toks, i)):
            out.append(i)
    return out


def indices_of(list toks, str t, Py_ssize_t end):
    """Positions before `end` whose token is `t`."""
    cdef list out = []
    cdef Py_ssize_t i
    cdef str x
    end = min(end, PyList_GET_SIZE(toks))
    for i in range(end):
        x = <str>PyList_GET_ITEM(toks, i)
        if x is t or x == t:
            out.append(i)
    return out


cdef struct _Hit:
    Py_ssize_t q  # offset of the key's leading space in the padded text
    Py_ssize_t klen  # key length (the surface and its two spaces)
    Py_ssize_t ntok  # tokens of the surface
    PyObject* entry  # borrowed: `values` below keeps each one alive


cdef int _by_start_longest(const void* a, const void* b) noexcept nogil:
    cdef const _Hit* x = <const _Hit*>a
    cdef const _Hit* y = <const _Hit*>b
    if x.q != y.q:
        return -1 if x.q < y.q else 1
    if x.klen != y.klen:
        return -1 if x.klen > y.klen else 1
    return 0


def leftmost_longest(automaton, str text):
    """gazetteer.match_tokens over the padded text " tok tok ... tok ": leftmost-longest
    non-overlapping matches of the automaton's keys as (start_token, end_token, entry). Keys are
    " surface " and values (key length, surface tokens, entry), as gazetteer.automaton() builds."""
    cdef list values = []
    cdef Py_ssize_t m, k, nh = 0, cur = 0, idx = 0, last = 0, c
    cdef _Hit* hits
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef list out = []
    ends = []
    for end, value in automaton.iter(text):
        ends.append(end)
        values.append(value)
    m = len(values)
    if m == 0:
        return out
    hits = <_Hit*>malloc(m * sizeof(_Hit))
    if hits == NULL:
        raise MemoryError()
    try:
        for k in range(m):
            value = values[k]
            hits[k].klen = value[0]
            hits[k].ntok = value[1]
            hits[k].entry = <PyObject*>value[2]
            hits[k].q = <Py_ssize_t>ends[k] - hits[k].klen + 1
        qsort(hits, m, sizeof(_Hit), _by_start_longest)
        # text[cur] is the space that leads token idx; the next match may start at the trailing
        # space of the last accepted one (`last`)
        for k in range(m):
            if hits[k].q >= last:
                for c in range(cur + 1, hits[k].q + 1):
                    if PyUnicode_READ(kind, data, c) == 32:
                        idx += 1
                cur = hits[k].q
                out.append((idx, idx + hits[k].ntok, <object>hits[k].entry))
                last = hits[k].q + hits[k].klen - 1
    finally:
        free(hits)
    return out
