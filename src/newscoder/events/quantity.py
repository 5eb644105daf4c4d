"""How many? A stated number of the event's object: "up to 68 missiles", "killing at
least 156", "six nuclear tests"."""

from __future__ import annotations

import math

from spacy.tokens import Token

from ..records import Quantity
from .lexicon import data_table


def _numbers(kind: str) -> dict[str, int]:
    return {row["word"]: int(row["value"]) for row in data_table("events", "numbers.tsv")
            if row["kind"] == kind}


_WORDS = _numbers("count")
_SCALES = _numbers("scale")


def number(text: str) -> float | int | None:
    word = text.lower().replace(",", "")
    if word in _WORDS:
        return _WORDS[word]
    if word in _SCALES:
        return _SCALES[word]
    try:
        value = float(word)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None  # "nan", "inf" are words, not numbers
    return int(value) if value.is_integer() else value


def _value(num: Token) -> tuple[float | int | None, str | None]:
    """The value of a number phrase ("2 million", "three thousand") and its qualifier
    ("up to", "at least", "more than")."""
    words = sorted([num, *(c for c in num.children if c.dep_ in ("compound", "nummod")
                           and number(c.text) is not None)], key=lambda t: t.i)
    words += [c for c in num.children if c.lower_ in _SCALES and c.i > num.i]
    total: float = 0
    for word in sorted(set(words), key=lambda t: t.i):
        value = number(word.text)
        if value is None:
            return None, None
        if word.lower_ in _SCALES:
            total = (total or 1) * value
        else:
            total += value
    left = [t for c in num.children if c.dep_ in ("quantmod", "advmod") and c.i < num.i
            for t in c.subtree]
    qualifier = " ".join(t.text for t in sorted(left, key=lambda t: t.i)).lower() or None
    return (int(total) if float(total).is_integer() else total), qualifier


def quantity(trigger: Token, is_noun: bool) -> Quantity | None:
    heads = [trigger] if is_noun else [c for c in trigger.children
                                       if c.dep_ in ("dobj", "nsubjpass")]
    if not is_noun:
        # "launching up to 68 missiles": the parser hangs the object below "up to"
        for prt in (c for c in trigger.children if c.dep_ == "prt"):
            for prep in (c for c in prt.children if c.dep_ == "prep"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    num = next((c for c in obj.children if c.dep_ == "nummod"), None)
                    value = number(num.text) if num is not None else None
                    if value is not None:
                        return Quantity(value, obj.lemma_.lower(), f"{prt.lower_} {prep.lower_}")
    for head in heads:
        if head.pos_ == "NUM":  # "killing at least 156"
            value, qualifier = _value(head)
            if value is not None:
                return Quantity(value, None, qualifier)
        for child in head.children:
            if child.dep_ == "nummod" and child.pos_ == "NUM":
                value, qualifier = _value(child)
                if value is not None:
                    return Quantity(value, head.lemma_.lower(), qualifier)
    return None
