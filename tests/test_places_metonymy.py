"""Capitals, seats of power and countries that act are metonyms, not locations."""

from __future__ import annotations

import pytest

from newscoder.places import locate_event


@pytest.mark.parametrize("text,name,expected", [
    ("Moscow denied the report on Monday.", "Moscow", "metonym"),
    ("Moscow and Beijing denied the report.", "Beijing", "metonym"),
    ("Iran is accused of supplying Moscow with weapons.", "Moscow", "metonym"),
    ("Pyongyang has never had diplomatic ties with Seoul.", "Pyongyang", "metonym"),
    ("Thousands marched in Moscow on Sunday.", "Moscow", "location"),
    ("The ministers met in Ankara last week.", "Ankara", "location"),
])
def test_places_metonymy_roles(finder, nlp, text, name, expected):
    doc = nlp(text)
    start = text.index(name)
    place = finder.resolve_spans(doc, [(start, start + len(name))])[0]
    assert place.role == expected


@pytest.mark.parametrize("text,trigger,expected", [
    ("Putin will travel to Russia from Beijing next week.", "travel", "Russia"),
    ("Kim arrived at Vladivostok after a trip through China.", "arrived", "Vladivostok"),
    ("Gunmen from Laos attacked a village in Vietnam.", "attacked", "Vietnam"),
    ("The Russian ambassador to Turkey was shot in Ankara.", "shot", "Ankara"),
    ("Moscow denied the report.", "denied", None),
])
def test_places_locate_event(finder, nlp, text, trigger, expected):
    doc = nlp(text)
    places = finder(doc)
    tok = next(t for t in doc if t.text == trigger)
    place = locate_event(places, tok)
    assert (place.text if place else None) == expected


def test_places_metonymy_relations_between_capitals(nlp) -> None:
    from newscoder.places.metonymy import role

    doc = nlp("Officials voiced concern over Moscow-Pyongyang relations and ties with "
                     "Beijing.")
    by_text = {t.text: t for t in doc}
    assert role(by_text["Moscow"], "PPLC", "Moscow") == "metonym"
    assert role(by_text["Pyongyang"], "PPLC", "Pyongyang") == "metonym"
    assert role(by_text["Beijing"], "PPLC", "Beijing") == "metonym"
