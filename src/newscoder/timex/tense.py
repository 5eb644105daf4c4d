"""Direction (past or future) of an expression from the words around it.

Weekday names, month names without a year and bare seasons need to know whether the
sentence speaks of the past or the future of the document date. Like HeidelTime's news
mode this looks at the tense of nearby verbs, but from surface words only so that the
tagger needs no parser: the nearest tense cue within the clause wins.
"""

from __future__ import annotations

import re

_FUTURE = frozenset("""
will 'll shall wo going gonna upcoming scheduled expected plans plan planned planning
intends intend due next tomorrow forthcoming await awaits awaiting
set aims aim hopes hope slated
""".split())
_PAST = frozenset("""
was were had did said told ago last yesterday earlier previously announced reported
been came went took made began died killed met held won lost rose fell became gave
found saw left sent thought wrote spoke brought kept ran led paid sold bought
""".split())
# Words ending in -ed that are not past-tense cues.
_NOT_PAST = frozenset("""
need indeed speed seed feed proceed exceed succeed red bed bred shed embed hundred
expected scheduled planned intended slated proposed unexpected unprecedented
""".split())

_WORD = re.compile(r"[A-Za-z']+")
_BOUNDARY = re.compile(r"[.!?;\n]\s|[\n\"“”]")
_WINDOW = 120


def direction(text: str, start: int, end: int) -> int:
    """-1 when the nearest tense cue is past, +1 when it is future, 0 when none."""
    left_limit = max(0, start - _WINDOW)
    left = text[left_limit:start]
    cut = None
    for m in _BOUNDARY.finditer(left):
        cut = m.end()
    if cut is not None:
        left = left[cut:]
    right = text[end:end + _WINDOW]
    stop = _BOUNDARY.search(right)
    if stop:
        right = right[:stop.start()]
    best: tuple[int, int] | None = None  # (distance in words, direction)
    left_words = _WORD.findall(left)
    for i, w in enumerate(reversed(left_words)):
        d = _cue(w)
        if d:
            best = (i, d)
            break
    for i, w in enumerate(_WORD.findall(right)):
        if best is not None and i >= best[0]:
            break
        d = _cue(w)
        if d:
            best = (i, d)
            break
    return best[1] if best else 0


def _cue(word: str) -> int:
    w = word.lower()
    if w in _FUTURE:
        return 1
    if w in _PAST:
        return -1
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST:
        return -1
    return 0
