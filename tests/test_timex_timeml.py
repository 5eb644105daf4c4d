"""The tagger's contract (sorted, non-overlapping offsets into the text) and TimeML
output, on the seed article."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newscoder.records import Timex
from newscoder.timex import TimexTagger, to_timeml

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "examples" / "seed" / "article.txt"
TAGGER = TimexTagger()
DCT = dt.date(2023, 9, 5)


def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("span, typ, value", [
    ("this month", "DATE", "2023-09"),
    ("last year", "DATE", "2022"),
    ("June", "DATE", "2023-06"),
    ("July", "DATE", "2023-07"),
    ("Monday", "DATE", "2023-09-04"),
    ("Sep. 4", "DATE", "2023-09-04"),
    ("April 2019", "DATE", "2019-04"),
    ("2006", "DATE", "2006"),
    ("this year", "DATE", "2023"),
])
def test_timex_timeml_seed(span: str, typ: str, value: str) -> None:
    found = {(t.text, t.type, t.value) for t in TAGGER(seed_text(), DCT)}
    assert (span, typ, value) in found


def test_timex_timeml_contract() -> None:
    text = seed_text()
    found = TAGGER(text, DCT)
    assert all(isinstance(t, Timex) for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    assert all(text[t.start:t.end] == t.text for t in found)


def test_timex_timeml_document() -> None:
    text = "Talks began on Monday & ended <today>."
    found = TAGGER(text, DCT)
    xml = to_timeml("doc1", text, DCT, found)
    assert "<DOCID>doc1</DOCID>" in xml
    assert re.search(r'<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-05"', xml)
    assert '<TIMEX3 tid="t1" type="DATE" value="2023-09-04">Monday</TIMEX3>' in xml
    assert "&amp; ended &lt;" in xml
    body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
    assert body is not None
    assert re.sub(r"<[^>]+>", "", body.group(1)).replace("&amp;", "&").replace(
        "&lt;", "<").replace("&gt;", ">") == text
