"""Sanctions: (imposer, target, action, type) around a sanction word in one sentence.

Triggers: sanction nouns ("sanctions", "embargo", "asset freeze"), verbs ("blacklisted",
"froze the assets of"), cut-offs that act on an object ("cutting x off from the u.s. financial
system", "declared x a primary money laundering concern") and trade flows a cutting word governs
("banned imports of turkish fruit", "cut trade ties with qatar").
Imposer: an adjective-like modifier right before the noun ("u.s. sanctions"; a bare country name
there, "russia sanctions", is the target), else the agent after "by" / "imposed under the x act",
else the clause subject acting on the sanctions (with its coordinated list; "the bloc", "the
council"), else the antecedent of "which/that imposes", else coreference ("it", "we" = the
speaker, the dateline's state).
Target: the actors after on/against/targeting/to punish (people, firms, ships of a state -> the
state), else a passive subject, a retaliator, the prompting state, "the north"/"the island".
Action: cue words around the trigger; modal or planning words in the clause (would, plans, will
vote, introduced a bill, "we will") make a threat; negation, veto, "stopped short of", a stance
("should keep its sanctions") or background ("under u.s. sanctions") make no entry.
"""

from __future__ import annotations

import functools

from ingestion.extraction import resources
from ingestion.extraction.actors import Actors, Mention
from ingestion.extraction.phrases import PhraseSet, register

_ACTOR_TYPES = frozenset(("country", "seat", "demonym", "body", "igo", "org", "person"))
_TARGET_PREPS = frozenset(("on", "against", "targeting", "targeted", "target", "targets", "upon",
                           "blacklisted", "blacklisting", "sanctioned", "sanctioning", "blacklist",
                           "blacklists", "punish", "punishing", "pressure", "pressuring",
                           "penalize", "penalizing", "isolate", "isolating"))
# "a new canadian law that will impose sanctions": a demonym on these nouns names the imposer
_AGENT_NOUNS = frozenset(("law", "bill", "legislation", "government", "parliament", "authorities",
                          "lawmakers", "legislators", "measure", "measures", "resolution",
                          "administration", "decision", "move", "regulators", "officials",
                          "congress", "senate", "court", "treasury", "leaders", "president"))
_VAGUE_TARGETS = frozenset(("those", "individuals", "people", "persons", "entities", "anyone",
                            "officials", "companies", "firms", "generals", "leaders", "members"))
_NEGATIONS = frozenset(("not", "no", "never", "opposes", "opposed", "refused", "refuses", "declined",
                        "dismissed", "rejected", "rejects", "downplayed",
                        "declines", "without", "against", "resist", "resisted", "avoid", "avoided",
                        "veto", "vetoed", "vetoes", "vetoing", "oppose", "opposing"))
_MODALS = frozenset(("could", "would", "may", "might", "plans", "plan", "planned", "proposed",
                     "considering", "considered", "threatened", "threatens", "threatening", "warned",
                     "urged", "urging", "pressing", "consider", "should", "must", "wants", "want",
                     "wanted", "intends", "intend", "draft", "advocating", "advocated", "clamoring",
                     "calling", "pushing", "demanding", "demands", "urge",
                     "urges", "possible", "proposal", "proposals", "push", "mulling", "weighing",
                     "need", "welcome", "welcomed", "options", "option", "called", "calls",
                     "poised", "expected", "likely", "introduce", "drafting", "drafted"))
# a bill introduced, unveiled or being drafted is a proposal ("introduced legislation to impose
# sanctions", "close to an agreement on legislation imposing sanctions"); a bill passed is not
_PROPOSING = frozenset(("introduced", "introduce", "introduces", "introducing", "unveiled",
                        "unveil", "unveils", "filed", "sponsored", "drafting", "drafted", "draft",
                        "crafting", "crafted", "writing", "wrote", "close", "nearing", "negotiating",
                        "proposed", "proposing", "considering", "debating", "debate"))
_BILLS = frozenset(("bill", "bills", "legislation", "measure", "amendment", "resolution", "package",
                    "proposal", "plan", "agreement", "law"))
# a vote still to come is a proposal ("the house will vote on thursday on a bill to impose")
_FUTURE_AUX = frozenset(("will", "to", "would", "shall"))
# a lift named as a gerund is talked about ("required lifting sanctions", "discussed easing
# sanctions"), unless one of these says it was done ("by lifting", "after easing")
_LIFT_ACT_BEFORE = frozenset(("by", "after", "since", "following", "began", "begun", "started",
                              "completed", "announced", "without", "while", "with"))
_NP_SKIP = frozenset(("new", "fresh", "additional", "tougher", "tough", "economic", "financial",
                      "trade", "further", "more", "unilateral", "international", "broad", "sweeping",
                      "targeted", "s", "its", "their", "stricter", "strict", "existing", "current",
                      "punishing", "harsh", "harsher", "crippling", "stringent", "latest", "u.s.-led",
                      "western", "the", "oil", "banking", "sectoral", "personal", "travel", "arms"))
_ACTION_ORDER = ("lift", "extend", "threaten", "enforce", "impose")


@functools.cache
def triggers() -> PhraseSet:
    lex = resources.lexicons()
    return PhraseSet(lex["sanction_nouns"], "noun").add(PhraseSet(lex["sanction_verbs"], "verb")).add(
        PhraseSet(lex["sanction_objects"], "object")).add(PhraseSet(lex["sanction_trade"], "trade"))


_TRADE_CUTS = frozenset(("ban", "bans", "banned", "banning", "halt", "halts", "halted", "halting",
                         "suspend", "suspends", "suspended", "suspending", "stop", "stops",
                         "stopped", "stopping", "block", "blocks", "blocked", "blocking", "cut",
                         "cuts", "cutting", "curb", "curbs", "curbed", "curbing", "restrict",
                         "restricts", "restricted", "restricting", "prohibit", "prohibits",
                         "prohibited", "prohibiting", "embargo", "sever", "severs", "severed",
                         "severing", "freeze", "froze", "froze", "end", "ended", "ending"))
_TRADE_GAP = frozenset(("the", "a", "all", "its", "their", "of", "on", "and", ",", "diplomatic",
                        "economic", "most", "some", "further", "new", "direct", "off"))


def _trade_target(actors: Actors, ments: list[Mention], s: int, e: int, ts: int,
                  te: int) -> tuple[Mention, int] | None:
    """"banned imports of turkish fruit", "halted coal imports from north korea", "cut diplomatic
    and trade ties with qatar", "imposed a ban on turkish food imports": a cutting word right
    before the trade noun phrase makes it a measure; the partner state named in the phrase
    (demonym before, of/from/to/with after) is its target. None when nothing cuts."""
    toks = actors.toks
    j = ts - 1
    while j >= s and ts - j <= 6 and (toks[j] in _TRADE_GAP or actors.covered[j] or
                                       toks[j] in ("fruit", "food", "coal", "oil", "textile",
                                                   "seafood", "gas", "goods", "products", "iron",
                                                   "ore", "fuel", "crude", "vegetables", "beef")):
        j -= 1
    if j < s or toks[j] not in _TRADE_CUTS:
        return None
    for m in ments:  # a demonym inside the phrase: "north korean coal imports"
        if j < m.start and m.end <= ts and m.etype in ("demonym", "country"):
            return m, j
    for m in ments:  # after it: "imports of turkish fruit", "imports from north korea"
        if te <= m.start <= te + 3 and toks[te] in ("of", "from", "to", "with", "into") and \
                m.etype in ("demonym", "country", "seat"):
            return m, j
    return None


_CUT_VERBS = frozenset(("cut", "cuts", "cutting", "block", "blocks", "blocked", "blocking", "bar",
                        "bars", "barred", "barring", "ban", "bans", "banned", "banning", "exclude",
                        "excluded", "excluding", "shut", "shutting", "sever", "severed", "deny",
                        "denied", "denying", "restrict", "restricted", "restricting", "limit",
                        "limiting", "declared", "declaring", "designated", "designating"))
_OBJ_PREPS = frozenset(("from", "to", "use", "a", "an", "as"))


def _object_target(actors: Actors, ments: list[Mention], s: int, ts: int, te: int) -> Mention | None:
    """"cutting north korea off from the u.s. financial system", "cutting off from the u.s.
    financial system a chinese bank", "declared north korea a primary money laundering concern":
    the object of a cutting/designating verb; None when no such verb governs the phrase."""
    toks = actors.toks
    p = next((j for j in range(ts - 1, max(s, ts - 5) - 1, -1) if toks[j] in _OBJ_PREPS), None)
    if p is None:
        return None
    v = next((j for j in range(p - 1, max(s, p - 8) - 1, -1) if toks[j] in _CUT_VERBS), None)
    if v is None:
        return None
    for m in ments:
        if v < m.start and m.end <= p and m.etype in ("country", "seat", "demonym", "org", "body"):
            return m
    for m in ments:
        if te <= m.start <= te + 3:
            return m
    return None


@functools.cache
def cues() -> dict[str, PhraseSet]:
    return {a: PhraseSet(ws, a) for a, ws in resources.lexicons()["action_cues"].items()}


@functools.cache
def background() -> PhraseSet:
    return PhraseSet(resources.lexicons()["sanction_background"], "bg")


@functools.cache
def type_words() -> dict[str, PhraseSet]:
    return {t: PhraseSet(ws, t) for t, ws in resources.lexicons()["sanction_types"].items()}


class SanctionHit:
    """One (imposer, target, action) at trigger [start, end); `confidence` in [0, 1] says how
    directly the sentence ties the actors to the measure (see `_confidence`)."""

    __slots__ = ("start", "end", "imposer", "target", "action", "stype", "confidence")

    def __init__(self, start, end, imposer, target, action, stype, confidence: float = 0.6):
        self.start, self.end, self.imposer, self.target = start, end, imposer, target
        self.action, self.stype, self.confidence = action, stype, confidence


def _confidence(toks: list[str], s: int, ts: int, mod_end: int, kind: str, imp: Mention,
                tgt: Mention) -> float:
    """A verb pattern ("x imposed sanctions on y", "y was blacklisted by x": 0.85) beats a noun
    phrase with its imposer as modifier ("new u.s. sanctions on y": 0.8), which beats an imposer
    found as the clause subject or in a relative clause (0.7); a target found before the trigger
    (passives aside) 0.65; an imposer taken from an earlier sentence (coreference: "it", the
    dateline's state, the last imposer) 0.5."""
    if imp.start < s or imp.end <= imp.start:
        return 0.5
    if kind == "verb" or (imp.end <= ts and ts - imp.end <= 4 and _verb_cue_between(toks, imp.end, ts)):
        conf = 0.85
    else:
        conf = 0.8 if imp.end == mod_end else 0.7
    if tgt.end <= ts and kind != "verb":
        conf = min(conf, 0.65)
    return conf


def actor_code(m: Mention) -> str | None:
    if m.etype in ("country", "seat", "demonym"):
        return m.code
    if m.etype == "igo":
        return m.code
    if m.etype == "body":
        return m.code or m.country
    if m.etype == "org":
        return m.code
    if m.etype == "person":
        return m.code or m.country
    if m.etype == "title":
        c = m.code if m.code and m.code.isupper() else m.country
        return c
    return None


def _action(toks: list[str], s: int, e: int, ts: int, te: int) -> str | None:
    """Cue words before the trigger (within 7 tokens) decide; else those just after it."""
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for a, ps in cues().items():
        for hs, _he, _ in ps.hits(toks, max(s, ts - 7), min(e, te + 8)):
            if ts <= hs < te:
                continue
            d = ts - hs if hs < ts else hs - te + 1
            side = before if hs < ts else after
            if a not in side or d < side[a]:
                side[a] = d
    for side in (before, after):
        for a in _ACTION_ORDER:
            if a in side:
                return a
    return None


# action cues that are adjectives, not verbs: they do not make the subject the imposer
_ADJ_CUES = frozenset(("new", "fresh", "additional", "tougher", "recent", "latest", "unanimously",
                       "possible", "possibility", "threat", "relief", "proposal", "extension",
                       "renewal", "waiver", "waivers", "enforcement", "violation", "violations",
                       "exemption", "imposition", "retaliatory", "targeted"))


def _verb_cue_between(toks: list[str], a: int, b: int) -> bool:
    for ps in cues().values():
        for hs, _he, _ in ps.hits(toks, a, b):
            if toks[hs] not in _ADJ_CUES:
                return True
    return False


def _acted_on(toks: list[str], s: int, ts: int) -> bool:
    """The sanction noun is the object of a verb, not inside a prepositional phrase
    ("unity over economic sanctions", "the impact of sanctions")."""
    j = ts - 1
    while j >= s and toks[j] in _NP_SKIP:
        j -= 1
    while j - 1 >= s and toks[j] == "of" and toks[j - 1] in _QUANTITY:
        j -= 2  # "approved a variety of sanctions"
        while j >= s and (toks[j] in ("a", "an", "the", "new", "fresh", "broad", "wide", "large")
                          or toks[j] in _NUMBERS or toks[j].isdigit()):
            j -= 1
    if any(toks[x] == "exchange" and toks[x + 1] == "for" for x in range(max(s, ts - 9), ts - 1)):
        return False  # "curbs in exchange for (the lifting of) sanctions": the sanctions are the price
    return not (j >= s and toks[j] in ("over", "of", "about", "under", "from", "despite", "amid",
                                       "against", "with", "into", "through"))


_QUANTITY = frozenset(("variety", "package", "series", "raft", "round", "set", "number", "host",
                       "slew", "range", "list", "batch", "wave", "string", "bundle", "array",
                       "possibility", "prospect", "threat", "imposition", "use", "rounds",
                       "packages", "sets", "waves", "batches", "layers", "layer"))
_NUMBERS = frozenset(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "several", "multiple", "successive", "repeated", "many", "numerous"))


def _hypothetical_lift(toks: list[str], s: int, ts: int) -> bool:
    """"a project that required lifting sanctions", "any discussion of easing sanctions"."""
    for j in range(ts - 1, max(s, ts - 5) - 1, -1):
        t = toks[j]
        if t.endswith("ing") and t in cues()["lift"].index:
            p = j - 1
            while p >= s and toks[p] in ("the", "a", "any", "all", "most", "some", "u.s.", "eu"):
                p -= 1
            return not (p >= s and toks[p] in _LIFT_ACT_BEFORE)
    return False


def _stype(toks: list[str], s: int, e: int) -> str:
    lo, hi = s, e
    for t in ("arms", "travel", "financial", "trade", "economic"):
        if type_words()[t].any_in(toks, lo, hi):
            return t
    return "unspecified"


_PARTICIPLES = frozenset(("imposed", "adopted", "levied", "introduced", "enacted", "authorized"))
_LAW_NOUNS = frozenset(("act", "law", "laws", "legislation", "resolution", "resolutions",
                        "order", "orders", "statute", "regime", "program", "authority"))
# verbs whose subject is the one that acts on the sanctions further on ("the security council
# voted unanimously on a resolution and a new round of sanctions", "the law requires trump to impose")
_GOVERNING = frozenset(("required", "requires", "require", "ordered", "orders", "authorized",
                        "authorizes", "directed", "directs", "voted", "votes", "unveiled", "unveils",
                        "issued", "issues", "moved", "moves", "decided", "decides"))
_ADVERBIAL = frozenset(("has", "have", "had", "also", "unanimously", "overwhelmingly", "on", "last",
                        "this", "week", "month", "today", "yesterday", "formally", "again",
                        "already", "then", "later", "quickly", "jointly", "separately", "further",
                        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                          "sunday")))


def _governs(toks: list[str], a: int, ts: int) -> bool:
    """The word right after a subject (adverbs and auxiliaries skipped) is a verb that acts on
    what follows: "the security council voted unanimously on ... sanctions"."""
    j = a
    while j < ts and j - a < 4 and toks[j] in _ADVERBIAL:
        j += 1
    if j >= ts:
        return False
    t = toks[j]
    if t in _GOVERNING:
        return True
    return t not in _ADJ_CUES and _cue_at(toks, j, ts)


def _cue_at(toks: list[str], j: int, end: int) -> bool:
    return any(ps.at(toks, j, end) is not None for ps in cues().values())


_LIST_ADJ = _NP_SKIP | frozenset((",", "and", "or", "diplomatic", "political", "military",
                                  "commercial", "visa", "energy", "individual"))


def _np_start(toks: list[str], s: int, ts: int) -> int:
    """Start of the noun phrase ending at the trigger: "imposed travel, economic and diplomatic
    sanctions" - its modifiers do not count against the verb's distance."""
    j = ts
    while j > s and ts - j < 8 and toks[j - 1] in _LIST_ADJ:
        j -= 1
    return min(j, ts - 2)


_COORD_GAP = frozenset((",", "and", "the", "along", "with", "as", "well", "together"))


def _coordinated(actors: Actors, ments: list[Mention], m: Mention, s: int) -> list[Mention]:
    """A subject that is a list: "saudi arabia, the uae and bahrain, along with egypt, imposed"."""
    toks = actors.toks
    i = ments.index(m) if m in ments else -1
    if i < 0:
        return [m]
    out = [m]
    k = i
    while k > 0:
        prev = ments[k - 1]
        gap = toks[prev.end:ments[k].start]
        if not gap or len(gap) > 3 or not all(t in _COORD_GAP for t in gap) or not _imposer_ok(prev):
            break
        out.insert(0, prev)
        k -= 1
    k = i
    while k + 1 < len(ments):  # ", along with egypt ," after the head
        nxt = ments[k + 1]
        gap = toks[ments[k].end:nxt.start]
        if not gap or len(gap) > 4 or not all(t in _COORD_GAP for t in gap) or "with" not in gap \
                or not _imposer_ok(nxt):
            break
        out.append(nxt)
        k += 1
    return out


# bare state names that still name the imposer when they modify "sanctions" ("u.s. sanctions")
_IMPOSER_MODIFIERS = frozenset(("u.s.", "us", "u.s", "united states", "u.k.", "uk", "washington",
                                "america", "britain"))


def _compound_target(toks: list[str], m: Mention) -> bool:
    """"russia sanctions", "north korea sanctions": a country name (not an adjective like
    "u.s." or "russian") used as a noun modifier names the target."""
    return m.etype == "country" and " ".join(toks[m.start:m.end]) not in _IMPOSER_MODIFIERS


def _after_comma(toks: list[str], s: int, i: int) -> bool:
    """The noun phrase at i opens a main clause after an introductory phrase (", the treasury")."""
    j = i - 1
    while j >= s and toks[j] in ("the", "a", "an", "u.s.", "its"):
        j -= 1
    return j >= s and toks[j] == ","


_RELATIVE = frozenset(("which", "that"))
_REL_SKIP = frozenset(("will", "would", "has", "have", "had", "also", "could", "to", "is", "was",
                       "seeks", "sought", "aims", "aimed", "further"))
_HEADS = _LAW_NOUNS | frozenset(("law", "bill", "measure", "measures", "government", "administration",
                                 "decision", "move", "package", "department", "treasury", "council",
                                 "parliament", "congress", "senate"))


def _antecedent(actors: Actors, ments: list[Mention], s: int, ts: int, exclude: set) -> list[Mention]:
    """Relative clause: "a u.s. law which imposes sanctions on ...", "a canadian measure that
    would impose sanctions": the actor modifying the noun before which/that imposes."""
    toks = actors.toks
    j = ts - 1
    while j > s and toks[j] in _NP_SKIP:
        j -= 1
    if j <= s or toks[j] in _ADJ_CUES or not _cue_at(toks, j, ts):
        return []
    j -= 1
    while j > s and toks[j] in _REL_SKIP:
        j -= 1
    if j <= s or toks[j] not in _RELATIVE:
        return []
    if toks[j - 1] == ",":
        j -= 1
    head = j - 1
    m = actors.by_end.get(j)  # "the obama administration, which slapped sanctions on ..."
    if m is not None and m.start >= s and _imposer_ok(m) and actor_code(m) not in exclude:
        return [m]
    if toks[head] not in _HEADS:
        return []
    for m in reversed(ments):
        if head - 4 <= m.end <= head and "," not in toks[m.end:head] and _imposer_ok(m) and \
                actor_code(m) not in exclude:
            return [m]
    return []


_PASSIVE_ADV = frozenset(("already", "heavily", "also", "previously", "recently", "repeatedly",
                          "been", "now", "since", "formally", "newly", "itself", ","))
_PP_FILL = frozenset(("eastern", "western", "northern", "southern", "central",
                      "neighboring", "neighbouring", "occupied", "rebel-held", "northeastern",
                      "northwestern", "southeastern", "southwestern"))
# "china vetoed a proposed resolution that would have imposed an embargo": nothing was imposed
_VETO = frozenset(("veto", "vetoed", "vetoes", "vetoing", "blocked", "rejected", "rejects"))
_DESCRIPTIONS = frozenset(("north", "island", "islamic republic", "isolated state", "reclusive state",
                           "communist state", "communist-ruled island", "caribbean island",
                           "isolated nation", "reclusive nation", "neighbor", "neighbour",
                           "kingdom", "gulf state", "tiny gulf state", "hermit kingdom"))


def _described(actors: Actors, i: int, e: int, exclude: set) -> list[Mention]:
    """"the north", "the island", "its neighbor": the state the article has named most often so
    far (other than the imposer) - for "the north", a state whose name starts with north."""
    toks = actors.toks
    desc = next((" ".join(toks[i + 1:i + 1 + n]) for n in (3, 2, 1)
                 if " ".join(toks[i + 1:i + 1 + n]) in _DESCRIPTIONS), None)
    if desc is None or (i + 1 + len(desc.split()) < e and toks[i + 1 + len(desc.split())] in ("s", "korea")):
        return []
    counts: dict[str, int] = {}
    last: dict[str, Mention] = {}
    for m in actors.mentions:
        if m.start >= i:
            break
        c = actor_code(m)
        if m.etype in ("country", "seat", "demonym") and c and c.isupper() and c not in exclude and (
                desc != "north" or m.name.startswith("north")):
            counts[c] = counts.get(c, 0) + 1
            last[c] = m
    if not counts:
        return []
    return [last[max(counts, key=lambda c: counts[c])]]


_DAY_WORDS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
                        "january", "february", "march", "april", "june", "july", "august",
                        "september", "october", "november", "december"))
_LISTING = frozenset(("added", "adds", "adding", "add", "placed", "places", "placing", "put",
                      "puts", "putting", "included", "includes", "including"))


def _listed(actors: Actors, ments: list[Mention], s: int, ts: int) -> list[Mention]:
    """"added 10 russian officials to its sanctions list", "put two chinese firms on the
    blacklist": the listed state's people or firms are the target."""
    toks = actors.toks
    j = ts - 1
    while j > s and toks[j] in ("its", "the", "a", "their", "u.s.", "eu", "u.n.", "un", "s"):
        j -= 1
    if j <= s or toks[j] not in ("to", "on"):
        return []
    v = next((x for x in range(j - 1, max(s, j - 10) - 1, -1) if toks[x] in _LISTING), None)
    if v is None:
        return []
    return [m for m in ments if v < m.start and m.end <= j and m.etype in (
        "country", "seat", "demonym", "org", "body")][:1]


_CONSEQUENCE = frozenset(("translate", "translates", "translated", "lead", "leads", "result",
                          "results", "spur", "spurs", "prompt", "prompts", "bring", "brings"))


def _consequence(toks: list[str], s: int, ts: int) -> bool:
    """"would translate into / lead to / spur new sanctions": a possible consequence someone
    predicts, not a threat by the imposer."""
    j = ts - 1
    while j > s and (toks[j] in _NP_SKIP or toks[j] in ("u.s.", "u.n.", "eu", "un", "western")):
        j -= 1
    if j > s and toks[j] in ("into", "to", "in"):
        j -= 1
    return j >= s and toks[j] in _CONSEQUENCE


_BLOC_HEADS = {"bloc": "EU", "union": "EU", "council": "UN", "body": "UN"}


def _bloc_subject(actors: Actors, s: int, ts: int, exclude: set) -> list[Mention]:
    """"the bloc imposed sanctions", "the 28-nation bloc extended", "the council voted to
    tighten", "the world body": a definite description of an organization named earlier in the
    article (the bloc: the eu; the council or the world body: the u.n., unless the last council
    named was the eu's)."""
    toks = actors.toks
    lo = _clause_start(actors, s, ts)
    for j in range(ts - 1, max(lo, ts - 12) - 1, -1):
        code = _BLOC_HEADS.get(toks[j])
        if code is None or actors.covered[j] or j == s or toks[j - 1] not in (
                "the", "28-nation", "27-nation", "european", "world", "15-member", "security"):
            continue
        if toks[j] == "union" and toks[j - 1] != "the":
            continue
        if toks[j] == "body" and toks[j - 1] != "world":
            continue
        if not (_governs(toks, j + 1, ts) or _verb_cue_between(toks, j + 1, ts)):
            return []
        if code == "UN":
            last = next((m for m in reversed(actors.mentions) if m.end <= j and m.etype == "igo"
                         and m.code in ("UN", "EU")), None)
            if last is None:
                return []
            code = last.code
        if code in exclude:
            return []
        name = "european union" if code == "EU" else "united nations"
        return [Mention(j, j + 1, "igo", code, name, "igo", None)]
    return []


_PROMPTED = frozenset(("prompting", "prompted", "triggering", "triggered", "drawing", "drew",
                       "provoking", "provoked", "inviting", "invited"))
_RETALIATE = frozenset(("retaliation", "retaliate", "retaliated", "retaliates", "retaliating",
                        "response", "responded", "respond", "responding", "reprisal"))


def _retaliator(actors: Actors, ments: list[Mention], s: int, ts: int,
                imposers: list[Mention]) -> list[Mention]:
    """"russia banned adoptions in retaliation for sanctions imposed under the u.s. act": who
    retaliates against sanctions is their target."""
    toks = actors.toks
    if not imposers:
        return []
    lo = max(s, ts - 6)
    r = next((j for j in range(ts - 1, lo - 1, -1) if toks[j] in _RETALIATE
              and toks[j + 1] in ("for", "against", "to")), None)
    if r is None:
        return []
    ic = {actor_code(m) for m in imposers}
    for m in ments:
        if _clause_start(actors, s, r) <= m.start < r and m.etype in ("country", "seat", "body") and \
                actor_code(m) not in ic:
            return [m]
    return []


_IMPOSER_NOUNS = frozenset(("senators", "lawmakers", "legislators", "congress", "senate",
                            "house", "administration", "treasury", "government", "parliament"))
_CHAIN = frozenset(("and", ",", "the", "its", "s", "of", "as", "well"))


def _imposer_ok(m: Mention) -> bool:
    c = actor_code(m)
    if not c or not c.isupper():
        return False  # an NGO or company cannot impose sanctions
    return m.etype != "person" or m.org != "private"


def _targets(actors: Actors, ments: list[Mention], k: int, e: int) -> list[Mention]:
    """Actors governed by the target preposition at token k ("on iran and hezbollah")."""
    toks = actors.toks
    first = None
    for i, m in enumerate(ments):
        if k < m.start <= k + 9:
            first = i
            break
    if first is None or any(t in (",", ";", ":", "(") for t in toks[k + 1:ments[first].start]):
        return []  # "sanctions against other countries , the french government said"
    out = [ments[first]]
    i = first + 1
    while i < len(ments):
        prev = out[-1]
        gap = toks[prev.end:ments[i].start]
        if len(gap) <= 3 and all(t in _CHAIN or t.endswith("-backed") or t in ("militia", "group")
                                 for t in gap):
            if "," in gap and _says(toks, ments[i].end, e):
                break  # "sanctions on iran , trump said": the speaker, not another target
            if gap and gap[0] == "s":  # "lebanon s iran-backed hezbollah": the head is the target
                out[-1] = ments[i]
            elif gap == ["of"] and " ".join(toks[prev.start:prev.end]) in _GENERIC_HEADS:
                out[-1] = ments[i]  # "the government of venezuelan president maduro"
            else:
                out.append(ments[i])
            i += 1
        else:
            break
    return out


def find(actors: Actors, s: int, e: int, context: dict | None = None) -> list[SanctionHit]:
    """Sanctions in sentence [s, e); `context` carries the last imposer across sentences."""
    toks = actors.toks
    hits = triggers().hits(toks, s, e)
    if context is None:
        context = {}
    if not hits:
        return []
    ments = [m for m in actors.in_sentence(s) if s <= m.start < e and m.etype in _ACTOR_TYPES
             and actor_code(m)]
    bg = background().hits(toks, s, e)
    out: list[SanctionHit] = []
    for ts, te, kind in hits:
        if any(bs <= ts < be for bs, be, _ in bg):
            continue
        cut_at = -1
        if kind == "trade":
            found = _trade_target(actors, ments, s, e, ts, te)
            if found is None or any(k2 != "trade" and ts - 12 <= h2 < ts for h2, _e2, k2 in hits):
                continue
            (verb_object, cut_at), kind, is_object = found, "verb", True
        elif kind == "object":
            # "sanctions aimed at cutting x off from the financial system": the noun speaks
            obj = None if any(k2 != "object" and ts - 12 <= h2 < ts for h2, _e2, k2 in hits) else \
                _object_target(actors, ments, s, ts, te)
            if obj is None:
                continue
            kind = "verb"  # the cut-off acts like a verb on its object
            verb_object = obj
            is_object = True
        else:
            is_object, verb_object = False, None
        if kind == "noun" and toks[te - 1] in ("sanction", "sanctions", "blacklist") and \
                actors.by_start.get(te) is not None and actors.by_start[te].etype in (
                    "country", "seat", "org", "person"):
            kind = "verb"  # "should sanction russia": the noun form used as a verb
            verb_object = actors.by_start[te]
        action = _action(toks, s, e, ts, te)
        # "(might do away with) sanctions imposed by the obama administration on russia": the
        # phrase itself reports an imposition, whatever the verb that governs it says
        np_act = kind == "noun" and te + 3 < e and toks[te] in ("imposed", "levied") and \
            toks[te + 1] == "by" and any(m.start in (te + 2, te + 3) and _imposer_ok(m) for m in ments)
        if np_act:
            action = "impose"
        if kind == "verb" and action == "enforce" and not cues()["enforce"].any_in(
                toks, max(s, ts - 7), ts):
            action = "impose"  # "suspended trade with x to comply with sanctions": the act itself
        if cut_at >= 0 and action in ("lift", None) and not cues()["lift"].any_in(
                toks, max(s, cut_at - 4), cut_at):
            action = "impose"  # "suspended imports of x": the cut is the measure, not a lift
        service = " ".join(toks[ts:te]) in _services()
        if service:
            if action != "lift":
                continue  # visa services are a sanction only when suspended
            action = "impose"  # suspending them is the measure; resuming them would be the lift
        if action is None:
            if kind == "verb" or (kind == "noun" and _listed(actors, ments, s, ts)):
                action = "impose"  # "blacklisted x"; "added x to its sanctions list"
            else:
                continue
        if not np_act and (any(toks[j] in _VETO for j in range(_clause_start(actors, s, ts), ts)) or any(
                toks[j] in _NEGATIONS and not (toks[j] == "against" and toks[j - 1] in _RETALIATE)
                for j in range(max(s, ts - 5), ts)) or any(
                toks[j] in ("never", "not", "no") for j in range(max(s, ts - 9), ts)) or any(
                toks[j] in ("held", "short") and toks[j + 1] in ("off", "of")
                for j in range(max(s, ts - 6), ts - 1))):
            continue  # "not lift", "held off on imposing", "stopped short of imposing": no act
        clause = toks[_clause_start(actors, s, ts):ts]
        head = toks[s:ts]
        if "asked" in head and ("if" in head or "whether" in head):
            continue  # "asked if the united states should sanction russia": a question
        if any(clause[j] in ("played", "play", "plays") and clause[j + 1] == "down"
               for j in range(len(clause) - 1)) or "downplayed" in clause:
            continue
        if kind == "noun" and not np_act and _kept(toks, s, e, ts, te) is not None:
            if not _kept(toks, s, e, ts, te):
                continue  # "would maintain sanctions until they restore freedom": no new act
            action = "extend"  # "kept sanctions on russia in place for another six months"
        cl = _clause_start(actors, s, ts)
        if kind == "noun" and toks[cl] == "any" and all(
                toks[j] in _NP_SKIP or actors.covered[j] for j in range(cl + 1, ts)):
            continue  # "any new u.s. sanctions would hurt x": speculation about effects, no act
        modal_at = [j for j in range(cl, ts) if toks[j] in _MODALS or toks[j] == "any" or (
            toks[j] == "vote" and toks[j - 1] in _FUTURE_AUX) or (
            toks[j] in ("will", "shall", "ll") and j > s and toks[j - 1] in ("we", "i")) or (
            toks[j] in _PROPOSING and any(t in _BILLS for t in toks[j + 1:min(ts, j + 4)]))]
        modal = bool(modal_at) and not np_act
        if kind == "noun" and modal and _consequence(toks, s, ts):
            continue  # "evidence would translate into tougher u.s. sanctions": speculation
        done_action = action
        if action in ("impose", "extend") and modal:
            action = "threaten"  # "called on x to impose", "plans to push trump to renew"
        elif action in ("lift", "enforce") and (modal or any(
                toks[j] in _MODALS for j in range(te, min(e, te + 5)))):
            continue  # "might ease sanctions", "sanctions could be lifted": talked about, not done
        if action == "lift" and _hypothetical_lift(toks, s, ts):
            continue
        if toks[te - 1] == "entering":
            # "canadian officials banned from entering russia": russia imposes the entry ban
            imp = next((m for m in ments if m.start in (te, te + 1) and _imposer_ok(m)), None)
            tgt = next((m for m in reversed(ments) if ts - 6 <= m.end <= ts), None)
            if imp is not None and tgt is not None and actor_code(imp) != actor_code(tgt):
                out.append(SanctionHit(ts, te, imp, tgt, action, "travel", 0.8))
            continue
        # target: actors after a target preposition following the trigger
        targets: list[Mention] = []
        j = ts - 1
        while j > s and toks[j] in _PASSIVE_ADV:
            j -= 1
        # "was blacklisted by", "north korea, already heavily sanctioned by the united nations"
        passive = kind == "verb" and ts > s and (toks[j] in (
            "was", "were", "been", "be", "is", "are", "being", "get", "got") or (
            toks[te - 1].endswith("ed") and te < e and toks[te] == "by"))
        if passive and "already" in toks[j:ts]:
            continue  # "already heavily sanctioned by the united nations": the standing regime
        k = te - 1 if kind == "verb" else te
        if passive:
            k = e
        if kind == "verb" and toks[te - 1] in ("with", "from", "to", "of"):
            pass  # "suspended trade with x": the phrase ends on its target preposition
        else:
            while k < min(e, te + 10) and ((toks[k] not in _TARGET_PREPS and toks[k] not in (
                    ".", ";", ",") and not (toks[k] == "at" and toks[k - 1] == "aimed")) or (
                    k + 1 < e and ((toks[k] == "on" and toks[k + 1] in _DAY_WORDS) or (
                        toks[k] == "," and toks[k + 1] in ("on", "against", "targeting"))))):
                k += 1  # "sanctions announced on monday , on several russian officials"
        if k < e and k - te > 2 and not any(
                cues()[a].any_in(toks, te, k) for a in ("impose", "lift", "extend")):
            k = e  # "to resist new u.n. sanctions and to fight against x": not the target
        if k >= e and kind == "verb" and not passive:  # "freezing any u.s. assets of russian x"
            k = next((i for i in range(te, min(e, te + 3)) if toks[i] == "of"), e)
        if k < e and (toks[k] in _TARGET_PREPS or toks[k] in ("of", "at")
                      or (k == te - 1 and toks[k] in ("with", "from", "to", "of"))):
            targets = _targets(actors, ments, k, e)
        if verb_object is not None and (is_object or not targets):
            targets = [verb_object]
        if service and not targets:  # "suspended visa services in turkey"
            targets = [m for m in ments if m.start in (te + 1, te + 2) and toks[te] in ("in", "for")][:1]
        if not targets and te + 3 < e and toks[te:te + 3] == ["in", "response", "to"]:
            targets = _targets(actors, ments, te + 2, e)[:1]  # "sanctions in response to x s test"
        # imposer: modifier right before the trigger ("u.s. sanctions")
        imposers: list[Mention] = []
        j = ts
        while j > s and toks[j - 1] in _NP_SKIP:
            j -= 1
        mod_end = j
        mod = actors.by_end.get(j)
        if mod is not None and mod.start >= s and kind == "noun" and _compound_target(toks, mod):
            # "the eu extended russia sanctions": the country named as a bare noun before the
            # word is what the sanctions are on; inside a prepositional phrase ("oversight of
            # north korea sanctions") it is a topic, not an act
            if not _acted_on(toks, s, mod.start):
                continue
            if not targets:
                targets = [mod]
            mod = None
        if mod is not None and mod.start >= s and _imposer_ok(mod):
            imposers = [mod]
        # relative clause: "sanctions that the obama administration imposed on"
        if not imposers and k < e and toks[k] in _TARGET_PREPS:
            for m in ments:
                if te <= m.start < k and _imposer_ok(m) and m not in targets:
                    imposers = [m]
                    break
        if not imposers:  # passive: "... by the treasury", "imposed under the u.s. magnitsky act"
            for i in range(te, min(e, te + 12)):
                if toks[i] == "under" and toks[i - 1] in _PARTICIPLES:
                    imposers = [m for m in ments if m.start in (i + 1, i + 2) and _imposer_ok(m)
                                and any(t in _LAW_NOUNS for t in toks[m.end:m.end + 3])][:1]
                    break
                if toks[i] == "by":
                    for m in ments:
                        if m.start in (i + 1, i + 2) and _imposer_ok(m):
                            imposers = [m]
                            break
                    break
        if not targets and k < e - 1 and toks[k] in _TARGET_PREPS and toks[k + 1] in _VAGUE_TARGETS:
            # "sanctions against those responsible": the state the sentence is about
            imp_codes = {actor_code(m) for m in imposers}
            for m in reversed(ments):
                if m.end <= ts and actor_code(m) not in imp_codes and m.etype not in ("person", "igo") and \
                        (m.start == s or toks[m.start - 1] not in ("with", "by", "from")):
                    targets = [m]
                    break
        if not targets and kind == "noun":
            # "fresh sanctions , saying he was concerned about iran s missile program"
            for m in ments:
                if te <= m.start <= te + 15 and m.end < e and toks[m.end] == "s" and \
                        m.etype in ("country", "seat"):
                    targets = [m]
                    break
        if not targets and kind == "noun":
            targets = _listed(actors, ments, s, ts)
        if not targets:
            targets = _retaliator(actors, ments, s, ts, imposers)
        if not targets and imposers and any(t in _PROMPTED for t in toks[max(s, ts - 6):ts]):
            # "north korea conducted its sixth test, prompting another round of u.n. sanctions"
            ic = {actor_code(m) for m in imposers}
            targets = [m for m in ments if m.start < ts and m.etype in ("country", "seat")
                       and actor_code(m) not in ic][:1]
        if not targets and passive:
            # passive: "<target> was blacklisted by <imposer>"
            for m in reversed(ments):
                if j - 3 <= m.end <= ts and m not in imposers and m.etype != "person":
                    targets = [m]
                    break
        tcodes = {actor_code(t) for t in targets}
        if not imposers and (kind == "verb" or _acted_on(toks, s, ts)):
            # the subject of the verb that acts on the sanctions ("obama imposed sanctions",
            # "the house voted for new sanctions") - not any actor earlier in the clause
            lo = _clause_start(actors, s, ts)
            for m in reversed(ments):
                if m.end <= ts and m.start >= lo and actor_code(m) not in tcodes and _imposer_ok(m) \
                        and (m.etype != "demonym" or toks[m.end] in _AGENT_NOUNS):
                    p = m.start - 1
                    while p > s and toks[p] in _PP_FILL:
                        p -= 1  # "violence in eastern ukraine and warns ...": not a subject
                    prev = toks[p] if p >= s else ""
                    if prev in ("on", "against", "with", "to", "from", "in", "for", "of"):
                        continue
                    if ts - m.end > 30 or not (kind == "verb" or _verb_cue_between(
                            toks, max(m.end, _np_start(toks, s, ts) - 3), ts) or (
                            ts - m.end <= 20 and _governs(toks, m.end, ts))):
                        break
                    imposers = _coordinated(actors, ments, m, s)
                    break
        if not imposers and kind == "noun" and targets and _listed(actors, ments, s, ts):
            # "the treasury department added 10 russian officials to its sanctions list"
            v = next(x for x in range(ts - 1, s - 1, -1) if toks[x] in _LISTING)
            imposers = [m for m in reversed(ments) if m.end <= v and v - m.end <= 4 and
                        _imposer_ok(m) and actor_code(m) not in tcodes][:1]
        if not imposers and (kind == "verb" or _acted_on(toks, s, ts)):
            imposers = _bloc_subject(actors, s, ts, {actor_code(t) for t in targets})
        if not imposers:
            imposers = _antecedent(actors, ments, s, ts, {actor_code(t) for t in targets})
        if not imposers and any(t in ("we", "our") for t in toks[max(s, ts - 6):ts]):
            imposers = _speaker(actors, s, e, {actor_code(t) for t in targets})
        if not imposers and "it" in toks[max(s, ts - 3):ts - 1]:
            imposers = _it(actors, s, {actor_code(t) for t in targets})
        if not imposers and context.get("default") and any(
                toks[j] in _IMPOSER_NOUNS for j in range(max(s, ts - 12), ts)):
            imposers = [context["default"]]
        if not imposers and context.get("last") is not None and context.get("last_sent", -9) >= \
                actors.sent_of[ts] - 3 and targets and action == "impose" and \
                any(t in ("imposes", "imposed", "imposing", "impose") for t in toks[max(s, ts - 3):ts]):
            imposers = [context["last"]]
        if not targets and imposers and k < e - 2 and toks[k] in ("on", "against", "upon") and \
                toks[k + 1] in ("the", "its"):
            # "sanctions on the north", "restrictions against the island", "on its neighbor"
            targets = _described(actors, k + 1, e, {actor_code(m) for m in imposers})
        if not targets and imposers and k < e - 1 and toks[k] in ("on", "against", "upon") and \
                toks[k + 1] == "it":
            # "sanctions against it": the state named last before, other than the imposer
            ic = {actor_code(m) for m in imposers}
            targets = [m for m in reversed(ments) if m.end <= ts and m.etype in ("country", "seat")
                       and actor_code(m) not in ic][:1]
        if not imposers or not targets:
            continue
        if action != done_action and any(
                max(modal_at) < m.start and m.end <= ts and _after_comma(toks, s, m.start)
                and actor_code(m) == actor_code(imposers[0]) for m in ments):
            # "as part of the effort to push china, the treasury cut off ...": the modal word
            # belongs to a phrase before the subject, not to the subject's act
            action = done_action
        context["last"], context["last_sent"] = imposers[0], actors.sent_of[ts]
        stype = _stype(toks, s, e)
        # "sanctions on iran that were lifted under the deal": the relative clause reports a lift
        also_lifted = action != "lift" and any(
            toks[j] in ("that", "which") and toks[j + 1] in ("were", "had", "have", "was")
            and any(t in cues()["lift"].index for t in toks[j + 1:j + 4])
            for j in range(te, min(e - 2, te + 10)))
        for imp in imposers:
            for tgt in targets:
                ic, tc = actor_code(imp), actor_code(tgt)
                if ic and tc and ic != tc:
                    conf = _confidence(toks, s, ts, mod_end, kind, imp, tgt)
                    # (a reported imposition is dated from its participle: "imposed ... in december")
                    out.append(SanctionHit(te if np_act else ts, te, imp, tgt, action, stype, conf))
                    if also_lifted:
                        out.append(SanctionHit(ts, te, imp, tgt, "lift", stype, conf - 0.1))
                    if action == "impose":
                        context["last_pair"] = (imp, tgt, actors.sent_of[ts])
    return out


@functools.cache
def _services() -> frozenset[str]:
    return frozenset(resources.lexicons()["suspendable_services"])


def _it(actors: Actors, s: int, exclude: set) -> list[Mention]:
    """"it suspended ...": the state or body last named before this sentence (two back at most)."""
    sent = actors.sent_of[s]
    for m in reversed(actors.recent(sent, 2)):
        if m.start >= s:
            continue
        if actors.sent_of[m.start] < sent - 2:
            break
        if m.etype in ("country", "seat", "body", "igo") and _imposer_ok(m) and actor_code(m) not in exclude:
            return [m]
    return []


_KEEP = frozenset(("keep", "keeps", "kept", "keeping", "maintain", "maintains", "maintained",
                   "maintaining", "retain", "retains", "retained", "preserve", "preserving"))


def _kept(toks: list[str], s: int, e: int, ts: int, te: int) -> bool | None:
    """None when no keep-verb governs the noun; True when it keeps the sanctions for a stated
    time ("kept sanctions in place for another six months": an extension), False otherwise
    ("should keep its sanctions", "would maintain sanctions until they ...": a stance)."""
    j = ts - 1
    while j > s and (toks[j] in _NP_SKIP or toks[j] in ("u.s.", "eu", "u.n.", "its", "the", "all")):
        j -= 1
    if j < s or toks[j] not in _KEEP:
        return None
    rest = toks[te:min(e, te + 14)]
    return any(t in ("months", "month", "year", "years") for t in rest) and "for" in rest


# a bare head whose state is given by the "of" phrase after it
_GENERIC_HEADS = frozenset(("government", "regime", "military", "army", "administration",
                            "leadership", "authorities", "officials", "central bank"))


def _says(toks: list[str], i: int, e: int) -> bool:
    """A reporting verb starts at token i ("trump said")."""
    from ingestion.extraction import statements

    return i < e and statements.verbs().at(toks, i, e) is not None


def _speaker(actors: Actors, s: int, e: int, exclude: set) -> list[Mention]:
    """"we will impose sanctions on x, trump said": a first-person imposer is the sentence's
    speaker (a person for a state, or a state or body speaking for itself)."""
    from ingestion.extraction import statements

    for h in statements.find(actors, s, e):
        m = h.speaker
        if _imposer_ok(m) and actor_code(m) not in exclude:
            return [m]
    return []


_RECIPROCATE = frozenset(("reciprocated", "retaliated", "reciprocates", "retaliates"))
RECIPROCATE_WORDS = _RECIPROCATE | {"responded"}
register(RECIPROCATE_WORDS)


def reciprocal(actors: Actors, s: int, e: int, context: dict) -> list[SanctionHit]:
    """"turkey reciprocated within hours": right after y imposed a measure on x, x answering in
    kind is x's measure on y."""
    pair = context.get("last_pair")
    if pair is None or pair[2] < actors.sent_of[s] - 2 or pair[2] == actors.sent_of[s]:
        return []  # same sentence: "retaliated against the sanctions by expelling diplomats"
    imp, tgt, _ = pair
    toks = actors.toks
    out = []
    for i in range(s, e):
        if toks[i] in _RECIPROCATE or (toks[i] == "responded" and toks[i + 1:i + 3] == ["in", "kind"]):
            j = i
            while j > s and toks[j - 1] in ("has", "have", "had", "quickly", "swiftly", "later", "then"):
                j -= 1
            m = actors.by_end.get(j)
            if m is not None and m.start >= s and actor_code(m) == actor_code(tgt):
                out.append(SanctionHit(i, i + 1, m, imp, "impose", "unspecified", 0.55))
                break
    return out


_SUBORD = frozenset(("after", "before", "while", "when", "because", "although", "though", "but",
                     "whereas", "since", "if", "which", "where", "despite", "amid", ";"))


def _clause_start(actors: Actors, s: int, ts: int) -> int:
    toks = actors.toks
    for j in range(ts - 1, s - 1, -1):
        if toks[j] in _SUBORD and not actors.covered[j]:
            return j + 1
    return s
