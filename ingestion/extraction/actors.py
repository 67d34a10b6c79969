"""Actor mentions: gazetteer matches, modified bodies ("russian foreign ministry"), persons
found by title ("foreign minister sergei lavrov"), by given name ("mark green"), by apposition
("richard burr , the panel s chairman ,"), and later bare surnames ("lavrov") by coreference.

Everything works on the canonical token sequence only (no case), so cased and lower-cased input
give the same mentions.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter
from pathlib import Path

from ingestion.extraction import gazetteer, resources
from ingestion.extraction.gazetteer import Entry
from ingestion.extraction.phrases import REGISTERED, positions, register

try:  # C loops over the token list, when the build compiled them (setup.py)
    from ingestion.extraction.tokindex import indices_in as _indices_in
    from ingestion.extraction.tokindex import indices_of as _indices_of
except ImportError:
    _indices_in = _indices_of = None

ASIAN_FAMILY_FIRST = frozenset(("CHN", "KOR", "PRK", "TWN", "VNM", "MMR", "KHM", "HKG", "SGP"))
_MOD_SKIP = frozenset(
    (
        "former",
        "then",
        "acting",
        "deputy",
        "senior",
        "top",
        "the",
        "a",
        "an",
        "s",
        "outgoing",
        "incoming",
        "new",
        "interim",
        "veteran",
        "longtime",
        "current",
    )
)


# words allowed between "<name> ," and the title or state that describes them
_APPOS_GAP = frozenset(("a", "an", "the", "s", "former", "then", "its", "his", "her", "their", "of",
                        "for", "at", "to", "in", "and", "top", "senior", "chief", "head", "deputy",
                        "acting", "new", "longtime", "veteran", "outgoing", "incoming", "current",
                        "permanent", "regional", "state", "national", "federal", "foreign",
                        "affairs", "who", "is", "was", "leading", "lead", "main", "one", "another"))
# words that end the modifiers before a title: the title is then not the apposition's head
# ("health care , a key issue for the majority leader")
_ROLE_GAP_STOP = frozenset(("for", "of", "at", "in", "with", "to", "from", "on", "by", "who", "which",
                            "that", "and", "or", "but", "is", "was", "has", "had", "said", "says",
                            "told", "as", "than", "about", "like", "after", "before", "under"))
# what an apposition calls an organization ("a libertarian-leaning think tank"); news outlets
# relay others' words and are left out
_ORG_HEADS = frozenset(("group", "company", "firm", "organization", "organisation", "agency",
                        "watchdog", "nonprofit", "non-profit", "charity", "union", "lobby",
                        "association", "institute", "center", "centre", "foundation", "coalition",
                        "bank", "insurer", "airline", "maker", "manufacturer", "retailer", "operator",
                        "developer", "consultancy", "fund", "party", "movement", "committee",
                        "council", "alliance", "federation", "chamber", "society", "tank",
                        "think-tank", "producer", "provider", "supplier", "lender", "automaker",
                        "carmaker", "conglomerate", "startup", "giant", "university", "network",
                        "campaign", "body", "regulator", "office"))
_OUTLET_WORDS = frozenset(("news", "newspaper", "broadcaster", "magazine", "website", "channel",
                           "station", "outlet", "wire", "daily", "tabloid", "television", "radio",
                           "media", "publication", "newswire", "blog"))
# words no organization's name holds at a sentence start ("still , the bank , ...")
_NOT_ORG_NAME = frozenset(("the", "a", "an", "in", "on", "at", "by", "with", "to", "from", "he", "she",
                           "it", "they", "we", "i", "you", "this", "that", "these", "those", "his",
                           "her", "its", "their", "our", "but", "however", "meanwhile", "also",
                           "still", "yet", "so", "then", "now", "separately", "instead", "last",
                           "next", "earlier", "later", "today", "yesterday", "after",
                           "before", "while", "when", "if", "as", "since", "although", "though",
                           "because", "is", "was", "are", "were", "has", "have", "had", "said",
                           "says", "not", "no", "one", "two", "three", "some", "many", "most",
                           "all", "both", "each", "every", "other", "another", "such", "what",
                           "which", "who", "whose", "where", "why", "how", "there", "here",
                           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                           "sunday", "january", "february", "march", "april", "may", "june",
                           "july", "august", "september", "october", "november", "december"))
_ORG_JOINERS = frozenset(("and", "of", "for", "&"))


def _org_word(t: str) -> bool:
    """A word of an organization's name: letters, maybe joined by & - or . ("at&t", "s.a")."""
    return t.replace("&", "").replace("-", "").replace(".", "").isalpha()


# plain nouns for people that head an apposition ("x , a retired teacher , said"): no title,
# so no state or organization
_PERSON_NOUNS = frozenset(("woman", "man", "resident", "student", "voter", "farmer", "teacher",
                           "mother", "father", "retiree", "worker", "supporter", "protester",
                           "sociologist", "pollster", "nurse", "engineer", "businessman",
                           "businesswoman", "lawmaker", "scientist", "researcher", "shopkeeper",
                           "driver", "owner", "veteran", "volunteer", "organizer", "organiser",
                           "commentator", "blogger", "writer", "historian", "survivor", "witness"))
# roles whose state modifier is their subject, not their nationality ("a somalia analyst")
_TOPIC_ROLES = frozenset(("expert", "experts", "analyst", "analysts", "specialist", "researcher",
                          "scholar", "fellow", "professor", "economist", "strategist", "historian",
                          "consultant", "watcher", "correspondent"))
_CLAUSE_OPENERS = frozenset((",", "and", "said", "says", "told", "to", ":", "-", "(", "but"))


_START = attrgetter("start")
# Title words that are also common words: a name must follow that we can recognise.
AMBIGUOUS_TITLES = frozenset(("major", "maj.", "general", "captain", "capt.", "chief", "head", "chair",
                              "deputy", "leader", "director", "officer", "representative", "speaker",
                              "whip", "justice", "commander", "founder", "king", "queen", "prince",
                              "judge", "counsel", "expert", "fellow", "official", "aide", "author",
                              "candidate", "nominee", "activist", "delegate", "executive", "owner"))
# "the magnitsky act", "trump jr.": a bare surname followed by these is not that person
_NOT_PERSON_AFTER = frozenset(("jr.", "jr", "act", "law", "bill", "rule", "doctrine", "era", "tower",
                               "foundation", "amendment", "list", "family", "hotel", "organization",
                               "university", "center", "centre", "plan", "brothers", "group"))
# Names that end like a past tense (a name token ending in "ed" is otherwise read as the verb
# after the name: "vince halloran apologized")
_ED_NAMES = frozenset(("allred", "fried", "freed", "reed", "creed", "sneed", "saeed", "hamed", "javed",
                       "khaled", "majed", "zayed", "rasheed", "fareed", "naveed", "waleed", "mohamed",
                       "muhammed", "mehmed", "obed", "mahamed", "ahmed"))
# A state's bodies named without their state ("the interior ministry said") belong to the
# dateline's state when the dateline is a state or its seat (a Cairo dateline: Egypt)
_DATELINE_BODIES = frozenset(("government", "military", "presidency", "parliament", "cabinet",
                              "central bank", "army"))


# Adverbs that follow a name before its verb ("flake wisely decided")
_ADVERBS = frozenset(("wisely", "recently", "previously", "quickly", "publicly", "privately", "repeatedly",
                      "strongly", "sharply", "openly", "firmly", "reportedly", "initially", "eventually",
                      "personally", "separately", "finally", "formally", "officially", "directly",
                      "immediately", "originally", "briefly", "jointly", "angrily", "flatly",
                      "subsequently", "swiftly", "abruptly", "categorically", "vehemently", "bluntly",
                      "explicitly", "specifically", "unexpectedly", "notably", "frequently"))


# Bare names the dictionary gives to U.S. bodies that other states' bodies share
_BARE_US_BODIES = frozenset(("congress", "senate"))
_USA_WORDS = frozenset(("u.s.", "us", "american", "americans", "washington", "united", "republican",
                        "republicans", "democrat", "democrats", "democratic", "trump", "obama"))


# Company suffixes end a run of name tokens: "walt disney co said" names no person "disney co"
# words that end a company or institution, never a person ("walt disney co", "brennan center",
# "merrill lynch indexes", "u.s. africa command")
_COMPANY_SUFFIXES = frozenset(("co", "co.", "corp", "corp.", "inc", "inc.", "ltd", "llc", "plc", "lp",
                               "center", "centre", "institute", "foundation", "command", "index",
                               "indexes", "indices", "partners", "associates", "holdings", "capital",
                               "fund", "university", "college"))


# kin named by apposition after them ("malong s wife , ayak lucy , told reuters"); the other roles
# that do so are titles in the gazetteer ("the party s spokesman , x , said")
KIN = frozenset(("wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
                  "widow", "niece", "nephew", "cousin"))


# A common word between a given name and a reporting verb is the surname ("marc short said",
# "bill english told"): these verbs, and the words that are never such a surname (pronouns,
# auxiliaries, adverbs, and the people a name's owner speaks through: "a ryan aide said")
_SURNAME_VERBS = frozenset(("said", "says", "told", "tells", "added", "wrote", "tweeted", "stated",
                            "warned", "urged", "insisted", "noted", "argued", "testified", "explained",
                            "declared", "acknowledged", "confirmed"))
_NOT_SURNAME = frozenset(("each", "together", "jointly", "separately", "personally", "privately",
                          "publicly", "respectively",
                          "has", "had", "have", "having", "is", "was", "also", "later", "then", "now",
                          "earlier", "again", "still", "further", "first", "once", "already", "never",
                          "they", "he", "she", "it", "we", "you", "i", "who", "which", "that", "and",
                          "or", "but", "himself", "herself", "too", "yet", "often", "always", "both",
                          "all", "last", "instead", "alone", "meanwhile", "however", "aide", "aides",
                          "spokesman", "spokeswoman", "spokesperson", "lawyer", "lawyers", "attorney",
                          "attorneys", "adviser", "advisers", "advisor", "advisors", "campaign",
                          "administration", "office", "team", "allies", "ally", "family", "staff",
                          "camp", "supporters", "associates", "representative", "official",
                          "officials", "source", "sources", "people", "government", "itself", "not"))


def _surname_before_verb(toks: list[str], j: int) -> bool:
    """toks[j], right after a given name, is a surname that is also a common word or a place
    ("short", "field", "english", "muscat"): it is followed by a reporting verb."""
    t = toks[j]
    return j + 1 < len(toks) and toks[j + 1] in _SURNAME_VERBS and len(t) > 2 and t.isalpha() \
        and t not in _NOT_SURNAME and not t.endswith("ly") and t not in anonymous_heads()


# words between a subject and its reporting verb ("short also said", "may has said")
_BEFORE_VERB = frozenset(("also", "later", "previously", "then", "again", "earlier", "has", "had",
                          "repeatedly", "once"))


def _reports_next(toks: list[str], k: int) -> bool:
    """A reporting verb at k, maybe after one adverb or auxiliary."""
    if k >= len(toks):
        return False
    if toks[k] in _BEFORE_VERB:
        k += 1
    return k < len(toks) and toks[k] in _SURNAME_VERBS


@functools.cache
def anonymous_heads() -> frozenset[str]:
    """Nouns for unnamed speakers ("officials said"): never a speaker's name nor a surname."""
    return frozenset(str(w) for w in resources.lexicons()["anonymous_heads"])


def _past_tense_like(t: str, firsts: frozenset[str]) -> bool:
    """A token that reads as a past-tense verb rather than a name ("apologized", "benefited")."""
    return len(t) > 4 and t[-2:] == "ed" and t not in firsts and t not in _ED_NAMES and \
        t not in known_surnames()


@dataclass(slots=True)
class Mention:
    start: int  # token span in the document
    end: int
    etype: str  # person | igo | body | org | country | seat | demonym | outlet | title
    code: str | None  # actor code (state, IGO or org name); None unknown
    name: str  # canonical name; persons: the cluster's full name
    kind: str  # country | igo | organization | person | other
    country: str | None = None  # state code of the actor (persons, bodies)
    title: str | None = None
    org: str | None = None
    sent: int = -1
    cluster: int = -1  # persons: index into Actors.people
    modifier: int = -1  # index of a modifying mention ("russian" for "russian foreign ministry")


@dataclass(slots=True)
class Person:
    name: str
    code: str | None  # state code, or IGO code for an international civil servant
    country: str | None
    org: str | None
    title: str | None
    keys: set[str] = field(default_factory=set)


@functools.cache
def not_name() -> frozenset[str]:
    lex = resources.lexicons()
    words = {str(w) for w in lex["not_name"]}
    words.update(str(w) for w in lex["anonymous_heads"])  # "morgan stanley analysts said"
    for v in lex["reporting_verbs"]:
        words.update(str(v).split())
    try:  # the justext stoplist ships with trafilatura's dependency; optional
        # only its stoplist file is read: locate the package without importing it (~0.1 s)
        spec = importlib.util.find_spec("justext")
        p = Path(spec.origin).parent / "stoplists" / "English.txt"
        firsts = resources.first_names()
        for w in p.read_text(encoding="utf-8").split():
            w = w.lower().strip(",.()")
            if w.isalpha() and w not in firsts:
                words.add(w)
    except Exception:  # noqa: BLE001 - fall back to our own list
        pass
    for surface, e in gazetteer.entries().items():
        if e.etype != "person" and " " not in surface:
            words.add(surface)
    return frozenset(words)


@functools.cache
def _register_names() -> bool:
    register(resources.first_names())
    register(known_surnames())
    register(_PERSON_NOUNS)
    if not _NOT_NAME:  # load the name stoplist with the dictionaries, not in the first article
        _NOT_NAME.append(not_name())
    return True


@functools.cache
def _no_bare() -> frozenset[str]:
    return frozenset(resources.lexicons()["no_bare"])


@functools.cache
def particles() -> frozenset[str]:
    return frozenset(resources.lexicons()["name_particles"])


@functools.cache
def known_surnames() -> dict[str, Entry]:
    """Bare surname (or family name first, for east Asian names) -> known person."""
    out: dict[str, Entry] = {}
    no_bare = set(resources.lexicons()["no_bare"])
    for code, full, org, _surfaces in resources.people():
        parts = full.split()
        keys = [parts[-1]]
        if code in ASIAN_FAMILY_FIRST:
            keys.append(parts[0])
        for k in keys:
            if k not in no_bare and k not in out and (len(k) > 2 or code in ASIAN_FAMILY_FIRST):
                out[k] = Entry("person", code, full, org)
    return out


@functools.cache
def people_codes() -> dict[str, str]:
    return {full: code for code, full, _org, _s in resources.people()}


_NOT_NAME: list = []


_IS_NAME: dict[str, bool] = {}  # token -> is_name_token (memo; the lexicons are fixed per process)


def is_name_token(t: str) -> bool:
    r = _IS_NAME.get(t)
    if r is None:
        if not _NOT_NAME:
            _NOT_NAME.append(not_name())
        r = not (len(t) < 2 or t in _NOT_NAME[0]) and (t.isalpha() or t.replace("-", "").isalpha())
        if len(_IS_NAME) > 500_000:
            _IS_NAME.clear()
        _IS_NAME[t] = r
    return r


_KIND_OF = {
    "country": "country",
    "seat": "country",
    "igo": "igo",
    "person": "person",
    "body": "organization",
    "org": "organization",
}


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def fits_pronoun(m: Mention, pronoun: str) -> bool:
    """`m` can be "he" or "she": a person whose given name is not known for the other gender."""
    want = _PRONOUN_GENDER.get(pronoun)
    if want is None or m.etype != "person" or not m.name:
        return True
    got = _gender_of(m)
    return got is None or got == want


def known_to_fit(m: Mention, pronoun: str) -> bool:
    """`m` is a person whose given name is known for the pronoun's gender."""
    want = _PRONOUN_GENDER.get(pronoun)
    return want is not None and m.etype == "person" and bool(m.name) and _gender_of(m) == want


def _gender_of(m: Mention) -> str | None:
    return resources.name_genders().get(m.name.split()[0])


def kind_of(etype: str) -> str:
    return _KIND_OF.get(etype, "other")


class Actors:
    """All mentions of one document and its person clusters."""

    # (slots: every rule reads these many times per sentence, and a slot is a cheaper lookup
    # than an instance dictionary in the compiled build)
    __slots__ = ("toks", "sent_of", "people", "_absorbable", "_absorbed", "person_index",
                 "default_country", "mentions", "by_end", "by_start", "covered", "sent_mentions")

    def __init__(
        self,
        toks: list[str],
        matches: list[tuple[int, int, Entry]],
        sent_of: list[int],
        skip_until: int,
        default_country: str | None,
    ):
        _register_names()
        self.toks = toks
        self.sent_of = sent_of
        self.people: list[Person] = []
        self._absorbable: dict[int, Mention] = {}  # (see _common_surname)
        self._absorbed: set[int] = set()
        self.person_index: dict[str, int] = {}
        self.default_country = default_country
        ments: list[Mention] = []
        append = ments.append
        kinds = _KIND_OF
        for s, e, en in matches:
            if s < skip_until:
                continue
            et, code = en.etype, en.code
            if et == "seat" and code and len(code) != 3:  # "brussels" speaks for the EU
                en = Entry("igo", code, en.name)
                et = "igo"
            if et == "igo" and toks[s] == "group" and s > 0 and toks[s - 1] in ("a", "another"):
                continue  # "a group of seven meps": seven people, not the g7
            if et == "igo" and e - s == 2 and toks[s] == "security" and s > 0 and (
                    toks[s - 1] in ("s", "national", "state")
                    or gazetteer.entries().get(toks[s - 1], en).etype in ("demonym", "country")):
                # "russia s security council", "iran s supreme national security council": a
                # state's own council, not the u.n. one
                en = Entry("body", "*", "security council")
                et, code = "body", "*"
            # (start, end, etype, code, name, kind, country, title, org, sent)
            if et == "country" or et == "seat" or et == "demonym":
                m = Mention(s, e, et, code, en.name, kinds.get(et, "other"), code, None, None, sent_of[s])
            elif et == "body":
                m = Mention(s, e, et, code, en.name, "organization", code if code != "*" else None, None,
                            en.name, sent_of[s])
            elif et == "title":
                m = Mention(s, e, et, code, en.name, "other", en.extra, en.name, en.org, sent_of[s])
            elif et == "person":
                m = Mention(s, e, et, code, en.name, "person",
                            code if code and len(code) == 3 and code.isupper() else None, None, en.org,
                            sent_of[s])
            else:
                m = Mention(s, e, et, code, en.name, kinds.get(et, "other"), None, None, None, sent_of[s])
            append(m)
        self.mentions = ments
        self._modifiers()
        taken = self._persons()
        self.mentions.sort(key=_START)
        self.by_end = {m.end: m for m in self.mentions}
        self.by_start = {m.start: m for m in self.mentions}
        # every token of a mention was marked taken while persons were found, and nothing else
        self.covered = taken
        sent_mentions: dict[int, list[Mention]] = {}
        self.sent_mentions = sent_mentions
        last = -1
        lst: list[Mention] = []
        for m in self.mentions:  # sorted by start, so each sentence's mentions are one run
            if m.sent != last:
                last = m.sent
                lst = sent_mentions.setdefault(last, [])
            lst.append(m)

    def _names_usa(self, i: int) -> bool:
        """The sentence of token i names a U.S. actor (a state word, party or known person)."""
        toks, sent_of = self.toks, self.sent_of
        a = b = i
        while a > 0 and sent_of[a - 1] == sent_of[i]:
            a -= 1
        while b + 1 < len(toks) and sent_of[b + 1] == sent_of[i]:
            b += 1
        ks = known_surnames()
        for t in toks[a:b + 1]:
            if t in _USA_WORDS:
                return True
            e = ks.get(t)
            if e is not None and e.code == "USA":
                return True
        return False

    # -- modifiers: "russian foreign ministry", "china s defense ministry", "u.s. president"
    def _modifiers(self) -> None:
        toks = self.toks
        ments = self.mentions
        last_body_code: dict[str, str] = {}
        home = self.default_country
        for i, m in enumerate(ments):
            if m.etype not in ("body", "title", "org"):
                continue
            if home and home != "USA" and m.code == "USA" and m.end - m.start == 1 and \
                    toks[m.start] in _BARE_US_BODIES and not (m.start and toks[m.start - 1] == "s") and \
                    not self._names_usa(m.start):
                # a Lima-datelined story on "congress passed the budget": Peru's congress
                # (unless the sentence names a U.S. actor: "trump ... could allow congress to")
                m.code = m.country = home
                m.name = m.org = toks[m.start]
            j = m.start - 1
            k = i - 1
            while j >= 0 and toks[j] in _MOD_SKIP and toks[j] not in ("the", "a", "an"):
                j -= 1
            if toks[j] == "s" if j >= 0 else False:
                j -= 1
            # a body between modifier and title: "state department spokeswoman"
            while k >= 0 and ments[k].end > j + 1:
                k -= 1
            if (
                k >= 0
                and ments[k].end == j + 1
                and ments[k].etype in ("country", "seat", "demonym", "igo", "body", "org")
            ):
                mod = ments[k]
                m.modifier = k
                outer = ments[k - 1] if k >= 1 else None
                if mod.etype == "igo" and m.etype == "title" and outer is not None and \
                        outer.end == mod.start and outer.etype in ("country", "demonym", "seat"):
                    # "palestinian u.n. envoy": a state's envoy to the body, not the body's own
                    m.country = outer.code
                    m.code = outer.code
                elif mod.etype == "igo":
                    m.code = mod.code
                    m.country = None
                    m.org = m.org if m.etype == "body" else (mod.name if m.etype == "title" else m.org)
                elif mod.etype in ("body", "org"):
                    m.country = mod.country or m.country
                    if m.etype == "title":
                        m.org = mod.name
                        m.code = mod.code if mod.etype == "org" else m.code
                else:
                    m.country = mod.code
                if m.etype == "body" and mod.etype in ("country", "seat", "demonym"):
                    m.name = f"{toks[mod.start : mod.end] and ' '.join(toks[mod.start : mod.end])} {m.name}"
            if m.etype == "body":
                base = m.org or m.name
                if m.country is None and m.code in (None, "*"):
                    m.country = last_body_code.get(base) or (
                        self.default_country
                        if base in _DATELINE_BODIES or base.endswith(" ministry")
                        else None
                    )
                if m.country:
                    last_body_code[base] = m.country
                    if m.code in (None, "*"):
                        m.code = m.country
                if m.code in (None, "*"):
                    m.code = None

    # -- persons
    def _cluster(
        self, name: str, code: str | None, country: str | None, org: str | None, title: str | None
    ) -> int:
        parts = name.split()
        for key in (name, parts[-1]):
            idx = self.person_index.get(key)
            if idx is not None:
                p = self.people[idx]
                if len(name) > len(p.name) and p.name in name:
                    p.name = name
                p.code = p.code or code
                p.country = p.country or country
                p.org = p.org or org
                p.title = p.title or title
                self.person_index.setdefault(name, idx)
                return idx
        idx = len(self.people)
        self.people.append(Person(name, code, country, org, title))
        self.person_index[name] = idx
        if len(parts) > 1 or name not in self.person_index:
            self.person_index.setdefault(parts[-1], idx)
        if code in ASIAN_FAMILY_FIRST and len(parts) > 1:
            self.person_index.setdefault(parts[0], idx)
        return idx

    def _person_at(self, i: int, end: int, idx: int, title: str | None, taken: list[bool]) -> Mention:
        """A mention of person cluster `idx` over tokens [i, end), which it marks taken."""
        p = self.people[idx]
        for k in range(i, end):
            taken[k] = True
        return Mention(i, end, "person", p.code, p.name, "person", p.country, title, p.org,
                       self.sent_of[i], idx)

    def _name_after(self, i: int, limit: int, taken: list[bool], after_given: bool = False) -> int:
        """End of a name starting at token i (i itself when there is none); `after_given`: a
        given name sits right before i."""
        toks = self.toks
        parts = particles()
        firsts = resources.first_names()
        j = i
        n = 0
        while j < limit and n < 4 and not taken[j]:
            t = toks[j]
            if t in _COMPANY_SUFFIXES:
                return i  # "walt disney co": a company, no person
            if _past_tense_like(t, firsts) or t in _ADVERBS:
                break  # "vince halloran apologized", "flake wisely decided": what follows the name
            if is_name_token(t) or (t in parts and n > 0):
                j += 1
                n += 1
                continue
            break
        while j > i and toks[j - 1] in parts:
            j -= 1
        if (j == i + 1 and toks[i] in firsts) or (after_given and j == i):
            j = self._common_surname(j, limit, taken)
        return j

    def _common_surname(self, j: int, limit: int, taken: list[bool]) -> int:
        """End of a name whose given name ends at j, taking toks[j] as the surname when it is a
        common word or a one-token place or title before a reporting verb ("marc short said",
        "bill english said", "peter king said"); the place or title mention is then dropped."""
        if j >= limit or not _surname_before_verb(self.toks, j):
            return j
        if taken[j]:
            m = self._absorbable.get(j)
            if m is None:
                return j
            self._absorbed.add(id(m))
        return j + 1

    def _persons(self) -> list[bool]:
        """Find and cluster persons; returns which tokens mentions cover."""
        toks = self.toks
        n = len(toks)
        taken = [False] * n
        for m in self.mentions:
            taken[m.start:m.end] = [True] * (m.end - m.start)
        new: list[Mention] = []
        firsts = resources.first_names()
        ments = self.mentions
        # one-token places and titles a surname may turn out to be ("bill english said")
        self._absorbable = {m.start: m for m in ments if m.end == m.start + 1 and m.etype in (
            "title", "seat", "demonym")}
        self._absorbed = set()
        # known full names first, then titles followed by a name, in text order
        pcodes = people_codes()
        for m in ments:
            if m.etype == "person":
                code = pcodes.get(m.name)
                m.code = code
                m.cluster = self._cluster(m.name, code, m.country, m.org, None)
        starts = {m.start: m for m in ments}
        for m in ments:
            if m.etype != "title":
                continue
            nxt = starts.get(m.end)
            if nxt is not None and nxt.etype == "person":
                p = self.people[nxt.cluster]
                p.title = p.title or m.title
                if m.country and not p.country and not (p.code and not p.code.isupper()):
                    p.country = m.country
                    p.code = p.code or m.country
                if m.code and len(m.code) <= 5 and m.code.isupper() and not p.code:
                    p.code = m.code
                p.org = p.org or m.org
                nxt.title = m.title
                continue
            end = self._name_after(m.end, min(n, m.end + 4), taken)
            if end == m.end or self.sent_of[end - 1] != m.sent:
                continue
            if toks[m.end - 1] in AMBIGUOUS_TITLES and toks[m.end] not in firsts and \
                    toks[end - 1] not in known_surnames():
                continue  # "major rebel factions", "the head office"
            name = " ".join(toks[m.end : end])
            ks = known_surnames()
            if end - m.end == 1 and name in ks:
                e = ks[name]
                idx = self._cluster(
                    e.name, e.code, e.code if e.code and len(e.code) == 3 else None, e.org, m.title
                )
            else:
                code = m.code if (m.code and m.code.isupper()) else m.country
                idx = self._cluster(name, code, m.country, m.org, m.title)
            new.append(self._person_at(m.end, end, idx, m.title, taken))
        # given name + surname(s) without a title
        where = positions(toks)
        cands = sorted(i for w in firsts.intersection(where) for i in where[w])  # (iterates where)
        for i in cands:
            if i >= n - 1 or taken[i]:
                continue
            if i == 0 or toks[i - 1] not in ("the", "a", "an"):
                end = self._name_after(i + 1, min(n, i + 4), taken, after_given=True)
                if end > i + 1 and self.sent_of[end - 1] == self.sent_of[i]:
                    name = " ".join(toks[i:end])
                    idx = self._cluster(name, None, None, None, None)
                    new.append(self._person_at(i, end, idx, None, taken))
        if self._absorbed:
            ments = [m for m in ments if id(m) not in self._absorbed]
        self._absorbable = {}
        self.mentions = ments + new
        self.mentions.sort(key=_START)
        self._named_by_apposition(taken)
        self._named_after_role(taken)
        self._orgs_by_apposition(taken)
        self._appositions()
        # bare surnames: of people named in this article, then of well-known people
        ks = known_surnames()
        no_bare = _no_bare()
        extra: list[Mention] = []
        pidx = self.person_index
        extra_keys = {k for k in pidx if " " not in k} - REGISTERED
        cand = sorted(i for w in (where.keys() & pidx.keys()) | (where.keys() & ks.keys())
                      for i in where[w])
        if extra_keys:  # surnames first seen in this article (registered ones are indexed)
            found = set(cand)
            if _indices_in is not None:
                found.update(_indices_in(toks, extra_keys, n))
            elif len(extra_keys) <= 12:  # a str.find scan per key is cheaper than a set lookup per token
                for key in extra_keys:
                    found.update(self._where(key))
            else:
                found.update(compress(count(), map(extra_keys.__contains__, toks)))  # one C-level scan
            cand = sorted(found)
        for i in cand:
            if taken[i]:
                continue
            t = toks[i]
            idx = self.person_index.get(t)
            if idx is None and t in ks and t not in no_bare:
                e = ks[t]
                idx = self._cluster(
                    e.name, e.code, e.code if e.code and len(e.code) == 3 else None, e.org, None
                )
            if idx is None or not (is_name_token(t) or (
                    _reports_next(toks, i + 1) and t.isalpha()
                    and " " in self.people[idx].name and t not in _NOT_SURNAME)):
                # (a surname that is also a common word speaks when a reporting verb follows and
                # the article named the person in full: "may said", "young told")
                continue
            if i + 1 < n and toks[i + 1] in _NOT_PERSON_AFTER:
                continue
            extra.append(self._person_at(i, i + 1, idx, self.people[idx].title, taken))
        self.mentions.extend(extra)
        self.mentions.sort(key=_START)
        for m in self.mentions:  # refresh with the final cluster data
            if m.etype == "person" and m.cluster >= 0:
                p = self.people[m.cluster]
                m.name, m.code, m.country, m.org = p.name, p.code, p.country, p.org
                m.title = m.title or p.title
        return taken

    def _named_by_apposition(self, taken: list[bool]) -> None:
        """"mawien makol , spokesman at ...", "said ian fry , head of the delegation": two or three
        unknown name tokens at a clause start, followed by a comma and a title."""
        toks = self.toks
        n = len(toks)
        title_at = {m.start: m for m in self.mentions if m.etype == "title"}
        where = positions(toks)
        noun_at = {k for w in _PERSON_NOUNS.intersection(where) for k in where[w]}
        if not title_at and not noun_at:
            return
        person_at = {m.start for m in self.mentions if m.etype == "person"}
        new = []
        # a name can only close at a comma with a title or a person noun soon after it (only
        # those starts can succeed; the others change nothing)
        commas = {c for t in (*title_at, *noun_at) for c in range(t - 1, t - 7, -1)
                  if c >= 0 and toks[c] == ","}
        starts = sorted({c - d for c in commas for d in (2, 3) if c - d >= 0})
        for i in starts:
            if i >= n - 3:
                break
            if taken[i] or not (i == 0 or toks[i - 1] in _CLAUSE_OPENERS
                                or self.sent_of[i - 1] != self.sent_of[i]):
                continue
            end = self._name_after(i, min(n, i + 3), taken)
            if end - i < 2 or end >= n or toks[end] != ",":
                continue
            t = next((title_at[k] for k in range(end + 1, end + 7) if k in title_at), None)
            if t is None:
                # "x y , a 36-year-old retired teacher , said": a plain person noun heads the
                # apposition and the sentence reports speech; the person has no state
                k = next((k for k in range(end + 2, min(n, end + 8)) if k in noun_at), None)
                if k is None or toks[end + 1] not in ("a", "an") or (i > 0 and toks[i - 1] == "to") \
                        or not self._role_head(end + 2, k, person_at) or not self._speech_after(k):
                    continue
                name = " ".join(toks[i:end])
                idx = self._cluster(name, None, None, None, None)
                new.append(self._person_at(i, end, idx, None, taken))
                continue
            country = t.country
            code = t.code if (t.code and t.code.isupper()) else country
            if t.start > end + 3:
                # a longer description ("a constitutional law professor at ..."): only after a
                # clause break (not "sued to remove mulvaney , trump s budget director")
                if (i > 0 and toks[i - 1] == "to") or not self._role_head(end + 1, t.start, person_at):
                    continue
                if toks[t.end - 1] in _TOPIC_ROLES:
                    country = code = None  # "a north korea expert": the state is the topic
            name = " ".join(toks[i:end])
            idx = self._cluster(name, code, country, t.org, t.title)
            new.append(self._person_at(i, end, idx, t.title, taken))
        if new:
            self.mentions.extend(new)
            self.mentions.sort(key=_START)

    def _named_after_role(self, taken: list[bool]) -> None:
        """"malong s wife , ayak lucy , told reuters", "its chief executive , dara khosrowshahi ,
        said": two or three unknown name tokens set off by commas right after a role, and then
        a reporting verb. The person takes the role's title, state and body."""
        toks = self.toks
        n = len(toks)
        commas = positions(toks).get(",", ())
        if len(commas) < 2:
            return
        title_end = {m.end: m for m in self.mentions if m.etype == "title"}
        new = []
        for c in commas:
            if c + 4 >= n or not (c in title_end or toks[c - 1] in KIN):
                continue
            end = self._name_after(c + 1, min(n, c + 4), taken)
            if not 2 <= end - c - 1 <= 3 or end + 1 >= n or toks[end] != "," or \
                    toks[end + 1] not in _SURNAME_VERBS or self.sent_of[end] != self.sent_of[c]:
                continue
            t = title_end.get(c)
            name = " ".join(toks[c + 1:end])
            if t is None:
                idx = self._cluster(name, None, None, None, None)
            else:
                code = t.code if (t.code and t.code.isupper()) else t.country
                idx = self._cluster(name, code, t.country, t.org, t.title)
            new.append(self._person_at(c + 1, end, idx, t.title if t is not None else None, taken))
        if new:
            self.mentions.extend(new)
            self.mentions.sort(key=_START)

    def _orgs_by_apposition(self, taken: list[bool]) -> None:
        """"r street , a libertarian-leaning think tank , said": an unknown name opening the
        sentence, described as an organization and then speaking, is that organization. Its
        code stays unknown (no state, no side of a contact or sanction), its name speaks."""
        toks = self.toks
        n = len(toks)
        new = []
        for c in positions(toks).get(",", ()):
            if c + 3 >= n or toks[c + 1] not in ("a", "an", "the"):
                continue
            try:
                k = toks.index(",", c + 3, min(n - 1, c + 8))
            except ValueError:
                continue
            if toks[k + 1] not in _SURNAME_VERBS or toks[k - 1] not in _ORG_HEADS or \
                    any(taken[t] or toks[t] in _ROLE_GAP_STOP or toks[t] in _OUTLET_WORDS
                        or not toks[t].replace("-", "").isalpha() for t in range(c + 2, k)):
                continue
            i = c - 1  # the name: back to the sentence start (after a leading "the")
            while i > 0 and c - i < 5 and self.sent_of[i - 1] == self.sent_of[c] and toks[i - 1] != "-":
                i -= 1
            if toks[i] == "the":
                i += 1
            if not (0 < c - i <= 4) or (i > 0 and self.sent_of[i - 1] == self.sent_of[c]
                                        and toks[i - 1] not in ("-", "the")):
                continue
            name = toks[i:c]
            if name[0] in _ORG_JOINERS or name[-1] in _ORG_JOINERS or any(
                    taken[t] or (t_ not in _ORG_JOINERS and (t_ in _NOT_ORG_NAME or not _org_word(t_)))
                    for t, t_ in enumerate(name, start=i)):
                continue
            label = " ".join(name)
            new.append(Mention(i, c, "org", None, label, "organization", None, None, label, self.sent_of[i]))
            for t in range(i, c):
                taken[t] = True
        if new:
            self.mentions.extend(new)
            self.mentions.sort(key=_START)

    def _speech_after(self, k: int) -> bool:
        """A reporting verb follows token k in its sentence."""
        toks, sent = self.toks, self.sent_of[k]
        q = k + 1
        while q < len(toks) and self.sent_of[q] == sent and q - k < 40:
            if toks[q] in _SURNAME_VERBS:
                return True
            q += 1
        return False

    def _role_head(self, a: int, b: int, person_at: set[int]) -> bool:
        """Tokens [a, b) before a title are its modifiers ("a constitutional law professor",
        "a veteran democratic strategist"): plain words, no clause or preposition, no person."""
        toks = self.toks
        for k in range(a, b):
            t = toks[k]
            if t in _ROLE_GAP_STOP or not t.replace("-", "").replace(".", "").isalnum() or k in person_at:
                return False
        return True

    def _where(self, t: str, end: int | None = None) -> list[int]:
        """Positions of one token before `end`, so lookups stay linear overall.

        Speed: a C loop over the tokens (tokindex.indices_of) in the compiled build; else a
        C-level str.find of " t " in the document's padded text (shared with the gazetteer),
        each hit's index by counting the separators since the last one."""
        toks = self.toks
        if end is None:
            end = len(toks)
        if _indices_of is not None:
            return _indices_of(toks, t, end)
        out = []
        text = gazetteer.padded(toks)
        if text is None:  # a token holds a space: list.index scans
            k = -1
            try:
                while True:
                    k = toks.index(t, k + 1, end)
                    out.append(k)
            except ValueError:
                return out
        key = f" {t} "
        find, count = text.find, text.count
        q = find(key)
        seps = prev = 0  # separators in text[:prev]; the token at q + 1 has index seps - 1
        step = len(key) - 1  # the trailing space may lead the next hit
        while q >= 0:
            seps += count(" ", prev, q + 1)
            prev = q + 1
            k = seps - 1
            if k >= end:
                break
            out.append(k)
            q = find(key, q + step)
        return out

    def in_sentence(self, s: int) -> list[Mention]:
        """Mentions of the sentence holding token s (an index, so rules stay linear)."""
        return self.sent_mentions.get(self.sent_of[s], [])

    def recent(self, sent: int, back: int) -> list[Mention]:
        """Mentions of sentences sent-back .. sent, in text order."""
        out: list[Mention] = []
        for k in range(max(0, sent - back), sent + 1):
            out.extend(self.sent_mentions.get(k, ()))
        return out

    def person_from_surname(self, i: int) -> Mention | None:
        """A bare unknown name token named in full earlier in the article ("ciaran mcclean" ...
        "mcclean wrote"): that person."""
        toks = self.toks
        t = toks[i]
        if not is_name_token(t) or self.covered[i]:
            return None
        idx = self.person_index.get(t)
        if idx is None:
            firsts = resources.first_names()
            for k in self._where(t, max(i - 1, 0)):  # the loop stops at i - 1
                if k >= i - 1:
                    break
                if k >= 1 and is_name_token(toks[k - 1]) and not _past_tense_like(toks[k - 1], firsts) and (
                        toks[k - 1] in firsts or toks[k + 1] in (",", "said", "told")) and (
                        k < 2 or toks[k - 2] not in ("the", "a", "an", "of", "in")):
                    idx = self._cluster(f"{toks[k - 1]} {t}", None, None, None, None)
                    break
        if idx is None:
            return None
        p = self.people[idx]
        return Mention(i, i + 1, "person", p.code, p.name, "person", p.country, p.title, p.org,
                       self.sent_of[i], idx)

    def _appositions(self) -> None:
        """ "<person> , <modifier> <title> ," gives the person a state and organization."""
        toks = self.toks
        ments = self.mentions
        for i, m in enumerate(ments):
            if m.etype != "person" or m.cluster < 0:
                continue
            p = self.people[m.cluster]
            if p.code and p.country:
                continue
            if m.end >= len(toks) or toks[m.end] != ",":
                continue
            covered = {t for x in ments[i + 1:i + 6] for t in range(x.start, x.end)}
            for k in range(i + 1, min(i + 5, len(ments))):
                q = ments[k]
                if q.start > m.end + 9 or "," in toks[m.end + 1 : q.start]:
                    break
                if any(t not in covered and toks[t] not in _APPOS_GAP for t in range(m.end + 1, q.start)):
                    break  # "mark green , visited south sudan": a verb, not an apposition
                if q.etype == "title" and toks[q.end - 1] in _TOPIC_ROLES:
                    continue  # an expert's state is their topic; a later role may say more
                if q.etype in ("country", "demonym", "seat") and k + 1 < len(ments) and \
                        ments[k + 1].start == q.end and ments[k + 1].etype == "title" and \
                        toks[ments[k + 1].end - 1] in _TOPIC_ROLES:
                    break
                if q.etype == "title" and (q.country or q.code):
                    code = q.code if (q.code and q.code.isupper()) else q.country
                    p.country = p.country or q.country
                    p.code = p.code or code
                    p.org = p.org or q.org
                    p.title = p.title or q.title
                    break
                if q.etype in ("country", "demonym", "seat", "body") and q.country:
                    p.country = p.country or q.country
                    p.code = p.code or q.country
                    if q.etype == "body":
                        p.org = p.org or q.org
                    continue
                if q.etype == "igo":
                    p.code = p.code or q.code
                    p.org = p.org or q.name
