"""Diplomatic contacts: calls, meetings, visits, talks, summits and letters between two or more
distinct actors, read around a contact word in one clause.

Sides: the subject before the contact word (nearest actor in the clause, with the actors
conjoined to it: "tillerson and lavrov spoke by telephone") and the objects after it (after
with / to / between / and / in: "met with x", "a visit to y", "talks between x and y").
A multi-stop trip ("will visit japan , south korea and china") is one visit per host.
Topics ("talks on north korea", "discussed iran s program") are not sides.
Some contact words name their sides themselves: a hyphenated pair ("u.s.-china dialogue",
"trump-putin meeting"), a topic word ("brexit talks" = EU and Britain), "a visit by x to y", "the
visiting head of x s army" told by a host. A contact noun framed by after / during ("praised sisi
after a meeting") with no side of its own is between the people of the clause it frames.
"""

from __future__ import annotations

import functools

from ingestion.extraction import dates, gazetteer, resources, statements
from ingestion.extraction.actors import Actors, Mention, fits_pronoun, known_surnames
from ingestion.extraction.phrases import PhraseSet
from ingestion.extraction.sanctions import actor_code

_MODE_ORDER = ("phone", "visit", "letter", "summit", "meeting", "talks")
_TOPIC_PREPS = frozenset(("on", "over", "about", "regarding", "concerning", "against", "toward",
                          "towards", "into", "by", "for", "of", "at", "like", "than",
                          "including", "as", "under", "within", "among", "across", "behind"))
_OBJECT_PREPS = frozenset(("with", "to", "between", "and", "in", "host", "hosted", "hosts",
                           "hosting", "visit", "visited", "visiting", "visits", "met", "meet",
                           "meets", "called", "phoned", "telephoned", "&", "counterpart",
                           "counterparts", "from"))
_SUBORD = frozenset(("after", "before", "while", "when", "because", "although", "though", "but",
                     "whereas", "since", "as", "if", "which", "where", "despite", "amid", "so",
                     "until", "unless", "whether"))
_CHAIN = frozenset(("and", ",", "s", "the", "&", "his", "her", "its", "their", "both", "of", "to"))
_GROUP_HEADS = frozenset(("officials", "official", "delegation", "delegations", "leaders", "leader",
                          "diplomats", "diplomat", "envoys", "envoy", "negotiators", "counterpart",
                          "counterparts", "government", "authorities", "ministers", "minister",
                          "generals", "commanders", "representatives", "chiefs"))
# words that may follow a side named after the contact word ("met china s xi", "met russia on")
_AFTER_SIDE = frozenset(("and", "on", "in", "at", "to", "for", "over", "about", "during", "after",
                         "before", "s", "who", "which", "that", "leaders", "officials", "counterpart",
                         "counterparts", "delegation", "representatives", "envoy", "diplomats",
                         "ministers", "last", "this", "next", "earlier", "later", "as", "amid",
                         "where", "when", "while", "since", "until", "with", "but", "or", "from",
                         "government", "authorities", "monday", "tuesday", "wednesday", "thursday",
                         "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "by",
                         "despite", "because", "ahead", "under", "between", "following",
                         "he", "she", "they", "we", "it", "i"))
# a verb right after a side named straight after with / to ("a visit to france was aimed at")
_AUX = frozenset(("was", "were", "is", "are", "has", "have", "will", "would"))
_TALK_VERBS = frozenset(("discussed", "discuss", "discusses", "discussing", "negotiate",
                         "negotiated", "negotiating"))
_NON_PARTNER = frozenset(("demands", "criteria", "targets", "expectations", "target", "demand",
                          "requirements", "needs", "deadline", "deadlines", "obligations",
                          "standards", "goals", "conditions", "commitments"))
_FIGURATIVE = frozenset(("strong", "clear", "powerful", "tough", "unmistakable", "firm", "stern",
                         "mixed", "wrong", "right", "political"))
_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "its", "their", "our"))
# Words that may open a side's noun phrase before its actor ("with senior chinese officials")
_NP_ADJECTIVES = frozenset(("senior", "top", "high-level", "high-ranking", "visiting", "other",
                            "several", "both", "two", "three", "some", "fellow", "key", "leading",
                            "former", "new"))
_SIDE_TYPES = frozenset(("country", "seat", "body", "igo", "org", "person", "title", "demonym"))


@functools.cache
def triggers() -> PhraseSet:
    ps = PhraseSet([])
    for mode, words in resources.lexicons()["contact_triggers"].items():
        ps.add(PhraseSet(words, mode))
    return ps


@functools.cache
def _groups() -> frozenset[str]:
    return frozenset(resources.lexicons()["contact_groups"])


@functools.cache
@functools.cache
def _domestic_bodies() -> frozenset[str]:
    """Bodies that speak but hold no diplomatic contacts (central banks, regulators, police)."""
    return frozenset(str(w) for w in resources.lexicons()["non_diplomatic_bodies"])


def planned() -> PhraseSet:
    return PhraseSet(resources.lexicons()["planned_cues"], "planned")


@functools.cache
def no_contact() -> PhraseSet:
    return PhraseSet(resources.lexicons()["no_contact_cues"], "none")


@functools.cache
def _implied() -> dict[str, list[str]]:
    return resources.lexicons()["contact_implied_sides"]


@functools.cache
def _pair_forms() -> dict[str, str]:
    return resources.lexicons()["contact_pair_forms"]


_PAIR_TYPES = frozenset(("country", "igo", "demonym", "seat"))
_PAIR_STOP = frozenset(("during", "a", "an", "the", "in", "at", "with", "to", "on", "of", "for",
                        "after", "before", "or", "relations", "ties", "relationship",
                        "tensions", "dispute", "border", "conflict", "war"))


def _part_mention(actors: Actors, part: str, j: int) -> Mention | None:
    """One half of a hyphenated pair ("u.s." of "u.s.-china", "putin" of "trump-putin"): a state,
    IGO or demonym from the gazetteer, a combining form ("sino"), or a person named in the article
    or well known."""
    part = part.strip(".") if part not in gazetteer.entries() else part
    ent = gazetteer.entries().get(part)
    if ent is not None and ent.etype in _PAIR_TYPES and ent.code:
        return Mention(j, j + 1, ent.etype, ent.code, ent.name, "country" if ent.etype != "igo" else "igo",
                       ent.code)
    code = _pair_forms().get(part)
    if code:
        return Mention(j, j + 1, "country", code, gazetteer.country_name(code), "country", code)
    idx = actors.person_index.get(part)
    if idx is not None:
        p = actors.people[idx]
        if p.code:
            return Mention(j, j + 1, "person", p.code, p.name, "person", p.country, p.title, p.org)
    ent = known_surnames().get(part)
    if ent is not None and ent.code:
        return Mention(j, j + 1, "person", ent.code, ent.name, "person", ent.code, None, ent.org)
    return None


def _pair_sides(actors: Actors, s: int, ts: int) -> list[Mention]:
    """Sides named by a hyphenated pair right before the contact word ("u.s.-china comprehensive
    economic dialogue", "trump-putin meeting", "israeli-palestinian talks"): a pair names both
    sides of the contact itself, so no subject or object is needed."""
    toks = actors.toks
    for j in range(ts - 1, max(s, ts - 4) - 1, -1):
        t = toks[j]
        if "-" in t and not actors.covered[j]:
            parts = t.split("-")
            if len(parts) != 2 or not all(parts):
                return []
            if j > s and f"{toks[j - 1]} {parts[0]}" in gazetteer.entries():
                parts[0] = f"{toks[j - 1]} {parts[0]}"  # "north korea-u.s. talks"
            ms = [_part_mention(actors, x, j) for x in parts]
            if all(ms) and len({actor_code(m) for m in ms}) == 2:
                return ms
            return []
        if t == "." and j > s and "-" in toks[j - 1]:
            continue  # "sino-u.s . talks": the tokenizer splits the final stop off
        if actors.covered[j] or not t.isalpha() or t in statements.verbs().index or \
                t in _PAIR_STOP:
            return []  # "discussed u.s.-russia relations during a meeting": the pair is a topic
    return []


def _code_mention(code: str, j: int) -> Mention:
    ent = gazetteer.entries().get(code.lower())
    if ent is not None and ent.etype == "igo":
        return Mention(j, j + 1, "igo", code, ent.name, "igo", code)
    return Mention(j, j + 1, "country", code, gazetteer.country_name(code), "country", code)


def _implied_sides(toks: list[str], s: int, ts: int, mode: str) -> list[Mention]:
    """"brexit negotiations": a topic word that itself names both sides of the talks."""
    if mode != "talks":
        return []
    for j in range(ts - 1, max(s, ts - 3) - 1, -1):
        codes = _implied().get(toks[j])
        if codes:
            return [_code_mention(c, j) for c in codes]
    return []


@functools.cache
def cancelled() -> PhraseSet:
    return PhraseSet(resources.lexicons()["cancelled_cues"], "cancelled")


class ContactHit:
    """One contact at [start, end); `confidence` in [0, 1]: both sides named around the contact
    word (0.85) over both after it ("talks between x and y", 0.75), a pronoun side (0.65) and the
    sentence's speaker as a side (0.6)."""

    __slots__ = ("start", "end", "mode", "status", "participants", "lo", "hi", "confidence", "recap")

    def __init__(self, start, end, mode, status, participants, lo, hi, confidence: float = 0.6):
        self.start, self.end, self.mode, self.status = start, end, mode, status
        self.participants, self.lo, self.hi = participants, lo, hi
        self.confidence = confidence
        # "the two discussed ...": tells more of a contact already reported between the same sides
        self.recap = False


_CIVILIANS = frozenset(("residents", "citizens", "nationals", "people", "families", "students",
                        "workers", "tourists", "travelers", "travellers", "pilgrims", "migrants",
                        "refugees", "fans", "companies", "firms", "investors", "businesses",
                        "businessmen", "journalists", "reporters", "troops", "soldiers", "athletes",
                        "resident", "citizen", "national", "student", "worker", "tourist",
                        "businessman", "journalist", "reporter", "soldier", "athlete", "company",
                        "firm", "investor", "lawyer", "victims", "survivors", "priests",
                        "villagers", "entrepreneurs", "executives", "veterans", "activists",
                        "dissidents", "believers", "worshippers", "faithful"))
# people met who are no envoys of the state named after them ("meet refugees from x"); troops
# met on a visit still mark its host ("visited u.s. troops in iraq")
_PRIVATE_PEOPLE = _CIVILIANS - {"troops", "soldiers", "soldier"}
_HOST_FORMS = frozenset(("host", "hosts", "hosted", "hosting"))


_ENVOYS = frozenset(("ambassador", "ambassadors", "envoy", "envoys", "representative", "representatives",
                     "emissary", "delegate", "delegates", "delegation", "consul", "mission"))


def _side_code(m: Mention, toks: list[str], e: int) -> str | None:
    """Code of a mention that can be a side of a contact (a demonym only as "chinese officials";
    a state only as itself, not as the home of its residents, tourists or firms)."""
    if m.etype not in _SIDE_TYPES or (m.etype == "org" and m.code not in _groups()):
        return None
    if m.etype in ("body", "igo") and m.name in _domestic_bodies():
        return None  # "the bundesbank and the ecb are watching the negotiations": no diplomacy
    if m.start >= 2 and toks[m.start - 1] == "of" and toks[m.start - 2] in _CIVILIANS:
        return None
    if m.etype in ("country", "demonym", "seat") and m.end < e and toks[m.end] in _CIVILIANS:
        return None  # "a u.s. resident who traveled to japan"
    p = m.start - 1
    if p >= 1 and toks[p] == "the":
        p -= 1
    if p >= 1 and toks[p] == "to" and toks[p - 1] in _ENVOYS:
        return None  # "u.s. ambassador to the united nations nikki haley": her posting, not a side
    if m.etype == "demonym":
        nxt = toks[m.end] if m.end < e else ""
        if nxt not in _GROUP_HEADS and nxt != "and":
            return None
    if m.etype == "title" and (m.title == "private" or not (m.country or (m.code and m.code.isupper()))):
        return None
    if m.etype == "person" and (m.org == "private" or (m.title == "private" and not m.org)):
        return None
    return actor_code(m)


def _left_boundary(actors: Actors, s: int, ts: int) -> int:
    toks = actors.toks
    verbs = statements.verbs()
    j = ts - 1
    covered = actors.covered
    while j >= s:
        t = toks[j]
        if covered[j]:
            j -= 1
            continue
        if t in (";", ":") or (t in _SUBORD and j + 1 < ts and (
                t != "as" or j == s or toks[j - 1] in (",", "-"))):
            # ", shortly after his victory , accepted a call": a parenthetical, skip over it
            k = j - 1
            while k >= s and toks[k] in ("shortly", "just", "soon", "only", "even", "right", "long"):
                k -= 1
            if k > s and toks[k] == "," and "," in toks[j + 1:ts]:
                j = k - 1
                continue
            return j + 1
        if t in verbs.index and verbs.at(toks, j, ts):
            return j + 1
        j -= 1
    return s


def _right_boundary(actors: Actors, te: int, e: int) -> int:
    toks = actors.toks
    verbs = statements.verbs()
    covered = actors.covered
    for j in range(te, e):
        t = toks[j]
        if covered[j]:
            continue
        if t in (";", ":", ".") or t in _SUBORD or (t in verbs.index and verbs.at(toks, j, e)):
            return j
        if t == "," and j + 1 < e and toks[j + 1] in ("who", "which", "where", "after", "but", "as"):
            return j
    return e


_ROLE_HEADS = _GROUP_HEADS | frozenset(("adviser", "advisor", "secretary", "chief", "head",
                                        "ambassador", "representative", "emissary", "negotiator",
                                        "president", "premier", "chancellor"))


def _role_gap(gap: list[str], nxt: Mention) -> bool:
    """"trump s middle east envoy and netanyahu": x's role-holder is x's side."""
    if not (gap and gap[0] == "s" and len(gap) <= 6 and all(t.isalpha() for t in gap)):
        return False
    return (nxt.etype == "title" and len(gap) <= 4) or (
        len(gap) >= 3 and gap[-1] == "and" and gap[-2] in _ROLE_HEADS)


def _chain_left(ments: list[Mention], i: int, toks: list[str]) -> list[Mention]:
    """The subject and the actors listed with it ("x , y and z met"). Read leftwards, a list
    closes with "and" before any bare comma, so "before he met x , y sat down with z" keeps x out."""
    out = [ments[i]]
    k = i - 1
    conjoined = ments[i].end < len(toks) and toks[ments[i].end] in ("and", "&")  # "x , y and others"
    while k >= 0:
        gap = toks[ments[k].end:out[-1].start]
        if gap == [","] and not conjoined:
            break
        if (len(gap) <= 3 and all(t in _CHAIN for t in gap)) or _role_gap(gap, out[-1]):
            conjoined = conjoined or "and" in gap or "&" in gap
            out.append(ments[k])
            k -= 1
        else:
            break
    return out


def _chain_right(ments: list[Mention], i: int, toks: list[str]) -> list[Mention]:
    out = [ments[i]]
    k = i + 1
    while k < len(ments):
        gap = toks[out[-1].end:ments[k].start]
        if len(gap) <= 3 and all(t in _CHAIN for t in gap):
            out.append(ments[k])
            k += 1
        else:
            break
    return out


def find(actors: Actors, s: int, e: int, speaker: Mention | None = None) -> list[ContactHit]:
    """Contacts in sentence [s, e); `speaker` = who speaks in that sentence, if anyone."""
    toks = actors.toks
    hits = triggers().hits(toks, s, e)
    if not hits:
        return []
    sent_ments = [m for m in actors.in_sentence(s) if s <= m.start < e]
    out: list[ContactHit] = []
    for ts, te, mode in hits:
        if no_contact().any_in(toks, max(s, ts - 8), ts):
            continue
        if ts > s and (toks[ts - 1] == "to" or (toks[ts - 1] == "and" and toks[ts] in _BARE_TALK and
                                                "to" in toks[max(s, ts - 8):ts - 1])) and \
                _CALL_CUES.any_in(toks, max(s, ts - 16), ts):
            continue  # "called for the united states and north korea to negotiate", "urged x and
            # y to tone down their rhetoric and negotiate together"
        if toks[ts] in ("meet", "meets", "met") and any(t in _NON_PARTNER for t in toks[te:te + 4]):
            continue  # "meet all the nominal criteria", "met the deadline"
        if mode == "letter" and any(t in _FIGURATIVE for t in toks[max(s, ts - 3):ts]):
            continue  # "send a very strong message to iran"
        if toks[ts] == "by" and te < e and toks[te] == "from":
            continue  # "told a briefing by phone from sanaa": a remote briefing, no call
        if ts > s and toks[ts - 1] == "business":
            continue  # "a business meeting with uae officials", "a business trip": commerce
        if toks[ts] in _HOST_FORMS and not _hosts_guests(actors, te, e):
            continue  # "host millions of syrian refugees", "hosted joint military exercises with
            # russia": what is hosted is no guest and no contact
        lo = _left_boundary(actors, s, ts)  # (after the cheap rejections: it has no side effect)
        hi = _right_boundary(actors, te, e)
        # the object side ends where a clause opening the sentence ends: "as trump and netanyahu
        # prepare for their meeting , focus has shifted to iran s missile test"
        side_hi = toks.index(",", te, hi) if lo - 1 == s and toks[s] in _SUBORD and \
            "," in toks[te:hi] else hi
        pair = _pair_sides(actors, s, ts) or _implied_sides(toks, s, ts, mode)
        if pair:
            out.append(_hit(actors, s, e, ts, te, mode, pair, lo, hi, 0.8))
            continue
        if toks[ts] == "visiting":
            sides = _visiting_np(actors, sent_ments, s, ts, e, lo)
            if sides:
                out.append(_hit(actors, s, e, ts, te, mode, sides, lo, hi, 0.75))
                continue
        if any(toks[j] == "who" and toks[j - 1] == "," for j in range(max(s + 1, ts - 3), ts)) \
                and "," in toks[te:hi]:
            hi = toks.index(",", te, hi)  # "x , who met y on thursday , has delayed ...": the clause
            side_hi = min(side_hi, hi)
        ments = sent_ments
        # subject side
        left: list[Mention] = []
        cand = [i for i, m in enumerate(ments) if lo <= m.start and m.end <= ts
                and _side_code(m, toks, e) and not (m.start > s and toks[m.start - 1] in _TALK_VERBS)]
        if not cand and lo > s and toks[lo - 1] in ("who",) and lo - 2 >= s and toks[lo - 2] == ",":
            cand = [i for i, m in enumerate(ments) if m.end == lo - 2 and _side_code(m, toks, e)]
        # a city after a verb is a place ("trump left beijing"), a side only as a subject;
        # a state after in/at/from is a place too ("bombing in syria s idlib")
        cand = [i for i in cand if (ments[i].etype != "seat" or ments[i].start == lo
                or toks[ments[i].start - 1] in ("and", ",", "between", "the", "both"))
                and not (ments[i].etype in ("country", "seat") and ments[i].start > s
                         and toks[ments[i].start - 1] in ("in", "at", "from", "into", "across", "to"))]
        if cand:
            i = cand[-1]
            # "carter page , an adviser to trump , has arrived": the side is before the apposition
            commas = [k for k in range(ments[i].end, ts) if toks[k] == ","]
            if commas:
                opening = next((k for k in range(lo, ments[i].start) if toks[k] == ","), None)
                before = [c for c in cand if opening is not None and ments[c].end == opening]
                if before:
                    i = before[-1]
                elif opening is not None:
                    cand = []
            if not cand:
                i = -1
        link = ts - 1 if ts - 1 > s and toks[ts - 1] in _PARTICIPLE_LINKS else next(
            (k for k in range(max(s + 1, ts - 4), ts - 1) if toks[k] in _PARTICIPLE_LINKS | {"by"}
             and toks[k + 1].endswith("ing") and not actors.covered[k + 1]), -1)
        if cand and i >= 0 and link > 0 and ments[i].end <= link:
            # "x did not mention north korea ... while meeting tillerson", "x upset china by
            # taking a call from y": the participle's subject is the clause's, not the object
            # nearest to it
            subj = statements._clause_subject(actors, s, link)
            if subj is not None and subj.start >= lo and _side_code(subj, toks, e):
                c = next((c for c in cand if ments[c].start <= subj.start < ments[c].end
                          or ments[c].end == subj.end), None)
                if c is not None:  # the subject with those listed after it ("trump and duterte")
                    i = c + len(_chain_right(ments, c, toks)) - 1
        if cand and i >= 0:
            left = _chain_left(ments, i, toks)
            left = [m for m in left if m.start >= lo or m is ments[i]]
            prev = toks[left[-1].start - 1] if left[-1].start > lo else ""
            if prev in _TOPIC_PREPS and prev not in ("of",):
                left = []
        conf = 0.85  # both sides named around the contact word
        if left and any(t in ("he", "she") for t in toks[left[0].end:ts]):
            left = []  # "trump told north korea as he wrapped up a visit": the pronoun is the subject
        recap = False
        if not left:
            left = _the_two(actors, lo, ts)
            recap = bool(left) and toks[ts] in _TALK_VERBS
            if not left:
                left = _pronoun_subject(actors, sent_ments, lo, ts, s, e, speaker)
            conf = 0.65 if left else 0.75  # coreference; else both sides after the word
        # object side: actors after the trigger linked to it ("met x", "talks with x", "a visit to
        # x"); topics ("discussed u.s. sanctions on russia with x") are skipped over
        right: list[Mention] = []
        i = 0
        while i < len(ments):
            m = ments[i]
            if m.start < te or not _side_code(m, toks, e):
                i += 1
                continue
            if m.start >= side_hi or m.start - te > 14:
                break
            # start of the noun phrase: back over modifiers ("turkish foreign minister x")
            np_start = m.start
            while np_start > te and (actors.covered[np_start - 1] or toks[np_start - 1] in _DETERMINERS
                                     or toks[np_start - 1] in _NP_ADJECTIVES
                                     or _hyphen_modifier(toks[np_start - 1])):
                np_start -= 1
            prev = toks[np_start - 1] if np_start > te else ""
            nxt = toks[m.end] if m.end < e else ""
            gap = toks[te:np_start]
            if any(gap[k] == "to" and k + 1 < len(gap) and gap[k + 1] not in _DETERMINERS
                   and not actors.covered[te + k + 1] for k in range(len(gap))):
                break  # "a meeting to end the investigation into ... between x and y"
            if any(t in _PRIVATE_PEOPLE and not actors.covered[te + k] for k, t in enumerate(gap)):
                break  # "to meet rohingya refugees from myanmar": people, not the state's envoys
            last_topic = max((k for k, t in enumerate(gap) if t in _TOPIC_PREPS), default=-1)
            last_link = max((k for k, t in enumerate(gap) if t in ("with", "between", "to")), default=-1)
            if prev in _TOPIC_PREPS or last_topic > last_link or (
                    m.etype in ("country", "igo", "seat", "body") and nxt.isalpha()
                    and nxt not in _AFTER_SIDE and not actors.covered[m.end]
                    and not (nxt in _AUX and prev in ("to", "with") and np_start == te + 1)):
                # a topic ("meetings on trade and north korea") or a modifier ("eu standards")
                i += 1
                continue
            if prev == "in" and mode not in ("visit", "summit"):
                # "met in jerusalem (and ramallah)": places, not sides; a side may follow them
                # ("held a meeting in manila on monday with his japanese counterpart")
                k = i + len(_chain_right(ments, i, toks))
                nxt_side = next((j for j in range(k, len(ments)) if _side_code(ments[j], toks, e)), None)
                gap_from = ments[k - 1].end
                if nxt_side is None or not _with_after_place(
                        [t for q, t in enumerate(toks[gap_from:ments[nxt_side].start], gap_from)
                         if not actors.covered[q]]):  # (a modifier of the side is no gap: "with peruvian")
                    break
                i = nxt_side
                continue
            if toks[ts] in _TALK_VERBS and no_contact().any_in(toks, te, np_start):
                break  # "meet to discuss reviving peace talks with x": x is no side of the meeting
            if toks[ts] in _TALK_VERBS and (np_start == te or not ({"with", "between"} & set(gap))):
                i += 1
                continue  # "discussed north korea in calls with trump", "discussed concerns related
                # to the dprk": the object is the topic; only "with x" is a side
            if np_start == te or prev in _OBJECT_PREPS:
                right = [r for r in _chain_right(ments, i, toks) if r.start < side_hi]
            break
        if mode == "visit" and not left:
            left = _visit_by(actors, sent_ments, te, hi, e)
        if mode == "visit" and len({actor_code(m) for m in right}) > 1 and left:
            # one visit per host
            left = [m for m in left if _side_code(m, toks, e)]
            lcodes = {actor_code(m) for m in left}
            for r in right:
                if not _side_code(r, toks, e):
                    continue
                rc = actor_code(r)
                if rc in lcodes:
                    continue
                out.append(_hit(actors, s, e, ts, te, mode, left + [r], lo, hi, conf))
            continue
        if mode == "visit" and not left and len({actor_code(m) for m in right}) > 1 and \
                all(m.etype in ("country", "seat", "igo") for m in right) and \
                toks[ts] not in ("hosted", "hosts", "host", "hosting") and \
                "between" not in toks[te:right[0].start]:
            continue  # "manafort traveled to mexico , china and ecuador": hosts, no visitor
        if not left and not right and mode in ("meeting", "summit", "talks"):
            left = _framed_sides(actors, sent_ments, s, ts, e)
            conf = 0.6
        if mode == "summit":  # "a g20 summit": the summit's name is no side
            left = [m for m in left if m.end < ts - 1 or m.etype == "person"]
        left = [m for m in left if _side_code(m, toks, e)]
        right = [m for m in right if _side_code(m, toks, e)]
        if mode == "letter" and not left and len({actor_code(m) for m in right}) > 1:
            continue  # "would convey that message to the eu and nato": recipients, no sender
        if not left and right and any(t in ("with", "to") for t in toks[te:right[0].start]) and \
                mode != "letter" and not _speaker_frame(toks, s, ts):
            continue  # "negotiating with china and russia": whose side is the subject's is unknown
        parts = left + right
        if len({actor_code(m) for m in parts}) == 1 and speaker is not None and \
                _side_code(speaker, toks, e) and actor_code(speaker) not in {actor_code(m) for m in parts} \
                and ((mode == "letter" and not left) or _speaker_frame(toks, s, ts)):
            parts.append(speaker)  # "in a letter to guterres , ja song nam said": the speaker's side
            conf = 0.6
        if not 2 <= len({actor_code(m) for m in parts}) <= 5:
            continue  # a list of eight states is a membership roll, not one contact
        if not any((c := actor_code(m)) and c.isupper() for m in parts):
            continue  # two groups and no state or international body: not diplomacy ("fatah and hamas")
        out.append(_hit(actors, s, e, ts, te, mode, parts, lo, hi, conf))
        out[-1].recap = recap
    # one contact per participant set in a sentence: the strongest mode wins
    best: dict[frozenset, ContactHit] = {}
    for h in out:
        k = frozenset(actor_code(m) for m in h.participants)
        if k not in best or _MODE_ORDER.index(h.mode) < _MODE_ORDER.index(best[k].mode):
            best[k] = h
    return sorted(best.values(), key=lambda h: h.start)


_WHEN_WORDS = frozenset(("on", "this", "last", "next", "week", "month", "earlier", "later", "today",
                         "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday", ","))


def _hyphen_modifier(t: str) -> bool:
    """A hyphenated word before a side modifies it: "then-candidate x", "the u.s.-led nato"."""
    return "-" in t[1:-1] and t.replace("-", "").replace(".", "").isalpha()


def _with_after_place(gap: list[str]) -> bool:
    """"in manila on monday with his": only a day between the place and "with" + its side."""
    if "with" not in gap:
        return False
    w = gap.index("with")
    return all(t in _WHEN_WORDS for t in gap[:w]) and all(t in _DETERMINERS for t in gap[w + 1:])


def _visit_by(actors: Actors, sent_ments: list[Mention], te: int, hi: int, e: int) -> list[Mention]:
    """"a visit by finnish prime minister juha sipila to paris": the side after "by" is the
    visitor (a person or a state's officials, not a place)."""
    toks = actors.toks
    for j in range(te, min(hi, te + 6)):
        if toks[j] != "by":
            continue
        k = j + 1
        while k < hi and toks[k] in _DETERMINERS:
            k += 1
        ms = [m for m in sent_ments if k <= m.start < min(hi, k + 6) and _side_code(m, toks, e)]
        ms = [m for m in ms if m.start == k or actors.covered[m.start - 1]]
        if ms and any(m.etype in ("person", "title", "demonym") for m in ms):
            return [m for m in ms if actor_code(m) == actor_code(ms[0])]
        return []
    return []


_CALL_CUES = PhraseSet(["called for", "calls for", "calling for", "call for", "urged", "urges",
                        "urging", "pressed", "pressing", "wants", "want", "wanted"], "call")

_HOST_VERBS = frozenset(("told", "met", "greeted", "received", "welcomed", "hosted", "assured",
                         "urged", "informed", "thanked"))


def _visiting_np(actors: Actors, sent_ments: list[Mention], s: int, ts: int, e: int,
                 lo: int) -> list[Mention]:
    """"a senior chinese general told the visiting head of myanmar s army": an adjectival
    "visiting" names the visitor (its noun phrase, "of" included) and the verb's subject hosts."""
    toks = actors.toks
    if ts - 1 < s or toks[ts - 1] not in ("the", "a", "his", "her", "their") or ts - 2 < s or \
            toks[ts - 2] not in _HOST_VERBS:
        return []
    visitor = None
    for m in sent_ments:
        if m.start <= ts:
            continue
        gap = toks[ts + 1:m.start]
        if m.start - ts > 8 or any(t in (",", ";", ":", ".", "who", "that", "on", "in", "at")
                                   for t in gap):
            break
        if _side_code(m, toks, e):
            visitor = m
            break
    if visitor is None:
        return []
    j = ts - 2
    host_lo = _left_boundary(actors, s, j)
    host = [m for m in sent_ments if host_lo <= m.start and m.end <= j and _side_code(m, toks, e)]
    if not host or actor_code(host[-1]) == actor_code(visitor):
        return []
    return [host[-1], visitor]


_NOMINAL_STARTS = frozenset(("a", "an", "the", "their", "his", "her", "earlier", "last", "first",
                             "recent", "private", "working", "closed-door", "bilateral", "two-day"))


def _framed_sides(actors: Actors, sent_ments: list[Mention], s: int, ts: int,
                  e: int) -> list[Mention]:
    """"juncker had disparaged may s demeanor after a dinner last week": a contact noun framed by
    after / during / following with no side of its own was between the people of the clause it
    frames (people or groups only: "china criticized japan after a summit" names no meeting)."""
    toks = actors.toks
    j = ts - 1
    while j >= s and toks[j] in _NOMINAL_STARTS:
        j -= 1
    if j < s or j == ts - 1 or toks[j] not in ("after", "during", "following"):
        return []
    lo = _left_boundary(actors, s, j)
    if lo > s and toks[lo - 1] in _HOST_VERBS | {"praised", "thanked", "criticized", "blamed"}:
        lo = _left_boundary(actors, s, lo - 1)  # "trump praised sisi after a meeting"
    ms = [m for m in sent_ments if lo <= m.start and m.end <= j and _side_code(m, toks, e)]
    people = [m for m in ms if m.etype == "person"]
    if len({actor_code(m) for m in people}) == 2:
        ms = people  # "u.s. president donald trump praised egyptian president al-sisi"
    if len({actor_code(m) for m in ms}) != 2 or not all(
            m.etype == "person" or (m.end < e and toks[m.end] in _GROUP_HEADS) for m in ms):
        return []
    return ms


_TWO_NOUNS = frozenset(("men", "women", "leaders", "ministers", "presidents", "sides", "officials",
                        "diplomats", "envoys", "countries", "nations", "governments"))
_TWO_STATES = frozenset(("sides", "countries", "nations", "governments"))


def _the_two(actors: Actors, lo: int, ts: int) -> list[Mention]:
    """"lavrov said he told tillerson when the two men met": the two people (or states) named
    last before "the two", in this or the previous sentence."""
    toks = actors.toks
    j = ts - 1
    while j >= lo and (toks[j] in _AUX or toks[j] in ("had", "also", "again", "later", "then", "first")):
        j -= 1
    kinds = ("person",)
    if j >= lo and toks[j] in _TWO_NOUNS:
        if toks[j] in _TWO_STATES:
            kinds = ("country", "seat")  # "the two countries held talks"
        j -= 1
    if not (j - 1 >= lo and toks[j] == "two" and toks[j - 1] == "the"):
        return []
    sent = actors.sent_of[j]
    found: list[Mention] = []
    codes: set = set()
    for m in reversed(actors.recent(sent, 1)):
        if m.end > j - 1 or m.etype not in kinds:
            continue
        code = actor_code(m)
        if code and code not in codes and _side_code(m, toks, len(toks)):
            codes.add(code)
            found.append(m)
            if len(found) == 2:
                return found
    return []


_PRONOUNS = frozenset(("he", "she", "his", "her"))
_BARE_TALK = frozenset(("negotiate", "meet", "talk", "discuss", "visit"))
_PARTICIPLE_LINKS = frozenset(("while", "after", "before", "when", "since"))
_FRAMES = frozenset(("after", "following", "during", "before", "ahead"))


def _speaker_frame(toks: list[str], s: int, ts: int) -> bool:
    """"..., x said after talks with y", "x said at the start of talks with y": a framing
    preposition right before the contact word."""
    j = ts - 1
    while j >= s and toks[j] in ("a", "an", "the", "his", "her", "their", "its", "of", "first",
                                  "recent", "latest", "separate", "start", "end", "opening", "close",
                                  "beginning", "sidelines", "margins"):
        j -= 1
    return j >= s and (toks[j] in _FRAMES or (toks[j] in ("at", "on") and j + 1 < ts))


def _pronoun_subject(actors: Actors, sent_ments: list[Mention], lo: int, ts: int, s: int,
                     e: int, speaker: Mention | None = None) -> list[Mention]:
    """"he will visit japan": the pronoun is the person speaking in this sentence ("during his
    visit to washington , erdogan said"), else the last person named before it (this or the
    previous two sentences)."""
    toks = actors.toks
    if not any(toks[j] in _PRONOUNS for j in range(max(lo, ts - 6), ts)):
        return []
    p = next((j for j in range(ts - 1, max(lo, ts - 6) - 1, -1) if toks[j] in _PRONOUNS), None)
    if p is None:
        return []
    pron = toks[p]
    if speaker is not None and speaker.etype == "person" and actor_code(speaker) and \
            fits_pronoun(speaker, pron):
        return [speaker]
    sent = actors.sent_of[p]
    for m in reversed(actors.recent(sent, 2)):
        if m.end <= p and m.etype == "person" and actor_code(m) and actors.sent_of[m.start] >= sent - 2 \
                and not (actors.sent_of[m.start] < sent and _with_object(actors, m)) \
                and fits_pronoun(m, pron):
            return [m]
        if m.end <= p and actors.sent_of[m.start] < sent - 2:
            break
    return []


def _with_object(actors: Actors, m: Mention) -> bool:
    """`m` is the one met: "where she met with president x . on friday she will meet y" (in a
    later sentence, she is not x; in the same one she may be: "with x when he visits")."""
    toks = actors.toks
    j = m.start - 1
    while j >= 0 and (actors.covered[j] or toks[j] in _DETERMINERS or toks[j] in _NP_ADJECTIVES):
        j -= 1  # back over the title and its modifiers
    return j >= 0 and toks[j] == "with"


_MEET_VERBS = frozenset(("meet", "meets", "met", "meeting"))
_TALK_NOUNS = frozenset(("talks", "negotiations", "consultations", "dialogue"))


def _meets_for_talks(toks: list[str], ts: int, te: int, hi: int) -> bool:
    """"will meet next week for a third round of talks": the meeting is a round of the talks."""
    if toks[ts] not in _MEET_VERBS:
        return False
    for j in range(te, min(hi, te + 5)):
        if toks[j] == "for":
            k = j + 1
            while k < min(hi, j + 6) and toks[k] not in _TALK_NOUNS:
                k += 1
            return k < hi and toks[k] in _TALK_NOUNS and all(t.isalpha() for t in toks[j + 1:k])
    return False


def _hit(actors, s, e, ts, te, mode, parts, lo, hi, conf: float = 0.6) -> ContactHit:
    toks = actors.toks
    if mode == "meeting" and _meets_for_talks(toks, ts, te, hi):
        mode = "talks"
    status = "occurred"
    if cancelled().any_in(toks, max(lo, ts - 8), min(e, te + 4)):
        status = "cancelled"
    elif _plan_cues(toks, max(lo, ts - 8), min(hi, te + 10)) or (
            any(toks[j] in ("will", "shall") for j in range(lo, ts)) and
            any(toks[j] in ("during", "on", "at", "ahead") for j in range(max(lo, ts - 3), ts))) or \
            _would_before(toks, lo, ts):
        status = "planned"  # "mnuchin will raise the issue during his trip to ottawa on friday"
        if _past_purpose(toks, lo, hi, ts, te):
            status = "occurred"
    return ContactHit(ts, te, mode, status, parts, lo, hi, conf)


def _plan_cues(toks: list[str], a: int, b: int) -> list[tuple[int, int, str | None]]:
    """The plan cues in [a, b), but "to hold" / "would hold" only when a contact word follows
    within six tokens ("to hold talks", not "ways to hold the regime accountable")."""
    cues = planned().hits(toks, a, b)
    if cues and any(toks[ce - 1] == "hold" for _, ce, _ in cues):
        trig = triggers()
        cues = [c for c in cues if toks[c[1] - 1] != "hold"
                or trig.hits(toks, c[1], min(len(toks), c[1] + 6))]
    return cues


_HOST_STOPS = frozenset(("with", "for", "at", "in", "on", "of", ",", ".", ";", ":", "and", "to"))


def _hosts_guests(actors: Actors, te: int, e: int) -> bool:
    """After "host(ed)", an actor or a contact word comes before any preposition: "hosted
    abe", "will host the summit", "hosted talks between ..."; not "hosted joint military
    exercises with russia" or "host millions of refugees"."""
    toks = actors.toks
    trig = triggers()
    start = te + 1 if te < e and toks[te] == "to" else te  # "plays host to abe"
    for j in range(start, min(e, start + 6)):
        if actors.covered[j]:
            m = actors.by_start.get(j)
            if m is not None and _side_code(m, toks, e) and (
                    m.etype in ("person", "title", "demonym") or m.end >= e
                    or actors.covered[m.end] or not toks[m.end].isalpha()
                    or toks[m.end] in _HOST_STOPS):
                return True
            continue  # a modifier ("joint military exercises") or inside a name
        if trig.hits(toks, j, j + 1):
            return True
        if toks[j] in _HOST_STOPS:
            return False
    return False


_WOULD_ADVERBS = frozenset(("also", "then", "likely", "probably", "soon", "jointly", "later",
                            "first", "again", "separately", "instead"))


def _would_before(toks: list[str], lo: int, ts: int) -> bool:
    """"x and y would (also) discuss ...": the contact verb's own auxiliary says it is to come
    (the lexicon lists only "would meet", "would hold", "would visit" and "would travel")."""
    j = ts - 1
    if j > lo and toks[j] in _WOULD_ADVERBS:
        j -= 1
    return j >= lo and toks[j] == "would"


# A past verb that governs a purpose infinitive: "traveled to vienna last month to meet ...",
# "was the first foreign leader to visit ...", "was in washington on monday to meet ..."
_PAST_GOVERNORS = frozenset(("traveled", "travelled", "flew", "went", "came", "arrived", "was", "were",
                             "returned", "headed", "stopped", "visited", "used"))
_PURPOSE_CUES = frozenset(("meet", "visit", "hold", "travel"))


def _past_purpose(toks: list[str], lo: int, hi: int, ts: int, te: int) -> bool:
    """The only plan cue near the contact is "to <verb>" after a past verb of the same clause:
    the contact happened."""
    a, b = max(lo, ts - 8), min(hi, te + 10)
    cues = _plan_cues(toks, a, b)
    if not cues or any(not (ce - cs == 2 and toks[cs] == "to" and toks[cs + 1] in _PURPOSE_CUES)
                       for cs, ce, _ in cues):
        return False
    first = cues[0][0]
    for j in range(first - 1, max(lo, first - 12) - 1, -1):
        t = toks[j]
        if t in _PAST_GOVERNORS:
            return True
        if t in (",", "and", "if", "when", "whether") or t in dates.FUTURE_CUES:
            return False
    return False
