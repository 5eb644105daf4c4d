"""The start-position filter of the timex recogniser finds what plain finditer finds."""

from __future__ import annotations

import pytest

from newscoder.timex.lexicon import load
from newscoder.timex.recognise import _finditer, _index_of, _key, _start_filter

TEXTS = [
    "On Monday, 5 March 2007, the talks resumed; by mid-2008 about 1,200 troops had left.",
    "MAY 2020 saw protests. In may they marched again, three weeks after the vote.",
    "the 1990s and the early 2000s; 12:30 p.m. on Sept. 11th; two years ago; tonight",
    "\u212aelvin \u017feptember 5, ıt was 9\u00a0years\u00a0ago on Tuesday\u2014the next day",
    "«today» — «yesterday»; twenty-five years ago; a decade; FY2009; Q3 2010",
    "5", "", "t", "Ma", "Mar", "March",
]


@pytest.mark.parametrize("text", TEXTS)
def test_filtered_matches_equal_finditer(text: str) -> None:
    lex = load()
    starts = _index_of(lex.rules).starts(text)
    for n, rule in enumerate(lex.rules):
        assert [m.span() for m in _finditer(rule.regex, text, starts[n])] == \
            [m.span() for m in rule.regex.finditer(text)], rule.name


def test_start_filter() -> None:
    import re

    from newscoder.timex.lexicon import BOUNDARY

    starts = _start_filter(re.compile(BOUNDARY + r"(?:(?:the\s+)?(?:march|may)|\d{4})",
                                      re.IGNORECASE))
    assert starts == frozenset({"the", "mar", "may", "000"})
    assert _start_filter(re.compile(BOUNDARY + r"x?", re.IGNORECASE)) is None  # may be empty
    assert _start_filter(re.compile(r"march")) is None  # no boundary
    assert _key("Mar") == "mar" and _key("19\u00e9") == "00" and _key("\u00e9t") == ""
