"""Durations (P3D, P2Y, PT5H ...) and sets (every week, annually)."""

from __future__ import annotations

import datetime as dt

import pytest

from newscoder.timex import TimexTagger

DCT = dt.date(2023, 9, 5)
TAGGER = TimexTagger()


def tags(text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER(text, DCT)]


@pytest.mark.parametrize("text, span, value", [
    ("The strike lasted three days.", "three days", "P3D"),
    ("He served two years in prison.", "two years", "P2Y"),
    ("The talks went on for five hours.", "five hours", "PT5H"),
    ("The flight took 45 minutes.", "45 minutes", "PT45M"),
    ("It signed a two-year contract.", "two-year", "P2Y"),
    ("Prices rose in the past two months.", "the past two months", "P2M"),
    ("Sales rose in the first nine months.", "the first nine months", "P9M"),
    ("He waited for nearly three years.", "nearly three years", "P3Y"),
    ("They lived there for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("The war lasted a decade.", "a decade", "P10Y"),
    ("It took a few days.", "a few days", "PXD"),
    ("Talks could take several weeks.", "several weeks", "PXW"),
    ("The meeting lasted half an hour.", "half an hour", "PT30M"),
])
def test_timex_duration(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "DURATION", value)]


@pytest.mark.parametrize("text, span, value", [
    ("The council meets every week.", "every week", "P1W"),
    ("The paper is published daily.", "daily", "P1D"),
    ("The market opens each Thursday.", "each Thursday", "XXXX-WXX-4"),
    ("Elections are held twice a year.", "twice a year", "P1Y"),
    ("He earns $5 a day.", "a day", "P1D"),
])
def test_timex_set(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "SET", value)]


@pytest.mark.parametrize("text, span, value, mod", [
    # "nearly" is inside the extent, "almost" mostly outside in TimeBank.
    ("Talks have been cut off for nearly two years.", "nearly two years", "P2Y", "APPROX"),
    ("It is the lowest figure for almost two decades.", "two decades", "P20Y", None),
    ("They kept the secret for more than two thousand years.",
     "more than two thousand years", "P2000Y", "MORE_THAN"),
    ("He got a week instead of the four days first offered.", "the four days", "P4D", None),
])
def test_timex_duration_modifier_and_determiner_in_extent(text: str, span: str, value: str,
                                                          mod: str | None) -> None:
    found = [(t.text, t.value, t.mod) for t in TAGGER(text, DCT) if t.type == "DURATION"]
    assert (span, value, mod) in found


def test_timex_set_each_month() -> None:
    assert tags("Orangemen march each July through the town.") == [
        ("each July", "SET", "XXXX-07")]


@pytest.mark.parametrize("text, span, value", [
    ("The shop is closed on Mondays.", "Mondays", "XXXX-WXX-1"),
    ("Two new flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
])
def test_timex_set_plural_weekday(text: str, span: str, value: str) -> None:
    assert tags(text) == [(span, "SET", value)]
