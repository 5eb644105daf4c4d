"""Candidate extents: run every rule over the text and keep the best non-overlapping
matches (longest first, then the earlier rule).

Every rule starts with the word-boundary lookbehind of :data:`~.lexicon.BOUNDARY`, and
Python's engine would try each of the dozens of rules at every character of the text.
Instead, the strings of up to three characters that a rule's match can start with are
worked out once from its parsed pattern, and the rule is tried only where the text has one
of them after a boundary; the matches are those of ``rule.regex.finditer(text)``, found
with fewer attempts.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
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
    index = _index_of(lex.rules)
    starts = index.starts(text)
    for priority, rule in enumerate(lex.rules):
        for m in _finditer(rule.regex, text, starts[priority]):
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
# how many characters of a match's start the filter looks at: with three, a rule is tried
# at a fifth of the positions its first character alone allows ("mar" of "March" is not
# tried at "make" or "many"; over 300 articles, 1.1 million tries became 0.2 million)
_PREFIX = 3
# each position after a BOUNDARY, with the characters from it that the filter looks at
_BOUNDARY_START = re.compile(BOUNDARY + rf"(?=([\s\S]{{1,{_PREFIX}}}))", re.IGNORECASE)
_OTHER = ""  # the key of positions whose first character is not ASCII
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_SEEN_MAX = 200_000  # strings of text whose rules an index remembers


# digits all read as "0" and ASCII white space as " ", in the text and the rules alike:
# the filter then keeps one string where "\d\d\d" would make a thousand
_FOLD = str.maketrans({**{c: "0" for c in "0123456789"},
                       **{c: " " for c in _ASCII if c.isspace()}})


def _key(start: str) -> str:
    """The key of a position from the characters there: lower-cased and folded, up to
    the first that is not ASCII (_OTHER where that is the first)."""
    if not start.isascii():
        start = start[:_NOT_ASCII.search(start).start()]  # type: ignore[union-attr]
    return start.lower().translate(_FOLD)


class _Index:
    """A lexicon's rules with the strings their matches can start with, and which rules
    a key lets through (worked out once per key seen)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.filters = [_start_filter(rule.regex) for rule in rules]
        self._seen: dict[str, tuple[int, ...]] = {}  # accepting(_key(chars)) by chars
        self._accepting: dict[str, tuple[int, ...]] = {_OTHER: tuple(
            n for n, f in enumerate(self.filters) if f is not None)}
        # each start string -> the rules whose matches it can begin
        self._by_start: dict[str, set[int]] = {}
        # each string shorter than a rule's start string that begins it -> the rules
        self._by_prefix: dict[str, set[int]] = {}
        for n, f in enumerate(self.filters):
            for start in f if f is not None else ():
                self._by_start.setdefault(start, set()).add(n)
                for end in range(1, len(start)):
                    self._by_prefix.setdefault(start[:end], set()).add(n)

    def accepting(self, key: str) -> tuple[int, ...]:
        """The rules a match of which may start at a position of this key: those with a
        start string that begins the key; where the key is cut short (the text ends, or
        its next character is not ASCII, which may fold to anything), also those with
        one that the key begins."""
        found = self._accepting.get(key)
        if found is None:
            rules: set[int] = set()
            for end in range(1, len(key) + 1):
                rules |= self._by_start.get(key[:end], set())
            if len(key) < _PREFIX:
                rules |= self._by_prefix.get(key, set())
            found = self._accepting[key] = tuple(sorted(rules))
        return found

    def starts(self, text: str) -> list[list[int] | None]:
        """For each rule, the positions of ``text`` where a match of it may start, in
        order (None: anywhere; the rule has no filter)."""
        by_chars: dict[str, list[int]] = {}  # the characters there, as they are
        for m in _BOUNDARY_START.finditer(text):
            group = by_chars.get(m.group(1))
            if group is None:
                by_chars[m.group(1)] = [m.start()]
            else:
                group.append(m.start())
        out: list[list[int] | None] = [[] if f is not None else None for f in self.filters]
        mixed: set[int] = set()  # rules with positions of several keys: to be sorted
        for chars, group in by_chars.items():
            rules = self._seen.get(chars)
            if rules is None:
                if len(self._seen) >= _SEEN_MAX:
                    self._seen.clear()  # a long-running process meets ever new strings
                rules = self._seen[chars] = self.accepting(_key(chars))
            for n in rules:
                positions = out[n]
                assert positions is not None
                if positions:
                    mixed.add(n)
                positions.extend(group)
        for n in mixed:
            positions = out[n]
            assert positions is not None
            positions.sort()
        return out


_indexes: dict[int, _Index] = {}


def _index_of(rules: tuple[Rule, ...]) -> _Index:
    index = _indexes.get(id(rules))
    if index is None or index.rules is not rules:
        index = _indexes[id(rules)] = _Index(rules)
    return index


def _finditer(regex: re.Pattern[str], text: str,
              positions: list[int] | None) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, trying the regex only at ``positions`` (a superset of
    where a match can start; None: everywhere)."""
    if positions is None:
        yield from regex.finditer(text)
        return
    match = regex.match
    pos = 0
    for p in positions:
        if p < pos:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            # (a match is never empty: _start_filter refuses patterns that may be)
            pos = m.end()


@lru_cache(maxsize=1024)
def _start_filter(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The strings (lower-cased and folded ASCII, at most _PREFIX characters) one of which
    begins every match of ``regex`` (a superset), when the pattern begins with BOUNDARY,
    never matches the empty string and its start can be told; else None."""
    if not regex.pattern.startswith(BOUNDARY):
        return None
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the regex compiled, so it parses
        return None
    data = list(parsed.data)
    if not data or data[0][0] is not _sre.ASSERT_NOT or data[0][1][0] != -1:
        return None  # the boundary is not a lookbehind over the whole pattern
    whole, cut = _sequence(data[1:])
    starts = whole | cut  # a match that ends early is followed by anything
    if _ANY in starts:
        return None  # it may be empty, or start with what the filter cannot tell
    return frozenset(starts)


# The start of what parsed items match, as two sets of lower-cased ASCII strings of at
# most _PREFIX characters: ``whole``, what they can match in full when shorter than that;
# ``cut``, the first characters of longer matches, or of those whose next character the
# filter cannot tell. "" in ``cut`` means that nothing can be told.
_ANY = ""
_Starts = tuple[AbstractSet[str], AbstractSet[str]]
_UNKNOWN: _Starts = (frozenset(), frozenset({_ANY}))
_EMPTY: _Starts = (frozenset({""}), frozenset())


def _sequence(items: Any) -> _Starts:
    """What a sequence of parsed items starts with."""
    partial = {""}  # what the items so far match in full, shorter than _PREFIX
    cut: set[str] = set()
    for item in items:
        partial = _followed(partial, _item(item), cut)
        if not partial:
            break
    return partial, cut


def _followed(partial: set[str], starts: _Starts, cut: set[str]) -> set[str]:
    """The strings of ``partial`` followed by what an item starts with: those still
    shorter than _PREFIX are returned, the others go to ``cut`` at _PREFIX characters."""
    whole, open_ = starts
    grown: set[str] = set()
    for head in partial:
        for tail in open_:
            cut.add((head + tail)[:_PREFIX])
        for tail in whole:
            joined = head + tail
            if len(joined) >= _PREFIX:
                cut.add(joined[:_PREFIX])
            else:
                grown.add(joined)
    return grown


def _item(item: Any) -> _Starts:
    op, av = item
    if op is _sre.LITERAL:
        ch = chr(av)
        return ({ch.lower().translate(_FOLD)}, set()) if ch < "\x80" else _UNKNOWN
    if op is _sre.IN:
        chars = _class_chars(av)
        return ({c.translate(_FOLD) for c in chars}, set()) if chars is not None \
            else _UNKNOWN
    if op is _sre.BRANCH:
        whole: set[str] = set()
        cut: set[str] = set()
        for alternative in av[1]:
            w, c = _sequence(alternative.data)
            whole |= w
            cut |= c
        return whole, cut
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av.data)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        return _repeat(*av)
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return _EMPTY  # zero width: it can only rule positions out
    return _UNKNOWN  # any character, a back reference ...


def _repeat(low: int, high: int, body: Any) -> _Starts:
    """What ``body{low,high}`` starts with: the body's starts joined up to _PREFIX + 1
    times (past that every string is cut, or grew by nothing)."""
    starts = _sequence(body.data)
    done: set[str] = {""} if low == 0 else set()
    cut: set[str] = set()
    partial = {""}
    bound = min(high, _PREFIX + 1)
    for n in range(1, bound + 1):
        partial = _followed(partial, starts, cut)
        if n >= low:
            done |= partial
        if not partial:
            break
    else:
        if high > bound:
            cut |= partial  # more repetitions may follow: what comes next is not known
    return done, cut


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
