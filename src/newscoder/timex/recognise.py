"""Candidate extents: run every rule over the text and keep the best non-overlapping
matches (longest first, then the earlier rule).

Every rule starts with the word-boundary lookbehind of :data:`~.lexicon.BOUNDARY`, and
Python's engine would try each of the dozens of rules at every character of the text.
Instead, the characters a rule's match can start with are worked out once from its parsed
pattern, and the rule is tried only where the text has one of them after a boundary; the
matches are those of ``rule.regex.finditer(text)``, found with fewer attempts.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lexicon import BOUNDARY, Lexicon, Rule

# the regex parser of the standard library (private, but stable since 3.11)
_sre: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    priority: int
    rule: Rule
    match: re.Match[str]


def candidates(text: str, lex: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    starts = _Starts(text)
    for priority, rule in enumerate(lex.rules):
        for m in _finditer(rule.regex, text, starts):
            start, end = m.span()
            # Trailing sentence punctuation is not part of the expression, except the
            # dot of an abbreviation ("a.m.", "Sept.").
            while end > start and text[end - 1] in ",;: ":
                end -= 1
            if end > start:
                found.append(Candidate(start, end, priority, rule, m))
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates, longest first."""
    ordered = sorted(found, key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in ordered:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    taken.sort(key=lambda c: c.start)
    return taken


# ------------------------------------------------------------------ start-position filter

_ASCII = [chr(i) for i in range(128)]
_BOUNDARY_CHAR = re.compile(BOUNDARY + r"[\s\S]", re.IGNORECASE)
_OTHER = ""  # the key of positions whose character is not ASCII


class _Starts:
    """Positions of a text after a :data:`BOUNDARY`, by lower-cased first character
    (non-ASCII characters all under one key: case folding may take them anywhere)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_char: dict[str, list[int]] | None = None

    def positions(self, chars: frozenset[str]) -> list[int]:
        if self._by_char is None:
            by_char: dict[str, list[int]] = {}
            for m in _BOUNDARY_CHAR.finditer(self.text):
                p = m.start()
                ch = self.text[p]
                key = ch.lower() if ch < "\x80" else _OTHER
                group = by_char.get(key)
                if group is None:
                    by_char[key] = [p]
                else:
                    group.append(p)
            self._by_char = by_char
        lists = [self._by_char[c] for c in chars if c in self._by_char]
        if _OTHER in self._by_char:
            lists.append(self._by_char[_OTHER])
        if len(lists) == 1:
            return lists[0]
        return sorted(p for group in lists for p in group)


def _finditer(regex: re.Pattern[str], text: str, starts: _Starts) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, trying the regex only where a match can start."""
    chars = _first_chars(regex)
    if chars is None:
        yield from regex.finditer(text)
        return
    match = regex.match
    pos = 0
    for p in starts.positions(chars):
        if p < pos:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            # (a match is never empty: _first_chars refuses patterns that may be)
            pos = m.end()


@lru_cache(maxsize=1024)
def _first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-cased ASCII characters a match of ``regex`` can start with, when the
    pattern begins with BOUNDARY and never matches the empty string; else None."""
    if not regex.pattern.startswith(BOUNDARY):
        return None
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the regex compiled, so it parses
        return None
    data = list(parsed.data)
    if not data or data[0][0] is not _sre.ASSERT_NOT or data[0][1][0] != -1:
        return None  # the boundary is not a lookbehind over the whole pattern
    chars, nullable = _first_of_sequence(data[1:])
    if chars is None or nullable:
        return None
    return frozenset(chars)


def _first_of_sequence(items: Any) -> tuple[set[str] | None, bool]:
    """First characters of a sequence of parsed items (None: any), and whether it can
    match the empty string."""
    out: set[str] = set()
    for item in items:
        chars, nullable = _first_of_item(item)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of_item(item: Any) -> tuple[set[str] | None, bool]:
    op, av = item
    if op is _sre.LITERAL:
        ch = chr(av)
        return ({ch.lower()}, False) if ch < "\x80" else (None, False)
    if op is _sre.IN:
        return _class_chars(av), False
    if op is _sre.BRANCH:
        out: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _first_of_sequence(alternative.data)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or empty
        return out, nullable
    if op is _sre.SUBPATTERN:
        return _first_of_sequence(av[-1].data)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _first_of_sequence(av.data)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _, body = av
        chars, empty = _first_of_sequence(body.data)
        return chars, empty or low == 0
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return set(), True  # zero width: it can only rule positions out
    return None, False  # any character, a back reference ...: no filter


_CATEGORIES = {
    _sre.CATEGORY_DIGIT: {c for c in _ASCII if c.isdigit()},
    _sre.CATEGORY_SPACE: {c for c in _ASCII if c.isspace()},
    _sre.CATEGORY_WORD: {c.lower() for c in _ASCII if c.isalnum() or c == "_"},
}


def _class_chars(items: Any) -> set[str] | None:
    """The lower-cased ASCII characters of a character class (a superset under any case
    flag), or None for a negated class or one this does not know."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            ch = chr(av)
            if ch >= "\x80":
                return None
            out.add(ch.lower())
        elif op is _sre.RANGE:
            low, high = av
            if high >= 0x80:
                return None
            out.update(chr(i).lower() for i in range(low, high + 1))
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            out |= _CATEGORIES[av]
        else:
            return None
    return out
