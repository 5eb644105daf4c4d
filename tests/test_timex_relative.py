"""Expressions relative to the document date: deictic phrases, "last week", "two days
ago", weekdays and months whose direction comes from the tense, anchored phrases and
vague references (PRESENT_REF ...)."""

from __future__ import annotations

import datetime as dt

import pytest

from newscoder.timex import TimexTagger

DCT = dt.date(2023, 9, 5)  # a Tuesday
TAGGER = TimexTagger()


def tags(text: str, date: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER(text, date)]


@pytest.mark.parametrize("text, span, typ, value", [
    ("It rained yesterday.", "yesterday", "DATE", "2023-09-04"),
    ("It will rain tomorrow.", "tomorrow", "DATE", "2023-09-06"),
    ("The vote is today.", "today", "DATE", "2023-09-05"),
    ("He spoke this morning.", "this morning", "TIME", "2023-09-05TMO"),
    ("He left last night.", "last night", "TIME", "2023-09-04TNI"),
    ("Kim will travel to Russia this month.", "this month", "DATE", "2023-09"),
    ("Prices rose last month.", "last month", "DATE", "2023-08"),
    ("This year has been hard.", "This year", "DATE", "2023"),
    ("Elections are due next year.", "next year", "DATE", "2024"),
    ("Sales rose earlier this year.", "earlier this year", "DATE", "2023"),
    ("The bill passed last week.", "last week", "DATE", "2023-W35"),
    ("Profit fell in the latest quarter.", "the latest quarter", "DATE", "2023-Q2"),
])
def test_timex_relative_deictic(text: str, span: str, typ: str, value: str) -> None:
    assert tags(text) == [(span, typ, value)]


@pytest.mark.parametrize("text, span, value", [
    ("It happened two days ago.", "two days ago", "2023-09-03"),
    ("It happened three weeks ago.", "three weeks ago", "2023-W33"),
    ("They met five years ago.", "five years ago", "2018"),
    ("It closed a month ago.", "a month ago", "2023-08"),
])
def test_timex_relative_ago(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, span, value", [
    ("Officials said on Monday that talks failed.", "Monday", "2023-09-04"),
    ("The minister will visit on Thursday.", "Thursday", "2023-09-07"),
    ("The minister visited on Thursday.", "Thursday", "2023-08-31"),
    ("Talks resume next Monday.", "next Monday", "2023-09-11"),
    ("They met last Friday.", "last Friday", "2023-09-01"),
    ("The paper said Tuesday it would close.", "Tuesday", "2023-09-05"),
])
def test_timex_relative_weekday(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, expected", [
    ("The talks began on June 3, 2021. The previous day, troops withdrew.",
     [("June 3, 2021", "DATE", "2021-06-03"), ("The previous day", "DATE", "2021-06-02")]),
    ("He arrived on June 3, 2021 and left the next day.",
     [("June 3, 2021", "DATE", "2021-06-03"), ("the next day", "DATE", "2021-06-04")]),
])
def test_timex_relative_anchored(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert tags(text) == expected


@pytest.mark.parametrize("text, span, value", [
    ("Prices are now rising.", "now", "PRESENT_REF"),
    ("He is currently abroad.", "currently", "PRESENT_REF"),
    ("The law was recently changed.", "recently", "PAST_REF"),
    ("Prices have soared in recent years.", "recent years", "PAST_REF"),
    ("Nobody knows what the future holds.", "the future", "FUTURE_REF"),
])
def test_timex_relative_vague(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, span, value", [
    ("The machines were removed a few years ago.", "a few years ago", "PAST_REF"),
    ("Support rose from 35 percent several years ago.", "several years ago", "PAST_REF"),
    ("The firm, which just months ago was bleeding, recovered.", "months ago", "PAST_REF"),
    # "just" and "only" are not TIMEX3 modifiers: they stay outside the extent.
    ("They were just a decade ago under Soviet rule.", "a decade ago", "2013"),
])
def test_timex_relative_ago_vague_and_outside_words(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


def test_timex_relative_unit_or_so() -> None:
    assert tags("The plants will be closed over the next year or so.") == [
        ("the next year or so", "DATE", "2024")]


@pytest.mark.parametrize("text, typ, value", [
    # "the year ended Sept. 30" is twelve months; "a high for the year" is this year.
    ("For the year ended Sept. 30, it earned $422 million.", "DURATION", "P1Y"),
    ("The stock rose to a high for the year in June.", "DATE", "2023"),
    ("Net fell through the first nine months of the year.", "DATE", "2023"),
    ("Profit should increase throughout the fiscal year.", "DURATION", "P1Y"),
])
def test_timex_relative_the_year(text: str, typ: str, value: str) -> None:
    assert [(t[1], t[2]) for t in tags(text) if "year" in t[0] and "months" not in t[0]] == [
        (typ, value)]
