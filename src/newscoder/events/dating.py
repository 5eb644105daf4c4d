"""When did it happen? Each event takes the time that governs it, in this order:

1. A time expression that hangs from the event itself or its own phrases ("arrested 200
   people during the demonstrations on Saturday", "kidnapped two tourists vacationing in
   Tunisia on February 22"), else one that governs a clause above it ("In June, Kim said
   he would ..." governs everything under "said"); method ``explicit``
   when the expression names its year, ``relative`` when it is resolved against the
   document date.
2. The time of the event it depends on: the time of the clause above moved by a measured
   gap ("the attack came on Monday, a day after the court banned ..." dates the ban on
   Sunday), or a dated event noun in a phrase of a clause on the way up ("Following
   Thursday's meeting, Chavez said ..."); method ``dependent``. A past event in a
   sentence that names one time only, a time before the story's news time, took place
   then ("the union offered arbitration last year, but the government refused"); the
   method is the expression's. So did a verb joined to one with a time of its own that
   shares its subject ("was shot dead and found earlier in March").
3. The sentence's tense and the article's reference time: a past-tense report in a story
   about yesterday happened yesterday, a past-tense report in a story whose lead names no
   day happened on the day of publication; a past perfect, and a past or perfect event
   marked as background ("recently", "previously", "the recent summit"), happened before
   the story's day, in the month of publication; method ``tense``. Other present, perfect
   and future clauses have no past reference time and go on to step 4.
4. (in the coder) an earlier mention of the same event (``inferred``), else the document
   date (``document``).

Ranges carry their span: "since 2006" is ``2006`` with ``end`` the document date, "over
the past two weeks" starts two weeks before it, "in recent weeks" a few weeks before it.
A week is given as its month ("last week"), a weekend as its Saturday.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..nlp import sentence_of, sentences
from ..records import EventDate, Timex

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^\d{4}-(Q[1-4]|H[12])$")
_DECADE = re.compile(r"^\d{3}$")
_HAS_YEAR = re.compile(r"\b(1[89]|20)\d{2}s?\b")  # "2019", "the 1990s"
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?|X)([DWMY])$")
# "the past several weeks", "recent months": a span of a few units, taken as this many
VAGUE_COUNT = 3
# a reference day is the day the story is about: within a week before publication
REFERENCE_DAYS = 7
# how many of the article's first sentences may set its reference day (the lead)
LEAD_SENTENCES = 3


@cache
def time_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/events/time_words.tsv`` by kind."""
    path = resources.files("newscoder").joinpath("data", "events", "time_words.tsv")
    out: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, words = line.split("\t")
        out[kind] = frozenset(w.strip().lower() for w in words.split("|") if w.strip())
    return out


@dataclass(frozen=True, slots=True)
class Anchored:
    """A time expression with the token that governs it in the parse."""

    timex: Timex
    governor: int  # token index
    date: EventDate


@dataclass(frozen=True, slots=True)
class Gap:
    """A measured gap between two events ("a day" in "a day after the vote")."""

    end: int  # token index just after the duration
    unit: str  # D, W, M, Y
    count: float


class Anchors(list[Anchored]):
    """The anchored time expressions of a document, with the article's reference time
    (the day its lead says the story happened on, if it says) and its document date."""

    def __init__(self, items: list[Anchored], doc_date: dt.date | None = None,
                 reference: EventDate | None = None,
                 offsets: dict[int, list[Gap]] | None = None) -> None:
        super().__init__(items)
        self.doc_date = doc_date
        self.reference = reference
        # "a day after", "three weeks before": the gaps by the token they hang from
        # ("after", "before" or the clause they open)
        self.offsets = offsets or {}


def _week_date(value: str, text: str, method: str) -> EventDate | None:
    """A TIMEX3 week as the month it mostly lies in (its Thursday's), a weekend as its
    Saturday: event dates are days, months and years (the annotators' and the schema's
    granularities), and "last week" is a time of that month."""
    m = _WEEK.match(value)
    if m is None:
        return None
    year, week = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            day = dt.date.fromisocalendar(year, week, 6)
            return EventDate(day.isoformat(), "day", text, method)
        thursday = dt.date.fromisocalendar(year, week, 4)
    except ValueError:
        return None
    return EventDate(thursday.isoformat()[:7], "month", text, method)


def event_date(timex: Timex, doc_date: dt.date) -> EventDate | None:
    """A TIMEX3 value as an event date, or None when it names no calendar time."""
    if timex.type == "DURATION":
        return _span_date(timex, doc_date)
    if timex.type not in ("DATE", "TIME"):
        return None
    value = timex.value
    method = "explicit" if _HAS_YEAR.search(timex.text) else "relative"
    if value == "PRESENT_REF":
        return EventDate(doc_date.isoformat(), "day", timex.text, "relative")
    if _DAY.match(value):
        value, precision = value[:10], "day"
    elif _MONTH.match(value):
        precision = "month"
    elif _YEAR.match(value):
        precision = "year"
    elif _WEEK.match(value):
        return _week_date(value, timex.text, method)
    elif _QUARTER.match(value):
        precision = "quarter" if "Q" in value else "half"
    elif _DECADE.match(value):
        precision = "decade"
    else:
        return None
    return EventDate(value, precision, timex.text, method)


def _span_date(timex: Timex, doc_date: dt.date) -> EventDate | None:
    """A duration that runs up to the time of writing ("the past two weeks", "the last
    three years") as the range it covers: its start at the unit's precision, ``end`` the
    document date; "recent weeks" and "the past several weeks" count a few units. A
    duration not anchored at the present ("for decades", "for three days") names no
    calendar time."""
    words = set(re.findall(r"[a-z]+", timex.text.lower()))
    if not words & time_words()["range_span"]:
        return None
    m = _DURATION.match(timex.value)
    if m is None:
        return None
    count = VAGUE_COUNT if m.group(1) == "X" else float(m.group(1))
    unit = m.group(2)
    days = {"D": 1, "W": 7, "M": 30.44, "Y": 365.25}[unit] * count
    try:
        start = doc_date - dt.timedelta(days=round(days))
    except OverflowError:  # "the past 5,000 years" reaches before the calendar's year 1
        return None
    if unit == "Y":
        value, precision = f"{start.year:04d}", "year"
    else:
        value, precision = start.isoformat()[:7], "month"
    return EventDate(value, precision, timex.text, "relative", end=doc_date.isoformat())


def anchor_timexes(doc: Doc, timexes: list[Timex], doc_date: dt.date) -> Anchors:
    """Attach each calendar time expression to the verb or noun it modifies, and find the
    article's reference time."""
    words = time_words()
    spans = []
    for tx in timexes:
        date = event_date(tx, doc_date)
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if date is not None and span is not None and len(span):
            spans.append((tx, date, span))
    inside = {i for _, _, span in spans for i in range(span.start, span.end)}
    out: list[Anchored] = []
    for tx, date, span in spans:
        governor = span.root
        # climb out of the expression (and "In", "On" before it, and an adverb that
        # carries it: "as recently as two weeks ago", "shortly after noon") to the word
        # it modifies
        while governor.head.i != governor.i and (
                governor.i in inside or governor.pos_ in ("ADP", "PUNCT")
                or governor.pos_ == "ADV" and governor.dep_ == "advmod"):
            governor = governor.head
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in words["range_start"] and date.end is None:
            # "since 2006": from then up to the time of writing
            date = replace(date, end=doc_date.isoformat())
        date = _weekday_by_clause(date, tx, doc[governor.i], doc_date)
        out.append(Anchored(tx, governor.i, date))
    return Anchors(out, doc_date, _reference(doc, out, doc_date), _offsets(doc, timexes))


def _offsets(doc: Doc, timexes: list[Timex]) -> dict[int, list[Gap]]:
    """Durations that measure the gap between two events ("a day after the court banned
    two members", "three days after being convicted"), by the token they hang from."""
    out: dict[int, list[Gap]] = {}
    for tx in timexes:
        m = _DURATION.match(tx.value) if tx.type == "DURATION" else None
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if m is None or m.group(1) == "X" or span is None or not len(span):
            continue
        if span.root.dep_ == "npadvmod" and span.root.head.i != span.root.i:
            gap = Gap(span.end, m.group(2), float(m.group(1)))
            out.setdefault(span.root.head.i, []).append(gap)
    return out



def _weekday_by_clause(date: EventDate, tx: Timex, governor: Token,
                     doc_date: dt.date) -> EventDate:
    """A weekday the resolver (which reads words, not the parse) put on the wrong side of
    publication, moved by the tense of the clause it governs: into the week before for a
    past-tense clause ("arrived in Beijing, Wednesday, beginning a visit that will ..."),
    into the week after for a future one ("said Tanayev would visit Osh on Thursday")."""
    if date.precision != "day" or not set(tx.text.lower().split()) & time_words()["weekday"]:
        return date
    day = dt.date.fromisoformat(date.value)
    if day < doc_date and tense(governor) == "future" and (doc_date - day).days < 7:
        # the resolver took "said" for the tense (on train: 2 dates more right, none less)
        return replace(date, value=(day + dt.timedelta(days=7)).isoformat())
    # a reduced passive ("approval of the bill given by the House on Wednesday") reports
    # a done deed whatever the tense of the clause around it
    done = governor.tag_ == "VBN" and governor.dep_ == "acl"
    if day <= doc_date or not done and tense(governor) != "past":
        return date
    return replace(date, value=(day - dt.timedelta(days=7)).isoformat())


def _reference(doc: Doc, anchored: list[Anchored], doc_date: dt.date) -> EventDate:
    """The article's reference time: the day named in its lead that lies in the week
    before publication ("Venezuelan President Hugo Chavez arrived in Beijing,
    Wednesday" sets the story on Wednesday); a lead that names no day tells the news of
    the day of publication."""
    lead_end = len(doc)
    for n, sent in enumerate(sentences(doc)):
        if n == LEAD_SENTENCES - 1:
            lead_end = sent.end
            break
    days = []
    for a in anchored:
        if a.governor >= lead_end or a.date.precision != "day" or a.date.end is not None:
            continue
        span = doc.char_span(a.timex.start, a.timex.end, alignment_mode="expand")
        if span is not None and span.root.dep_ == "poss":
            # "inspecting the scene of Wednesday's blast": the day of an event the story
            # refers back to, not the day the story is about
            continue
        day = dt.date.fromisoformat(a.date.value[:10])
        if 0 <= (doc_date - day).days <= REFERENCE_DAYS:
            days.append(a)
    if not days:
        return EventDate(doc_date.isoformat(), "day", None, "tense")
    # of the days its first dated sentence names, the one nearest the sentence's root:
    # "After talks on Monday, the ministers signed the accord on Wednesday" is a story
    # of Wednesday, not of the talks' day
    first = sentence_of(doc[days[0].governor])
    named = [a for a in days if first.start <= a.governor < first.end]
    best = min(named, key=lambda a: _depth(doc[a.governor]))
    return replace(best.date, method="tense")


def _depth(token: Token) -> int:
    """How many heads lie between ``token`` and its sentence's root."""
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def date_for(trigger: Token, anchored: list[Anchored]) -> EventDate | None:
    """The date of the event whose trigger is ``trigger`` (see the module's steps 1-3), or
    None when only an earlier mention or the document date can tell."""
    sent = sentence_of(trigger)
    local = [a for a in anchored if sent.start <= a.governor < sent.end]
    found = _own_time(trigger, local) if local else None
    if found is None and local and trigger.dep_ == "relcl":
        found = _antecedent_time(trigger, local)
    if found is None and isinstance(anchored, Anchors):
        # "a day after the court banned": the clause above's time, moved by the gap
        found = _offset(trigger, anchored)
    if found is None and local:
        found = _governing(trigger, local)
    if found is None and local:
        found = _conjunct_time(trigger, local)
    if found is None and len(local) == 1 and isinstance(anchored, Anchors):
        found = _sentence_time(trigger, local[0], anchored)
    if found is None and isinstance(anchored, Anchors):
        found = _by_tense(trigger, anchored)
    return found


def _conjunct_time(trigger: Token, local: list[Anchored]) -> EventDate | None:
    """The time of a verb joined to the trigger's clause that shares its subject: "was
    shot dead and found earlier in March" was shot in March too."""
    verb = _clause_verb(trigger)
    if verb is None:
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue
        hits = [a for a in local if a.governor == conj.i]
        if hits:
            return _nearest(hits, trigger).date
    return None


def _sentence_time(trigger: Token, only: Anchored, anchors: Anchors) -> EventDate | None:
    """A past event with no time of its own or of a clause above, in a sentence that names
    one time, before the story's news time: that time. "Ms Jackson said the union offered
    arbitration last year, but the state government refused" refused last year, not on
    the day of publication. A time of a relative clause or participle phrase that does not
    hold the event ("the station, founded in 2001") describes something else, and a time
    after publication is no past event's."""
    doc_date = anchors.doc_date
    if doc_date is None or only.date.end is not None or news_time(only.date, doc_date):
        return None
    if only.date.value[:10] >= doc_date.isoformat()[:len(only.date.value[:10])]:
        return None
    if tense(trigger) not in ("past", "pluperfect"):
        return None
    if _in_other_clause(trigger.doc[only.governor], trigger):
        return None
    return only.date


def _in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` lies in a relative clause or participle phrase that does not hold
    ``trigger``."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and not (
                node.left_edge.i <= trigger.i <= node.right_edge.i):
            return True
        node = node.head
    return False


def own_date(token: Token, anchored: list[Anchored]) -> EventDate | None:
    """The time hung on ``token`` itself or on its own phrases (step 1 without the
    clauses above): "Tuesday's bombing", "the attack on Monday"."""
    sent = sentence_of(token)
    local = [a for a in anchored if sent.start <= a.governor < sent.end]
    return _own_time(token, local) if local else None


def _offset(trigger: Token, anchors: Anchors) -> EventDate | None:
    """An event a measured gap before or after the clause it hangs from: "the attack comes
    a day after the court banned two members" dates the ban a day before the attack,
    "removed three days after being convicted" the conviction three days before."""
    if not anchors.offsets:
        return None
    words = time_words()
    clause = _clause_verb(trigger) if trigger.pos_ in ("VERB", "AUX") else None
    if clause is not None and clause.dep_ == "advcl":
        # "a day after the court banned": "after" marks the clause, the gap hangs from
        # the clause or from "after"
        links = [c for c in clause.children if c.dep_ == "mark"
                 and c.lower_ in words["gap_after"] | words["gap_before"]]
        above = clause.head
    else:
        # "three days after being convicted", "a week before the election"
        node = clause if clause is not None else trigger
        links = [node.head] if node.dep_ in ("pobj", "pcomp") else []
        above = node.head.head
        clause = None
    # the link nearest the trigger: "three weeks before the elections and a day after
    # the court banned" (a parse may hang both on "banned")
    for link in sorted(links, key=lambda t: -t.i):
        if link.lower_ not in words["gap_after"] | words["gap_before"] or above.i == link.i:
            continue
        gaps = anchors.offsets.get(link.i, [])
        if clause is not None:
            # a gap on the clause counts for the link it stands right before
            gaps = gaps + [g for g in anchors.offsets.get(clause.i, []) if g.end == link.i]
        if not gaps:
            continue
        base = date_for(above, anchors) or anchors.reference
        if base is None or base.precision != "day":
            return None
        sign = -1 if link.lower_ in words["gap_after"] else 1
        return _shifted(base, sign, gaps[0].unit, gaps[0].count)
    return None


def _shifted(base: EventDate, sign: int, unit: str, count: float) -> EventDate | None:
    """``base`` (a day) moved by ``count`` units, at the precision the unit supports."""
    day = dt.date.fromisoformat(base.value[:10])
    if unit in ("D", "W"):
        days = count * (7 if unit == "W" else 1)
        try:
            moved = day + dt.timedelta(days=sign * round(days))
        except OverflowError:
            return None
        return EventDate(moved.isoformat(), "day", base.text, "dependent")
    months = day.year * 12 + day.month - 1 + sign * round(count * (12 if unit == "Y" else 1))
    if months < 12:
        return None
    if unit == "Y":
        return EventDate(f"{months // 12:04d}", "year", base.text, "dependent")
    return EventDate(f"{months // 12:04d}-{months % 12 + 1:02d}", "month", base.text,
                     "dependent")


def _nearest(hits: list[Anchored], trigger: Token) -> Anchored:
    return min(hits, key=lambda a: abs(a.timex.start - trigger.idx))


def _own_time(trigger: Token, local: list[Anchored]) -> EventDate | None:
    """A time hung on the trigger itself or on its own phrases: "arrested 200 people
    during the demonstrations on Saturday"; it comes before the time of a clause above
    ("announced on Monday that it had kidnapped two tourists in Tunisia on February 22")."""
    doc = trigger.doc
    hits = [a for a in local if a.governor == trigger.i]
    if hits:
        return _nearest(hits, trigger).date
    inside = [a for a in local if _within_phrases(doc[a.governor], trigger, _OWN_DEPS)]
    if inside:
        return _nearest(inside, trigger).date
    return None


def _antecedent_time(trigger: Token, local: list[Anchored]) -> EventDate | None:
    """A relative clause with no time of its own tells of the thing it describes: "the USS
    Cole bombing in 2000 that killed 17 sailors" killed them in 2000."""
    noun = trigger.head
    doc = trigger.doc
    hits = [a for a in local if a.governor != trigger.i
            and not _within_phrases(doc[a.governor], trigger, _OWN_DEPS)
            and _within_phrases(doc[a.governor], noun)]
    return replace(_nearest(hits, trigger).date, method="dependent") if hits else None


def _governing(trigger: Token, local: list[Anchored]) -> EventDate | None:
    """The time of a clause above the trigger, or of the event such a clause is tied to."""
    by_governor: dict[int, list[Anchored]] = {}
    for a in local:
        by_governor.setdefault(a.governor, []).append(a)
    doc = trigger.doc
    above = trigger
    while above.head.i != above.i:
        above = above.head
        hits = by_governor.get(above.i)
        if hits:
            return _nearest(hits, trigger).date
    # "Following Thursday's meeting, Chavez said that Hu agreed": the time of the event a
    # clause above the trigger is tied to by a phrase
    current = trigger.head if trigger.head.i != trigger.i else None
    while current is not None:
        tied = [a for a in local if a.governor != current.i
                and _tied_by(doc[a.governor], current)]
        if tied:
            return replace(_nearest(tied, trigger).date, method="dependent")
        current = current.head if current.head.i != current.i else None
    return None


def _tied_by(token: Token, clause: Token) -> bool:
    """Whether ``token`` lies in a phrase of ``clause`` opened by a preposition that ties
    the clause to another event's time ("following the meeting", "during the visit")."""
    if not _within_phrases(token, clause):
        return False
    preps = time_words()["dependent_prep"]
    while token.i != clause.i:
        if token.dep_ == "prep" and token.head.i == clause.i:
            return token.lower_ in preps
        token = token.head
    return False


_PHRASE_DEPS = ("prep", "pobj", "dobj", "npadvmod", "compound", "amod", "nmod", "appos",
                "nummod", "poss", "attr", "agent")


# an event's own phrases also take in a participle that describes its participants
# ("kidnapped two Austrians vacationing in Tunisia on February 22")
_OWN_DEPS = (*_PHRASE_DEPS, "acl")
_CLAUSE_CORE = ("nsubj", "nsubjpass", "aux", "auxpass", "mark")


def _within_phrases(token: Token, trigger: Token, deps: tuple[str, ...] = _PHRASE_DEPS) -> bool:
    """Whether ``token`` hangs below ``trigger`` through phrases only, no clause."""
    for _ in range(8):
        if token.i == trigger.i:
            return True
        if token.dep_ not in deps or token.head.i == token.i:
            return False
        if token.dep_ == "acl" and any(c.dep_ in _CLAUSE_CORE for c in token.children):
            # "claims that she had been involved in 1983": a clause of its own
            return False
        token = token.head
    return False


# clauses that take their tense from the verb above them: "decided to dismiss",
# "continued to call", "were striking ... and protesting"
_BORROWED = ("xcomp", "conj", "advcl", "acomp")


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds ``token`` (itself when it is one)."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def tense(token: Token) -> str | None:
    """``past``, ``pluperfect``, ``perfect``, ``future`` (also the merely possible),
    ``present`` or None:
    the tense of the clause that holds ``token``, read from its verb and auxiliaries."""
    words = time_words()
    verb = _clause_verb(token)
    for _ in range(4):
        if verb is None:
            return None
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a in words["future_aux"] for a in auxes):
            return "future"
        if any(a in words["perfect_aux"] for a in auxes) and verb.tag_ == "VBN":
            return "perfect"
        if any(a in words["pluperfect_aux"] for a in auxes):
            return "pluperfect"
        if any(a in words["past_aux"] for a in auxes) or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in
                                               verb.children if c.dep_ in ("aux", "auxpass")):
            return "present"
        if verb.dep_ in _BORROWED or verb.tag_ in ("VB", "VBG", "VBN") and verb.dep_ != "ROOT":
            verb = _clause_verb(verb.head) if verb.head.i != verb.i else None
            continue
        return None
    return None


def _by_tense(trigger: Token, anchors: Anchors) -> EventDate | None:
    """A past-tense event with no time of its own: the article's reference day, else the
    day of publication (a news report that names no day tells what happened that day). A
    past perfect ("had been on strike", "had previously rejected") lies before the
    reference day, and so does a past or perfect event marked as background ("recently
    imposed", "has previously called for", "the recent summit"): the month of publication,
    the time that news covers."""
    if anchors.doc_date is None:
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ in time_words()["sequence_prep"]:
        return None  # "months after a summit": an earlier event, not the clause's time
    said = tense(trigger)
    if said in ("pluperfect", None) and _reported_in_past(trigger):
        said = "past"  # "announced that he had signed the accord"
    month = EventDate(anchors.doc_date.isoformat()[:7], "month", None, "tense")
    if said == "pluperfect" or said in ("past", "perfect") and _background(trigger):
        return month
    if said != "past":
        return None
    return anchors.reference or month


def _reported_in_past(trigger: Token) -> bool:
    """Whether the trigger's clause, with no past tense of its own, is what a past-tense
    verb said in the tense of its own time: a backshifted report ("announced that he had
    signed the accord": signed that day). The caller asks it of a past perfect or of a
    clause with no tense of its own: what is announced for later ("said it would attack")
    is a future event, dated by its own time, not by the saying's. (Dating the demands of
    "should" and "must" clauses by the saying also moved a ranked reading of the PLOVER
    sentences and cost them a recipient; left out.)"""
    verb = _clause_verb(trigger)
    if verb is None or verb.dep_ not in ("ccomp", "xcomp") or verb.head.i == verb.i:
        return False
    return tense(verb.head) == "past"


# how a background word reaches the event it marks: "recently imposed" (advmod), "the
# recent summit" (amod), "in recent weeks" (a phrase of the verb)
_MARKER_DEPS = ("advmod", "amod", "npadvmod", "pobj", "prep")


def _background(trigger: Token) -> bool:
    """Whether the trigger's clause, or the trigger itself, is marked as an event from
    before the story's day ("recently", "previously", "the recent summit")."""
    words = time_words()["background"]
    targets = {trigger.i}
    verb = _clause_verb(trigger)
    if verb is not None:
        targets.add(verb.i)
    for token in sentence_of(trigger):
        if token.lower_ not in words:
            continue
        for _ in range(4):
            if token.dep_ not in _MARKER_DEPS or token.head.i == token.i:
                break
            token = token.head
            if token.i in targets:
                return True
    return False


def news_time(date: EventDate, published: dt.date) -> bool:
    """Whether ``date`` lies in the time a story published on ``published`` reports as
    news: a day of the week up to publication, or a month or year that holds it."""
    if date.precision == "day":
        try:
            day = dt.date.fromisoformat(date.value[:10])
        except ValueError:
            return False
        return 0 <= (published - day).days <= REFERENCE_DAYS
    return published.isoformat().startswith(date.value)


def document_date(doc_date: dt.date) -> EventDate:
    return EventDate(doc_date.isoformat(), "day", None, "document")
