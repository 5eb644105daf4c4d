"""Extent conventions learnt from TBAQ-cleaned (the TempEval-3 development set) and
MEANTIME: weeks named by a day or a position in a month, ranges of durations, bare units
around an event ("the weeks before the shooting"), months and years used as modifiers,
the trading day of market reports and a few vague phrases."""

from __future__ import annotations

import datetime as dt

import pytest

from newscoder.timex import TimexTagger

DCT = dt.date(2000, 3, 10)  # a Friday
TAGGER = TimexTagger()


def tags(text: str, date: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER(text, date)]


@pytest.mark.parametrize("text, span, value", [
    ("A hearing is set for the week of March 6.", "the week of March 6", "2000-W10"),
    ("They met the week of Jan. 10, 1999.", "the week of Jan. 10, 1999", "1999-W01"),
    ("It opens in the last week of March.", "the last week of March", "2000-W13"),
    ("It opened the first week of February.", "the first week of February", "2000-W05"),
])
def test_timex_span_week_of(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, span, value", [
    ("Shipments start within two to three weeks.", "two to three weeks", "P2W"),
    ("Deals will close during the next 12 to 18 months.", "the next 12 to 18 months",
     "P12M"),
    ("It lasts three to five days.", "three to five days", "P3D"),
])
def test_timex_span_duration_range(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DURATION", value)]


def test_timex_span_range_after_between_is_two_expressions() -> None:
    assert [t[0] for t in tags("It takes between two to six days.")] == ["six days"]


@pytest.mark.parametrize("text, span, typ", [
    ("He was seen in the weeks before the shooting.", "weeks", "DATE"),
    ("She moved in the days after the attack.", "days", "DATE"),
    ("In the years that followed, the party grew.", "years", "DURATION"),
])
def test_timex_span_bare_unit_around_event(text: str, span: str, typ: str) -> None:
    assert [(t[0], t[1]) for t in tags(text)] == [(span, typ)]


@pytest.mark.parametrize("text, span, value", [
    ("The March accession will enable the three to join.", "March", "2000-03"),
    ("They acted under a June agreement with the holders.", "June", "1999-06"),
    ("He lost his unsuccessful 1996 campaign.", "1996", "1996"),
    ("Police probed the 1998 bombing.", "1998", "1998"),
])
def test_timex_span_modifier_month_year(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text", [
    "The March of Dimes raised money.",
    "The company hired the nearly 2000 workers.",
])
def test_timex_span_modifier_not_a_date(text: str) -> None:
    assert tags(text) == []


@pytest.mark.parametrize("text, span, typ, value", [
    ("The index rose 39 points, ending the day at 8,017.", "the day", "DATE",
     "2000-03-10"),
    ("Shares fell at the start of the day.", "the start of the day", "DATE", "2000-03-10"),
    ("Troops will stay in the region for some time.", "some time", "DURATION", "PXX"),
    ("We have to live without it for a while.", "a while", "DURATION", "PXX"),
    ("Rates stay low for the time being.", "the time being", "DATE", "PRESENT_REF"),
])
def test_timex_span_vague_phrases(text: str, span: str, typ: str, value: str) -> None:
    assert tags(text) == [(span, typ, value)]


def test_timex_span_day_alone_is_not_tagged() -> None:
    assert tags("It was the day of reckoning.") == []


@pytest.mark.parametrize("text, span, value", [
    ("The talks ended Friday night.", "Friday night", "2000-03-10TNI"),
    ("He spoke Wednesday morning.", "Wednesday morning", "2000-03-08TMO"),
])
def test_timex_span_weekday_part_of_day_is_a_date(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, expected", [
    # Phrases TimeBank leaves untagged.
    ("Forces will stay for the foreseeable future.", []),
    ("There are no shipments at the moment.", []),
    ("She flew on to Nairobi later in the day.", []),
    ("He was last seen the day before the warrant was issued.", []),
    ("For the people of Poland, high noon comes today.", [("today", "DATE", "2000-03-10")]),
    # The article of a duration used as a modifier belongs to the noun it modifies.
    ("Crowds gathered for the two day rally.", [("two day", "DURATION", "P2D")]),
    ("They said the two days of music will draw crowds.",
     [("two days", "DURATION", "P2D")]),
    ("He got a week instead of the four days he considered.",
     [("a week", "DURATION", "P1W"), ("the four days", "DURATION", "P4D")]),
])
def test_timex_span_untagged_phrases_and_articles(text: str,
                                                  expected: list[tuple[str, str, str]]) -> None:
    assert tags(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A capitalised deictic inside the name of a programme or paper is no time.
    ("This is VOA Today.", []),
    # ... but a page label glued to a lead that opens with the day is no name.
    ("United Kingdom Yesterday, the U.K. prevented a bill.",
     [("Yesterday", "DATE", "2000-03-09")]),
    ('Baker, speaking on ABC News\' "This Week," said so.', []),
    # "around" before a date is part of it (mod APPROX); before a weekday it is mostly a
    # particle ("get around Wednesday's ruling").
    ("The transaction is expected to close around year end.",
     [("around year end", "DATE", "2000")]),
    ("It is to be completed around Nov. 1.", [("around Nov. 1", "DATE", "1999-11-01")]),
    ("They looked for ways to get around Wednesday's ruling.",
     [("Wednesday", "DATE", "2000-03-08")]),
    # "-long"/"-old" durations before a noun.
    ("They emerged from their third day-long meeting.", [("day-long", "DURATION", "P1D")]),
    ("It ended a years-old slump in tourism.", [("years-old", "DURATION", "PXY")]),
    ("The 6-year-old boy stayed.", []),
])
def test_timex_span_names_around_and_unit_long(text: str,
                                               expected: list[tuple[str, str, str]]) -> None:
    assert tags(text) == expected


def test_timex_week_of_a_month_counts_by_thursdays():
    import datetime as _dt

    from newscoder.timex import TimexTagger

    got = TimexTagger()("In the first week of March 2009, police arrested two officers.",
                        _dt.date(2009, 3, 20))
    assert [(t.text, t.value) for t in got] == [("the first week of March 2009", "2009-W10")]


def test_timex_month_name_after_a_given_name_is_no_date():
    import datetime as _dt

    from newscoder.timex import TimexTagger

    tagger = TimexTagger()
    assert tagger("Elizabeth May, Green Party leader, asked him to join.",
                  _dt.date(2006, 11, 14)) == []
    assert [t.text for t in tagger("In May, the party met.", _dt.date(2006, 11, 14))] == ["May"]
