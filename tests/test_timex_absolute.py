"""Absolute dates: numeric and written dates, months, years, decades, quarters ..."""

from __future__ import annotations

import datetime as dt

import pytest

from newscoder.timex import TimexTagger

DCT = dt.date(2023, 9, 5)  # a Tuesday
TAGGER = TimexTagger()


def only(text: str, date: dt.date = DCT) -> tuple[str, str, str]:
    found = TAGGER(text, date)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.type, t.value


@pytest.mark.parametrize("text, span, value", [
    ("It opened on 2021-03-04 in Paris.", "2021-03-04", "2021-03-04"),
    ("The deal was signed 3/4/2021 in Paris.", "3/4/2021", "2021-03-04"),
    ("He was born on April 4, 1949, in Ohio.", "April 4, 1949", "1949-04-04"),
    ("It was held on Friday, Oct. 23, 1998.", "Friday, Oct. 23, 1998", "1998-10-23"),
    ("It happened on the 4th of September 2023.", "the 4th of September 2023", "2023-09-04"),
    ("It happened on 4 September 2023.", "4 September 2023", "2023-09-04"),
    ("They met on Sept. 3 in Rome.", "Sept. 3", "2023-09-03"),
    ("The vote will be on Sep. 4.", "Sep. 4", "2023-09-04"),
])
def test_timex_absolute_day(text: str, span: str, value: str) -> None:
    assert only(text) == (span, "DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("They last met in April 2019.", "April 2019", "2019-04"),
    ("In June, Kim said he would come.", "June", "2023-06"),
    ("Prices rose in late December.", "late December", "2022-12"),
    ("The talks will resume in March next year.", "March next year", "2024-03"),
    ("Sales rose in January this year.", "January this year", "2023-01"),
    ("He said he will visit in October.", "October", "2023-10"),
])
def test_timex_absolute_month(text: str, span: str, value: str) -> None:
    assert only(text) == (span, "DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("The law dates from 1990.", "1990", "1990"),
    ("It has been in force since 2006.", "2006", "2006"),
    ("Profit fell in fiscal 1989.", "fiscal 1989", "1989"),
    ("Crime rose in the 1990s.", "the 1990s", "199"),
    ("It was built in the early 1980s.", "the early 1980s", "198"),
    ("It was common in the 20th century.", "the 20th century", "19"),
    ("The song is from nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ("Profit rose in the third quarter.", "the third quarter", "2023-Q3"),
    ("It posted third-quarter profit.", "third-quarter", "2023-Q3"),
    ("Sales fell in the second quarter of 2022.", "the second quarter of 2022", "2022-Q2"),
    ("Growth slowed in the first half of 2022.", "the first half of 2022", "2022-H1"),
    ("The treaty was signed last spring.", "last spring", "2023-SP"),
    ("The summit is planned for the summer of 2024.", "the summer of 2024", "2024-SU"),
    ("They met last Thanksgiving.", "last Thanksgiving", "2022-11-24"),
])
def test_timex_absolute_coarse(text: str, span: str, value: str) -> None:
    assert only(text) == (span, "DATE", value)


@pytest.mark.parametrize("text", [
    "You may go home.",
    "Theresa May said so.",
    "The march was peaceful.",
    "He paid $1990 for it.",
    "About 2000 people marched.",
])
def test_timex_absolute_rejects(text: str) -> None:
    assert TAGGER(text, DCT) == []


@pytest.mark.parametrize("text, span, value", [
    ("The bomb went off at 10:35 a.m. on Friday.", "10:35 a.m. on Friday", "2023-09-01T10:35"),
    ("The deadline is 5 p.m. EST Tuesday.", "5 p.m. EST Tuesday", "2023-09-05T17:00"),
    ("Markets closed at 16:08 UTC.", "16:08 UTC", "2023-09-05T16:08Z"),
    ("The offer expires at midnight Friday.", "midnight Friday", "2023-09-01T24"),
])
def test_timex_absolute_time(text: str, span: str, value: str) -> None:
    assert only(text) == (span, "TIME", value)


@pytest.mark.parametrize("text, span, value", [
    # Years said in words, as broadcast transcripts write them.
    ("Prices hit that level in the winter of nineteen ninety-four.",
     "the winter of nineteen ninety-four", "1994-WI"),
    ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven",
     "1997-01"),
    ("It was signed on March eighth, two thousand one.", "March eighth, two thousand one",
     "2001-03-08"),
    # A day of the month as an ordinal word, and a weekday named with its date.
    # Open ends of a year ("or later", "and beyond") belong to the expression.
    ("It won't be profitable until 1994 or later.", "1994 or later", "1994"),
    ("It is confident about cash flow for 1990 and beyond.", "1990 and beyond", "1990"),
])
def test_timex_absolute_spoken_and_open_ended(text: str, span: str, value: str) -> None:
    assert only(text) == (span, "DATE", value)


def test_timex_absolute_weekday_with_ordinal_day_word() -> None:
    assert only("Women's Day is this coming Sunday, March eighth.", dt.date(1998, 3, 3)) == (
        "this coming Sunday, March eighth", "DATE", "1998-03-08")


def test_timex_absolute_paired_day_and_election_day() -> None:
    found = [(t.text, t.value) for t in TAGGER("The summit was held on April 24 and 25.", DCT)]
    assert found == [("April 24", "2023-04-24"), ("25", "2023-04-25")]
    assert [t.text for t in TAGGER("He was born on April 24 and 25 people died.", DCT)] == [
        "April 24"]
    assert only("Voters will go to the polls on Election Day.", dt.date(1998, 10, 26)) == (
        "Election Day", "DATE", "1998-11-03")


def test_timex_absolute_bare_part_of_day() -> None:
    assert only("By mid afternoon, officials said it was over.", dt.date(1998, 3, 6)) == (
        "mid afternoon", "TIME", "1998-03-06TAF")
