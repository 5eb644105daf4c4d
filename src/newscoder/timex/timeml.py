"""Writing TempEval-3 TimeML documents."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from ..records import Timex


def to_timeml(doc_id: str, text: str, doc_date: dt.date, timexes: list[Timex]) -> str:
    """A TempEval-3 ``.tml`` document: DOCID, DCT (t0) and the TEXT with TIMEX3 tags.

    ``timexes`` must be sorted and non-overlapping, with offsets into ``text`` (what
    :class:`~newscoder.timex.TimexTagger` returns)."""
    parts: list[str] = []
    pos = 0
    for i, t in enumerate(timexes, start=1):
        if t.start < pos:
            continue  # overlapping input: keep the first
        parts.append(escape(text[pos:t.start]))
        attrs = f'tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}'
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        parts.append(f"<TIMEX3 {attrs}>{escape(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    parts.append(escape(text[pos:]))
    day = doc_date.isoformat()
    return (
        '<?xml version="1.0" ?>\n<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n\n'
        f"<DOCID>{escape(doc_id)}</DOCID>\n\n"
        '<DCT><TIMEX3 tid="t0" type="DATE" value="' + day + '" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n\n'
        f"<TEXT>{''.join(parts)}</TEXT>\n\n</TimeML>\n"
    )
