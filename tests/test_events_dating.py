"""An event's own time, one rule at a time, on hand-made sentences: the governing time
expression, the time of the event it depends on, tense with the article's reference time,
ranges, weeks and weekdays, and the time-word table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newscoder.events.dating import (
    Anchors,
    anchor_timexes,
    date_for,
    document_date,
    event_date,
    tense,
    time_words,
)
from newscoder.records import EventDate, Timex
from newscoder.timex import TimexTagger

DOC_DATE = dt.date(2006, 8, 25)  # a Friday


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger()


def _date(nlp: Any, tagger: TimexTagger, text: str, trigger: str,
          doc_date: dt.date = DOC_DATE) -> EventDate | None:
    doc = nlp(text)
    anchors = anchor_timexes(doc, tagger(text, doc_date), doc_date)
    token = next(t for t in doc if t.text == trigger)
    return date_for(token, anchors)


def _value_method(nlp: Any, tagger: TimexTagger, text: str, trigger: str,
                  doc_date: dt.date = DOC_DATE) -> tuple[str, str]:
    """The date's value and the method that found it (the trigger must be dated)."""
    got = _date(nlp, tagger, text, trigger, doc_date)
    assert got is not None
    return got.value, got.method


def test_events_dating_time_words_table_has_every_kind():
    words = time_words()
    for kind in ("past_aux", "pluperfect_aux", "perfect_aux", "future_aux", "range_start",
                 "range_span", "weekday", "dependent_prep", "sequence_prep", "background",
                 "gap_after", "gap_before"):
        assert words[kind], kind
    assert "since" in words["range_start"] and "wednesday" in words["weekday"]
    # a word may not be both past and perfect: the tense would depend on the row order
    assert not words["past_aux"] & words["perfect_aux"]


@pytest.mark.parametrize("text, trigger, value, method", [
    ("Troops attacked the village on Wednesday.", "attacked", "2006-08-23", "relative"),
    ("Rebels seized the town in 1973.", "seized", "1973", "explicit"),
    ("Police arrested 200 people last month.", "arrested", "2006-07", "relative"),
    ("In June, Kim said he would meet Putin.", "meet", "2006-06", "relative"),
])
def test_events_dating_governing_time_expression(nlp, tagger, text, trigger, value, method):
    assert _value_method(nlp, tagger, text, trigger) == (value, method)


def test_events_dating_since_is_a_range_to_the_document_date(nlp, tagger):
    got = _date(nlp, tagger, "North Korea has conducted six nuclear tests since 2006.",
                "conducted", dt.date(2023, 9, 5))
    assert got is not None
    assert (got.value, got.precision, got.end) == ("2006", "year", "2023-09-05")
    assert got.to_dict()["end"] == "2023-09-05"


def test_events_dating_past_duration_is_a_span(nlp, tagger):
    got = _date(nlp, tagger, "Over the past three years, the army attacked rebel camps.",
                "attacked")
    assert got is not None
    assert (got.value, got.precision, got.end) == ("2003", "year", "2006-08-25")


def test_events_dating_unknown_length_is_no_date():
    # "for decades": no calendar time, and above all not the publication date
    assert event_date(Timex("decades", 0, 7, "DURATION", "PXDE"), DOC_DATE) is None
    assert event_date(Timex("three days", 0, 10, "DURATION", "P3D"), DOC_DATE) is None


def test_events_dating_point_has_no_end_in_its_record():
    assert "end" not in document_date(DOC_DATE).to_dict()


def test_events_dating_weekday_in_past_clause_is_the_one_before(nlp, tagger):
    # the resolver reads "will" from the later clause and puts Wednesday ahead
    got = _date(nlp, tagger, "Chavez arrived in Beijing, Wednesday, beginning a visit that "
                "will see new agreements.", "arrived")
    assert got is not None
    assert got.value == "2006-08-23"


def test_events_dating_dependent_event_time(nlp, tagger):
    assert _value_method(nlp, tagger, "After the talks on Thursday, Chavez said that Hu agreed to "
                         "support the bid.", "agreed") == ("2006-08-24", "dependent")


def test_events_dating_past_tense_takes_the_lead_reference_day(nlp, tagger):
    text = ("Police clashed with protesters in the capital on Wednesday. "
            "Officers arrested the leaders of the march.")
    assert _value_method(nlp, tagger, text, "arrested") == ("2006-08-23", "tense")


def test_events_dating_reference_day_is_the_one_nearest_the_lead_root(nlp, tagger):
    # "on Monday" dates the talks, a phrase of the subject's modifier; "on Wednesday"
    # dates the signing the lead reports: the story is Wednesday's
    text = ("After talks with rebel leaders on Monday, the ministers signed the accord on "
            "Wednesday. Soldiers arrested two officers.")
    assert _value_method(nlp, tagger, text, "arrested") == ("2006-08-23", "tense")


def test_events_dating_past_tense_without_reference_is_the_day_of_publication(nlp, tagger):
    # a lead that names no day tells the news of the day the article came out
    got = _date(nlp, tagger, "Officers arrested the leaders of the march.", "arrested")
    assert got is not None
    assert (got.value, got.precision, got.method) == ("2006-08-25", "day", "tense")


@pytest.mark.parametrize("text, trigger", [
    ("Israel recently imposed a ban on paper shipments to Gaza.", "imposed"),
    ("The president has previously called for the refugees to return home.", "called"),
    ("The plan was announced during a recent summit of the African Union.", "summit"),
    ("The minister was originally opposed by the party.", "opposed"),
])
def test_events_dating_background_event_is_the_month(nlp, tagger, text, trigger):
    # marked as from before the story's day: not the reference day, not the day itself
    text = "Police clashed with protesters in the capital on Wednesday. " + text
    got = _date(nlp, tagger, text, trigger)
    assert got is not None
    assert (got.value, got.precision, got.method) == ("2006-08", "month", "tense")


def test_events_dating_background_word_of_another_clause_does_not_count(nlp, tagger):
    # "recent" marks the fighting, not the arrests
    text = ("Police clashed with protesters in the capital on Wednesday. "
            "Officers arrested the leaders who had organised the recent marches.")
    got = _date(nlp, tagger, text, "arrested")
    assert got is not None
    assert got.value == "2006-08-23"


def test_events_dating_possessive_day_is_no_reference(nlp, tagger):
    # "Wednesday's blast" names the day of an earlier event the story refers back to
    text = ("A suicide bomber killed a police chief in Mosul. The chief was inspecting the "
            "scene of Wednesday's blast when gunmen ambushed his convoy.")
    assert _value_method(nlp, tagger, text, "killed") == ("2006-08-25", "tense")


def test_events_dating_own_phrase_time_before_the_reporting_clause(nlp, tagger):
    text = ("The group announced on Monday that it had kidnapped two tourists vacationing "
            "in Tunisia on February 22, 2006.")
    assert _value_method(nlp, tagger, text, "kidnapped") == ("2006-02-22", "explicit")
    reported = _date(nlp, tagger, text, "announced")
    assert reported is not None and reported.value == "2006-08-21"


def test_events_dating_clause_of_a_noun_is_not_an_own_phrase(nlp, tagger):
    # "claims that she had been involved ... in 1983": the year belongs to the claims
    got = _date(nlp, tagger, "Moreno refuted claims that she had been involved in the "
                "murder in 1983.", "refuted")
    assert got is not None
    assert got.value != "1983"


def test_events_dating_pluperfect_lies_before_the_reference_day(nlp, tagger):
    text = ("Police clashed with protesters on Wednesday. "
            "The officers had demanded a pay rise.")
    got = _date(nlp, tagger, text, "demanded")
    assert got is not None
    assert (got.value, got.precision) == ("2006-08", "month")


@pytest.mark.parametrize("text, trigger", [
    ("The minister has condemned the bombing.", "condemned"),  # perfect: news of the day
    ("The minister will visit Beijing.", "visit"),
    ("The ministers meet in Beijing.", "meet"),
])
def test_events_dating_non_past_clauses_have_no_tense_date(nlp, tagger, text, trigger):
    assert _date(nlp, tagger, text, trigger) is None


def test_events_dating_event_before_its_clause_gets_no_tense_date(nlp, tagger):
    # the summit came months before the meeting: the coder dates it from an earlier mention
    assert _date(nlp, tagger, "The meeting took place months after a summit in Hanoi.",
                 "summit") is None


@pytest.mark.parametrize("text, trigger, want", [
    ("The police arrested him.", "arrested", "past"),
    ("He was arrested.", "arrested", "past"),
    ("They had fled.", "fled", "pluperfect"),
    ("They have fled.", "fled", "perfect"),
    ("They will flee.", "flee", "future"),
    ("The president decided to dismiss the general.", "dismiss", "past"),
])
def test_events_dating_tense(nlp, text, trigger, want):
    doc = nlp(text)
    assert tense(next(t for t in doc if t.text == trigger)) == want


def test_events_dating_plain_list_keeps_the_old_contract(nlp, tagger):
    # a caller with a bare list of anchors (no reference time) gets no tense date
    doc = nlp("Officers arrested the leaders of the march.")
    anchors = anchor_timexes(doc, [], DOC_DATE)
    assert isinstance(anchors, Anchors)
    assert date_for(doc[1], list(anchors)) is None


def test_events_dating_span_before_year_one_names_no_date() -> None:
    import datetime as dt

    from newscoder.events.dating import _span_date
    from newscoder.records import Timex

    timex = Timex(text="the past 5,000 years", start=0, end=20, type="DURATION",
                  value="P5000Y")
    assert _span_date(timex, dt.date(2020, 1, 1)) is None


def test_events_dating_vague_recent_span_is_a_range(nlp, tagger):
    # "in recent weeks": a few weeks up to the time of writing, not no time at all
    got = _date(nlp, tagger, "Pakistan has suffered from a wave of bomb attacks in recent "
                "weeks.", "suffered")
    assert got is not None
    assert (got.value, got.precision, got.end) == ("2006-08", "month", "2006-08-25")


@pytest.mark.parametrize("text, trigger, value", [
    ("He was removed from the party three days after being convicted of fraud.",
     "convicted", "2006-08-22"),
    ("The attack came on Wednesday, a day after the court banned two party members.",
     "banned", "2006-08-22"),
    ("The fighting came on Wednesday, just a week before the president arrives in the "
     "region.", "arrives", "2006-08-30"),
])
def test_events_dating_measured_gap_to_the_clause_above(nlp, tagger, text, trigger, value):
    assert _value_method(nlp, tagger, text, trigger) == (value, "dependent")


def test_events_dating_unmeasured_after_is_no_gap(nlp, tagger):
    text = ("Police clashed with protesters in the capital on Wednesday. "
            "Officers arrested the leaders after the march ended.")
    got = _date(nlp, tagger, text, "ended")
    assert got is not None
    assert got.method == "tense"


def test_events_dating_weekday_of_a_reduced_passive_is_the_one_before(nlp, tagger):
    # "given by the House on Wednesday" is done, though the clause around it is future
    got = _date(nlp, tagger, "The senators will be backing the plan, in spite of approval "
                "of the bill given by the House on Wednesday.", "given")
    assert got is not None
    assert got.value == "2006-08-23"


def test_events_dating_relative_clause_takes_the_time_of_what_it_describes(nlp, tagger):
    text = "One of the planners of the USS Cole bombing in 2000 that killed 17 sailors in Yemen " \
        "has been freed."
    assert _value_method(nlp, tagger, text, "killed") == ("2000", "dependent")


def test_events_dating_relative_clause_with_its_own_time_keeps_it(nlp, tagger):
    got = _date(nlp, tagger, "The bombing in 2000 that killed 17 sailors on Monday was "
                "recalled.", "killed")
    assert got is not None and got.value != "2000"


def test_events_dating_backshifted_report_takes_the_time_of_the_saying(nlp, tagger):
    # "I have signed" reported as "he had signed": signed that day, not before it
    got = _date(nlp, tagger, "Medvedev announced that he had signed the document.", "signed")
    assert got is not None
    assert got.precision == "day"


def test_events_dating_announced_future_is_not_dated_by_the_saying(nlp, tagger):
    assert _date(nlp, tagger, "The minister said that New Zealand would help the kingdom.",
                 "help") is None


def test_events_dating_reported_clause_keeps_a_background_mark(nlp, tagger):
    got = _date(nlp, tagger, "He said that the army had previously rejected the plan.",
                "rejected")
    assert got is not None
    assert (got.value, got.precision) == ("2006-08", "month")


def test_events_dating_time_carried_by_an_adverb_is_the_events_own(nlp, tagger):
    got = _date(nlp, tagger, "As recently as two weeks ago, Edwards still denied any "
                "affair.", "denied")
    assert got is not None
    assert got.method == "relative" and got.value.startswith("2006-08")


@pytest.mark.parametrize("value, precision, news", [
    ("2006-08-25", "day", True),   # the day of publication
    ("2006-08-21", "day", True),   # earlier that week
    ("2006-08-11", "day", False),  # two weeks before: another occurrence
    ("2006-08-28", "day", False),  # a coming day
    ("2006-08", "month", True),
    ("2006", "year", True),
    ("2005", "year", False),
])
def test_events_dating_news_time_is_the_week_up_to_publication(value, precision, news):
    from newscoder.events.dating import news_time

    assert news_time(EventDate(value, precision, None, "relative"), DOC_DATE) is news


def test_events_dating_weekday_of_a_future_clause_is_the_coming_one(nlp, tagger):
    # the document date is a Friday: "Thursday" read as past by the words around it
    got = _date(nlp, tagger, "The spokesman stated that the minister would visit the city "
                "for negotiations on Thursday.", "visit")
    assert got is not None
    assert got.value == "2006-08-31"


def test_events_dating_past_event_takes_the_sentences_only_earlier_time(nlp, tagger):
    # "last year" hangs from "offered", under "said"; the refusal, joined to "said", has
    # no time of its own or above it, and came then
    text = ("Ms Jackson said the union offered arbitration last year, but the state "
            "government refused.")
    got = _date(nlp, tagger, text, "refused")
    assert got is not None
    assert (got.value, got.precision) == ("2005", "year")


@pytest.mark.parametrize("text, trigger", [
    # the time of a participle phrase that describes something else
    ("The radio station, founded in 2001 to promote peace, was closed by the government.",
     "closed"),
    # a time after publication is no past event's
    ("He was charged with riot and bailed to appear in court on September 6.", "charged"),
])
def test_events_dating_sentence_time_that_is_not_the_events(nlp, tagger, text, trigger):
    assert _value_method(nlp, tagger, text, trigger) == ("2006-08-25", "tense")


def test_events_dating_conjoined_verb_shares_its_partners_time(nlp, tagger):
    # "on Monday" hangs from "released", joined to "kidnapped" with the same subject:
    # the kidnapping is Monday's too, not the lead's Wednesday
    text = ("Police clashed with protesters in the capital on Wednesday. Gunmen kidnapped "
            "the engineer and released him on Monday.")
    assert _value_method(nlp, tagger, text, "kidnapped") == ("2006-08-21", "relative")


def test_events_dating_conjoined_verb_with_its_own_subject_keeps_its_time(nlp, tagger):
    # "the army freed him on Monday": a subject of its own, a clause of its own
    text = ("Police clashed with protesters in the capital on Wednesday. Gunmen kidnapped "
            "the engineer, and the army freed him on Monday.")
    assert _value_method(nlp, tagger, text, "kidnapped") == ("2006-08-23", "tense")
