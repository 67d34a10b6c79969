"""What extraction produces for one article: plain rows that map one-to-one onto `extracted.*`.

Offsets (`char_start`, `char_end`) always point into the article body as stored in
`raw.articles.body`, whatever normalization extraction did internally, so evidence can be shown
highlighted in the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Sentence:
    sentence_index: int
    char_start: int
    char_end: int
    text: str


@dataclass(slots=True)
class ActorMention:
    sentence_index: int
    mention_index: int
    char_start: int
    char_end: int
    surface: str
    actor_code: str | None  # ISO3 / IGO code / lower-case org name; None for a person of unknown state
    actor_name: str  # canonical name ("russia", "sergei lavrov", "state department")
    actor_kind: str  # country | igo | organization | person
    country_code: str | None = None
    person_name: str | None = None
    title: str | None = None
    organization: str | None = None


@dataclass(slots=True)
class Statement:
    statement_index: int
    sentence_index: int
    char_start: int
    char_end: int
    speaker_name: str
    speaker_kind: str  # person | organization | country
    speaker_code: str | None
    speaker_country_code: str | None
    speaker_organization: str | None
    speaker_title: str | None
    reporting_verb: str
    content: str
    is_direct_quote: bool
    evidence: str
    confidence: float
    cameo_code: str = "010"
    plover_code: str | None = None  # PLOVER has no plain "make statement" type; set when one fits
    event_date: date | None = None
    date_precision: str = "unknown"  # day | month | year | unknown


@dataclass(slots=True)
class Sanction:
    sanction_index: int
    sentence_index: int
    char_start: int
    char_end: int
    imposer_code: str
    imposer_name: str
    imposer_kind: str
    target_code: str
    target_name: str
    target_kind: str
    action: str  # impose | threaten | lift | extend | enforce
    sanction_type: str  # economic | financial | trade | travel | arms | unspecified
    evidence: str
    confidence: float
    cameo_code: str
    plover_code: str
    event_date: date | None = None
    date_precision: str = "unknown"


@dataclass(slots=True)
class ContactParticipant:
    actor_code: str
    actor_name: str
    actor_kind: str
    person_name: str | None = None


@dataclass(slots=True)
class Contact:
    contact_index: int
    sentence_index: int
    char_start: int
    char_end: int
    mode: str  # phone | meeting | visit | talks | summit | letter | other
    status: str  # occurred | planned | cancelled
    evidence: str
    confidence: float
    cameo_code: str
    plover_code: str
    participants: list[ContactParticipant] = field(default_factory=list)
    event_date: date | None = None
    date_precision: str = "unknown"


@dataclass(slots=True)
class ArticleExtraction:
    """Everything extracted from one article, plus the dateline it was filed under."""

    sentences: list[Sentence] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    dateline_location: str | None = None
    publisher: str | None = None
