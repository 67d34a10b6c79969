"""extract_article: canonical tokens -> sentences -> actors -> statements, sanctions, contacts.

Every rule reads the canonical lower-cased token sequence (normalize.py), so a normally cased
body and its lower-cased tokenized copy give the same events; offsets come from each token's span
in the body we were given.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from ingestion.extraction import contacts as contact_rules
from ingestion.extraction import dates, gazetteer, resources
from ingestion.extraction import sanctions as sanction_rules
from ingestion.extraction import statements as statement_rules
from ingestion.extraction.actors import Actors, Mention
from ingestion.extraction.model import (
    ActorMention,
    ArticleExtraction,
    Contact,
    ContactParticipant,
    Sanction,
    Sentence,
    Statement,
)
from ingestion.extraction.normalize import Tokens, tokenize
from ingestion.extraction.phrases import positions, register, sorted_positions
from ingestion.extraction.sentences import split

EXTRACTOR_VERSION = "1.56.0"

register(("according", ".", "?", "!"))
_PRESENT_EVENT_VERBS = frozenset(("meet", "meets", "visits", "arrives", "hosts", "imposes", "lifts", "holds"))
_PUBLISHERS = frozenset(("reuters", "ap", "afp", "xinhua", "bloomberg", "upi", "dpa", "ansa"))


def _dateline(toks: list[str]) -> tuple[int, str | None, str | None]:
    """Tokens to skip, location and publisher of a "washington/moscow ( reuters ) -" dateline."""
    for i in range(min(len(toks), 12)):
        if toks[i] == "(" and i + 2 < len(toks) and toks[i + 2] == ")" and toks[i + 1] in _PUBLISHERS:
            end = i + 3
            if end < len(toks) and toks[end] == "-":
                end += 1
            loc = " ".join(toks[:i]) or None
            return end, loc, toks[i + 1]
    return 0, None, None


_CLAUSE_BREAKS = frozenset(("after", "before", "while", "when", "because", "although", "though",
                            "whereas", "since", "if", "which", "where", "despite", "amid",
                            "unless", ";", "but"))
register(_CLAUSE_BREAKS)


def _clause(toks: list[str], covered: list[bool], a: int, b: int, pos: int) -> tuple[int, int]:
    """The clause around token pos (bounded by subordinators and ';'): a day named in another
    clause ("x spoke on tuesday , after y announced sanctions") is not this event's day.

    Speed: the document's break words are indexed once (phrases.sorted_positions), so each call
    bisects to the nearest ones instead of walking the sentence token by token."""
    breaks = sorted_positions(toks, _CLAUSE_BREAKS)
    lo = a
    k = bisect_left(breaks, pos) - 1
    while k >= 0:
        j = breaks[k]
        if j < a:
            break
        if not covered[j]:
            lo = j + 1
            break
        k -= 1
    hi = b
    n = len(breaks)
    k = bisect_right(breaks, pos)
    while k < n:
        j = breaks[k]
        if j >= b:
            break
        if not covered[j]:
            hi = j
            break
        k += 1
    return lo, hi


def _lead_day(toks: list[str], sents: list[tuple[int, int]], skip: int,
              article_date: date | None) -> date | None:
    """The first day the lead sentence names ("... said on tuesday"), if any."""
    la, lb = max(sents[0][0], skip), sents[0][1]
    lead = [x for x in dates.find(toks, la, lb, article_date, False) if x.day is not None]
    return lead[0].day if lead else None


def _span(tk: Tokens, a: int, b: int) -> tuple[int, int]:
    return tk.start[a], tk.end[b - 1]


def extract_article(
    body: str, title: str | None = None, article_date: date | None = None
) -> ArticleExtraction:
    """Extract sentences, actors, statements, sanctions and contacts from one article body."""
    out = ArticleExtraction()
    if not body:
        return out
    tk = tokenize(body)
    toks = tk.text
    if not toks:
        return out
    skip, loc, pub = _dateline(toks)
    out.dateline_location, out.publisher = loc, pub
    where = positions(toks)
    enders = where.get(".", [])
    if "?" in where or "!" in where:
        enders = sorted(enders + where.get("?", []) + where.get("!", []))
    sents = split(toks, enders)
    sent_of: list[int] = []
    tstart, tend = tk.start, tk.end
    for si, (a, b) in enumerate(sents):
        sent_of.extend([si] * (b - a))
        cs, ce = tstart[a], tend[b - 1]
        out.sentences.append(Sentence(si, cs, ce, body[cs:ce]))
    gazetteer.padded(toks, tk.joined)  # (the tokenizer's joined text, when it has one)
    matches = gazetteer.match_tokens(toks)
    default_country = None
    if loc:
        first = loc.split("/")[0]
        e = gazetteer.entries().get(first)
        if e is not None and e.etype in ("seat", "country"):
            default_country = e.code
    actors = Actors(toks, matches, sent_of, skip, default_country)
    tstart, tend, code_of, append = tk.start, tk.end, sanction_rules.actor_code, out.actors.append
    for mi, m in enumerate(actors.mentions):
        et = m.etype
        if et == "outlet" or et == "title":
            continue  # outlets relay, titles are roles: the person or body carries them
        cs, ce = tstart[m.start], tend[m.end - 1]
        append(ActorMention(m.sent, mi, cs, ce, body[cs:ce], code_of(m), m.name,
                            _KIND.get(et, "organization"), m.country,
                            m.name if et == "person" else None, m.title, m.org))
    codes = resources.codes()
    # the lead's day ("... said on tuesday") dates undated events told in the first sentences
    # (looked up only when an undated event in the first sentences asks for it)
    lead_day: list = []
    sanction_ctx: dict = {}
    spoken: list = []
    # each rule runs only on the sentences that hold one of its cue words (most hold none)
    sent_at = sent_of.__getitem__
    stmt_sents = set(map(sent_at, statement_rules.verbs().first_positions(toks)))
    stmt_sents.update(sent_of[i] for i in where.get("according", ()))
    sanction_sents = set(map(sent_at, sanction_rules.triggers().first_positions(toks)))
    contact_sents = set(map(sent_at, contact_rules.triggers().first_positions(toks)))
    reciprocal_sents = {sent_of[i] for w in sanction_rules.RECIPROCATE_WORDS for i in where.get(w, ())}
    rule_sents = stmt_sents | sanction_sents | contact_sents | reciprocal_sents
    if default_country:
        sanction_ctx["default"] = Mention(0, 0, "country", default_country,
                                          gazetteer.country_name(default_country), "country",
                                          default_country)
    for si in sorted(rule_sents):  # in text order, as a walk over all sentences would visit them
        a, b = sents[si]
        a = max(a, skip)
        if a >= b:
            continue

        def when(pos: int, fut: bool, a=a, b=b, si=si, planned: bool = False):
            lo, hi = _clause(toks, actors.covered, a, b, pos)
            ex = dates.mark_weak(toks, dates.find(toks, lo, hi, article_date, fut))
            if planned:  # a planned contact is not dated by the day it was reported (a
                # threat is: it is made when it is reported)
                ex = [x for x in ex if not x.reported]
            day, prec = dates.nearest(ex, pos, 30)
            if not ex and not fut:
                if toks[pos] in _PRESENT_EVENT_VERBS and article_date:
                    return article_date, "day"  # "guterres meets with trump": today's news
                if si <= 2 and not _perfect(toks, max(a, pos - 3), pos):
                    if not lead_day:
                        lead_day.append(_lead_day(toks, sents, skip, article_date))
                    if lead_day[0] is not None:
                        return lead_day[0], "day"  # undated detail of the lead event
            return day, prec

        sent_speaker = None
        for h in (statement_rules.find(actors, a, b, spoken) if si in stmt_sents else ()):
            sent_speaker = sent_speaker or h.speaker
            name, kind, code, country, org = statement_rules.speaker_fields(h.speaker)
            cs, ce = _span(tk, min(h.speaker.start, h.verb_start), max(h.speaker.end, h.verb_end))
            ccs, cce = (_span(tk, h.content_start, h.content_end) if h.content_end > h.content_start
                        else (cs, cs))
            day, prec = when(h.verb_start, False)
            sc = out.sentences[si]
            out.statements.append(Statement(
                len(out.statements), si, cs, ce, name, kind, code, country, org, h.speaker.title,
                " ".join(toks[h.verb_start:h.verb_end]), body[ccs:cce].strip(" ,"),
                statement_rules.is_direct_quote(body, ccs, cce), sc.text, h.confidence,
                codes["statement"][0], codes["statement"][1], day, prec))
        seen = set()
        sanction_hits = sanction_rules.find(actors, a, b, sanction_ctx) if si in sanction_sents else []
        if sanction_ctx.get("last_pair") is not None and si in reciprocal_sents:
            sanction_hits += sanction_rules.reciprocal(actors, a, b, sanction_ctx)
        for h in sanction_hits:
            ic, tc = sanction_rules.actor_code(h.imposer), sanction_rules.actor_code(h.target)
            key = (ic, tc, h.action)
            if key in seen:
                continue
            seen.add(key)
            fut = h.action == "threaten" and dates.is_future(toks, max(a, h.start - 8), h.end)
            day, prec = when(h.start, fut)
            cs, ce = _span(tk, a, b)
            cameo, plover = codes[f"sanction.{h.action}"]
            out.sanctions.append(Sanction(
                len(out.sanctions), si, cs, ce, ic, h.imposer.name, _actor_kind(h.imposer), tc,
                h.target.name, _actor_kind(h.target), h.action, h.stype, body[cs:ce], h.confidence, cameo,
                plover, day, prec))
        for h in (contact_rules.find(actors, a, b, sent_speaker) if si in contact_sents else ()):
            if h.recap and _recaps(out.contacts, h):
                continue  # "... spoke by telephone . the two discussed ...": that same call
            planned = h.status == "planned"
            day, prec = when(h.start, planned, planned=planned)
            if h.status == "occurred" and _after_article(day, prec, article_date):
                h.status = "planned"  # "after they meet at a summit next thursday": still to come
            cs, ce = _span(tk, a, b)
            key = f"contact.{h.status}" if h.status in ("planned", "cancelled") else f"contact.{h.mode}"
            cameo, plover = codes[key]
            parts = _participants(h.participants)
            out.contacts.append(Contact(len(out.contacts), si, cs, ce, h.mode, h.status, body[cs:ce],
                                        h.confidence, cameo, plover, parts, day, prec))
    out.contacts = _merge_contacts(out.contacts)
    _share_sanction_days(out.sanctions)
    return out


def _perfect(toks: list[str], a: int, b: int) -> bool:
    """A perfect tense before the event word ("had discussed", "has signed up for"): an earlier,
    undated act, not a detail of the lead event."""
    return any(t in ("had", "has", "have") for t in toks[a:b])


def _after_article(day: date | None, prec: str, article_date: date | None) -> bool:
    """The event's day (or month) lies after the article's: it has not happened yet."""
    if day is None or article_date is None:
        return False
    if prec == "day":
        return day > article_date
    if prec == "month":
        return (day.year, day.month) > (article_date.year, article_date.month)
    return False


def _recaps(rows: list[Contact], h) -> bool:
    """A contact already reported between the sides of `h` (its people are added to it)."""
    codes = {sanction_rules.actor_code(m) for m in h.participants}
    for c in reversed(rows):
        if {p.actor_code for p in c.participants} == codes:
            names = {p.person_name for p in c.participants}
            c.participants.extend(p for p in _participants(h.participants)
                                  if p.person_name and p.person_name not in names)
            return True
    return False


def _share_sanction_days(rows: list[Sanction]) -> None:
    """Rows of one (imposer, target, action) in an article report one event: an undated mention
    takes the day another mention of it names."""
    days: dict[tuple, tuple] = {}
    for r in rows:
        if r.event_date is not None and r.date_precision == "day":
            days.setdefault((r.imposer_code, r.target_code, r.action), (r.event_date, r.date_precision))
    for r in rows:
        if r.event_date is None:
            d = days.get((r.imposer_code, r.target_code, r.action))
            if d:
                r.event_date, r.date_precision = d


_KIND = {"country": "country", "seat": "country", "demonym": "country", "igo": "igo",
         "person": "person"}
_SIDE_RANK = {"person": 0, "country": 1, "igo": 1, "seat": 2, "body": 3, "org": 3, "title": 4,
              "demonym": 5}


def _participants(mentions) -> list[ContactParticipant]:
    """One row per named person, plus one per side that has no named person (its state, IGO or
    body); titles and adjectives only stand in when nothing better names that side."""
    by_code: dict[str, list] = {}
    for m in mentions:
        by_code.setdefault(sanction_rules.actor_code(m), []).append(m)
    out: list[ContactParticipant] = []
    for code, ms in by_code.items():
        people = []
        for m in ms:
            if m.etype == "person" and m.name not in people:
                people.append(m.name)
                out.append(ContactParticipant(code, m.name, "person", m.name))
        if not people:
            best = min(ms, key=lambda m: _SIDE_RANK.get(m.etype, 9))
            name = best.name
            if best.etype in ("title", "demonym") and code and len(code) == 3:
                name = gazetteer.country_name(code)
            out.append(ContactParticipant(code, name, _actor_kind(best), None))
    return out


def _actor_kind(m) -> str:
    if m.etype in ("country", "seat", "demonym"):
        return "country"
    if m.etype == "igo":
        return "igo"
    if m.etype == "person":
        return "person"
    return "organization"


_SAME_EVENT_MODES = ({"visit", "meeting"}, {"meeting", "talks"}, {"visit", "summit"})


def _merge_contacts(contacts: list[Contact]) -> list[Contact]:
    """One row per contact: the same participants, status and compatible day (and the same or a
    compatible mode: a visit's meeting is the visit) are one contact, reported once."""
    out: list[Contact] = []
    for c in contacts:
        codes = frozenset(p.actor_code for p in c.participants)
        for o in out:
            if frozenset(p.actor_code for p in o.participants) != codes:
                continue
            if not (o.event_date is None or c.event_date is None or o.event_date == c.event_date):
                continue
            if o.mode != c.mode and not (o.status == c.status and {o.mode, c.mode} in _SAME_EVENT_MODES):
                continue
            if o.event_date is None and c.event_date is not None:
                o.event_date, o.date_precision = c.event_date, c.date_precision
            names = {p.person_name for p in o.participants}
            o.participants.extend(
                p for p in c.participants if p.person_name and p.person_name not in names)
            break
        else:
            c.contact_index = len(out)
            out.append(c)
    return out
