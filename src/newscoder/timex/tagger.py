"""The TIMEX3 tagger: recognition, normalisation and document-level anchoring."""

from __future__ import annotations

import datetime as dt
import re

from ..records import Timex
from . import durations, relative  # noqa: F401  (they register their normalisers)
from .lexicon import Lexicon, load
from .normalise import NORMALISERS, Context, Norm
from .recognise import Candidate, candidates, select

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})")


class TimexTagger:
    """Finds and normalises TIMEX3 expressions in raw text.

    ``TimexTagger()(text, doc_date)`` returns :class:`~newscoder.records.Timex` records
    sorted by start, non-overlapping, with offsets into ``text``. The data files are read
    and the rules compiled once, when the first tagger is made.
    """

    def __init__(self) -> None:
        self.lexicon: Lexicon = load()

    def __call__(self, text: str, doc_date: dt.date) -> list[Timex]:
        if isinstance(doc_date, dt.datetime):
            doc_date = doc_date.date()
        ctx = Context(text, doc_date, self.lexicon)
        out: list[Timex] = []
        # A rejected match (e.g. "May" the verb) frees its span, so that a shorter or
        # lower-priority rule may still claim it; acceptance does not depend on the
        # anchors, so values are computed afterwards, in document order.
        found = candidates(text, self.lexicon)
        rejected: set[int] = set()
        while True:
            chosen = select([c for c in found if id(c) not in rejected])
            failures = [c for c in chosen if self._norm(c, ctx) is None]
            if not failures:
                break
            rejected.update(id(c) for c in failures)
        for c in chosen:
            norm = self._norm(c, ctx)
            if norm is None:
                continue
            start = c.start + norm.trim
            out.append(Timex(text[start:c.end], start, c.end, norm.type, norm.value,
                             norm.mod))
            _remember(ctx, norm.value)
        return out

    @staticmethod
    def _norm(c: Candidate, ctx: Context) -> Norm | None:
        return NORMALISERS[c.rule.value](c.match, ctx)


def _remember(ctx: Context, value: str) -> None:
    """Keep the last dates the text mentioned, for anchored phrases ("the next day")."""
    if m := _DAY.match(value):
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return
        ctx.last_day, ctx.last_month, ctx.last_year = d, (d.year, d.month), d.year
    elif m := _MONTH.match(value):
        ctx.last_month = (int(m.group(1)), int(m.group(2)))
        ctx.last_year = int(m.group(1))
    elif m := _YEAR.match(value):
        ctx.last_year = int(m.group(1))
