"""Candidate extents: run every rule over the text and keep the best non-overlapping
matches (longest first, then the earlier rule)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, Rule


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    priority: int
    rule: Rule
    match: re.Match[str]


def candidates(text: str, lex: Lexicon) -> list[Candidate]:
    found: list[Candidate] = []
    for priority, rule in enumerate(lex.rules):
        for m in rule.regex.finditer(text):
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
