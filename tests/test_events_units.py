"""Unit checks of the event stage's parts: numbers, event dates from TIMEX3 values, and
the event lexicon tables against the PLOVER types and modes."""

from __future__ import annotations

import csv
import datetime as dt
import math
from importlib import resources

import pytest

from newscoder.events import lexicon as lexicon_module
from newscoder.events import load_event_lexicon
from newscoder.events.dating import event_date
from newscoder.events.quantity import number
from newscoder.records import Timex

DOC_DATE = dt.date(2023, 9, 5)

PLOVER_TYPES = {
    "AGREE": ("verbal_cooperation", 2.5), "CONSULT": ("verbal_cooperation", 2.5),
    "SUPPORT": ("verbal_cooperation", 5), "CONCEDE": ("verbal_cooperation", 4.5),
    "COOPERATE": ("material_cooperation", 9.5), "AID": ("material_cooperation", 10),
    "RETREAT": ("material_cooperation", 6.5), "REQUEST": ("verbal_conflict", 0),
    "ACCUSE": ("verbal_conflict", -3), "REJECT": ("verbal_conflict", -2),
    "THREATEN": ("verbal_conflict", -3.5), "PROTEST": ("material_conflict", -5),
    "SANCTION": ("material_conflict", -6), "MOBILIZE": ("material_conflict", -5.5),
    "COERCE": ("material_conflict", -7), "ASSAULT": ("material_conflict", -9),
}
CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking",
}
FLAGS = lexicon_module.FLAGS


@pytest.fixture(scope="module")
def lex():
    return load_event_lexicon()


def _modes_file() -> dict[str, set[str]]:
    path = resources.files("newscoder") / "data" / "plover" / "modes.tsv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out: dict[str, set[str]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        out.setdefault(row["type"], set()).add(row["mode"])
    return out


def _rows(lex):
    for kind, table in (("verb", lex.verbs), ("noun", lex.nouns)):
        for lemma, rows in table.items():
            for row in rows:
                yield kind, lemma, row


# -- number -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("12", 12), ("0", 0), ("1,200", 1200), ("2.5", 2.5), ("1,000,000", 1_000_000),
    ("one", 1), ("twelve", 12), ("Twelve", 12), ("TWENTY", 20), ("ninety", 90),
    ("dozen", 12), ("hundred", 100), ("thousand", 1000), ("million", 1_000_000),
    ("billion", 1_000_000_000),
])
def test_events_units_number_words_and_digits(text, value):
    got = number(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("text", ["", "abc", "people", "12th", "twenty-five-ish", "-"])
def test_events_units_number_rejects_non_numbers(text):
    assert number(text) is None


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "Infinity"])
def test_events_units_number_rejects_float_specials(text):
    got = number(text)
    assert got is None or math.isfinite(got)


# -- event_date -------------------------------------------------------------------------

def _tx(text: str, value: str, type_: str = "DATE") -> Timex:
    return Timex(text=text, start=0, end=len(text), type=type_, value=value)


@pytest.mark.parametrize("text, value, out_value, precision, method", [
    ("September 4, 2023", "2023-09-04", "2023-09-04", "day", "explicit"),
    ("Monday", "2023-09-04", "2023-09-04", "day", "relative"),
    ("April 2019", "2019-04", "2019-04", "month", "explicit"),
    ("this month", "2023-09", "2023-09", "month", "relative"),
    ("1998", "1998", "1998", "year", "explicit"),
    ("last year", "2022", "2022", "year", "relative"),
    # a week is the month its Thursday lies in (2023-W35 runs from 28 August to 3 September)
    ("last week", "2023-W35", "2023-08", "month", "relative"),
    ("last weekend", "2023-W35-WE", "2023-09-02", "day", "relative"),
    ("the third quarter", "2023-Q3", "2023-Q3", "quarter", "relative"),
    ("the first half of 2022", "2022-H1", "2022-H1", "half", "explicit"),
    ("the 90s", "199", "199", "decade", "relative"),
    pytest.param("the 1990s", "199", "199", "decade", "explicit"),
    ("Monday morning", "2023-09-04TMO", "2023-09-04", "day", "relative"),
])
def test_events_units_event_date_precision(text, value, out_value, precision, method):
    got = event_date(_tx(text, value), DOC_DATE)
    assert got is not None
    assert (got.value, got.precision, got.method, got.text) == \
        (out_value, precision, method, text)


def test_events_units_event_date_time_value_is_day():
    got = event_date(_tx("10 a.m. on Monday", "2023-09-04T10:00", "TIME"), DOC_DATE)
    assert got is not None
    assert (got.value, got.precision) == ("2023-09-04", "day")


@pytest.mark.parametrize("text", ["now", "currently", "at present"])
def test_events_units_event_date_present_ref_is_document_day(text):
    got = event_date(_tx(text, "PRESENT_REF"), DOC_DATE)
    assert got is not None
    assert (got.value, got.precision, got.method) == ("2023-09-05", "day", "relative")


@pytest.mark.parametrize("text, value, type_", [
    ("three days", "P3D", "DURATION"),
    ("two years", "P2Y", "DURATION"),
    ("every week", "P1W", "SET"),
    ("in the past", "PAST_REF", "DATE"),
    ("in future", "FUTURE_REF", "DATE"),
    ("every June", "XXXX-06", "DATE"),
])
def test_events_units_event_date_none_without_calendar_time(text, value, type_):
    assert event_date(_tx(text, value, type_), DOC_DATE) is None


# -- lexicon tables -----------------------------------------------------------------------

def test_events_units_lexicon_loads_nonempty(lex):
    assert len(lex.verbs) > 50
    assert len(lex.nouns) > 20
    assert {"say", "report"} <= lex.speech_verbs
    assert lex.light_verbs
    assert load_event_lexicon() is lex  # cached


def test_events_units_lexicon_row_types_are_plover(lex):
    bad = [(k, lemma, row.event_type) for k, lemma, row in _rows(lex)
           if row.event_type not in PLOVER_TYPES]
    assert bad == []


def test_events_units_lexicon_row_modes_listed_for_type(lex):
    modes = _modes_file()
    bad = [(k, lemma, row.event_type, row.mode) for k, lemma, row in _rows(lex)
           if row.mode is not None and row.mode not in modes.get(row.event_type, set())]
    assert bad == []


def test_events_units_lexicon_row_contexts_and_flags_known(lex):
    bad_ctx = [(lemma, c) for _, lemma, row in _rows(lex) for c in row.context
               if c not in CONTEXTS]
    bad_flags = [(lemma, f) for _, lemma, row in _rows(lex) for f in row.flags
                 if f not in FLAGS]
    assert bad_ctx == []
    assert bad_flags == []
    assert set(lex.contexts.values()) <= CONTEXTS


def test_events_units_lexicon_conditioned_rows_tried_first(lex):
    for lemma, rows in lex.verbs.items():
        keys = [(r.particle is None, not r.objects) for r in rows]
        assert keys == sorted(keys), lemma


@pytest.mark.parametrize("kind, word, status", [
    ("aux", "will", "future"), ("aux", "could", "hypothetical"), ("aux", "not", "negated"),
    ("mark", "if", "hypothetical"), ("verb", "expect", "future"),
])
def test_events_units_modality_table(lex, kind, word, status):
    assert lex.modality[(kind, word)] == status
    assert set(lex.modality.values()) <= {"future", "hypothetical", "negated"}


# -- scores and quads of the 16 types -------------------------------------------------------

def test_events_units_exactly_the_sixteen_types(lex):
    assert set(lex.quads) == set(PLOVER_TYPES)
    assert set(lex.scores) == set(PLOVER_TYPES)


@pytest.mark.parametrize("event_type", sorted(PLOVER_TYPES))
def test_events_units_type_quad_and_score(lex, event_type):
    quad, score = PLOVER_TYPES[event_type]
    assert lex.quads[event_type] == quad
    assert lex.scores[event_type] == score
    assert lex.score(event_type, None) == score
    assert lex.score(event_type, "no-such-mode") == score
    assert -10 <= score <= 10


def test_events_units_required_recipients(lex):
    assert lex.requires_recipient == {"AID", "COOPERATE", "SANCTION"}


@pytest.mark.parametrize("event_type, mode, score", [
    ("CONSULT", "visit", 4), ("RETREAT", "disarm", 10), ("REQUEST", "change", -1),
    ("ACCUSE", "investigate", -3.5), ("PROTEST", "riot", -7), ("SANCTION", "expel", -5.5),
    ("MOBILIZE", "police", -5.5), ("COERCE", "cyber", -7.5),
    ("ASSAULT", "suicide-attack", -10), ("ASSAULT", "crowd-control", -7.5),
])
def test_events_units_mode_score_replaces_type_score(lex, event_type, mode, score):
    assert lex.score(event_type, mode) == score


def test_events_units_mode_scores_within_range_and_types(lex):
    for (event_type, _mode), score in lex.mode_scores.items():
        assert event_type in PLOVER_TYPES
        assert -10 <= score <= 10
        # a mode keeps the sign of its type: cooperation stays >= 0, conflict <= 0
        if PLOVER_TYPES[event_type][0].endswith("cooperation"):
            assert score >= 0
        else:
            assert score <= 0.5  # REQUEST assist is +0.5 in PLOVER
