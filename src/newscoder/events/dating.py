"""When did it happen? Each event takes the time expression that governs its trigger.

A time expression governs the clause it attaches to in the parse ("In June, Kim said he
would ..." governs everything under "said"). Walking up from the trigger, the first clause
with a time expression of its own gives the date (method ``explicit`` when the expression
names its year, ``relative`` when it is resolved against the document date). Without one,
the event inherits the date of an earlier mention of the same event (``inferred``), and
failing that takes the document date (``document``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import EventDate, Timex

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_QUARTER = re.compile(r"^\d{4}-(Q[1-4]|H[12])$")
_DECADE = re.compile(r"^\d{3}$")
_HAS_YEAR = re.compile(r"\b(1[89]|20)\d{2}s?\b")  # "2019", "the 1990s"


@dataclass(frozen=True, slots=True)
class Anchored:
    """A time expression with the token that governs it in the parse."""

    timex: Timex
    governor: int  # token index
    date: EventDate


def event_date(timex: Timex, doc_date: dt.date) -> EventDate | None:
    """A TIMEX3 value as an event date, or None when it names no calendar time."""
    if timex.type not in ("DATE", "TIME"):
        return None
    value = timex.value
    if value == "PRESENT_REF":
        return EventDate(doc_date.isoformat(), "day", timex.text, "relative")
    if _DAY.match(value):
        value, precision = value[:10], "day"
    elif _MONTH.match(value):
        precision = "month"
    elif _YEAR.match(value):
        precision = "year"
    elif _WEEK.match(value):
        precision = "week"
    elif _QUARTER.match(value):
        precision = "quarter" if "Q" in value else "half"
    elif _DECADE.match(value):
        precision = "decade"
    else:
        return None
    method = "explicit" if _HAS_YEAR.search(timex.text) else "relative"
    return EventDate(value, precision, timex.text, method)


def anchor_timexes(doc: Doc, timexes: list[Timex], doc_date: dt.date) -> list[Anchored]:
    """Attach each calendar time expression to the verb or noun it modifies."""
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
        # climb out of the expression (and "In", "On" before it) to the word it modifies
        while governor.head.i != governor.i and (governor.i in inside
                                                 or governor.pos_ in ("ADP", "PUNCT")):
            governor = governor.head
        out.append(Anchored(tx, governor.i, date))
    return out


def date_for(trigger: Token, anchored: list[Anchored]) -> EventDate | None:
    """The date of the nearest clause on the trigger's path to the root that has one."""
    sent = trigger.sent
    local = [a for a in anchored if sent.start <= a.governor < sent.end]
    if not local:
        return None
    by_governor: dict[int, list[Anchored]] = {}
    for a in local:
        by_governor.setdefault(a.governor, []).append(a)
    current: Token | None = trigger
    while current is not None:
        hits = by_governor.get(current.i)
        if hits:
            best = min(hits, key=lambda a: abs(a.timex.start - trigger.idx))
            return best.date
        if current.head.i == current.i:
            current = None
        else:
            current = current.head
    # "arrested 200 people during the demonstrations on Saturday": a time attached to the
    # trigger's own phrases (not to a clause of its own) dates it too
    inside = [a for a in local if _within_phrases(trigger.doc[a.governor], trigger)]
    if inside:
        return min(inside, key=lambda a: abs(a.timex.start - trigger.idx)).date
    return None


_PHRASE_DEPS = ("prep", "pobj", "dobj", "npadvmod", "compound", "amod", "nmod", "appos",
                "nummod", "poss", "attr", "agent")


def _within_phrases(token: Token, trigger: Token) -> bool:
    """Whether ``token`` hangs below ``trigger`` through phrases only, no clause."""
    for _ in range(8):
        if token.i == trigger.i:
            return True
        if token.dep_ not in _PHRASE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


def document_date(doc_date: dt.date) -> EventDate:
    return EventDate(doc_date.isoformat(), "day", None, "document")
