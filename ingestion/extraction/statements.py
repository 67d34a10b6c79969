"""Statements: who said something, with which verb, in both orders.

Patterns on the canonical tokens of one sentence (no quotes needed, as the lower-cased form has
none): "<speaker> [has|also|...] said", "<speaker> , <apposition> , said", ", said <speaker>",
"according to <speaker>". The speaker must be a named person, a state (or its capital), a
government body, an IGO or a named organization; anonymous sources, outlets and bare roles
("the official") are not speakers.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from ingestion.extraction import resources
from ingestion.extraction.actors import (
    KIN,
    Actors,
    Mention,
    anonymous_heads,
    fits_pronoun,
    known_to_fit,
)
from ingestion.extraction.phrases import PhraseSet, positions, register

try:  # the C count, when the build compiled it (setup.py); _letters keeps the reference
    from ingestion.extraction.tokscan import alnum_count as _alnum_count
except ImportError:
    _alnum_count = None

register(("according",))

_AUX = frozenset(("has", "have", "had", "also", "later", "previously", "again", "earlier",
                  "repeatedly", "would", "will", "could", "did", "does", "not", "then", "quickly",
                  "publicly", "separately", "recently", "himself", "herself", "itself", "has also",
                  "had also", "last", "week", "on", "monday", "tuesday", "wednesday", "thursday",
                  "friday", "saturday", "sunday", "repeatedly", "previously", "privately", "once",
                  "subsequently", "further", "immediately", "already", "originally", "initially"))
_SPEAKER_TYPES = frozenset(("person", "country", "seat", "body", "igo", "org"))


@functools.cache
def verbs() -> PhraseSet:
    return PhraseSet(resources.lexicons()["reporting_verbs"], "verb")


class StatementHit:
    """One attribution; `confidence` ranks the rule that found the speaker: a name right next to
    the verb (0.9) over an inverted ", said x" (0.85), "according to" (0.8), a speaker across an
    apposition (0.75), and coreference - a pronoun, ", saying", a co-speaker (0.6-0.7)."""

    __slots__ = ("verb_start", "verb_end", "speaker", "content_start", "content_end", "confidence")

    def __init__(self, vs: int, ve: int, speaker: Mention, cs: int, ce: int, confidence: float = 0.75):
        self.verb_start, self.verb_end, self.speaker = vs, ve, speaker
        self.content_start, self.content_end = cs, ce
        self.confidence = confidence


_OPEN_QUOTES = ("“", "``", '"', "«")
_CLOSE_QUOTES = ("”", "''", '"', "»")
# every quote mark, `` and '' as one; the opening ones (" opens or closes)
_QUOTE_MARK = re.compile("[`'“«”»\"](?:(?<=`)`|(?<=')'|(?<=[“«”»\"]))")  # opens with a class: fast scan
_OPENING_MARKS = frozenset(("``", "“", "«"))
_ALNUM = re.compile(r"[^\W_]+")  # runs of str.isalnum characters


def is_direct_quote(body: str, start: int, end: int) -> bool:
    """The reported content [start, end) of `body` stands inside quotation marks (“...”, "...",
    ``...''): the speaker's own words rather than a paraphrase. Most of its letters must be quoted,
    so a paraphrase with one quoted word ("called it “unacceptable”") stays indirect."""
    if end <= start:
        return False
    lo, hi = max(0, start - 4), min(len(body), end + 4)
    find = body.find
    if find("“", lo, hi) < 0 and find('"', lo, hi) < 0 and find("``", lo, hi) < 0 and \
            find("«", lo, hi) < 0:
        return False
    b0 = max(0, start - 400)
    if (b0 and body[b0 - 1] in "`'") or (lo and body[lo - 1] in "`'"):
        # a window opening inside a `` or '' run: scan the windows themselves
        return _is_direct_quote_windows(body, start, lo, hi)
    # the document's quote marks, scanned once: a scan of a window that does not open inside a
    # `` or '' run finds the same marks there, save a two-character one cut by the window's end
    starts, ends, marks = _marks(body)
    k0 = bisect_left(starts, b0)
    k1 = bisect_left(starts, lo)
    # opening quotes before the window that were not closed (a quote running across sentences)
    inside = False
    for k in range(k0, k1):
        if ends[k] > lo:
            break
        q = marks[k]
        inside = (not inside) if q == '"' else q in _OPENING_MARKS
    quoted = letters = 0
    pos = lo
    # letters between quote marks count in bulk (C-level scans; same marks, same order as a
    # character loop taking `` and '' as one mark)
    for k in range(k1, len(starts)):
        ms = starts[k]
        if ms >= hi or ends[k] > hi:
            break
        n = _letters(body, pos, ms)
        letters += n
        if inside:
            quoted += n
        q = marks[k]
        inside = (not inside) if q == '"' else q in _OPENING_MARKS
        pos = ends[k]
    n = _letters(body, pos, hi)
    letters += n
    if inside:
        quoted += n
    return letters > 0 and quoted >= 0.6 * letters


_NOT_ALNUM_ASCII = bytes(c for c in range(128) if not chr(c).isalnum())


def _letters(body: str, a: int, b: int) -> int:
    """How many str.isalnum characters body[a:b] holds (what _ALNUM's runs cover): for an ASCII
    stretch (the usual one between quote marks) a bytes.translate that drops the others."""
    if _alnum_count is not None:
        return _alnum_count(body, a, b)
    seg = body[a:b]
    if seg.isascii():
        return len(seg.encode("ascii").translate(None, _NOT_ALNUM_ASCII))
    return sum(map(len, _ALNUM.findall(seg)))


_MARKS: list = [None, None]  # (body, (starts, ends, marks)) of the last document


def _marks(body: str) -> tuple[list[int], list[int], list[str]]:
    """Start, end and text of every quote mark in `body` (once per document).

    Speed: str.find per mark kind (a C-level memchr-like scan) instead of a regex walk over every
    character; the same marks as _QUOTE_MARK.finditer, as the kinds use disjoint characters and
    `` / '' pairs are taken left to right without overlap, as the regex does."""
    if _MARKS[0] is body:
        return _MARKS[1]
    found: list[tuple[int, str]] = []
    find = body.find
    for q in _MARK_KINDS:
        k = find(q)
        if k < 0:
            continue
        step = len(q)
        while k >= 0:
            found.append((k, q))
            k = find(q, k + step)
    if len(found) > 1:
        found.sort()
    starts = [k for k, _ in found]
    marks = [q for _, q in found]
    ends = [k + len(q) for k, q in found]
    _MARKS[0], _MARKS[1] = body, (starts, ends, marks)
    return starts, ends, marks


_MARK_KINDS = ("“", "”", "«", "»", '"', "``", "''")


def _is_direct_quote_windows(body: str, start: int, lo: int, hi: int) -> bool:
    """is_direct_quote by scanning the windows themselves."""
    seg = body[lo:hi]
    before = body[max(0, start - 400):lo]
    inside = _open_after(before)
    quoted = letters = 0
    pos = 0
    for m in _QUOTE_MARK.finditer(seg):
        n = sum(map(len, _ALNUM.findall(seg, pos, m.start())))
        letters += n
        if inside:
            quoted += n
        q = m.group()
        inside = (not inside) if q == '"' else q in _OPENING_MARKS
        pos = m.end()
    n = sum(map(len, _ALNUM.findall(seg, pos)))
    letters += n
    if inside:
        quoted += n
    return letters > 0 and quoted >= 0.6 * letters


def _open_after(text: str) -> bool:
    """Whether `text` ends inside a quotation (an opening mark not yet closed)."""
    inside = False
    for q in _QUOTE_MARK.findall(text):
        inside = (not inside) if q == '"' else q in _OPENING_MARKS
    return inside


def _speaker_ok(m: Mention | None) -> bool:
    if m is None or m.etype not in _SPEAKER_TYPES:
        return False
    if m.etype == "body" and m.code is None and m.country is None:
        return False
    return True


_NP_STOP = frozenset((",", ".", ";", ":", "(", ")", "that", "which", "who", "and", "but", "said",
                      "says", "say", "-", "while", "as", "when", "after", "before", "if"))
_PRONOUNS = frozenset(("he", "she"))
_APPOSITION_OPENERS = frozenset(("who", "which", "whose", "a", "an", "the", "its", "his", "her",
                                 "their", "one", "another", "former", "then", "also"))
# ("told" and "asked" take their object after them: ", told parliament" names who heard it)
_INVERTIBLE = frozenset(("said", "says", "added", "adds", "wrote", "writes", "noted", "stated",
                         "explained", "continued", "tweeted", "warned", "argued", "insisted",
                         "according"))
_AFTER_INVERTED = frozenset((",", ".", ";", ":", "in", "on", "at", "after", "during", "before",
                             "when", "while", "-", "(", "according", "who", "told", "adding", "of",
                             "last", "this", "earlier", "late", "later", "from", "to", "as", "?", "!",
                             "s", "and", "speaking", "referring", "citing", "noting", "yesterday",
                             "today", "monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday", "without", "with", "via", "by", "for", "through"))
_SUBJECT_PREPS = frozenset(("including", "like", "in", "of", "from", "at", "for", "with", "to", "on",
                            "by", "against", "during", "across", "throughout", "within", "without",
                            "despite", "amid", "among", "via", "inside", "outside", "beyond",
                            "about", "over", "than", "into", "toward", "towards", "between"))


def _head_after(actors: Actors, k: int, e: int, limit: int = 10) -> Mention | None:
    m = _head_after_(actors, k, e, limit)
    toks = actors.toks
    if m is not None and m.end < e and toks[m.end] == "s" and m.etype != "person":
        return None  # "according to the government s memorandum": a document
    if m is None:  # "according to the nonpartisan tax policy center ."
        toks = actors.toks
        j = k
        while j < e and j - k < 8 and toks[j] not in _NP_STOP and toks[j] not in _unnamed_people():
            if toks[j] in _ORG_SUFFIXES and (j + 1 >= e or toks[j + 1] in _NP_STOP):
                return _org_np(actors, k, j + 1)
            j += 1
    return m


# Anonymous heads that are documents or spokespeople: their body or author is the source
# ("according to treasury data", "a spokesman for the state department")
_SOURCE_CARRIERS = frozenset(("data", "document", "documents", "report", "reports", "statement", "letter",
                              "poll", "polls", "study", "survey", "spokesman", "spokesmen", "spokesperson",
                              "spokeswoman", "spokeswomen", "media"))


@functools.cache
def _unnamed_people() -> frozenset[str]:
    """Nouns for unnamed people ("a diplomat", "officials", "reporters"): never a speaker."""
    return frozenset(w for w in anonymous_heads() if w not in _SOURCE_CARRIERS and w not in _PRONOUNS
                     and w not in ("that", "this", "which", "who", "it"))


def _head_after_(actors: Actors, k: int, e: int, limit: int = 10) -> Mention | None:
    """The actor named right after a verb: "said (the) russian foreign minister sergei lavrov",
    "said national mining association spokesperson luke popovich"."""
    toks = actors.toks
    best = None
    j = k
    while j < e and j - k < limit:
        m = actors.by_start.get(j)
        if m is not None:
            best = m
            if m.etype == "person":
                role = actors.by_start.get(m.end)
                if role is not None and role.etype == "title":
                    # "said harmon spokeswoman jayette bolinski": the role holder speaks
                    holder = actors.by_start.get(role.end)
                    if holder is not None and holder.etype == "person":
                        return holder
                return m
            j = m.end
            continue
        t = toks[j]
        if t == "," and (best is None or best.etype == "title") and j > k and (
                ((r := actors.by_end.get(j)) is not None and r.etype == "title")
                or toks[j - 1].endswith(_ROLE_ENDINGS)):
            # "said the company s chief executive , ed rollins .": the role's holder after the comma
            nxt = actors.by_start.get(j + 1)
            if nxt is not None and nxt.etype == "person" and (nxt.end >= e or toks[nxt.end] in (",", ".")):
                return nxt
        if t in _NP_STOP or t in verbs().index:
            break
        if t in _unnamed_people():
            # "according to a chinese diplomat in washington": an unnamed source, unless named
            # right after ("said the diplomat jan novak")
            nxt = actors.by_start.get(j + 1)
            if nxt is None and j + 2 < e and toks[j + 1] == ",":
                nxt = actors.by_start.get(j + 2)  # "said the group s top strategist , ed rollins"
                if nxt is not None and nxt.end < e and toks[nxt.end] not in (",", "."):
                    nxt = None
            return nxt if nxt is not None and nxt.etype == "person" else None
        j += 1
    if best is not None and best.etype == "title":
        return None
    return best


# Nouns that continue an organization's name ("the senate ethics committee", "civil rights group")
_ORG_CONT = frozenset(("committee", "subcommittee", "panel", "office", "bureau", "division", "unit",
                       "department", "ministry", "government", "caucus", "leadership", "team",
                       "secretariat", "administration", "service", "services", "command",
                       "headquarters", "board", "authority", "directorate", "branch"))
_ORG_HEADS = frozenset(("delegation", "embassy", "mission", "navy", "force", "agency", "guard",
                        "regulator", "parliament", "cabinet", "court", "consulate", "junta",
                        "coalition", "bank"))


_ORG_SUFFIXES = frozenset(("corp", "corp.", "inc", "inc.", "co", "co.", "lp", "llc", "ltd", "plc", "ag",
                           "sa", "nv", "group", "association", "center", "centre", "institute",
                           "foundation", "union", "fund", "partners", "bank", "agencies",
                           "commission", "council", "party", "airlines", "holdings", "watch",
                           "network", "coalition", "alliance", "federation", "chamber", "society",
                           "university", "company", "tank", "organization", "organisation"))


def _org_np(actors: Actors, s: int, j: int) -> Mention | None:
    """A named organization ending at token j: "magellan midstream partners lp", "the fbi agents
    association", "u.s. intelligence agencies" (name = the noun phrase, state = a state inside)."""
    toks = actors.toks
    if j - 1 < s or toks[j - 1] not in _ORG_SUFFIXES:
        return None
    k = j - 1
    country = None
    while k - 1 >= s and j - k < 6:
        t = toks[k - 1]
        if actors.covered[k - 1]:
            mm = actors.by_end.get(k)
            if mm is None:
                break
            if mm.etype in ("country", "demonym", "seat") and mm.code and len(mm.code) == 3:
                country = country or mm.code
            elif mm.etype in ("body",):
                country = country or mm.country
            elif mm.etype not in ("igo", "org"):
                break
            k = mm.start
            continue
        if t in _NP_STOP or t in ("the", "a", "an", "s", "its", "their") or t in verbs().index or \
                not (t.replace("-", "").replace(".", "").isalnum()) or t in not_name_words():
            break
        k -= 1
    if j - k < 2:
        return None
    name = " ".join(toks[k:j])
    return Mention(k, j, "org", name, name, "organization", country, None, name, actors.sent_of[k])


def _np_before(actors: Actors, s: int, j: int) -> Mention | None:
    """An actor inside the noun phrase that ends at token j ("the american civil liberties union
    civil rights group said"); none when the head is an anonymous noun ("a state department
    official said")."""
    toks = actors.toks
    if j - 1 < s or toks[j - 1] in anonymous_heads() or toks[j - 1] in _NP_STOP:
        return None
    head = toks[j - 1]
    if not (actors.covered[j - 1] or head in _ORG_HEADS or head in _ORG_SUFFIXES
            or head in _ORG_CONT):
        return None  # "the dhs s top internal watchdog told", "an fbi agent said": a person
    k = j - 1
    found = None
    while k >= s and j - k <= 7:
        t = toks[k]
        if t in _NP_STOP or t in verbs().index and not actors.covered[k]:
            break
        m = actors.by_end.get(k + 1)
        if m is not None and m.etype in ("body", "igo", "org") and found is None:
            found = m
        if m is not None and m.etype in ("country", "demonym", "seat") and found is None and \
                toks[j - 1] in _ORG_HEADS and m.code and len(m.code) == 3:
            # "the yemen delegation said", "south korea s spy agency told"
            name = " ".join(t for t in toks[m.start:j] if t not in ("the", "s"))
            found = Mention(m.start, j, "body", m.code, name, "organization", m.code, None, name,
                            m.sent)
        k -= 1
    return found


_LEAD_SUBORD = frozenset(("as", "after", "when", "while", "before", "since", "once"))


def _pronoun(actors: Actors, p: int, spoken: list[Mention]) -> Mention | None:
    """"he said": the person who spoke last, if that was in this or the two previous sentences;
    else the person leading an opening subordinate clause ("as trump departed , he said")."""
    sent = actors.sent_of[p]
    pron = actors.toks[p]
    toks = actors.toks
    s = p
    while s > 0 and actors.sent_of[s - 1] == sent:
        s -= 1
    if p - s >= 3:
        # "trump made clear he blamed ...": a pronoun in the clause of the sentence's subject
        # (no comma between) is that subject, whoever spoke before
        m = _clause_subject(actors, s, p)
        if m is not None and m.etype == "person" and m.start <= s + 1 and \
                "," not in toks[m.end:p] and fits_pronoun(m, pron):
            return m
    for m in reversed(spoken):
        if m.start < p:
            if m.etype == "person" and actors.sent_of[m.start] >= sent - 2:
                if fits_pronoun(m, pron):
                    return m
                continue  # "she said" after a man spoke: an earlier woman, if she spoke lately
            if m.etype == "person" and known_to_fit(m, pron) and _no_person_between(actors, m, p):
                return m  # the quote ran on over several sentences
            break
    if toks[s] in _LEAD_SUBORD and p - 1 > s and toks[p - 1] == ",":
        m = actors.by_start.get(s + 1)
        while m is not None and m.etype == "title":
            m = actors.by_start.get(m.end)  # "after u.s. president donald trump"
        if m is not None and m.etype == "person" and "," not in toks[m.end:p - 1] and fits_pronoun(m, pron):
            return m
    if s > 0 and not any(m.etype == "person" and s <= m.start < p for m in actors.in_sentence(s)):
        # nobody spoke lately: the person leading the previous sentence ("senator tom udall
        # voted for it in 2001 . “i would never ...,” he said .")
        ps = s - 1
        while ps > 0 and actors.sent_of[ps - 1] == sent - 1:
            ps -= 1
        m = _clause_subject(actors, ps, s)
        if m is not None and m.etype == "person" and _leads_clause(actors, ps, m) and fits_pronoun(m, pron):
            return m
    return None


def _role_before(actors: Actors, c: int) -> bool:
    """A role closes at comma c: "the company s spokeswoman , maria ostrova , said the report
    was false" names the speaker by apposition, and the words come after the verb (the caller
    checks that the role opens the sentence: after a quote, ", its chairwoman , x , said in a
    statement" the words came before)."""
    r = actors.by_end.get(c)
    return (r is not None and r.etype == "title") or actors.toks[c - 1] in KIN


def _no_person_between(actors: Actors, m: Mention, p: int) -> bool:
    """No person is named between speaker m and the pronoun at p, at most five sentences on: a
    quote running over several sentences ("x said: “... . ... . ...,” she told reporters")."""
    if actors.sent_of[p] - actors.sent_of[m.start] > 5:
        return False
    return not any(o.etype == "person" and m.end <= o.start < p for o in actors.mentions)


def _subject_before(actors: Actors, s: int, j: int, spoken: list[Mention]) -> Mention | None:
    """The speaker whose phrase ends right before token j (after auxiliaries were skipped)."""
    toks = actors.toks
    m = actors.by_end.get(j)
    if m is not None and m.start >= s:
        if m.etype == "title" and m.start - 1 >= s:
            return None  # "a state department official said": a bare role
        p = m.start - 1
        while p > s and toks[p] in ("the", "a", "an"):
            p -= 1
        if p >= s and toks[p] in _SUBJECT_PREPS:
            return None  # "most in china said", "the head of the dnc vowed": not the subject
        if m.etype in ("org", "body", "igo") and _in_pp(actors, s, m) and not _voiced(actors, s, m):
            return None  # "x of the secretive y ( z ) said" (not "a spokesman for y said")
        if m.start - 2 >= s and toks[m.start - 1] == "and":
            other = actors.by_end.get(m.start - 1)
            if other is not None and other.etype in _SPEAKER_TYPES:
                spoken.append(other)  # "lewis and wolosky said": both speak
        return m
    if j - 1 < s:
        return None
    prev = toks[j - 1]
    if prev == ")" and j - 4 >= s and toks[j - 3] == "(":
        return _subject_before(actors, s, j - 3, spoken)  # "caterpillar inc ( cat.n ) said"
    if prev == ",":
        m0 = actors.by_end.get(j - 1)
        opening = next((k for k in range(j - 2, max(s, j - 45) - 1, -1) if toks[k] == ","), None)
        in_apposition = opening is not None and opening + 1 < j and toks[opening + 1] in _APPOSITION_OPENERS
        role = actors.by_end.get(m0.start) if m0 is not None else None
        if m0 is not None and m0.etype in _SPEAKER_TYPES and m0.start >= s and not in_apposition \
                and not _in_pp(actors, s, m0, but="including") and not (
                    m0.etype != "person" and role is not None and role.etype == "title"):
            # (not "x , chairman of the house ways and means committee , said": a role's body)
            return m0  # "ross , has said" (not "... weapons to the houthis , saying")
        return _appositive_subject(actors, s, j)
    if prev == "-" and j - 3 >= s:
        # "<speaker> , <apposition> - <aside> - said": the aside between dashes is skipped
        k = next((k for k in range(j - 2, max(s, j - 30) - 1, -1) if toks[k] == "-"), None)
        if k is not None and k - 1 > s and "," in toks[max(s, k - 40):k]:
            return _appositive_subject(actors, s, k + 1)
        return None
    if prev in _PRONOUNS:
        return _pronoun(actors, j - 1, spoken)
    if prev in ("who", "which") and j - 2 > s and toks[j - 2] == ",":
        m2 = actors.by_end.get(j - 2)  # "saad al-hariri , who blamed ..."
        return m2 if m2 is not None and m2.etype in _SPEAKER_TYPES else None
    if prev in ("and", "but"):
        # "x spoke with y and expressed concern", "x did not dispute that but added"
        m = _clause_subject(actors, s, j - 1)
        if m is None:
            return None
        if m.start - s <= 3:
            return m
        # after an opening phrase closed by a comma ("later on tuesday , spicer apologized and
        # said"): the subject right after that comma, its predicate free of clause breaks
        if toks[m.start - 1] == "," and j - 1 - m.end <= 20 and \
                _NP_STOP.isdisjoint(toks[m.end:j - 1]):
            return m
        return None
    if j - 3 >= s:  # "representative joe wilson of south carolina said"
        for k in range(j - 2, max(s, j - 5) - 1, -1):
            if toks[k] == "of":
                m = actors.by_end.get(k)
                if m is not None and m.etype == "person" and all(
                        t.isalpha() and not actors.covered[i] or actors.by_start.get(i) is not None
                        for i, t in enumerate(toks[k + 1:j], start=k + 1)):
                    return m
                break
            if toks[k] in ("in", "from", "at"):
                # "judge thomas schroeder in winston-salem wrote", "tillerson in march suggested",
                # "ian rintoul from the refugee action coalition said" (a named person, a place,
                # time, document or organization between; not "x in their states")
                m = actors.by_end.get(k)
                gap = toks[k + 1:j]
                if m is not None and m.etype == "person" and toks[j] not in ("states", "tweets") and \
                        _leads_clause(actors, s, m) and (
                        all(actors.covered[i] or t in _PLACE_TIME_FILL or "-" in t or t.isdigit()
                            for i, t in enumerate(gap, start=k + 1))
                        or (gap[-1] in _ORG_SUFFIXES and all(t.isalpha() for t in gap))):
                    return m
                break
    m = _np_before(actors, s, j) or _org_np(actors, s, j)
    if m is not None and m.start > s:
        p = m.start - 1
        while p > s and toks[p] in ("the", "a", "an", "top", "major", "leading", "big", "large"):
            p -= 1
        if toks[p] in _SUBJECT_PREPS:
            return None  # "an executive at a top u.s. investment bank said": not the bank
    if m is None and prev not in not_name_words() and prev.isalpha():
        m = actors.person_from_surname(j - 1)  # "mcclean wrote", named in full earlier
        if m is None and j - 3 >= s and toks[j - 2] == "and":
            other = actors.by_end.get(j - 2)  # "keller and brandt said", brandt unknown: keller speaks
            if other is not None and other.etype == "person":
                m = other
    return m


# Reporting verbs that also name an act, and the words after them that mark the act.
_ACT_SENSES = frozenset(("charged", "dismissed", "dismisses", "denied", "denies", "welcomed",
                         "welcomes", "questioned"))
_REFUSED = frozenset(("request", "requests", "permission", "access", "entry", "visa", "visas",
                      "bail", "application", "applications", "appeal", "appeals", "asylum",
                      "petition", "clemency", "parole", "licence", "license", "licenses",
                      "membership", "accreditation", "admission", "passage", "landing",
                      "citizenship", "permit", "permits", "passport", "passports", "recognition",
                      "credentials", "treatment", "aid"))
_ACT_DETERMINERS = frozenset(("a", "an", "the", "his", "her", "its", "their", "our", "all", "two",
                              "three", "several", "some"))


def _acts_on(actors: Actors, vs: int, ve: int, e: int) -> bool:
    """The verb at vs is an act here: "charged with" or a passive "was ... charged"; "dismissed"
    / "welcomed" / "questioned" a person or body (not their words: "welcomed abe s decision");
    "denied" a request, a visa, bail."""
    toks = actors.toks
    verb = toks[vs]
    if verb == "charged":
        return (ve < e and toks[ve] == "with") or _passive_before(toks, vs)
    k = ve
    while k < e and toks[k] in _ACT_DETERMINERS:
        k += 1
    if k >= e:
        return False
    if verb in ("denied", "denies"):
        if toks[k] in ("them", "him", "her", "us", "it") and k + 1 < e:
            k += 1  # "denies them access"
        while k < e - 1 and not actors.covered[k] and toks[k + 1] in _REFUSED:
            k += 1  # "denied an exit visa": the head
        return toks[k] in _REFUSED
    m = actors.by_start.get(k)
    while m is not None and m.etype in ("title", "demonym", "country") and \
            actors.by_start.get(m.end) is not None:
        m = actors.by_start.get(m.end)  # "dismissed finance minister x", "welcomed japanese ..."
    # the actor itself is the object, not a possessor of it ("questioned nunes actions")
    return m is not None and m.etype in ("person", "title", "body", "org") and (
        m.end >= e or toks[m.end] in _AFTER_OBJECT)


_AFTER_OBJECT = frozenset((",", ".", ";", ":", "-", "(", "on", "in", "at", "for", "about", "over",
                           "to", "and", "after", "before", "during", "as", "from", "with", "last",
                           "this", "earlier", "yesterday", "today", "who", "when", "while", "but"))


def _passive_before(toks: list[str], vs: int) -> bool:
    """"was arrested and charged", "were charged": a passive auxiliary a few words back."""
    for j in range(vs - 1, max(-1, vs - 5), -1):
        if toks[j] in ("was", "were", "been", "be", "is", "are", "being"):
            return True
        if toks[j] in (",", ";", ":", "that", "who"):
            return False
    return False


def _asserts(toks: list[str], k: int, e: int) -> bool:
    """The words after "maintained" make it a claim: "maintained that ...", "maintained his
    client is not guilty", "as the government has maintained ." (not "maintained close ties")."""
    if k >= e:
        return True  # "as the government has maintained"
    if "that" in toks[k:min(e, k + 4)] or toks[k] in _SUBJECT_PRONOUNS or toks[k] in (",", ":", ".", ";"):
        return True
    return toks[k] in ("his", "her", "their", "its") and k + 1 < e and \
        toks[k + 1] in ("innocence", "client", "clients")


def _appositive_subject(actors: Actors, s: int, j: int) -> Mention | None:
    """"<speaker> , <apposition> [, <more>] , said": the speaker before the comma that opens the
    apposition, where token j - 1 is the comma that closes it."""
    toks = actors.toks
    k = j - 2
    commas = 0
    while k > s and j - k < 45:
        if toks[k] == ",":
            m2 = actors.by_end.get(k) or _np_before(actors, s, k)
            if m2 is not None and m2.etype in _SPEAKER_TYPES and _pp_free(actors, s, m2) and (
                    m2.start == s or (m2.start == s + 1 and toks[s] == "the")
                    or toks[m2.start - 1] in (",", "and", "but", "-", ":")
                    or m2.etype in ("person", "body")):
                return m2
            commas += 1
            if commas > 3:
                break
        k -= 1
    return None


_NP_MODIFIERS = frozenset(("title", "demonym", "country", "seat", "igo", "body", "org"))
_PLAIN_MODIFIERS = frozenset(("former", "then", "late", "democratic", "republican", "acting", "outgoing",
                              "incoming", "senior", "top", "fellow", "new", "deputy"))


def _in_pp(actors: Actors, s: int, m: Mention, but: str = "") -> bool:
    """`m` sits in a prepositional phrase, its modifiers included ("to the houthis", "with prime
    minister juha sipila"): an object, not a clause's subject. `but`: a preposition that does
    not count ("senators , including gillibrand , said": she is one of the subject)."""
    toks = actors.toks
    start = m.start
    prev = actors.by_end.get(start)
    listed = False
    while True:
        while True:
            if prev is not None and prev.start < start and prev.start >= s and prev.etype in _NP_MODIFIERS:
                start = prev.start  # "with [prime minister] [juha sipila]": the phrase opens at the title
            elif start - 1 >= s and toks[start - 1] in _PLAIN_MODIFIERS:
                start -= 1  # "by democratic former president bill clinton"
            else:
                break
            prev = actors.by_end.get(start)
        # a list the phrase ends: "against germany , japan and china" (an "and" closes a list;
        # "lawyer for zarrab , benjamin brafman ," is an apposition)
        link = toks[start - 1] if start - 2 >= s else ""
        if (link == "and" or (link == "," and listed)) and \
                (conj := actors.by_end.get(start - 1)) is not None and conj.etype == m.etype:
            listed = True
            start = conj.start
            prev = actors.by_end.get(start)
            continue
        break
    p = start - 1
    while p >= s and toks[p] in ("the", "a", "an"):
        p -= 1
    if m.etype in ("org", "body", "igo") and p >= s and toks[p] not in _SUBJECT_PREPS:
        # an organization after unknown modifiers and an article: "of the urban-brookings tax
        # policy center", "at conservative think tank the heritage foundation"
        q, plain = p, 0
        while q >= s and plain < 4 and not actors.covered[q] and toks[q] not in _NP_STOP and \
                toks[q].replace("-", "").isalpha() and toks[q] not in _SUBJECT_PREPS and \
                toks[q] not in ("the", "a", "an"):
            q -= 1
            plain += 1
        crossed = False
        while q >= s and toks[q] in ("the", "a", "an"):
            q -= 1
            crossed = True
        if plain and crossed and q >= s and toks[q] in _SUBJECT_PREPS and toks[q] != but:
            return True
    return p >= s and toks[p] in _SUBJECT_PREPS and toks[p] != but


# People who speak for the one named after them: "a spokesman for senator x , ... , said"
_VOICES = _SOURCE_CARRIERS | frozenset(("lawyer", "lawyers", "attorney", "attorneys", "staff", "office",
                                        "aide", "aides", "representative", "representatives"))


def _voice_prep(actors: Actors, s: int, m: Mention, modifiers: bool) -> int:
    """Position of the "for"/"of" before `m` whose head is an unnamed voice ("a spokesman for x",
    "the office of x"), or -1; back over articles and covered tokens (titles), and, with
    `modifiers`, over a few plain words too ("a spokesman for the tax-writing x")."""
    toks = actors.toks
    p = m.start - 1
    while p > s and (actors.covered[p] or toks[p] in ("the", "a", "an") or (
            modifiers and toks[p].replace("-", "").isalpha() and toks[p] not in _SUBJECT_PREPS
            and m.start - p <= 4)):
        p -= 1
    return p if toks[p] in ("for", "of") and p - 1 >= s and toks[p - 1] in _VOICES else -1


def _voiced(actors: Actors, s: int, m: Mention) -> bool:
    """`m` is what an unnamed voice speaks for ("a spokesman for the tax-writing x")."""
    return _voice_prep(actors, s, m, modifiers=True) >= 0


def _pp_free(actors: Actors, s: int, m: Mention) -> bool:
    """`m` can lead a clause: not in a prepositional phrase ("the top democrat on the senate
    committee , ... , said" is not the senate), unless one of a list ("senators , including x ,")
    or the one an unnamed spokesman or lawyer leading the clause speaks for ("a spokeswoman for
    senator x , ... , said")."""
    if not _in_pp(actors, s, m, but="including"):
        return True
    p = _voice_prep(actors, s, m, modifiers=False)
    # the unnamed voice leads the clause ("but the office of x"; not "bartlett , a spokesman for x")
    return p >= 0 and all(t in ("a", "an", "the", "but", "and") for t in actors.toks[s:p - 1])


def _leads_clause(actors: Actors, s: int, m: Mention) -> bool:
    """`m`, with its titles and modifiers, opens the clause ("fcc chairman ajit pai in a statement
    praised"; not "those who voted for trump in 2016 said")."""
    toks = actors.toks
    p = m.start - 1
    titled = False
    while p >= s:
        prev = actors.by_end.get(p + 1)
        if prev is not None and prev.start <= p:
            titled = titled or prev.etype == "title"
            p = prev.start - 1  # a title or modifier before it
        elif actors.covered[p] or toks[p] in ("the", "a", "an", "former", "then", "s"):
            p -= 1
        else:
            break
    # (an unknown body opening the sentence before the title: "fcc chairman ajit pai in ...")
    return p < s or toks[p] in (",", "and", "but", ":", "-") or (titled and p == s)


_SUBJECT_PRONOUNS = frozenset(("he", "she", "it", "they", "we", "i"))
_NOUN_TOO = frozenset(("demands", "claims", "calls", "warnings"))
# How role nouns end ("strategist", "adviser", "director", "economist"): "said the group s top
# strategist , ed rollins"
_ROLE_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent")
_PLACE_TIME_FILL = frozenset(("a", "an", "the", "statement", "interview", "letter", "tweet", "post",
                              "blog", "january", "february", "march", "april", "may", "june", "july",
                              "august", "september", "october", "november", "december", "monday",
                              "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_NP_OPENERS = frozenset(("the", "a", "an", "its", "their", "largest", "biggest", "main", "leading",
                         "top", "several", "some", "many", "most"))


def _clause_subject(actors: Actors, s: int, upto: int) -> Mention | None:
    """First actor of the sentence that is not inside a prepositional phrase; none when a
    pronoun opens the clause ("he declared rubio a choke artist and urged ...": not rubio)."""
    toks = actors.toks
    lead = s + 1 if toks[s] in ("but", "and", "then", "so", "yet") and s + 1 < upto else s
    if toks[lead] in _SUBJECT_PRONOUNS:
        return None
    opener_end = s
    if (toks[lead].endswith("ing") and not actors.covered[lead]) or toks[lead] in _SUBJECT_PREPS:
        # "visiting seoul last week , trump warned ...", "in a speech at the heritage foundation ,
        # zinke denied ...": the opening phrase's objects are no subject
        opener_end = next((k for k in range(lead + 1, min(upto, lead + 15)) if toks[k] == ","), s)
    for m in actors.in_sentence(s):
        if m.start < opener_end:
            continue
        if m.start >= upto:
            break
        nxt = toks[m.end] if m.end < len(toks) else ""
        if m.etype in ("country", "demonym") and m.start > s and toks[m.start - 1] in _NP_OPENERS and \
                m.end < upto and not actors.covered[m.end] and nxt.isalpha() and nxt not in _AUX and \
                nxt not in verbs().index and nxt not in ("and", "or") and not _in_pp(actors, s, m):
            return None  # "the largest u.s. veterans group urged ...": a modifier of an unnamed head
        if m.etype not in _SPEAKER_TYPES and m.etype != "title":
            continue
        p = m.start - 1
        while p >= s and toks[p] in ("the", "a", "an"):
            p -= 1
        if p >= s and toks[p] == "s" or _in_pp(actors, s, m):
            continue
        nxt = toks[m.end] if m.end < len(toks) else ""
        if nxt == "s":
            continue
        head = m  # "u.s. secretary of state rex tillerson": modifiers lead to the head
        while True:
            nm = actors.by_start.get(head.end)
            if nm is None and head.etype in ("body", "igo", "country") and head.end + 1 < upto and \
                    toks[head.end].isalpha() and not actors.covered[head.end] and \
                    (t2 := actors.by_start.get(head.end + 1)) is not None and t2.etype == "title":
                nm = t2  # "white house economic adviser gary cohn": one plain word before the title
            if nm is None and head.etype == "igo" and head.end + 1 < upto and \
                    toks[head.end] in ("member", "ally") and \
                    (t2 := actors.by_start.get(head.end + 1)) is not None and t2.etype == "country":
                nm = t2  # "nato member norway": the state speaks
            if nm is None or nm.etype not in _SPEAKER_TYPES | {"title"}:
                break
            head = nm
        if head.etype == "title" or (head.end < upto and toks[head.end] == "s"):
            return None  # (a possessor: "trump s defense secretary said" is the secretary)
        head_start = m.start
        return head if head_start == head.start else _with_start(head, head_start)
    return None


def _with_start(m: Mention, start: int) -> Mention:
    """The head mention, remembering where its noun phrase began (for the clause-start test)."""
    m2 = Mention(start, m.end, m.etype, m.code, m.name, m.kind, m.country, m.title, m.org, m.sent,
                 m.cluster, m.modifier)
    return m2


def find(actors: Actors, s: int, e: int, spoken: list[Mention] | None = None) -> list[StatementHit]:
    toks = actors.toks
    out: list[StatementHit] = []
    if spoken is None:
        spoken = []
    for vs, ve, _ in verbs().hits(toks, s, e):
        if actors.covered[vs]:
            continue
        cs, ce = ve, e
        # "<speaker> [aux...] said"
        j = vs
        while j > s and toks[j - 1] in _AUX:
            j -= 1
        if toks[vs] == "states" and actors.by_end.get(vs) is not None:
            continue  # "u.s. states", "27 eu states": the noun
        if toks[vs] in _NOUN_TOO and (toks[vs - 1] in ("have", "has", "had", "its", "their", "the")
                                      or toks[vs - 1] in ("u.s.", "us", "eu") or (
                                          (m := actors.by_end.get(vs)) is not None and m.etype == "demonym")):
            continue  # "fend off u.s. demands", "taiwan also have claims": the noun
        if "not" in toks[j:vs] or "never" in toks[j:vs]:
            continue  # "he did not say whether ...", "mueller has not commented": nothing was said
        if toks[vs] == "maintained" and not _asserts(toks, ve, e):
            continue  # "maintained close ties", "a policy they have maintained for decades"
        if toks[vs] in _ACT_SENSES and _acts_on(actors, vs, ve, e):
            continue  # "was arrested and charged with", "dismissed the parliament", "denied a
            # request for asylum", "welcomed abe to the white house": acts, not words
        n_before = len(spoken)
        speaker = _subject_before(actors, s, j, spoken)
        if speaker is not None and toks[vs] == "saying" and j - 1 > s and toks[j - 1] == "," and \
                speaker.end == j - 1 and toks[speaker.start - 1] != "," and \
                not _leads_clause(actors, s, speaker):
            # "trump attacked russia , saying it meddled": the object before the comma does not
            # speak; the clause's subject does (below)
            del spoken[n_before:]
            speaker = None
        if speaker is not None and j > s and toks[j - 1] == "," and toks[vs] in _INVERTIBLE and (
                speaker.etype != "person" or not _leads_clause(actors, s, speaker)):
            # (a person is overridden only as an object: "to ask x , ... , said y")
            after = _head_after(actors, ve, e)
            if after is not None and after.etype == "person" and after.start == ve and (
                    after.end >= e or (toks[after.end] in _AFTER_INVERTED and toks[after.end] != "s")):
                # "... and defund planned parenthood , said joe pojman": the name after the verb
                del spoken[n_before:]
                speaker = None
        conf = 0.75
        if speaker is not None:
            conf = 0.9 if speaker.end == j else 0.65 if j > s and toks[j - 1] in _PRONOUNS else 0.75
            if e - ve <= 8 and "that" not in toks[ve:e] and ":" not in toks[ve:e]:
                # "“we will not back down ,” trump said .": the words come before the speaker
                c = next((i for i in range(speaker.start - 1, max(s, speaker.start - 8) - 1, -1)
                          if toks[i] == ","), None)
                if c is not None and c > s:
                    role = toks[j - 1] == "," and _role_before(actors, c)
                    c2 = next((i for i in range(c - 1, max(s, c - 7) - 1, -1) if toks[i] == ","),
                              None) if role else None
                    if role and c2 is not None and c2 > s:
                        cs, ce = s, c2  # "“...,” its chairwoman , x , said": the words end before it
                    elif not (role and c2 is None and c - s <= 6 and "," not in toks[s:c]):
                        cs, ce = s, c
                    # (else a role opening the sentence: "the firm s spokeswoman , x , said ...")
        if speaker is None and (vs == s or toks[vs - 1] in (",", ":")) and (
                toks[vs] in _INVERTIBLE or toks[vs] == "asked"):
            # ", said <speaker>" - the name must close the clause ("said trump not going" is not it)
            speaker = _head_after(actors, ve, e)
            if speaker is not None and speaker.end < e and toks[speaker.end] not in _AFTER_INVERTED:
                speaker = None
            if speaker is not None and toks[vs] == "asked" and (
                    speaker.start != ve or (speaker.end < e and toks[speaker.end] not in (",", "."))):
                speaker = None  # "“why ?” asked x ." (not "asked about x , y said")
            cs, ce, conf = s, vs, 0.85
        if speaker is None and toks[vs] == "saying" and vs > s and toks[vs - 1] in (",", ":"):
            # "trump reversed course , saying": the sentence's speaker so far, else its subject
            speaker = out[-1].speaker if out else _clause_subject(actors, s, vs)
            conf = 0.6
        if not _speaker_ok(speaker):
            del spoken[n_before:]
            continue
        for extra in spoken[n_before:]:
            if _speaker_ok(extra):
                out.append(StatementHit(vs, ve, extra, cs, ce, 0.7))
        if cs < ce and toks[cs] == ":":
            cs += 1
        spoken.append(speaker)
        out.append(StatementHit(vs, ve, speaker, cs, ce, conf))
    # "according to <speaker>"
    according = positions(toks).get("according", ())
    for i in according[bisect_left(according, s):bisect_left(according, e - 2)]:
        if toks[i + 1] == "to":
            m = _head_after(actors, i + 2, e)
            if _speaker_ok(m):
                spoken.append(m)
                out.append(StatementHit(i, i + 2, m, s, i, 0.8))
    return out


@functools.cache
def not_name_words() -> frozenset[str]:
    from ingestion.extraction.actors import not_name

    return not_name()


def speaker_fields(m: Mention) -> tuple[str, str, str | None, str | None, str | None]:
    """(name, kind, code, country_code, organization) as the marts hold them."""
    if m.etype == "person":
        return m.name, "person", m.code, m.country, None if m.org == "private" else m.org
    if m.etype in ("country", "seat"):
        return m.name, "country", m.code, m.code, None
    if m.etype == "igo":
        return m.name, "organization", m.code, None, m.name
    if m.etype == "body":
        return m.name, "organization", m.code, m.country, m.org or m.name
    return m.name, "organization", m.code, m.country, m.name
